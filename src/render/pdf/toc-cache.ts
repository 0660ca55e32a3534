/**
 * Remembered contents page numbers. The contents needs two prints (print,
 * read where the headings landed, print again); when the same page was
 * printed before, the numbers it settled on are tried in the first print,
 * and if the headings land there, that print is the final one. A stale or
 * missing entry only costs the second print: the result is always verified.
 *
 * The cache is keyed by the page's HTML without page numbers (plus the print
 * stylesheets, which decide the layout) and lives in node_modules/.cache, the
 * usual place for a tool's rebuildable caches; failures to read or write it
 * are ignored.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../version.js';

const DIR = path.join(PACKAGE_ROOT, 'node_modules', '.cache', 'baogao', 'toc');

/** The key of a page: its HTML without contents numbers and the stylesheets it prints with. */
export function tocKey(html: string, stylesheets: string[]): string {
  const h = createHash('sha256').update(html);
  for (const css of stylesheets) h.update('\0').update(css);
  return h.digest('hex').slice(0, 32);
}

/** The page numbers this page settled on last time, if known. */
export function recallToc(key: string): Record<string, number> | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(DIR, `${key}.json`), 'utf8')) as Record<string, number>;
  } catch {
    return undefined;
  }
}

/** Remembers the settled page numbers of a page. */
export function rememberToc(key: string, pages: Record<string, number>): void {
  try {
    fs.mkdirSync(DIR, { recursive: true });
    fs.writeFileSync(path.join(DIR, `${key}.json`), JSON.stringify(pages));
  } catch {
    // A read-only install still builds, only without the shortcut.
  }
}
