/**
 * One large table: the sample plus one table of 1,000, 5,000 and 10,000 rows
 * (`makeRows`), built to HTML and XLSX in a fresh process each: time per
 * stage, the size of check.html and peak memory. From 1k to 10k rows nothing
 * may grow more than the rows do (10×, linear), never 100× (quadratic).
 */
import fs from 'node:fs';
import path from 'node:path';
import { makeRows } from '../make-synthetic.js';
import { atMost, progress, runChild, secs, times, type Section } from './measure.js';

export function rowsTable(sizes: number[], tmp: string): Section {
  const results = sizes.map((n) => {
    const edition = makeRows(n, path.join(tmp, `rows-${n}`));
    progress(`  ${n} rows: html+xlsx … `);
    const out = path.join(tmp, `rows-out-${n}`);
    const r = runChild('rows', edition, out);
    progress(`${secs(r.ms)}, ${r.maxRssMB.toFixed(0)} MB\n`);
    const checkHtml = fs.statSync(path.join(out, 'check.html')).size;
    fs.rmSync(out, { recursive: true, force: true });
    return { n, r, checkHtml };
  });
  const stages = ['load', 'check', 'html', 'check report', 'xlsx'];
  const lines = [
    `| rows | total | ${stages.join(' | ')} | check.html | peak RSS |`,
    `|--:|--:|${stages.map(() => '--:|').join('')}--:|--:|`,
    ...results.map(
      ({ n, r, checkHtml }) =>
        `| ${n.toLocaleString('en')} | ${secs(r.ms)} | ${stages.map((k) => secs(r.steps[k])).join(' | ')} | ${(checkHtml / 1048576).toFixed(1)} MB | ${r.maxRssMB.toFixed(0)} MB |`,
    ),
  ];
  const targets = [];
  if (results.length > 1) {
    const [first, last] = [results[0], results[results.length - 1]];
    const f = last.n / first.n;
    const grow = (a: number | undefined, b: number | undefined) => (a && b !== undefined ? b / a : undefined);
    lines.push(
      `| **${last.n / 1000}k ÷ ${first.n / 1000}k** (rows ×${f}; linear ≤ ${f}×) | ${times(grow(first.r.ms, last.r.ms))} | ${stages.map((k) => times(grow(first.r.steps[k], last.r.steps[k]))).join(' | ')} | ${times(grow(first.checkHtml, last.checkHtml))} | ${times(grow(first.r.maxRssMB, last.r.maxRssMB))} |`,
    );
    targets.push(
      ...stages.map((k) =>
        atMost(`one table ${last.n.toLocaleString('en')} ÷ ${first.n.toLocaleString('en')} rows: ${k}`, grow(first.r.steps[k], last.r.steps[k]), f),
      ),
    );
  }
  lines.push('');
  return { lines, targets };
}
