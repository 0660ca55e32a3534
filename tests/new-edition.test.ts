/**
 * `baogao new`: the 2024 edition made from the sample (the 2023 edition).
 * The targets of the new execution table are the sample's plan, the results
 * are empty, every other table is marked stale, `runChecks` lists what is
 * left to fill as TODO findings, the carry-over rule against the sample is
 * clean, and the sample itself is not touched.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { executionTable, planTable } from '../src/model/next-edition.js';
import { runChecks } from '../src/check/index.js';
import { run } from '../src/cli/run.js';
import type { Finding } from '../src/diagnostics.js';
import { loadEdition } from '../src/load/index.js';
import type { Edition, Table } from '../src/model.js';
import { captureIo, SAMPLE, tempDir } from './helpers.js';

/** Every file under `dir`, hashed: path → sha256. */
function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

let before: Record<string, string>;
let to: string;
let io: ReturnType<typeof captureIo>;
let code: number;
let sample: Edition;
let next: Edition;
let loadFindings: Finding[];

beforeAll(async () => {
  before = hashTree(SAMPLE);
  to = path.join(tempDir(), 'editions', '2024');
  io = captureIo();
  code = await run(['new', '2024', '--from', SAMPLE, '--to', to], io);
  sample = loadEdition(SAMPLE).edition!;
  const loaded = loadEdition(to);
  next = loaded.edition!;
  loadFindings = loaded.findings;
});

const table = (e: Edition, id: string): Table => e.tables.find((t) => t.id === id)!;

