/**
 * The bureau's word on the findings, applied after the rules ran: the
 * per-rule severity set in edition.yaml, and the acknowledgements written
 * where a finding is (`acknowledged:` in a table file, `:ack[…]` in a block).
 * Nothing is silenced: an acknowledged finding stays in the list, with its
 * reason, and only stops failing the build and `--strict`. An
 * acknowledgement that matches nothing is itself reported, so none outlives
 * the slip it was written for.
 */
import type { Finding } from '../diagnostics.js';
import type { Edition } from '../model.js';
import { OPEN_RULES } from '../report/open-items.js';

export function applyReview(edition: Edition, findings: Finding[], ruleIds: readonly string[]): Finding[] {
  const known = new Set(ruleIds);
  const extra: Finding[] = [];
  const unknown = (rule: string) => `unknown rule "${rule}" (rules: ${ruleIds.filter((r) => !OPEN_RULES.has(r)).join(', ')})`;
  const severity = new Map<string, Finding['severity']>();
  for (const s of edition.meta.severity) {
    if (!known.has(s.rule)) extra.push({ severity: 'error', ruleId: 'review/severity', place: s.place, message: `severity: ${unknown(s.rule)}` });
    else if (OPEN_RULES.has(s.rule))
      extra.push({
        severity: 'error',
        ruleId: 'review/severity',
        place: s.place,
        message: `severity: "${s.rule}" lists open work; its findings cannot be re-graded (they are what build --final checks)`,
      });
    else severity.set(s.rule, s.severity);
  }
  const acks = edition.acknowledgements.filter((a) => {
    if (!known.has(a.rule)) extra.push({ severity: 'error', ruleId: 'review/acknowledged', place: a.place, message: `acknowledged: ${unknown(a.rule)}` });
    else if (OPEN_RULES.has(a.rule))
      extra.push({
        severity: 'error',
        ruleId: 'review/acknowledged',
        place: a.place,
        message: `"${a.rule}" findings are work to do, not findings to accept: fill the figure in, or mark a carried block :confirmed`,
      });
    else return true;
    return false;
  });
  const used = new Set<number>();
  const out = findings.map((f) => {
    let g = f;
    const s = severity.get(f.ruleId);
    if (s && s !== f.severity) g = { ...g, severity: s, severityFrom: f.severity };
    const i = acks.findIndex(
      (a) =>
        a.rule === f.ruleId &&
        a.covers.file === f.place.file &&
        f.place.line >= a.covers.fromLine &&
        f.place.line <= a.covers.toLine &&
        (a.covers.column === undefined || a.covers.column === f.place.column),
    );
    if (i >= 0) {
      used.add(i);
      // What was accepted is a warning (a rounding, a wording); an error at the same place is a new slip and still fails.
      if (g.severity !== 'error') g = { ...g, acknowledged: { reason: acks[i].reason, place: acks[i].place } };
    }
    return g;
  });
  acks.forEach((a, i) => {
    if (!used.has(i))
      extra.push({
        severity: 'warning',
        ruleId: 'review/acknowledged',
        place: a.place,
        message: `acknowledges a ${a.rule} finding that is no longer there (lines ${a.covers.fromLine}–${a.covers.toLine} of ${a.covers.file}); remove it`,
      });
  });
  return [...out, ...extra];
}
