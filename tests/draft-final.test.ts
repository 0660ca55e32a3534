/**
 * From draft to print: `baogao new` hands over an edition without errors
 * whose every carried-over part is listed as to-review; a build while
 * anything is open marks every output as a draft (read back: HTML with
 * jsdom, the workbook with exceljs, the PDF with pdfjs); `build --final`
 * refuses and lists what is open; the finished sample builds unmarked.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { JSDOM } from 'jsdom';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAndCheck } from '../src/build.js';
import { run } from '../src/cli/run.js';
import type { Finding } from '../src/diagnostics.js';
import { createEdition } from '../src/new-edition/index.js';
import { captureIo, lineOf, SAMPLE, tempDir } from './helpers.js';

const tmp = tempDir('baogao-draft-');
const ed = path.join(tmp, 'e2024');
let findings: Finding[];

const at = (rel: string) => (f: Finding) => f.place.file === path.join(ed, rel);

beforeAll(async () => {
  createEdition({ year: 2024, from: SAMPLE, to: ed });
  ({ findings } = await loadAndCheck({ edition: ed, previous: SAMPLE }));
});

describe('a new edition lists what it carried over', () => {
  it('has no errors: the target carried as text and the sentence citing it are TODOs', () => {
    expect(findings.filter((f) => f.severity === 'error' && !f.acknowledged)).toEqual([]);
    const cell = findings.find((f) => f.ruleId === 'todo' && at('tables/main-indicators.yaml')(f) && f.message.includes('城镇登记失业人数'));
    expect(cell?.message).toContain('完成市下达目标');
    for (const lang of ['zh', 'en']) {
      const cites = findings.find((f) => f.ruleId === 'todo' && at(`${lang}/01-review.md`)(f) && f.message.includes(':num[main-indicators/unemployed/target]'));
      expect(cites, lang).toBeDefined();
    }
  });

  it('lists the opening as carried over, and its years of last edition', () => {
    const file = path.join(ed, 'zh/00-opening.md');
    const line = lineOf(file, '现将静安区2022年');
    expect(findings.some((f) => f.ruleId === 'carried' && at('zh/00-opening.md')(f) && f.place.line === line)).toBe(true);
    const years = findings.filter((f) => f.ruleId === 'stale-years' && at('zh/00-opening.md')(f)).map((f) => f.actual);
    expect(years).toEqual(['2022', '2023']);
  });

  it('lists each chapter heading that names a year, in both languages and in the contents', () => {
    for (const [chapter, year] of [
      ['01-review', '2022'],
      ['02-targets', '2023'],
      ['03-tasks', '2023'],
    ]) {
      for (const lang of ['zh', 'en']) {
        const hit = findings.find((f) => f.ruleId === 'stale-years' && at(`${lang}/${chapter}.md`)(f) && f.place.line === 1);
        expect(hit?.actual, `${lang}/${chapter}`).toBe(year);
        expect(findings.some((f) => f.ruleId === 'carried' && at(`zh/${chapter}.md`)(f) && f.place.line === 1)).toBe(true);
      }
    }
  });

  it('lists Figure 1, the session fields, the date and every stale table', () => {
    expect(findings.some((f) => f.ruleId === 'todo' && at('figures/budget-revenue.yaml')(f) && f.message.includes('stale'))).toBe(true);
    const yaml = path.join(ed, 'edition.yaml');
    const meta = findings.filter(at('edition.yaml'));
    expect(meta.some((f) => f.ruleId === 'todo' && f.place.line === lineOf(yaml, 'date:'))).toBe(true);
    for (const lang of ['zh', 'en']) {
      const line =
        fs
          .readFileSync(yaml, 'utf8')
          .split('\n')
          .findIndex((l) => l.startsWith(`  ${lang}:`) && /Session|会议/.test(l)) + 1;
      expect(
        meta
          .filter((f) => f.place.line === line)
          .map((f) => f.ruleId)
          .sort(),
        lang,
      ).toEqual(['carried', 'todo']);
    }
    expect(meta.some((f) => f.ruleId === 'carried' && f.message.startsWith('description.zh'))).toBe(true);
    const tables = fs.readdirSync(path.join(ed, 'tables')).filter((n) => n !== 'main-indicators.yaml');
    for (const t of tables)
      expect(
        findings.some((f) => f.ruleId === 'todo' && at(`tables/${t}`)(f) && f.message.includes('stale: true')),
        t,
      ).toBe(true);
  });

  it('stops listing a block once its text changes or it is marked :confirmed', async () => {
    const dir = path.join(tmp, 'reviewed');
    fs.cpSync(ed, dir, { recursive: true });
    const review = path.join(dir, 'zh/01-review.md');
    const text = fs.readFileSync(review, 'utf8');
    const lines = text.split('\n');
    const para = lines.findIndex((l) => l.startsWith('2022年是极不平凡的一年'));
    const heading = lines.findIndex((l) => l.startsWith('## （一）'));
    lines[para] = lines[para].replace('2022年是极不平凡的一年', '2023年是全面贯彻党的二十大精神的开局之年');
    lines[heading] += ' :confirmed';
    fs.writeFileSync(review, lines.join('\n'));
    const { findings: after } = await loadAndCheck({ edition: dir });
    const carried = (line: number) => after.some((f) => f.ruleId === 'carried' && f.place.file === review && f.place.line === line);
    expect(carried(para + 1)).toBe(false);
    expect(carried(heading + 1)).toBe(false);
    expect(carried(1)).toBe(true);
    // The rewritten Chinese leaves its English to update.
    const en = after.find((f) => f.ruleId === 'carried' && f.place.file === path.join(dir, 'en/01-review.md') && f.other?.line === para + 1);
    expect(en?.message).toContain('its English is still');
    // :confirmed prints nothing.
    const html = (await import('../src/render/html/view-model.js')).langView((await import('../src/load/index.js')).loadEdition(dir).edition!, 'zh');
    expect(JSON.stringify(html)).not.toContain('confirmed');
    // Next year starts afresh: the confirmation does not carry into the 2025 edition.
    const next = path.join(tmp, 'e2025');
    createEdition({ year: 2025, from: dir, to: next });
    expect(fs.readFileSync(path.join(next, 'zh/01-review.md'), 'utf8')).not.toContain(':confirmed');
    const { findings: later } = await loadAndCheck({ edition: next });
    expect(later.some((f) => f.ruleId === 'carried' && f.place.file === path.join(next, 'zh/01-review.md') && f.place.line === heading + 1)).toBe(true);
  });
});

describe('draft or final', () => {
  const out = path.join(tmp, 'out');
  let code: number;

  beforeAll(async () => {
    code = await run(['build', ed, '--out', out, '--format', 'html,xlsx,pdf', '--lang', 'zh,en'], captureIo());
  }, 300_000);

  it('builds an edition with open items without --final, every output marked as a draft', async () => {
    expect(code).toBe(0);
    for (const page of ['zh/index.html', 'en/index.html', 'bilingual.html']) {
      const doc = new JSDOM(fs.readFileSync(path.join(out, page), 'utf8')).window.document;
      expect(doc.querySelector('.draft-banner')?.textContent, page).toMatch(/征求意见稿|DRAFT/);
      expect(doc.querySelector('.draft-mark'), page).not.toBeNull();
      // The placeholder date is not given out as the document's date.
      expect(doc.querySelector('meta[name="date"]'), page).toBeNull();
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'tables.xlsx'));
    expect(wb.worksheets.length).toBeGreaterThan(3);
    for (const ws of wb.worksheets) expect(String(ws.getCell('A1').value), ws.name).toMatch(/^【征求意见稿 DRAFT】/);
    const cover = wb.worksheets[0];
    const coverText: string[] = [];
    cover.eachRow((r) => r.eachCell((c) => void coverText.push(String(c.value))));
    expect(coverText.join('\n')).toContain('征求意见稿：尚有未完成事项');
    // A placeholder is never printed as if it were the session date.
    expect(coverText.join('\n')).toContain('2024年×月×日（待定）');
    expect(coverText.join('\n')).not.toContain('2024年1月1日');
  });

  it('marks every PDF page, the cover included', async () => {
    for (const lang of ['zh', 'en']) {
      const doc = await getDocument({
        data: new Uint8Array(fs.readFileSync(path.join(out, lang, 'report.pdf'))),
        isEvalSupported: false,
        disableFontFace: true,
        verbosity: 0,
      }).promise;
      expect(doc.numPages).toBeGreaterThan(10);
      for (let i = 1; i <= doc.numPages; i++) {
        const runs = (await (await doc.getPage(i)).getTextContent()).items.flatMap((it) => ('str' in it ? [it] : []));
        const items = runs.map((it) => it.str);
        // The mark: the large diagonal text the page carries besides its own (72 pt, where the body is 16 pt).
        const mark = runs
          .filter((it) => Math.hypot(it.transform[0], it.transform[1]) > 40)
          .map((it) => it.str)
          .join('')
          .replace(/\s/g, '');
        expect(mark, `${lang} page ${i}`).toBe(lang === 'zh' ? '征求意见稿' : 'DRAFT');
        if (i === 1) expect(items.join('')).toMatch(lang === 'zh' ? /征求意见稿：尚有未完成事项/ : /DRAFT: items are still open/);
      }
    }
  }, 120_000);

  it('refuses --final while anything is open, lists it, and writes nothing', async () => {
    const io = captureIo();
    const target = path.join(tmp, 'final');
    expect(await run(['build', ed, '--final', '--out', target, '--format', 'html,xlsx'], io)).toBe(1);
    const err = io.stderr.join('\n');
    expect(err).toMatch(/build --final refuses: \d+ open items \(TODO\)/);
    expect(err).toContain('figures/budget-revenue.yaml:1:1');
    expect(err).toContain('is marked stale: true');
    expect(fs.existsSync(target)).toBe(false);
  });

  it('builds the finished sample unmarked with --final', async () => {
    const target = path.join(tmp, 'sample');
    expect(await run(['build', SAMPLE, '--final', '--out', target, '--format', 'html,xlsx'], captureIo())).toBe(0);
    for (const page of ['zh/index.html', 'en/index.html', 'bilingual.html']) {
      const doc = new JSDOM(fs.readFileSync(path.join(target, page), 'utf8')).window.document;
      expect(doc.querySelector('.draft-banner, .draft-mark'), page).toBeNull();
      expect(doc.body.classList.contains('draft')).toBe(false);
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(target, 'tables.xlsx'));
    for (const ws of wb.worksheets) expect(String(ws.getCell('A1').value)).not.toContain('征求意见稿');
  });

  it('refuses --final together with --force', async () => {
    const io = captureIo();
    expect(await run(['build', SAMPLE, '--final', '--force'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('contradict');
  });
});