describe('baogao new 2024 from the sample', () => {
  it('succeeds and says what to do next', () => {
    expect(code, io.stderr.join('\n')).toBe(0);
    const text = io.stderr.join('\n');
    expect(text).toContain(`baogao check ${to} --previous ${SAMPLE}`);
    expect(text).toMatch(/9 targets carried/);
  });

  it('leaves the sample edition untouched', () => {
    expect(hashTree(SAMPLE)).toEqual(before);
  });

  it('advances the metadata', () => {
    expect(next.meta.reviewYear).toBe(sample.meta.reviewYear + 1);
    expect(next.meta.planYear).toBe(2024);
    expect(next.meta.date).toBe('2024-01-01');
    expect(next.meta.title.zh).toBe('关于静安区2023年国民经济和社会发展规划执行情况与2024年国民经济和社会发展计划草案的报告');
    expect(next.meta.title.en).toContain('Implementation of the 2023 Plan');
    expect(next.meta.title.en).toContain('on the 2024 Draft Plan');
    expect(next.meta.titleLines.zh.join('')).toBe(next.meta.title.zh);
    // The annex's edition label moves on a year with the title.
    expect(next.meta.editionLabel).toEqual({ zh: '2023年规划执行情况、2024年计划草案', en: 'Implementation of the 2023 plan and the draft plan for 2024' });
    expect(next.meta.session?.zh).toContain('2024年×月×日');
    expect(next.meta.session?.zh).not.toMatch(/2023年1月5日/);
    expect(next.meta.session?.en).toContain('[day] [month] 2024');
    expect(next.meta.chapterOrder).toEqual(sample.meta.chapterOrder);
  });

  it('keeps the YAML as written: comments, flow maps and quoting outside the edited values', () => {
    const text = fs.readFileSync(path.join(to, 'edition.yaml'), 'utf8');
    const old = fs.readFileSync(path.join(SAMPLE, 'edition.yaml'), 'utf8');
    expect(text).toContain('# TODO (baogao new)');
    // Lines that carry no year are unchanged.
    const unchanged = old.split('\n').filter((l) => !/20\d\d/.test(l));
    for (const line of unchanged) expect(text.split('\n')).toContain(line);
    const belt = fs.readFileSync(path.join(to, 'tables', 'belt-tax.yaml'), 'utf8');
    expect(belt).toBe(
      fs
        .readFileSync(path.join(SAMPLE, 'tables', 'belt-tax.yaml'), 'utf8')
        .replace(/^(id: .*\n)/, `$1stale: true  # baogao new: the figures below are from the 2023 edition; update them, then delete this line\n`),
    );
  });

  it('carries the plan targets into the new execution table, row by row', () => {
    const plan = planTable(sample.tables)!;
    const exec = executionTable(next.tables)!;
    expect(plan.id).toBe('plan-targets');
    expect(exec.id).toBe('main-indicators');
    expect(exec.rows.map((r) => r.id)).toEqual(plan.rows.map((r) => r.id));
    for (const row of exec.rows) {
      const target = plan.rows.find((r) => r.id === row.id)!.cells.target;
      expect(row.cells.target.text, row.id).toEqual(target.text);
      expect(row.cells.target.quantity, row.id).toEqual(target.quantity);
      expect(row.cells.indicator.text).toEqual(plan.rows.find((r) => r.id === row.id)!.cells.indicator.text);
    }
    // The note on last year's label (preliminary figures) stays with its row.
    expect(exec.rows.find((r) => r.id === 'foreign-trade')!.cells.indicator.note).toBe('preliminary');
    expect(exec.caption.zh).toBe('2023年国民经济和社会发展规划主要指标完成情况');
  });

  it('empties the results column ([x])', () => {
    const exec = table(next, 'main-indicators');
    for (const row of exec.rows) {
      expect(row.cells.actual.text, row.id).toEqual({ zh: '', en: '' });
      expect(row.cells.actual.quantity, row.id).toBeUndefined();
    }
    const yaml = parseDocument(fs.readFileSync(path.join(to, 'tables', 'main-indicators.yaml'), 'utf8')).toJS() as { rows: { actual: string }[] };
    expect(yaml.rows.every((r) => r.actual === '[x]')).toBe(true);
  });

  it('marks every other table stale and advances the years in captions', () => {
    for (const t of next.tables) expect(t.stale ?? false, t.id).toBe(t.id !== 'main-indicators');
    expect(table(next, 'plan-targets').caption.zh).toBe('2024年国民经济和社会发展主要预期目标');
    // The figures themselves are last year's until the editors replace them.
    const cells = (e: Edition, id: string) => table(e, id).rows.map((r) => Object.values(r.cells).map((c) => c.text));
    for (const t of sample.tables.filter((x) => x.id !== 'main-indicators')) expect(cells(next, t.id), t.id).toEqual(cells(sample, t.id));
  });

  it('copies the narrative as the starting draft', () => {
    for (const lang of ['zh', 'en']) {
      for (const ch of sample.meta.chapterOrder) {
        expect(fs.readFileSync(path.join(to, lang, `${ch}.md`), 'utf8')).toBe(fs.readFileSync(path.join(SAMPLE, lang, `${ch}.md`), 'utf8'));
      }
    }
  });

  it('reports each empty result, each stale table and chart, the placeholders and the targets carried as text as TODO findings', () => {
    const todo = runChecks(next).filter((f) => f.ruleId === 'todo');
    const exec = table(next, 'main-indicators');
    const emptyCells = exec.rows.map((r) => r.cells.actual.place);
    const staleTables = next.tables.filter((t) => t.stale).map((t) => t.place);
    const staleFigures = next.figures.filter((f) => f.stale).map((f) => f.place);
    expect(staleFigures).toHaveLength(next.figures.length);
    // date, session.zh, session.en
    const placeholders = ['date', 'session.zh', 'session.en'].map((k) => next.meta.places[k]);
    // Targets the plan states as text where last year's Table 1 had a figure, and each :num citing one (zh and en).
    const carriedCells = next.carried!.cells;
    expect(carriedCells).toContain('main-indicators/unemployed/target');
    const citing = todo.filter((f) => f.message.startsWith(':num['));
    expect(citing.length).toBeGreaterThanOrEqual(2);
    expect(todo.map((f) => f.place)).toEqual(expect.arrayContaining([...emptyCells, ...staleTables, ...staleFigures, ...placeholders]));
    expect(todo).toHaveLength(emptyCells.length + staleTables.length + staleFigures.length + placeholders.length + carriedCells.length + citing.length);
    expect(todo.every((f) => f.place.file.startsWith(to))).toBe(true);
  });

  it('has no load error but the prose and chart references to the emptied results', () => {
    // The narrative still cites last year's results (:num[main-indicators/…/actual]);
    // those references have no figure until the editors fill the cells in.
    const emptied = new Set(table(next, 'main-indicators').rows.map((r) => `main-indicators/${r.id}/`));
    const errors = loadFindings.filter((f) => f.severity === 'error');
    for (const f of errors) {
      expect(f.ruleId, `${f.place.file}:${f.place.line} ${f.message}`).toBe('reference/missing');
      expect(
        [...emptied].some((p) => f.message.includes(p)),
        f.message,
      ).toBe(true);
    }
  });

  it('passes the carry-over rule against the sample (--previous)', () => {
    const findings = runChecks(next, { previous: sample }).filter((f) => f.ruleId === 'carry-over');
    expect(findings).toEqual([]);
    const stats: Record<string, number> = {};
    runChecks(next, { previous: sample, stats });
    expect(stats['carry-over']).toBe(table(next, 'main-indicators').rows.length);
  });
});

