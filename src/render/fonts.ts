/**
 * Web fonts from npm (@fontsource) and the repository's own fonts/ (the 仿宋
 * face, which no npm package ships), copied next to the pages so that the HTML
 * and the PDF never depend on the machine's installed fonts. Only the slices
 * of each font whose unicode-range the report actually uses are copied: the
 * CJK fonts come in about a hundred slices each.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../version.js';
import { replaceFile } from '../output.js';
import { renameWoff2, type FontNames } from './font-names.js';

const require = createRequire(import.meta.url);

/** The repository's fonts/ folder. */
const OWN_FONTS = fileURLToPath(new URL('../../fonts/', import.meta.url));

/**
 * The faces the report uses: 仿宋 body, 宋 (the title's 小标宋 stand-in and
 * bold), 黑体 and 楷体 headings, Latin serif. The Noto slices are renamed
 * (font-names.ts): they carry the names of the variable-font instances they
 * were cut from ("NotoSerifSCExtraLight-Bold").
 */
const RENAME = new Set([
  '@fontsource/noto-serif-sc/400.css',
  '@fontsource/noto-serif-sc/700.css',
  '@fontsource/noto-sans-sc/400.css',
  '@fontsource/noto-sans-sc/700.css',
]);
const SHEETS = [
  'fandol-fang/400.css',
  ...RENAME,
  '@fontsource/lxgw-wenkai/latin-500.css',
  '@fontsource/source-serif-4/400.css',
  '@fontsource/source-serif-4/700.css',
  '@fontsource/source-serif-4/400-italic.css',
];

interface Face {
  css: string;
  woff2: string;
  ranges: [number, number][] | undefined;
  /** The names to give the font, when its own are wrong. */
  names?: FontNames;
}

const STYLE: Record<string, string> = { '400': 'Regular', '500': 'Medium', '700': 'Bold' };

/** Renamed slices, kept across builds: compressing a slice again takes tens of milliseconds. */
export const FONT_CACHE = path.join(PACKAGE_ROOT, 'node_modules', '.cache', 'baogao', 'fonts');

/**
 * Puts `from` at `to` as a hard link: a build writes ~160 slices (14 MB for
 * the sample), and copying them took a tenth of a second of every build. A
 * slice is never written in place (an update of the font package replaces
 * the file), so the link stays the file it was. A copy where linking is not
 * possible (another file system, a file system without links).
 */
function place(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
}

function renamedCopy(face: Face, to: string): void {
  // Keyed by the slice's path, size and time rather than its bytes: hashing
  // ten megabytes of slices cost more than the copy it saves.
  const st = fs.statSync(face.woff2);
  const key = createHash('sha256')
    .update(`${face.woff2}\0${st.size}\0${st.mtimeMs}\0${JSON.stringify(face.names)}`)
    .digest('hex')
    .slice(0, 32);
  const cached = path.join(FONT_CACHE, `${key}.woff2`);
  if (fs.existsSync(cached)) return place(cached, to);
  const data = fs.readFileSync(face.woff2);
  const renamed = renameWoff2(data, face.names!);
  fs.writeFileSync(to, renamed);
  try {
    fs.mkdirSync(FONT_CACHE, { recursive: true });
    replaceFile(cached, renamed);
  } catch {
    // A cache that cannot be written costs only time.
  }
}

let cache: Face[] | undefined;

/** The faces' index as kept on disk: each range list once, each face pointing at its list. */
interface FaceIndex {
  lists: [number, number][][];
  faces: { css: string; woff2: string; list: number; names?: FontNames }[];
}

/**
 * The faces of every sheet, read from the sheets or from the index kept
 * beside the renamed slices. Reading the 420 kB of sheets and their 9,000
 * distinct ranges cost 25–50 ms of the thread that lays out the Chinese page
 * (~12 ms alone, more beside Chromium's start); the index is keyed by each
 * sheet's path, size and time, so an updated font package is read again.
 */
function faces(): Face[] {
  if (cache) return cache;
  const files = SHEETS.map((sheet) => (sheet.startsWith('@') ? require.resolve(sheet) : path.join(OWN_FONTS, sheet)));
  const stamp = (f: string) => {
    const st = fs.statSync(f);
    return `${f}\0${st.size}\0${st.mtimeMs}`;
  };
  const key = createHash('sha256')
    .update(`faces 2\0${files.map(stamp).join('\0')}`)
    .digest('hex')
    .slice(0, 32);
  const kept = path.join(FONT_CACHE, `faces-${key}.json`);
  let index: FaceIndex | undefined;
  try {
    index = JSON.parse(fs.readFileSync(kept, 'utf8')) as FaceIndex;
    if (!Array.isArray(index.lists) || !Array.isArray(index.faces) || index.faces.length === 0) throw new Error('not a faces index');
  } catch {
    index = readSheets(files);
    try {
      fs.mkdirSync(FONT_CACHE, { recursive: true });
      replaceFile(kept, JSON.stringify(index));
    } catch {
      // An index that cannot be kept costs only time.
    }
  }
  const { lists } = index;
  cache = index.faces.map((f) => ({ css: f.css, woff2: f.woff2, ranges: f.list < 0 ? undefined : lists[f.list], names: f.names }));
  return cache;
}

