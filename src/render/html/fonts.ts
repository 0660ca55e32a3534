/**
 * Web fonts from npm (@fontsource), copied next to the pages so that the HTML
 * and the PDF never depend on the machine's installed fonts. Only the slices
 * of each font whose unicode-range the report actually uses are copied: the
 * CJK fonts come in about a hundred slices each.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The faces the report uses: body serif, 黑体 and 楷体 headings, Latin serif. */
const SHEETS = [
  '@fontsource/noto-serif-sc/400.css',
  '@fontsource/noto-serif-sc/700.css',
  '@fontsource/noto-sans-sc/400.css',
  '@fontsource/noto-sans-sc/700.css',
  '@fontsource/lxgw-wenkai/latin-500.css',
  '@fontsource/source-serif-4/400.css',
  '@fontsource/source-serif-4/700.css',
  '@fontsource/source-serif-4/400-italic.css',
];

interface Face {
  css: string;
  woff2: string;
  ranges: [number, number][] | undefined;
}

let cache: Face[] | undefined;

function faces(): Face[] {
  if (cache) return cache;
  cache = [];
  for (const sheet of SHEETS) {
    const file = require.resolve(sheet);
    const dir = path.dirname(file);
    for (const block of fs.readFileSync(file, 'utf8').match(/@font-face\s*{[^}]*}/g) ?? []) {
      const url = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
      if (!url) continue;
      const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
      const css = block.replace(/src:[^;]+;/, `src: url(fonts/${url}) format('woff2');`).replace('font-display: swap;', 'font-display: block;');
      cache.push({ css, woff2: path.join(dir, 'files', url), ranges: range ? parseRanges(range) : undefined });
    }
  }
  return cache;
}

function parseRanges(s: string): [number, number][] {
  return s.split(',').map((part) => {
    const [a, b] = part.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(a, 16), parseInt(b ?? a, 16)];
  });
}

/** Every code point that occurs in the given texts. */
export function codePoints(texts: string[]): Set<number> {
  const set = new Set<number>();
  for (const t of texts) for (const ch of t) set.add(ch.codePointAt(0)!);
  return set;
}

/** The WOFF2 files of the faces that cover `used` (the DOCX stage rasterises its charts with them). */
export function fontFilesFor(used: Set<number>, family?: RegExp): string[] {
  const points = [...used];
  return faces()
    .filter((face) => !family || family.test(path.basename(face.woff2)))
    .filter((face) => !face.ranges || points.some((p) => face.ranges!.some(([a, b]) => p >= a && p <= b)))
    .map((face) => face.woff2);
}

/**
 * Writes `assetsDir/fonts/*.woff2` and returns the CSS of the faces needed for
 * `used`, with URLs relative to `assetsDir`.
 */
export function writeFonts(assetsDir: string, used: Set<number>): string {
  const fontsDir = path.join(assetsDir, 'fonts');
  fs.mkdirSync(fontsDir, { recursive: true });
  const points = [...used];
  const css: string[] = [];
  for (const face of faces()) {
    const needed = !face.ranges || points.some((p) => face.ranges!.some(([a, b]) => p >= a && p <= b));
    if (!needed) continue;
    fs.copyFileSync(face.woff2, path.join(fontsDir, path.basename(face.woff2)));
    css.push(face.css);
  }
  return `${css.join('\n')}\n`;
}