describe('baogao new copies the edition, not its build', () => {
  it("leaves out the source's output/ folder and hidden leftovers", async () => {
    const root = tempDir();
    const copy = path.join(root, 'ed');
    fs.cpSync(SAMPLE, copy, { recursive: true });
    fs.mkdirSync(path.join(copy, 'output', 'zh'), { recursive: true });
    fs.writeFileSync(path.join(copy, 'output', 'zh', 'index.html'), '<p>last year</p>');
    fs.mkdirSync(path.join(copy, '.output-staging-1-abc'));
    const target = path.join(root, '2024');
    expect(await run(['new', '2024', '--from', copy, '--to', target], captureIo())).toBe(0);
    // The sample's own files, plus the record of what new carried over (issue 13).
    expect(fs.readdirSync(target).sort()).toEqual([...fs.readdirSync(SAMPLE), 'carried-over.yaml'].sort());
  });
});

describe('baogao new refuses', () => {
  it('to overwrite an existing folder (usage error, exit 2)', async () => {
    const existing = tempDir();
    const io2 = captureIo();
    expect(await run(['new', '2024', '--from', SAMPLE, '--to', existing], io2)).toBe(2);
    expect(io2.stderr.join('\n')).toMatch(/already exists.*--to/);
    expect(fs.readdirSync(existing)).toEqual([]);
  });

  it('a year that does not follow the source edition', async () => {
    const io2 = captureIo();
    const target = path.join(tempDir(), 'x');
    expect(await run(['new', '2026', '--from', SAMPLE, '--to', target], io2)).toBe(2);
    expect(io2.stderr.join('\n')).toContain('baogao new 2024');
    expect(fs.existsSync(target)).toBe(false);
  });

  it('to create the new edition inside the source', async () => {
    const copy = path.join(tempDir(), 'ed');
    fs.cpSync(SAMPLE, copy, { recursive: true });
    const io2 = captureIo();
    expect(await run(['new', '2024', '--from', copy, '--to', path.join(copy, 'next')], io2)).toBe(2);
    expect(fs.existsSync(path.join(copy, 'next'))).toBe(false);
  });

  it('to create the new edition inside the source through a symlink, with a usage error (not EINVAL)', async () => {
    const root = tempDir();
    const copy = path.join(root, 'ed');
    fs.cpSync(SAMPLE, copy, { recursive: true });
    fs.symlinkSync(copy, path.join(root, 'link'));
    const io2 = captureIo();
    expect(await run(['new', '2024', '--from', copy, '--to', path.join(root, 'link', 'next')], io2)).toBe(2);
    expect(io2.stderr.join('\n')).toMatch(/lies inside the source edition/);
    expect(io2.stderr.join('\n')).not.toContain('unexpected error');
    expect(fs.readdirSync(copy).sort()).toEqual(fs.readdirSync(SAMPLE).sort());
  });

  it('a folder that is not an edition', async () => {
    const io2 = captureIo();
    expect(await run(['new', '2024', '--from', tempDir(), '--to', path.join(tempDir(), 'y')], io2)).toBe(2);
    expect(io2.stderr.join('\n')).toMatch(/not an edition folder.*--from/);
  });
});
