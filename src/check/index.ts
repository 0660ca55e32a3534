/**
 * The check stage: runs every rule over the loaded edition and returns the
 * findings. `baogao build` refuses to write outputs when one is an error.
 */
import type { Finding } from '../diagnostics.js';
import type { Edition } from '../model.js';
import { referencesRule } from './references.js';
import { zhVsEnRule } from './figures-zh-en.js';
import { proseVsTableRule } from './prose-vs-table.js';
import { tableArithmeticRule } from './table-arithmetic.js';
import { countsRule } from './counts.js';
import { percentOfPlanRule } from './percent-of-plan.js';
import { pointDifferenceRule } from './point-difference.js';
import { ratiosRule } from './ratios.js';
import { carryOverRule } from './carry-over.js';
import { glossaryRule } from './glossary.js';
import { typographyRule } from './typography.js';
import { todoRule } from './todo.js';
import { carriedRule } from './carried.js';
import { staleYearsRule } from './stale-years.js';
import { untranslatedRule } from './untranslated.js';
import { applyReview } from './acknowledge.js';
import { OPEN_RULES } from '../report/open-items.js';
import { xmlCharactersRule } from './xml-characters.js';
import type { FigureStatusEntry, Rule } from './rule.js';
import type { CheckMemo } from './memo.js';
export { CheckMemo } from './memo.js';

/** Every rule, in the order their findings are reported. */
export const RULES: Rule[] = [
  referencesRule,
  zhVsEnRule,
  proseVsTableRule,
  tableArithmeticRule,
  ratiosRule,
  percentOfPlanRule,
  pointDifferenceRule,
  countsRule,
  carryOverRule,
  glossaryRule,
  typographyRule,
  todoRule,
  carriedRule,
  staleYearsRule,
  untranslatedRule,
  xmlCharactersRule,
];

export interface CheckOptions {
  previous?: Edition;
  /** Filled with the number of figures each rule examined. */
  stats?: Record<string, number>;
  /** Filled with per-figure statuses, for the check report. */
  figures?: FigureStatusEntry[];
  /** What the previous run checked (`watch` keeps one between saves). */
  memo?: CheckMemo;
}

/**
 * Runs all rules; returns their findings, graded as edition.yaml says and
 * marked where the bureau acknowledged them.
 */
export function runChecks(edition: Edition, opts: CheckOptions = {}): Finding[] {
  const findings: Finding[] = [];
  // `build` checks once: recording what it would replay costs more than it saves, so it runs without a memo.
  const memo = opts.memo;
  memo?.nextRun();
  for (const rule of RULES) {
    let count = 0;
    rule.run({
      edition,
      previous: opts.previous,
      memo,
      report: (f) => findings.push({ ...f, ruleId: f.ruleId ?? rule.id }),
      examined: (n = 1) => void (count += n),
      status: opts.figures ? (place, status, detail) => void opts.figures?.push({ place, status, detail, ruleId: rule.id }) : undefined,
    });
    if (opts.stats) opts.stats[rule.id] = count;
  }
  return applyReview(
    edition,
    findings,
    RULES.map((r) => r.id),
  );
}

/**
 * Whether the check will find an open item, without running the other
 * rules: a build lays out the Chinese page (whose draft mark this decides)
 * and hands it to Chromium while the rest of the check runs (issue 17).
 * Exact for open items, which no review setting removes (acknowledge.ts);
 * only errors, which a build prints past with --force alone, also make a
 * draft. The rules run are the open-item rules and references, which reports
 * a figure not filled in as `todo`.
 */
export function findsOpenItems(edition: Edition, previous: Edition | undefined): boolean {
  let found = false;
  for (const rule of RULES) {
    if (!OPEN_RULES.has(rule.id) && rule !== referencesRule) continue;
    rule.run({ edition, previous, report: (f) => void (found ||= OPEN_RULES.has(f.ruleId ?? rule.id)), examined: () => undefined });
    if (found) return true;
  }
  return false;
}