/** The index of the sheets at `files` (in SHEETS' order), read from their CSS. */
function readSheets(files: string[]): FaceIndex {
  const index: FaceIndex = { lists: [], faces: [] };
  // The four Noto sheets cut their faces into the same 101 slices: each list is read once.
  const listOf = new Map<string, number>();
  SHEETS.forEach((sheet, k) => {
    const dir = path.dirname(files[k]);
    for (const block of fs.readFileSync(files[k], 'utf8').match(/@font-face\s*{[^}]*}/g) ?? []) {
      const url = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
      if (!url) continue;
      const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
      const css = block.replace(/src:[^;]+;/, `src: url(fonts/${url}) format('woff2');`).replace('font-display: swap;', 'font-display: block;');
      const family = /font-family:\s*'([^']+)'/.exec(block)?.[1];
      const weight = /font-weight:\s*(\d+)/.exec(block)?.[1] ?? '400';
      const names = RENAME.has(sheet) && family ? { family, style: STYLE[weight] ?? weight } : undefined;
      let list = -1;
      if (range) {
        list = listOf.get(range) ?? -1;
        if (list < 0) {
          listOf.set(range, (list = index.lists.length));
          index.lists.push(parseRanges(range));
        }
      }
      index.faces.push({ css, woff2: path.join(dir, 'files', url), list, ...(names ? { names } : {}) });
    }
  });
  return index;
}

function parseRanges(s: string): [number, number][] {
  return s.split(',').map((part) => {
    const [a, b] = part.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(a, 16), parseInt(b ?? a, 16)];
  });
}

/**
 * Every code point that occurs in the given texts, added to `into`. By code
 * unit, not by the string iterator (a third of the time on the sample's
 * pages), and each point looked up in the set once per text run of it.
 */
export function codePoints(texts: string[], into = new Set<number>()): Set<number> {
  for (const t of texts) {
    let last = -1;
    for (let i = 0; i < t.length; i++) {
      let c = t.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < t.length) {
        const d = t.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        }
      }
      if (c !== last) into.add(c);
      last = c;
    }
  }
  return into;
}

/**
 * Whether any of the sorted code points falls in one of the face's ranges: a
 * binary search per range, because a CJK font has about a hundred slices of
 * dozens of ranges each and a report uses thousands of characters (testing
 * every point against every range took a sixth of a second per build).
 */
function covers(face: Face, sorted: Uint32Array): boolean {
  if (!face.ranges) return true;
  for (const [a, b] of face.ranges) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < a) lo = mid + 1;
      else hi = mid;
    }
    if (lo < sorted.length && sorted[lo] <= b) return true;
  }
  return false;
}

const sortedPoints = (used: Set<number>): Uint32Array => Uint32Array.from(used).sort();

/** The WOFF2 files of the faces that cover `used` (the DOCX stage rasterises its charts with them). */
export function fontFilesFor(used: Set<number>, family?: RegExp): string[] {
  const points = sortedPoints(used);
  return faces()
    .filter((face) => !family || family.test(path.basename(face.woff2)))
    .filter((face) => covers(face, points))
    .map((face) => face.woff2);
}

/**
 * Writes `assetsDir/fonts/*.woff2` and returns the CSS of the faces needed for
 * `used`, with URLs relative to `assetsDir`; the slices in `placed` are there already.
 */
export function writeFonts(assetsDir: string, used: Set<number>, placed?: Set<string>): string {
  const fontsDir = path.join(assetsDir, 'fonts');
  fs.mkdirSync(fontsDir, { recursive: true });
  const points = sortedPoints(used);
  const css: string[] = [];
  for (const face of faces()) {
    if (!covers(face, points)) continue;
    const to = path.join(fontsDir, path.basename(face.woff2));
    // `placed`: the slices this run has written already (the HTML stage writes the fonts once per language).
    if (!placed?.has(to)) {
      if (face.names) renamedCopy(face, to);
      else place(face.woff2, to);
      placed?.add(to);
    }
    css.push(face.css);
  }
  return `${css.join('\n')}\n`;
}
