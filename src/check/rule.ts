/**
 * The shape of a check rule: one module per rule, each with its id, its
 * default severity and a function from the edition to findings. Each rule
 * also counts how many figures it examined, so that a rule that silently
 * checks nothing shows up as such.
 */
import type { FigureStatus, Finding } from '../diagnostics.js';
import type { Edition, Place } from '../model.js';
import type { CheckMemo } from './memo.js';

export type { FigureStatus, FigureStatusEntry } from '../diagnostics.js';

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
  /** Results kept from the previous run (`watch`), see memo.ts. */
  memo?: CheckMemo;
}

export interface Rule {
  id: string;
  description: string;
  run(ctx: RuleContext): void;
}
