/**
 * The bureau's word on the findings: acknowledgements written at the place
 * with a reason, per-rule severity in edition.yaml; and Chinese first: a
 * Chinese block without English is an `untranslated` TODO, found where it is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { loadAndCheck } from '../../src/build.js';
import { run } from '../../src/cli/run.js';
import { loadEdition } from '../../src/load/index.js';
import { captureIo, copySample, edit, lineOf, SAMPLE } from '../helpers.js';

describe('acknowledged findings', () => {
  it('the sample passes check --strict with Table 4 rounding acknowledged, still listed with its reason', async () => {
    const io = captureIo();
    expect(await run(['check', SAMPLE, '--strict'], io)).toBe(0);
    const out = io.stdout.join('\n');
    expect(out).toMatch(/0 errors, 0 warnings, \d+ notes, 3 acknowledged/);
    expect(out).toContain('acknowledged warning  表4 合计 · 税收总收入（亿元）: 374.51 + 94.21 + 102.67 = 571.39');
    expect(out).toContain('原报告公布的合计数为571.38亿元');
    const json = captureIo();
    await run(['check', SAMPLE, '--format', 'json'], json);
    const parsed = JSON.parse(json.stdout.join('\n'));
    expect(parsed.summary.acknowledged).toBe(3);
    expect(parsed.findings.filter((f: { acknowledged?: unknown }) => f.acknowledged)).toHaveLength(3);
  });

  it('an acknowledgement without a reason is an error at its place', () => {
    const dir = copySample();
    const file = path.join(dir, 'tables/belt-tax.yaml');
    edit(file, /\n    reason: 原报告公布的合计数[^\n]*/, '');
    const { findings } = loadEdition(dir);
    const e = findings.find((f) => f.severity === 'error' && f.place.file === file);
    expect(e?.message).toMatch(/reason/);
  });

  it('an acknowledgement that no longer matches a finding is reported, and the finding it covered is gone', async () => {
    const dir = copySample();
    const file = path.join(dir, 'tables/belt-tax.yaml');
    edit(file, 'tax: 571.38', 'tax: 571.39');
    const { findings } = await loadAndCheck({ edition: dir });
    const stale = findings.find((f) => f.ruleId === 'review/acknowledged');
    expect(stale?.severity).toBe('warning');
    expect(stale?.message).toContain('no longer there');
  });

  it(':ack[reason]{rule=…} in a block accepts that rule there; it prints nothing', async () => {
    const dir = copySample();
    const en = path.join(dir, 'en/02-targets.md');
    edit(en, 'In line with the above general requirements', 'In line with the above general requirements, at 12345678 places');
    const before = (await loadAndCheck({ edition: dir })).findings.filter((f) => f.place.file === en && !f.acknowledged);
    expect(before.some((f) => f.ruleId === 'typography')).toBe(true);
    edit(en, 'at 12345678 places', 'at 12345678 places :ack[a number as the Chinese prints it]{rule=typography}');
    const after = (await loadAndCheck({ edition: dir })).findings.filter((f) => f.place.file === en && f.ruleId === 'typography');
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((f) => f.acknowledged?.reason === 'a number as the Chinese prints it')).toBe(true);
  });

  it('per-rule severity in edition.yaml re-grades a rule, listed in the summary and check.html; open work cannot be re-graded', async () => {
    const dir = copySample();
    fs.appendFileSync(path.join(dir, 'edition.yaml'), 'severity:\n  table-arithmetic: info\n');
    // One of Table 4's roundings no longer acknowledged: graded a note, it fails not even --strict.
    edit(path.join(dir, 'tables', 'belt-tax.yaml'), /\n  - rule: table-arithmetic\n    at: total\/tax\n[^\n]*/, '');
    const io = captureIo();
    expect(await run(['check', dir, '--strict'], io)).toBe(0);
    const out = io.stdout.join('\n');
    expect(out).toContain('severity set in edition.yaml: table-arithmetic → info');
    expect(out).toMatch(/ info  表4 合计 · 税收总收入（亿元）.*table-arithmetic \(warning by default; edition.yaml\)/);
    const outDir = path.join(path.dirname(dir), 'out');
    expect(await run(['build', dir, '--force', '--format', 'html', '--out', outDir], captureIo())).toBe(0);
    const doc = new JSDOM(fs.readFileSync(path.join(outDir, 'check.html'), 'utf8')).window.document;
    expect(doc.querySelector('.severities')?.textContent).toContain('table-arithmetic → info');
    expect(doc.querySelectorAll('.finding.acknowledged .ack')).toHaveLength(2);
    expect(doc.querySelector('.finding.info .graded')?.textContent).toContain('warning by default');

    fs.appendFileSync(path.join(dir, 'edition.yaml'), '  todo: info\n');
    const { findings } = await loadAndCheck({ edition: dir });
    expect(findings.find((f) => f.ruleId === 'review/severity')?.message).toContain('cannot be re-graded');
  });
});

