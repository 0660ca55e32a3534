/**
 * The English figures of every output follow the edition's precision rule
 * (two decimals in billions and millions for money): the HTML page, the
 * workbook's English text, on the sample and on a copy whose cell states
 * 1480.46亿元 (RMB 148.05 billion, never RMB 148.046 billion).
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { copySample, edit, TEMPLATES, tempDir } from '../helpers.js';

/** Every amount in millions or billions of a text, with its decimals. */
function amounts(text: string): { text: string; decimals: number }[] {
  return [...text.matchAll(/(?:RMB |US\$)(\d[\d,]*(?:\.(\d+))?) (?:billion|million)/g)].map((m) => ({ text: m[0], decimals: m[2]?.length ?? 0 }));
}

async function workbookTexts(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void (typeof c.value === 'string' && out.push(c.value)))));
  return out;
}

let out: string;

beforeAll(async () => {
  const dir = copySample();
  edit(path.join(dir, 'tables/main-indicators.yaml'), 'actual: 1480亿元', 'actual: 1480.46亿元');
  out = path.join(tempDir(), 'out');
  await build({ edition: dir, out, langs: ['zh', 'en'], formats: ['html', 'xlsx'], force: true, templates: TEMPLATES });
}, 120_000);

describe('English precision in the outputs', () => {
  it('the workbook writes the English of 1480.46亿元 as RMB 148.05 billion, and no amount with more than two decimals', async () => {
    const texts = await workbookTexts(path.join(out, 'tables.xlsx'));
    expect(texts).toContain('RMB 148.05 billion');
    const found = texts.flatMap(amounts);
    expect(found.length).toBeGreaterThan(2);
    expect(found.filter((a) => a.decimals > 2)).toEqual([]);
  });

  it('the English page prints the cell, the :num citing it and every other amount with at most two decimals', () => {
    const doc = new JSDOM(fs.readFileSync(path.join(out, 'en/index.html'), 'utf8')).window.document;
    const text = doc.querySelector('main')!.textContent ?? '';
    // Published pages carry no data keys: the :num citing the cell is the span.num printing its figure.
    expect([...doc.querySelectorAll('main span.num')].map((e) => e.textContent)).toContain('RMB 148.05 billion');
    const found = amounts(text);
    expect(found.length).toBeGreaterThan(10);
    expect(found.filter((a) => a.decimals > 2)).toEqual([]);
    // The Chinese keeps every digit.
    const zh = new JSDOM(fs.readFileSync(path.join(out, 'zh/index.html'), 'utf8')).window.document;
    expect(zh.querySelector('main')!.textContent).toContain('1480.46亿元');
  });
});
