/**
 * The check's memo (src/check/memo.ts): a run that replays what the previous
 * run checked reports exactly what a fresh run reports, after each kind of
 * edit a save can make: a figure in one paragraph, a table cell the prose
 * cites, a line added above other blocks, a glossary term.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CheckMemo, runChecks } from '../../src/check/index.js';
import type { FigureStatusEntry } from '../../src/check/rule.js';
import { loadEdition } from '../../src/load/index.js';
import { clearSourceCache } from '../../src/model/text-places.js';
import { copySample, edit, tempDir } from '../helpers.js';

function check(dir: string, memo?: CheckMemo) {
  clearSourceCache();
  const edition = loadEdition(dir).edition!;
  const stats: Record<string, number> = {};
  const figures: FigureStatusEntry[] = [];
  const findings = runChecks(edition, { stats, figures, memo });
  return { findings, stats, figures };
}

describe('check memo', () => {
  it('replays unchanged texts and re-checks changed ones, as a fresh check would', () => {
    const dir = copySample();
    const memo = new CheckMemo();
    const first = check(dir, memo);
    expect(check(dir, memo)).toEqual(first);
    const steps: [string, () => void][] = [
      ['a figure of one Chinese paragraph', () => edit(path.join(dir, 'zh/01-review.md'), '**791.7**亿元', '**791.9**亿元')],
      ['a table cell', () => edit(path.join(dir, 'tables/main-indicators.yaml'), 'zh: "-1.9%（前三季度）"', 'zh: "-1.8%（前三季度）"')],
      [
        'a line added above every block',
        () => fs.writeFileSync(path.join(dir, 'zh/01-review.md'), '\n' + fs.readFileSync(path.join(dir, 'zh/01-review.md'), 'utf8')),
      ],
      ['a glossary term', () => edit(path.join(dir, 'glossary.yaml'), 'en: VAT credit refunds }', 'en: VAT credit rebates }')],
    ];
    let before = first;
    for (const [what, change] of steps) {
      change();
      const replayed = check(dir, memo);
      const fresh = check(dir);
      expect(replayed, what).toEqual(fresh);
      // The edit is seen: each one changes what the check says.
      expect(JSON.stringify(fresh.findings), what).not.toEqual(JSON.stringify(before.findings));
      before = fresh;
    }
  });

  it('compares a paragraph again when the table cell its figure is linked to changes', () => {
    const dir = path.join(tempDir(), 'edition');
    fs.cpSync(fileURLToPath(new URL('../fixtures/xinxiang-2023', import.meta.url)), dir, { recursive: true });
    // The English slips; the Chinese agrees with its table, so the English is blamed.
    edit(path.join(dir, 'en/01-review.md'), '**RMB 334.76 billion**', '**RMB 337.46 billion**');
    const memo = new CheckMemo();
    const said = (c: ReturnType<typeof check>) => c.findings.filter((f) => f.ruleId === 'zh-vs-en').map((f) => f.message);
    expect(said(check(dir, memo)).join('\n')).toContain('agrees with 表');
    // Now the table disagrees with the Chinese: the paragraph is unchanged, the blame is not.
    edit(path.join(dir, 'tables/economy-results.yaml'), 'level: 3347.6亿元', 'level: 3374.6亿元');
    const replayed = check(dir, memo);
    expect(replayed).toEqual(check(dir));
    expect(said(replayed).join('\n')).toContain('the Chinese is the slip');
  });
});
