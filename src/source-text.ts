/**
 * Edition files as text, for turning offsets into line:column and for code
 * frames. Only text the loader accepted is here ({@link rememberSource} is
 * called by the loader's reader): a code frame never reads the disk, so a
 * file the loader refused (a symlink to /etc/passwd, a FIFO, /dev/zero) is
 * never shown, never blocks, and a frame always shows the text its finding's
 * position was computed on — in `baogao watch` too, where each load
 * remembers the file's text anew.
 */

export interface SourceText {
  text: string;
  /** Offset of the first character of each line (0-based lines). */
  lineStarts: number[];
}

const accepted = new Map<string, SourceText>();

/** Keeps the text the loader read from `file` (BOM dropped), for frames and places. */
export function rememberSource(file: string, text: string): void {
  if (accepted.get(file)?.text === text) return;
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  accepted.set(file, { text, lineStarts });
}

/** Forgets `file`: the loader refused it (or it is gone), so nothing of it may be shown. */
export function forgetSource(file: string): void {
  accepted.delete(file);
}

/** The text of a file as the loader last accepted it, or undefined when it did not. */
export function sourceText(file: string): SourceText | undefined {
  return accepted.get(file);
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

/** Forgets every file. */
export function forgetSources(): void {
  accepted.clear();
}
