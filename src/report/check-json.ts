/**
 * The machine-readable check result (`baogao check --format json`) and the
 * summary line of the terminal output. The JSON shape is documented in
 * docs/check.md and versioned: fields are only ever added, and a change of
 * meaning raises `version`.
 */
import type { Finding, Severity } from '../diagnostics.js';

/** Version of the JSON schema in docs/check.md. */
export const CHECK_JSON_VERSION = 1;

export interface CheckJson {
  version: number;
  edition: string;
  summary: { errors: number; warnings: number; notes: number; acknowledged: number };
  /** Figures (or items) each rule examined, in rule order. */
  examined: Record<string, number>;
  findings: {
    severity: Severity;
    ruleId: string;
    message: string;
    place: { file: string; line: number; column: number };
    other?: { file: string; line: number; column: number; label?: string };
    expected?: string;
    actual?: string;
    /** Accepted by the bureau: fails neither the build nor --strict. */
    acknowledged?: { reason: string; place: { file: string; line: number; column: number } };
    /** The rule's own severity, when edition.yaml set another. */
    defaultSeverity?: Severity;
  }[];
}

const count = (findings: Finding[], s: Severity) => findings.filter((f) => f.severity === s).length;

/** The check result in the documented JSON shape, keys in a fixed order. */
export function checkJson(edition: string, findings: Finding[], examined: Record<string, number>): CheckJson {
  const open = findings.filter((f) => !f.acknowledged);
  return {
    version: CHECK_JSON_VERSION,
    edition,
    summary: { errors: count(open, 'error'), warnings: count(open, 'warning'), notes: count(open, 'info'), acknowledged: findings.length - open.length },
    examined: { ...examined },
    findings: findings.map((f) => ({
      severity: f.severity,
      ruleId: f.ruleId,
      message: f.message,
      place: { file: f.place.file, line: f.place.line, column: f.place.column },
      ...(f.other ? { other: { file: f.other.file, line: f.other.line, column: f.other.column, ...(f.other.label ? { label: f.other.label } : {}) } } : {}),
      ...(f.expected !== undefined ? { expected: f.expected } : {}),
      ...(f.actual !== undefined ? { actual: f.actual } : {}),
      ...(f.acknowledged ? { acknowledged: { reason: f.acknowledged.reason, place: { ...f.acknowledged.place } } } : {}),
      ...(f.severityFrom ? { defaultSeverity: f.severityFrom } : {}),
    })),
  };
}

/** `figures examined: references 10, table-arithmetic 33, …` for the summary line. */
export function examinedLine(examined: Record<string, number>): string {
  const parts = Object.entries(examined).map(([rule, n]) => `${rule} ${n}`);
  return `figures examined: ${parts.join(', ') || 'none'}`;
}
