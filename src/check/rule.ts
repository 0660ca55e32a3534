/**
 * The shape of a check rule: one module per rule, each with its id, its
 * default severity and a function from the edition to findings. Each rule
 * also counts how many figures it examined, so that a rule that silently
 * checks nothing shows up as such.
 */
import type { Finding } from '../diagnostics.js';
import type { Edition } from '../model.js';

export interface RuleContext {
  edition: Edition;
  /** The previous year's edition, for the plan carry-over rule. */
  previous?: Edition;
  report(f: Omit<Finding, 'ruleId'> & { ruleId?: string }): void;
  /** Counts one examined figure (or item) for the summary. */
  examined(n?: number): void;
}

export interface Rule {
  id: string;
  description: string;
  run(ctx: RuleContext): void;
}
