/**
 * Two builds of the same edition give byte-identical outputs: every HTML page,
 * asset and font slice, the workbook, the Word copies, and the PDFs (their
 * dates come from the edition, their document ID is fixed), even when the
 * edition is a copy in another folder, given by a relative path the second
 * time. Only check.html, the author's own report, names the files as given.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type Format } from '../src/build.js';
import { sharedSampleBuild } from './sample-build.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A stage is available once its placeholder (which throws "not available") has been replaced. */
function stageAvailable(stage: 'pdf' | 'xlsx'): boolean {
  return !/not available in this version/.test(fs.readFileSync(path.join(ROOT, 'src/render', stage, 'index.ts'), 'utf8'));
}

const formats: Format[] = ['html', ...(['xlsx', 'pdf'] as const).filter(stageAvailable), 'docx'];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'baogao-determinism-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .sort();
}

describe(`two builds of the sample (${formats.join(', ')})`, () => {
  const outs: string[] = [];
  let lists: string[][];

  beforeAll(async () => {
    // The run's shared build, and a second build made here, after it, of a copy of the same snapshot
    // in another folder, given by a relative path: the two share nothing but the code and the bytes of the input.
    const shared = await sharedSampleBuild();
    const elsewhere = path.join(tmp, 'elsewhere', 'deeper', '2023');
    fs.cpSync(shared.edition, elsewhere, { recursive: true });
    outs.push(shared.out, path.join(tmp, 'b'));
    await build({ edition: path.relative(process.cwd(), elsewhere), out: outs[1], langs: ['zh', 'en'], formats, force: false, templates: shared.templates });
    // The kept prints (.baogao/prints, src/render/pdf/print-store.ts) are Chromium's own bytes, which carry
    // its clock in /CreationDate; finishing replaces it, and the PDFs compared here are the finished ones.
    lists = outs.map((o) => filesUnder(o).filter((f) => f !== 'check.html' && !f.startsWith('.baogao')));
  }, 900_000);

  it('write the same files', () => {
    expect(lists[1]).toEqual(lists[0]);
    const expected = ['zh/index.html', 'en/index.html', 'bilingual.html'];
    if (formats.includes('xlsx')) expected.push('tables.xlsx');
    if (formats.includes('pdf')) expected.push('zh/report.pdf', 'en/report.pdf');
    expected.push('zh/report.docx', 'en/report.docx');
    expect(lists[0]).toEqual(expect.arrayContaining(expected.map((f) => f.split('/').join(path.sep))));
  });

  it('with identical bytes', () => {
    const differ = lists[0].filter((f) => !fs.readFileSync(path.join(outs[0], f)).equals(fs.readFileSync(path.join(outs[1], f))));
    expect(differ).toEqual([]);
  });

  it.skipIf(!formats.includes('pdf'))('with PDF dates from the edition, not from the clock', () => {
    const pdf = fs.readFileSync(path.join(outs[0], 'zh', 'report.pdf')).toString('latin1');
    const year = new Date().getFullYear();
    const dates = [...pdf.matchAll(/D:(\d{4})/g)].map((m) => Number(m[1]));
    expect(dates.length).toBeGreaterThan(0);
    // The sample's session date is 2023-01-05; a build stamped with today's date would show this year.
    if (year !== 2023) expect(dates).not.toContain(year);
  });
});
