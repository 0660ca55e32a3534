/**
 * Reads an edition file the way an editor's file should be read: UTF-8 only,
 * BOM dropped, CR-only line endings made LF, inside the edition folder (no
 * symlink leading out), an ordinary file (never a FIFO or a device, which
 * would block or never end) of at most 5 MB, and a clear file-level error
 * for anything else. Nothing of a refused file is kept or shown.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileStart, type Collector } from '../diagnostics.js';
import { forgetSource, rememberSource } from '../source-text.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Largest file accepted: far above any real chapter or table (the sample's largest is 37 KB), small enough to stay fast. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

function kindOf(s: fs.Stats): string {
  if (s.isFIFO()) return 'a named pipe (FIFO)';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Where `rel` really is, or the reason it cannot be followed. */
function resolve(rel: string): { real: string } | { problem: string } {
  try {
    return { real: fs.realpathSync(rel) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { problem: 'is a symlink loop (the link leads back to itself); replace it by the file' };
    if (code === 'ENOENT') return { problem: 'is a symlink to a file that does not exist' };
    return { problem: `cannot be read (${code ?? 'error'})` };
  }
}

/**
 * Reads at most `max` + 1 bytes of an ordinary file, opened without blocking
 * and checked again on the open descriptor, so that nothing swapped in after
 * the check (a FIFO, a device) can hang or flood the build.
 */
function readCapped(file: string, max: number): Buffer | string {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOFOLLOW);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return `is ${kindOf(st)}, not a text file`;
    const chunks: Buffer[] = [];
    let total = 0;
    // Sized from the file's length (one byte more, to see its end in one read), and not
    // zero-filled: a zeroed megabyte per read was a tenth of the load's time (issue 17).
    // The length only guides: a file that grows meanwhile is read on until its end.
    let size = Math.min(st.size + 1, max + 1);
    for (;;) {
      const buf = Buffer.allocUnsafe(size);
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > max) return tooLarge(st.size > total ? st.size : total);
      size = Math.min(1 << 20, max + 1 - total);
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}

const tooLarge = (bytes: number) =>
  `is larger than ${MAX_FILE_BYTES / 1048576} MB (${(bytes / 1048576).toFixed(1)} MB); an edition file may be at most ${MAX_FILE_BYTES / 1048576} MB: is it the right file?`;

/**
 * Reads `rel` (a path relative to the working directory, as messages print
 * it) that must lie inside `root`. Reports a problem to `out` and returns
 * undefined when the file cannot be used; only what it returns is ever shown
 * in a code frame ({@link rememberSource}).
 */
export function readSource(rel: string, root: string, out: Collector): string | undefined {
  const text = accept(rel, root, out);
  if (text === undefined) forgetSource(rel);
  else rememberSource(rel, text);
  return text;
}

function accept(rel: string, root: string, out: Collector): string | undefined {
  const where = fileStart(rel);
  const fail = (message: string, rule = 'load/file') => void out.error(rule, where, message);
  if (!present(rel)) return fail('file not found');
  const r = resolve(rel);
  if ('problem' in r) return fail(r.problem);
  const realRoot = fs.realpathSync(root);
  if (r.real !== realRoot && !r.real.startsWith(realRoot + path.sep)) {
    return fail(`leads outside the edition folder (to ${r.real}); copy the file into ${root} instead of linking it`);
  }
  const stat = fs.statSync(r.real);
  if (stat.isDirectory()) return fail('is a folder, expected a file');
  if (!stat.isFile()) return fail(`is ${kindOf(stat)}, not a text file; an edition holds ordinary UTF-8 files only`);
  if (stat.size > MAX_FILE_BYTES) return fail(tooLarge(stat.size));
  let bytes: Buffer | string;
  try {
    bytes = readCapped(r.real, MAX_FILE_BYTES);
  } catch (e) {
    return fail(`cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (typeof bytes === 'string') return fail(bytes);
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const { line, column } = firstBadByte(bytes);
    out.error('load/encoding', { file: rel, line, column }, 'is not UTF-8 text; save it as UTF-8 (in WPS/Word: "Save as", encoding UTF-8)');
    return undefined;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Old Mac line endings (CR alone) become LF: one character for one, so every offset stays put.
  if (text.includes('\r')) text = text.replace(/\r(?!\n)/g, '\n');
  if (text.trim() === '') return fail('is empty');
  return text;
}

/** Whether anything is at `file`, a broken or looping symlink included (which existsSync calls absent). */
export function present(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** Line and column of the first byte that is not valid UTF-8. */
function firstBadByte(bytes: Buffer): { line: number; column: number } {
  const lenient = new TextDecoder('utf-8');
  let start = 0;
  for (let line = 1; start <= bytes.length; line++) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const slice = bytes.subarray(start, end);
    try {
      decoder.decode(slice);
    } catch {
      return { line, column: lenient.decode(slice).indexOf('\ufffd') + 1 };
    }
    start = end + 1;
  }
  return { line: 1, column: 1 };
}
