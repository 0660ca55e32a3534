import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/check/index.js';
import { loadEdition } from '../../src/load/index.js';
import { copySample, edit, lineOf, SAMPLE } from '../helpers.js';

function check(dir: string) {
  const { edition, findings } = loadEdition(dir);
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  const stats: Record<string, number> = {};
  return { edition: edition!, found: runChecks(edition!, { stats }).filter((f) => f.ruleId === 'references'), stats };
}

describe('rule references', () => {
  it('on the sample: no error and no note (citation notes are opt-in), every :num examined', () => {
    const { edition, found, stats } = check(SAMPLE);
    expect(found).toEqual([]);
    const text = edition.chapters.map((c) => fs.readFileSync(c.docs.zh.file, 'utf8') + fs.readFileSync(c.docs.en.file, 'utf8')).join('');
    const nums = (text.match(/:num\[/g) ?? []).length;
    expect(stats.references).toBe(nums + edition.tables.length + edition.figures.length);
  });

  it('with require_citations: a note for each table or figure never cited', () => {
    const dir = copySample();
    fs.appendFileSync(path.join(dir, 'edition.yaml'), 'require_citations: true\n');
    const { edition, found } = check(dir);
    expect(found.filter((f) => f.severity !== 'info')).toEqual([]);
    const text = edition.chapters.map((c) => fs.readFileSync(c.docs.zh.file, 'utf8') + fs.readFileSync(c.docs.en.file, 'utf8')).join('');
    const uncited = [...edition.tables, ...edition.figures].filter((t) => !text.includes(`:num[${t.id}/`) && !text.includes(`:ref[${t.id}]`));
    expect(uncited.length).toBeGreaterThan(0);
    expect(found.map((f) => f.place.file).sort()).toEqual(uncited.map((t) => t.file).sort());
  });

  it('reports a data reference to a cell that states no figure, at the reference', () => {
    const dir = copySample();
    const zh = path.join(dir, 'zh/01-review.md');
    edit(zh, ':num[main-indicators/unemployed/target]', ':num[main-indicators/gdp-growth/target]');
    const { found } = check(dir);
    const e = found.find((f) => f.severity === 'error')!;
    expect(e.place).toMatchObject({ file: zh, line: lineOf(zh, 'gdp-growth/target') });
    expect(e.other?.file).toBe(path.join(dir, 'tables/main-indicators.yaml'));
  });

  it('accepts a reference to a cell not yet filled in ([x]), which the todo rule reports', () => {
    const dir = copySample();
    edit(path.join(dir, 'tables/main-indicators.yaml'), /actual: 1480亿元/, "actual: '[x]'");
    const { found } = check(dir);
    expect(found.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('reports a table that is never placed, at its file', () => {
    const dir = copySample();
    const zh = path.join(dir, 'zh/03-tasks.md');
    const en = path.join(dir, 'en/03-tasks.md');
    for (const f of [zh, en]) edit(f, '::table{#greening-tasks}\n', '');
    const { found } = check(dir);
    expect(found.find((f) => f.severity === 'error')!.place.file).toBe(path.join(dir, 'tables/greening-tasks.yaml'));
  });
});
