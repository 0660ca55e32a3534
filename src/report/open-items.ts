/**
 * What is still open in an edition: the findings that say "to do" rather
 * than "wrong" (a figure not filled in, a block carried over unreviewed, a
 * year of last year's, a block not yet translated, a placeholder). While any
 * is open, every output is marked as a draft and `build --final` refuses.
 */
import type { Finding } from '../diagnostics.js';

/** Rules whose findings are open work, whatever severity they carry. */
export const OPEN_RULES: ReadonlySet<string> = new Set(['todo', 'carried', 'stale-years', 'untranslated']);

export function openItems(findings: Finding[]): Finding[] {
  return findings.filter((f) => OPEN_RULES.has(f.ruleId));
}

/** Findings that fail a build (errors) or `--strict` (warnings too): acknowledged ones never do. */
export function failing(findings: Finding[], strict: boolean): Finding[] {
  return findings.filter((f) => !f.acknowledged && (f.severity === 'error' || (strict && f.severity === 'warning')));
}
