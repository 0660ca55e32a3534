/**
 * Prints findings the way a compiler does: `path:line:column  severity  message  rule`,
 * then the source line with a caret under the column.
 */
import type { Finding, Severity } from '../diagnostics.js';
import { lineText, sourceText } from '../source-text.js';
import { displayWidth } from '../quantity/display-width.js';

/** A two-line code frame: the line, and a caret under the column. */
export function codeFrame(file: string, line: number, column: number): string[] {
  const source = sourceText(file);
  const text = source && lineText(source, line);
  if (text === undefined) return [];
  const max = 160;
  const chars = [...text];
  const start = Math.max(0, column - 1 - 40);
  const shown = chars.slice(start, start + max).join('');
  const before = chars.slice(start, Math.max(start, column - 1)).join('');
  const gutter = `${String(line).padStart(5)} | `;
  return [`${gutter}${shown}`, `${' '.repeat(gutter.length - 2)}| ${' '.repeat(displayWidth(before))}^`];
}

/** Formats one finding with its code frame and the other side, if any. */
export function formatFinding(f: Finding, frames = true): string {
  const { file, line, column } = f.place;
  const graded = f.severityFrom ? ` (${f.severityFrom} by default; edition.yaml)` : '';
  const head = `${file}:${line}:${column}  ${f.acknowledged ? `acknowledged ${f.severity}` : f.severity}  ${f.message}  ${f.ruleId}${graded}`;
  const out = [head];
  if (frames) out.push(...codeFrame(file, line, column));
  if (f.other) {
    const o = f.other;
    out.push(`    ↳ ${o.label ? `${o.label} ` : ''}at ${o.file}:${o.line}:${o.column}`);
  }
  if (f.acknowledged) out.push(`    ✓ acknowledged at ${f.acknowledged.place.file}:${f.acknowledged.place.line}: ${f.acknowledged.reason}`);
  return out.join('\n');
}

/**
 * Counts per severity, e.g. `2 errors, 1 warning, 0 notes`; acknowledged
 * findings are counted apart (they fail nothing), and the rules whose
 * severity edition.yaml changed are named.
 */
export function summarize(findings: Finding[]): string {
  const open = findings.filter((f) => !f.acknowledged);
  const n = (s: Severity) => open.filter((f) => f.severity === s).length;
  const part = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  const parts = [part(n('error'), 'error'), part(n('warning'), 'warning'), part(n('info'), 'note')];
  const acked = findings.length - open.length;
  if (acked) parts.push(`${acked} acknowledged`);
  const graded = [...new Set(findings.filter((f) => f.severityFrom).map((f) => `${f.ruleId} → ${f.severity}`))];
  if (graded.length) parts.push(`severity set in edition.yaml: ${graded.join(', ')}`);
  return parts.join(', ');
}

/** Formats a whole list, grouped by file as a compiler would. */
export function formatFindings(findings: Finding[], frames = true): string {
  return findings.map((f) => formatFinding(f, frames)).join('\n');
}
