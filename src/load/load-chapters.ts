/**
 * Reads the narrative: for each chapter in the edition's order, its Chinese
 * and its English file, parsed, and checked to have the same blocks.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Collector } from '../diagnostics.js';
import { fileStart } from '../diagnostics.js';
import { alignBlocks, blockKeys } from '../markdown/align.js';
import { blocksOf, blockSignature, describeSignature } from '../markdown/blocks.js';
import { parseMarkdown } from '../markdown/parse.js';
import { LANGS, type Acknowledgement, type AlignedPair, type Chapter, type ChapterDoc, type Lang, type Place } from '../model.js';
import { blockAcknowledgements } from './load-review.js';
import { present } from './read-source.js';
import type { ParseFile } from './source-cache.js';
import { countText } from '../plain-text.js';

/** Loads every chapter listed in edition.yaml, in both languages. */
export function loadChapters(
  dir: string,
  order: string[],
  listedAt: (index: number) => Place,
  read: ParseFile,
  out: Collector,
  acks: Acknowledgement[] = [],
): Chapter[] {
  reportUnlisted(dir, order, out);
  const chapters: Chapter[] = [];
  for (const [index, id] of order.entries()) {
    const docs: Partial<Record<Lang, ChapterDoc>> = {};
    for (const lang of LANGS) {
      const file = path.join(dir, lang, `${id}.md`);
      if (!present(file)) {
        // Chinese first: a chapter drafted in Chinese has no English yet; its blocks are untranslated, not errors.
        if (lang === 'en' && docs.zh) {
          docs.en = { lang, file, tree: { type: 'root', children: [] }, missing: true };
          continue;
        }
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
      const alignment = checkParity(docs.zh, docs.en, out);
      for (const doc of [docs.zh, docs.en]) acks.push(...blockAcknowledgements(doc, blocksOf(doc.tree)));
      chapters.push({ id, docs: { zh: docs.zh, en: docs.en }, alignment });
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
      `${describeSignature(blockSignature(block))} of ${countText(length)} characters; a block may have at most ${countText(MAX_BLOCK_CHARS)}: are the blank lines between paragraphs missing?`,
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
        out.error(
          'load/chapter-unlisted',
          fileStart(path.join(folder, name)),
          `chapter "${name.slice(0, -3)}" is not listed under chapters: in ${path.join(dir, 'edition.yaml')}`,
        );
      }
    }
  }
}

/**
 * Aligns the English blocks with the Chinese ones by kind and content. A
 * Chinese paragraph, heading or list without English is not yet translated
 * (the `untranslated` rule lists it); an English block without a Chinese
 * counterpart is an error at that block (added, or split from the one before
 * it), and so is a table or figure the English does not place.
 */
function checkParity(zh: ChapterDoc, en: ChapterDoc, out: Collector): AlignedPair[] {
  const a = blocksOf(zh.tree);
  const b = blocksOf(en.tree);
  const alignment = alignBlocks(a, b);
  const at = (file: string, node: { position?: { start: { line: number; column: number } } } | undefined) => ({
    file,
    line: node?.position?.start.line ?? 1,
    column: node?.position?.start.column ?? 1,
  });
  alignment.forEach((p, k) => {
    if (p.en !== undefined && p.zh === undefined) {
      const j = p.en;
      const block = b[j];
      const prev = alignment[k - 1];
      const next = alignment[k + 1];
      const sameKind = (q: AlignedPair | undefined, e: number) => q?.zh !== undefined && q.en === e && blockSignature(a[q.zh]) === blockSignature(block);
      // Two English blocks for one Chinese block: the split lies between them, so the second one is where it starts.
      // Of the two neighbours, the half whose Chinese holds this block's references; else the one after.
      const keys = [...blockKeys(block)];
      const holds = (q: AlignedPair | undefined) => q?.zh !== undefined && keys.some((key) => blockKeys(a[q.zh!]).has(key));
      const before = sameKind(prev, j - 1) ? { at: j, zh: prev.zh! } : undefined;
      const after = sameKind(next, j + 1) ? { at: j + 1, zh: next.zh! } : undefined;
      const split = before && holds(prev) ? before : after && holds(next) ? after : (after ?? (keys.length ? undefined : before));
      if (split) {
        out.error(
          'load/structure',
          at(en.file, b[split.at]),
          `English blocks ${split.at} and ${split.at + 1} stand where the Chinese has one block (${split.zh + 1}): is the paragraph split in two here, or one of them added? Join them, split the Chinese too, or remove the extra one`,
          {
            other: { ...at(zh.file, a[split.zh]), label: 'Chinese block' },
          },
        );
        return;
      }
      const near = alignment.slice(k + 1).find((q) => q.zh !== undefined);
      const last = alignment
        .slice(0, k)
        .reverse()
        .find((q) => q.zh !== undefined);
      const zhNear = near?.zh !== undefined ? a[near.zh] : last?.zh !== undefined ? a[last.zh] : a[a.length - 1];
      out.error(
        'load/structure',
        at(en.file, block),
        `English block ${j + 1} (${describeSignature(blockSignature(block))}) has no Chinese counterpart; remove it, or add the Chinese it translates`,
        {
          other: { ...at(zh.file, zhNear), label: 'nearest Chinese block' },
        },
      );
    } else if (p.zh !== undefined && p.en === undefined && a[p.zh].type === 'leafDirective' && !en.missing) {
      const block = a[p.zh];
      const prev = alignment
        .slice(0, k)
        .reverse()
        .find((q) => q.en !== undefined);
      const enNear = prev?.en !== undefined ? b[prev.en] : b[0];
      out.error(
        'load/structure',
        at(en.file, enNear),
        `the English does not place ${describeSignature(blockSignature(block))} (Chinese block ${p.zh + 1}); add the same line after this block`,
        {
          other: { ...at(zh.file, block), label: 'Chinese block' },
        },
      );
    }
  });
  return alignment;
}
