import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/diagnostics.js';
import { loadEdition } from '../src/load/index.js';
import { copySample, edit, lineOf, SAMPLE } from './helpers.js';

function errors(dir: string): Finding[] {
  return loadEdition(dir).findings.filter((f) => f.severity === 'error');
}

describe('loader on the sample edition', () => {
  const { edition, findings } = loadEdition(SAMPLE);

  it('loads without errors', () => {
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(edition).toBeDefined();
  });

  it('numbers tables and figures by placement in the Chinese text', () => {
    const placed: string[] = [];
    for (const ch of edition!.chapters) {
      for (const line of fs.readFileSync(ch.docs.zh.file, 'utf8').split('\n')) {
        const m = /^::table\{#([\w-]+)\}/.exec(line);
        if (m) placed.push(m[1]);
      }
    }
    expect(placed.length).toBe(edition!.tables.length);
    for (const [i, id] of placed.entries()) expect(edition!.tables.find((t) => t.id === id)!.number).toBe(i + 1);
    expect(edition!.figures.map((f) => f.number)).toEqual([1]);
  });

  it('keeps numbers with their written precision', () => {
    const yaml = fs.readFileSync(path.join(SAMPLE, 'tables/industry-tax.yaml'), 'utf8');
    const written = /share:\s*([\d.]+)\s*$/m.exec(yaml.slice(yaml.indexOf('id: total')))![1];
    const total = edition!.tables.find((t) => t.id === 'industry-tax')!.rows.find((r) => r.id === 'total')!;
    expect(total.cells.share.quantity!.digits).toBe(written);
    expect(written.endsWith('0')).toBe(true);
  });

  it('gives headings the same structural ids in both languages', () => {
    for (const ch of edition!.chapters) {
      const ids = (lang: 'zh' | 'en') =>
        ch.docs[lang].tree.children.filter((n) => n.type === 'heading').map((h) => (h.data as { hProperties: { id: string } }).hProperties.id);
      expect(ids('en')).toEqual(ids('zh'));
      for (const id of ids('zh')) expect(id).toMatch(/^sec-\d+(-\d+)*$/);
    }
  });

  it('parses value cells into figures with direction and qualifier', () => {
    const t1 = edition!.tables.find((t) => t.id === 'main-indicators')!;
    const inv = t1.rows.find((r) => r.id === 'investment')!.cells.target.quantity!;
    expect(inv).toMatchObject({ direction: 'up', qualifier: 'over', unit: '%' });
    const unemployed = t1.rows.find((r) => r.id === 'unemployed')!.cells.target.quantity!;
    expect(unemployed).toMatchObject({ unit: '人' });
  });
});

describe('loader errors point at the place to edit', () => {
  it('reports bad YAML at its line and column', () => {
    const dir = copySample();
    const file = path.join(dir, 'tables/industry-tax.yaml');
    edit(file, 'caption:', 'caption: [unclosed');
    const e = errors(dir);
    expect(e.some((f) => f.place.file === file && f.ruleId === 'load/yaml')).toBe(true);
  });

  it('reports an unknown column at its key', () => {
    const dir = copySample();
    const file = path.join(dir, 'tables/industry-tax.yaml');
    edit(file, /    tax: 280\.01/, '    taxx: 280.01');
    const e = errors(dir).find((f) => f.ruleId === 'load/unknown-column')!;
    expect(e.message).toContain('"taxx"');
    expect(e.place).toMatchObject({ file, line: lineOf(file, 'taxx:'), column: 5 });
  });

  it('reports a non-number in a number column', () => {
    const dir = copySample();
    const file = path.join(dir, 'tables/industry-tax.yaml');
    edit(file, /tax: 280\.01/, 'tax: 1,480.5.2');
    const e = errors(dir).find((f) => f.ruleId === 'load/not-a-number')!;
    expect(e.message).toContain('1,480.5.2');
    expect(e.place.line).toBe(lineOf(file, '1,480.5.2'));
  });

  it('reports a duplicate row id', () => {
    const dir = copySample();
    const file = path.join(dir, 'tables/industry-tax.yaml');
    edit(file, 'id: finance', 'id: trade');
    const e = errors(dir).find((f) => f.ruleId === 'load/duplicate-id')!;
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const second = lines.findIndex((l, i) => l.includes('id: trade') && i + 1 > lineOf(file, 'id: trade'));
    expect(e.message).toContain('"trade"');
    expect(e.place.line).toBe(second + 1);
  });

  it('reports a reference to a missing table and to a missing cell', () => {
    const dir = copySample();
    const file = path.join(dir, 'zh/01-review.md');
    edit(file, '::table{#industry-tax}', '::table{#industry-taxes}');
    edit(file, 'main-indicators/retail-sales/actual', 'main-indicators/retail-sale/actual');
    const e = errors(dir);
    expect(e.find((f) => f.message.includes('no table "industry-taxes"'))!.place).toMatchObject({ file, line: lineOf(file, 'industry-taxes') });
    expect(e.find((f) => f.message.includes('no row "retail-sale"'))!.place).toMatchObject({ file, line: lineOf(file, 'retail-sale/actual') });
  });

  it('reports an English chapter without its Chinese, at its entry in edition.yaml (Chinese first: the reverse is a TODO)', () => {
    const dir = copySample();
    fs.rmSync(path.join(dir, 'zh/02-targets.md'));
    const e = errors(dir).find((f) => f.ruleId === 'load/chapter-missing')!;
    expect(e.message).toContain('02-targets');
    expect(e.place.file).toBe(path.join(dir, 'edition.yaml'));
    expect(e.place.line).toBe(lineOf(path.join(dir, 'edition.yaml'), '02-targets'));
  });

  it('reports a zh/en structure mismatch at the English block, with the Chinese as the other side', () => {
    const dir = copySample();
    const en = path.join(dir, 'en/02-targets.md');
    const text = fs.readFileSync(en, 'utf8');
    fs.writeFileSync(en, text.replace('::table{#plan-targets}', 'An extra paragraph.\n\n::table{#plan-targets}'));
    const e = errors(dir).find((f) => f.ruleId === 'load/structure')!;
    expect(e.place).toMatchObject({ file: en, line: lineOf(en, 'An extra paragraph.') });
    expect(e.other?.file).toBe(path.join(dir, 'zh/02-targets.md'));
    expect(e.message).toMatch(/English blocks \d+ and \d+ stand where the Chinese has one block|English block \d+ \(a paragraph\) has no Chinese counterpart/);
  });

  it('reports several errors at once', () => {
    const dir = copySample();
    edit(path.join(dir, 'tables/industry-tax.yaml'), /tax: 280\.01/, 'tax: abc');
    edit(path.join(dir, 'tables/belt-tax.yaml'), /tax: 374\.51/, 'tax: xyz');
    expect(errors(dir).filter((f) => f.ruleId === 'load/not-a-number')).toHaveLength(2);
  });
});
