/**
 * Reads the narrative: for each chapter in the edition's order, its Chinese
 * and its English file, parsed, and checked to have the same blocks.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Collector } from '../diagnostics.js';
import { fileStart } from '../diagnostics.js';
import { blocksOf, blockSignature, describeSignature } from '../markdown/blocks.js';
import { parseMarkdown } from '../markdown/parse.js';
import { LANGS, type Chapter, type ChapterDoc, type Lang, type Place } from '../model.js';
import { present } from './read-source.js';
import type { ParseFile } from './source-cache.js';

/** Loads every chapter listed in edition.yaml, in both languages. */
export function loadChapters(dir: string, order: string[], listedAt: (index: number) => Place, read: ParseFile, out: Collector): Chapter[] {
  reportUnlisted(dir, order, out);
  const chapters: Chapter[] = [];
  for (const [index, id] of order.entries()) {
    const docs: Partial<Record<Lang, ChapterDoc>> = {};
    for (const lang of LANGS) {
      const file = path.join(dir, lang, `${id}.md`);
      if (!present(file)) {
        const other = path.join(dir, lang === 'zh' ? 'en' : 'zh', `${id}.md`);
        const twin = present(other) ? ` (${other} exists: every chapter needs both languages)` : '';
        out.error('load/chapter-missing', listedAt(index), `chapter "${id}" has no ${lang === 'zh' ? 'Chinese' : 'English'} file ${file}${twin}`);
        continue;
      }
      const tree = read(file, (text, c) => parseMarkdown(text, file, c));
      if (tree !== undefined) docs[lang] = { lang, file, tree };
      if (docs[lang]) checkBlockSizes(docs[lang], out);
    }
    if (docs.zh && docs.en) {
      checkParity(docs.zh, docs.en, out);
      chapters.push({ id, docs: { zh: docs.zh, en: docs.en } });
    }
  }
  return chapters;
}

/** Longest block accepted, in characters: 30 times the longest paragraph of a real report. */
export const MAX_BLOCK_CHARS = 100_000;

/** A block longer than any prose is a conversion that lost its blank lines (and would print as one endless page). */
function checkBlockSizes(doc: ChapterDoc, out: Collector): void {
  for (const block of blocksOf(doc.tree)) {
    const { start, end } = block.position ?? {};
    const length = (end?.offset ?? 0) - (start?.offset ?? 0);
    if (!start || length <= MAX_BLOCK_CHARS) continue;
    out.error(
      'load/block-size',
      { file: doc.file, line: start.line, column: start.column },
      `${describeSignature(blockSignature(block))} of ${length.toLocaleString('en')} characters; a block may have at most ${MAX_BLOCK_CHARS.toLocaleString('en')}: are the blank lines between paragraphs missing?`,
    );
  }
}

/** A chapter file that edition.yaml does not list would silently vanish from the report. */
function reportUnlisted(dir: string, order: string[], out: Collector): void {
  const listed = new Set(order);
  for (const lang of LANGS) {
    const folder = path.join(dir, lang);
    if (!fs.existsSync(folder)) continue;
    for (const name of fs.readdirSync(folder).sort()) {
      if (name.endsWith('.md') && !listed.has(name.slice(0, -3))) {
        out.error('load/chapter-unlisted', fileStart(path.join(folder, name)), `chapter "${name.slice(0, -3)}" is not listed under chapters: in ${path.join(dir, 'edition.yaml')}`);
      }
    }
  }
}

/**
 * The English file must have the Chinese file's blocks, in order. The first
 * difference is reported at the English block, with the Chinese one as the
 * other side: one misplaced paragraph shifts all that follow.
 */
function checkParity(zh: ChapterDoc, en: ChapterDoc, out: Collector): void {
  const a = blocksOf(zh.tree);
  const b = blocksOf(en.tree);
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const sa = a[i] ? blockSignature(a[i]) : undefined;
    const sb = b[i] ? blockSignature(b[i]) : undefined;
    if (sa === sb) continue;
    const posA = a[i]?.position?.start ?? a[a.length - 1]?.position?.end;
    const posB = b[i]?.position?.start ?? b[b.length - 1]?.position?.end;
    const message =
      sb === undefined
        ? `the English chapter ends after ${b.length} blocks; the Chinese has ${a.length} (block ${i + 1} is ${describeSignature(sa!)})`
        : sa === undefined
          ? `the English chapter has ${b.length} blocks; the Chinese has ${a.length}: block ${i + 1} (${describeSignature(sb)}) has no Chinese counterpart`
          : `block ${i + 1} is ${describeSignature(sb)} here but ${describeSignature(sa)} in the Chinese`;
    out.error('load/structure', { file: en.file, line: posB?.line ?? 1, column: posB?.column ?? 1 }, message, {
      other: { file: zh.file, line: posA?.line ?? 1, column: posA?.column ?? 1, label: 'Chinese block' },
    });
    return;
  }
}
