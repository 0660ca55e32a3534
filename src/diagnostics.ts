/**
 * Findings: what the loader and the checker report, each with a rule id, a
 * severity and the place the author must edit. Expected failures travel as
 * data (a {@link Finding} list inside a {@link BaogaoError}), never as a stack
 * trace. Beside them, what the checker established about each figure (for
 * check.html), and {@link Io}, where a command prints.
 */
import type { Place } from './model.js';
import { byCodeUnit } from './plain-text.js';

export type Severity = 'error' | 'warning' | 'info';

/** Where a command prints: its output and its messages (the terminal, or a test's buffer). */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export interface Finding {
  severity: Severity;
  /** Which rule produced it, e.g. `load/yaml`, `prose-vs-table`. */
  ruleId: string;
  message: string;
  place: Place;
  /** The other side of a disagreement: a table cell, the other-language paragraph. */
  other?: Place & { label?: string };
  expected?: string;
  actual?: string;
  /** Accepted by the bureau, with the reason and where that is written: shown, but failing neither the build nor --strict. */
  acknowledged?: { reason: string; place: Place };
  /** The severity edition.yaml set for the rule, when it differs from the rule's own. */
  severityFrom?: Severity;
}

/** Marks a BaogaoError whichever copy of this module made it (the check command runs from a script of its own: cli/cached-script.ts). */
const BRAND = Symbol.for('baogao.BaogaoError');

/** An expected failure: bad content or bad usage. Printed without a stack. */
export class BaogaoError extends Error {
  readonly [BRAND] = true;
  readonly findings: Finding[];
  /** 1 for content errors, 2 for usage or environment errors. */
  readonly exitCode: 1 | 2;

  constructor(message: string, findings: Finding[] = [], exitCode: 1 | 2 = 1) {
    super(message);
    this.name = 'BaogaoError';
    this.findings = findings;
    this.exitCode = exitCode;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: boolean })[BRAND] === true;
  }
}

/** A usage or environment error (exit code 2). */
export function usageError(message: string): BaogaoError {
  return new BaogaoError(message, [], 2);
}

/**
 * Collects findings in one pass so that several errors are reported at once,
 * in the way vfile's `file.message()` does for remark-lint.
 */
export class Collector {
  readonly findings: Finding[] = [];

  add(f: Finding): void {
    this.findings.push(f);
  }

  error(ruleId: string, place: Place, message: string, extra: Partial<Finding> = {}): void {
    this.add({ severity: 'error', ruleId, place, message, ...extra });
  }

  warn(ruleId: string, place: Place, message: string, extra: Partial<Finding> = {}): void {
    this.add({ severity: 'warning', ruleId, place, message, ...extra });
  }

  get errorCount(): number {
    return this.findings.filter((f) => f.severity === 'error').length;
  }

  /** Throws a {@link BaogaoError} carrying every error found so far. */
  throwIfErrors(summary: string): void {
    if (this.errorCount > 0) throw new BaogaoError(summary, sortFindings(this.findings));
  }
}

/** Orders findings like a compiler: by file, then line, then column. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => byCodeUnit(a.place.file, b.place.file) || a.place.line - b.place.line || a.place.column - b.place.column);
}

/** A place at the start of a file, for file-level problems. */
export function fileStart(file: string): Place {
  return { file, line: 1, column: 1 };
}

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
