/**
 * Edition files as text, for turning offsets into line:column and for code
 * frames. A file is read once and read again only when its size or mtime
 * changed: `baogao watch` runs for hours while the files are edited, and a
 * cache that never looks again would point findings at yesterday's lines.
 */
import fs from 'node:fs';

export interface SourceText {
  text: string;
  /** Offset of the first character of each line (0-based lines). */
  lineStarts: number[];
}

const cache = new Map<string, { stamp: string; source: SourceText }>();

function stampOf(file: string): string | undefined {
  try {
    const s = fs.statSync(file);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/** The current text of a file with its line starts, or undefined when it cannot be read. */
export function sourceText(file: string): SourceText | undefined {
  const stamp = stampOf(file);
  if (stamp === undefined) return undefined;
  const hit = cache.get(file);
  if (hit?.stamp === stamp) return hit.source;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const source = { text, lineStarts };
  cache.set(file, { stamp, source });
  return source;
}

/** 1-based line and column of a character offset. */
export function lineColumn(source: SourceText, offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = source.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (source.lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - source.lineStarts[lo] + 1 };
}

/** The text of a 1-based line, without its line ending. */
export function lineText(source: SourceText, line: number): string | undefined {
  const start = source.lineStarts[line - 1];
  if (start === undefined) return undefined;
  const end = source.lineStarts[line] ?? source.text.length + 1;
  return source.text.slice(start, end - 1).replace(/\r$/, '');
}

/** Forgets every file (tests that rewrite a file within one mtime tick). */
export function forgetSources(): void {
  cache.clear();
}
