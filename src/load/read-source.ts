/**
 * Reads an edition file the way an editor's file should be read: UTF-8 only,
 * BOM dropped, inside the edition folder (no symlink leading out), and a
 * clear file-level error for anything else.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileStart, type Collector } from '../diagnostics.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Largest file accepted: far above any real chapter, small enough to stay fast. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/**
 * Reads `rel` (a path relative to the working directory, as messages print
 * it) that must lie inside `root`. Reports a problem to `out` and returns
 * undefined when the file cannot be used.
 */
export function readSource(rel: string, root: string, out: Collector): string | undefined {
  const where = fileStart(rel);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(rel);
  } catch {
    out.error('load/file', where, 'file not found');
    return undefined;
  }
  if (stat.isDirectory()) {
    out.error('load/file', where, 'is a folder, expected a file');
    return undefined;
  }
  const real = fs.realpathSync(rel);
  const realRoot = fs.realpathSync(root);
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
    out.error('load/file', where, `leads outside the edition folder (to ${real}); copy the file into ${root} instead of linking it`);
    return undefined;
  }
  if (stat.size > MAX_FILE_BYTES) {
    out.error('load/file', where, `is ${(stat.size / 1048576).toFixed(1)} MB; an edition file may be at most ${MAX_FILE_BYTES / 1048576} MB`);
    return undefined;
  }
  const bytes = fs.readFileSync(rel);
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const { line, column } = firstBadByte(bytes);
    out.error('load/encoding', { file: rel, line, column }, 'is not UTF-8 text; save it as UTF-8 (in WPS/Word: "Save as", encoding UTF-8)');
    return undefined;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') {
    out.error('load/file', where, 'is empty');
    return undefined;
  }
  return text;
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