describe('Chinese first', () => {
  const newParagraph = '全年新增市场主体2.6万户，区域营商环境持续优化。';

  it('a Chinese paragraph without its English: check exits 0 with an untranslated TODO at the paragraph', async () => {
    const dir = copySample();
    const zh = path.join(dir, 'zh/01-review.md');
    edit(zh, '## （二）', `${newParagraph}\n\n## （二）`);
    const io = captureIo();
    expect(await run(['check', dir], io)).toBe(0);
    const { findings } = await loadAndCheck({ edition: dir });
    const todo = findings.filter((f) => f.ruleId === 'untranslated');
    expect(todo).toHaveLength(1);
    expect(todo[0].place).toMatchObject({ file: zh, line: lineOf(zh, newParagraph) });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('build --lang zh shows it; the English edition and the bilingual view show it marked untranslated', async () => {
    const dir = copySample();
    edit(path.join(dir, 'zh/01-review.md'), '## （二）', `${newParagraph}\n\n## （二）`);
    const out = path.join(path.dirname(dir), 'out');
    expect(await run(['build', dir, '--lang', 'zh', '--format', 'html', '--out', out], captureIo())).toBe(0);
    const zhDoc = new JSDOM(fs.readFileSync(path.join(out, 'zh/index.html'), 'utf8')).window.document;
    expect(zhDoc.body.textContent).toContain(newParagraph);
    expect(zhDoc.querySelector('.draft-banner')).not.toBeNull();
    expect(await run(['build', dir, '--format', 'html', '--out', out], captureIo())).toBe(0);
    for (const page of ['en/index.html', 'bilingual.html']) {
      const doc = new JSDOM(fs.readFileSync(path.join(out, page), 'utf8')).window.document;
      const marked = [...doc.querySelectorAll('.untranslated')];
      expect(marked, page).toHaveLength(1);
      expect(marked[0].textContent).toContain(newParagraph);
      expect(marked[0].textContent).toContain('Not yet translated');
    }
    // The block after it still pairs with its own translation.
    const bi = new JSDOM(fs.readFileSync(path.join(out, 'bilingual.html'), 'utf8')).window.document;
    const row = [...bi.querySelectorAll('.bi-row')].find((r) => r.querySelector('.lang-zh')?.textContent?.includes('（二）'));
    expect(row?.querySelector('.lang-en')?.textContent).toContain('(2)');
  });

  it('a chapter drafted in Chinese only (no English file yet) loads, every block untranslated', async () => {
    const dir = copySample();
    fs.rmSync(path.join(dir, 'en/02-targets.md'));
    const { findings } = await loadAndCheck({ edition: dir });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.find((f) => f.ruleId === 'untranslated')?.message).toContain('has no English file yet');
  });

  it('an English paragraph split in two is reported at the split, not at the chapter end', () => {
    const dir = copySample();
    const en = path.join(dir, 'en/01-review.md');
    const text = fs.readFileSync(en, 'utf8');
    const lines = text.split('\n');
    const k = lines.findIndex((l, i) => i > 10 && l.length > 200 && /:num\[/.test(l) && /:num\[.*:num\[/.test(l.slice(l.indexOf('. ') + 2)));
    const cut = lines[k].indexOf('. ') + 2;
    lines.splice(k, 1, lines[k].slice(0, cut).trimEnd(), '', lines[k].slice(cut));
    fs.writeFileSync(en, lines.join('\n'));
    const { findings } = loadEdition(dir);
    const e = findings.filter((f) => f.ruleId === 'load/structure');
    expect(e).toHaveLength(1);
    expect(e[0].place.line).toBe(k + 3);
    expect(e[0].message).toContain('split in two here');
  });
});
