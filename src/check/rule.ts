/**
 * The shape of a check rule: one module per rule, each with its id, its
 * default severity and a function from the edition to findings. Each rule
 * also counts how many figures it examined, so that a rule that silently
 * checks nothing shows up as such.
 */
import type { Finding } from '../diagnostics.js';
import type { Edition, Place } from '../model.js';

/**
 * What the checker established about one figure, for the check report:
 * taken from a table (`data-linked`), equal to a table cell (`verified`),
 * equal to the other language (`cross-checked`), contradicted (`mismatch`).
 * A figure no rule spoke about is `unchecked`.
 */
export type FigureStatus = 'data-linked' | 'verified' | 'cross-checked' | 'mismatch' | 'unchecked';

/** One status statement about the figure at `place`, by the rule `ruleId`. */
export interface FigureStatusEntry {
  place: Place;
  status: FigureStatus;
  ruleId: string;
  /** What it was compared with, shown on hover: `表1 完成情况: 1480亿元`. */
  detail?: string;
}

export interface RuleContext {
  edition: Edition;
  /** The previous year's edition, for the plan carry-over rule. */
  previous?: Edition;
  // Function-typed properties, not methods: rules destructure them (`run({ report, examined })`), so they must not need `this`.
  report: (f: Omit<Finding, 'ruleId'> & { ruleId?: string }) => void;
  /** Counts one examined figure (or item) for the summary. */
  examined: (n?: number) => void;
  /** Records the status of the figure at `place` (present when a report is wanted). */
  status?: (place: Place, status: FigureStatus, detail?: string) => void;
}

export interface Rule {
  id: string;
  description: string;
  run(ctx: RuleContext): void;
}
