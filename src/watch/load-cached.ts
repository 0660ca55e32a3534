/**
 * The loader of `baogao watch`: the same result as {@link loadEdition} (same
 * model, same findings, in the same order), but every file is parsed again
 * only when it changed. A file is looked at by its stat (mtime, ctime, size)
 * and, when that changed, by the hash of its text: a save that does not change
 * the text parses nothing. The parse results (YAML documents, Markdown trees)
 * and the findings of parsing them are kept per file.
 *
 * The steps after parsing (tables and figures from their data, structure
 * checks, resolving references) are cheap and run every time, as in the real
 * loader. `tests/watch.test.ts` proves the two loaders agree on the sample
 * and on every case of the bad-input corpus.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Root } from 'mdast';
import type { z } from 'zod';
import { Collector, fileStart, type Finding } from '../diagnostics.js';
import { MAX_BLOCK_CHARS } from '../load/load-chapters.js';
import { loadFigure } from '../load/load-figure.js';
import { loadTable } from '../load/load-table.js';
import type { LoadResult } from '../load/index.js';
import { readSource } from '../load/read-source.js';
import { resolve } from '../load/resolve.js';
import { editionSchema, figureSchema, glossarySchema, tableSchema, type EditionData } from '../load/schemas.js';
import { parseYaml, validate, type YamlFile } from '../load/yaml-doc.js';
import { blocksOf, blockSignature, describeSignature } from '../markdown/blocks.js';
import { parseMarkdown } from '../markdown/parse.js';
import { LANGS, type Chapter, type ChapterDoc, type Edition, type Figure, type GlossaryTerm, type Lang, type Meta, type Place, type Table } from '../model.js';

interface Entry {
  stamp: string;
  hash: string;
  value: unknown;
  /** Findings of reading and parsing the file. */
  findings: Finding[];
}

/** What the last load did, for the progress line. */
export interface LoadStats {
  /** Files parsed again (changed or new). */
  parsed: string[];
  /** Files looked at in all. */
  files: number;
}

function stamp(file: string): string | undefined {
  try {
    const s = fs.statSync(file);
    return s.isFile() ? `${s.mtimeMs}:${s.ctimeMs}:${s.size}:${s.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/** Parse results per file, reused while the file's text stays the same. */
export class SourceCache {
  private readonly entries = new Map<string, Entry>();
  stats: LoadStats = { parsed: [], files: 0 };

  /** A fingerprint of every file's text read in the last load: equal fingerprints, equal inputs. */
  fingerprint(): string {
    const h = createHash('sha1');
    for (const [file, e] of [...this.entries].sort(([a], [b]) => a.localeCompare(b))) h.update(`${file}\0${e.hash}\0`);
    return h.digest('hex');
  }

  /** The hash of a file's text as last read, if it was read. */
  hashOf(file: string): string | undefined {
    return this.entries.get(file)?.hash;
  }

  /**
   * Reads `file` through {@link readSource} and parses it with `parse`, or
   * reuses the last result when the file did not change. Findings of both go
   * to `out` either way.
   */
  get<T>(file: string, dir: string, out: Collector, parse: (text: string, c: Collector) => T): T | undefined {
    this.stats.files++;
    const st = stamp(file);
    const prev = this.entries.get(file);
    if (prev && st && prev.stamp === st) return this.replay(prev, out) as T;
    const c = new Collector();
    const text = readSource(file, dir, c);
    if (text === undefined) {
      this.entries.delete(file);
      for (const f of c.findings) out.add(f);
      return undefined;
    }
    const hash = createHash('sha1').update(text).digest('hex');
    if (prev && prev.hash === hash && st) {
      prev.stamp = st;
      return this.replay(prev, out) as T;
    }
    this.stats.parsed.push(file);
    const value = parse(text, c);
    const entry: Entry = { stamp: st ?? '', hash, value, findings: c.findings };
    if (st) this.entries.set(file, entry);
    return this.replay(entry, out) as T;
  }

  private replay(e: Entry, out: Collector): unknown {
    for (const f of e.findings) out.add(f);
    return e.value;
  }

  /** Starts a load: resets the statistics. */
  begin(): void {
    this.stats = { parsed: [], files: 0 };
  }

  /** Forgets files that no longer exist or were not read in the last load. */
  prune(seen: Set<string>): void {
    for (const file of this.entries.keys()) if (!seen.has(file)) this.entries.delete(file);
  }
}

type Yaml<S extends z.ZodType> = { data: z.infer<S>; y: YamlFile } | undefined;

function readYaml<S extends z.ZodType>(cache: SourceCache, seen: Set<string>, file: string, dir: string, schema: S, out: Collector): Yaml<S> {
  seen.add(file);
  return cache.get(file, dir, out, (text, c): Yaml<S> => {
    const y = parseYaml(text, file, c);
    const data = y && validate(y, schema, c);
    return y && data !== undefined ? { data, y } : undefined;
  });
}

function dataFiles(dir: string, sub: string): string[] {
  const folder = path.join(dir, sub);
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder).filter((n) => /\.ya?ml$/.test(n)).sort().map((n) => path.join(folder, n));
}

function toMeta(d: EditionData): Meta {
  return {
    reviewYear: d.review_year,
    planYear: d.plan_year,
    date: d.date,
    title: d.title,
    titleLines: { zh: d.title_lines?.zh ?? [d.title.zh], en: d.title_lines?.en ?? [d.title.en] },
    session: d.session,
    issuer: d.issuer,
    contact: d.contact,
    description: d.description,
    keywords: d.keywords ?? { zh: [], en: [] },
    chapterOrder: d.chapters,
  };
}

/** {@link loadEdition}, with parsing cached in `cache`. */
export function loadEditionCached(dir: string, cache: SourceCache): LoadResult {
  cache.begin();
  const seen = new Set<string>();
  const out = new Collector();
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    out.error('load/edition', fileStart(dir), 'is not an edition folder (expected a folder with edition.yaml, zh/, en/, tables/)');
    return { findings: out.findings };
  }
  const meta = readYaml(cache, seen, path.join(dir, 'edition.yaml'), dir, editionSchema, out);
  const tables: Table[] = [];
  const unreadable = new Set<string>();
  const idOf = (file: string) => path.basename(file).replace(/\.ya?ml$/, '');
  for (const file of dataFiles(dir, 'tables')) {
    const t = readYaml(cache, seen, file, dir, tableSchema, out);
    const expected = idOf(file);
    if (!t) {
      unreadable.add(expected);
      continue;
    }
    if (t.data.id !== expected) {
      out.error('load/id', t.y.placeOf(['id']), `id "${t.data.id}" differs from the file name "${expected}"`);
      unreadable.add(expected);
    }
    const dup = tables.find((x) => x.id === t.data.id);
    if (dup) out.error('load/duplicate-id', t.y.placeOf(['id']), `table id "${t.data.id}" is also used by ${dup.file}`);
    else tables.push(loadTable(t.data, t.y, out));
  }
  const figures: Figure[] = [];
  for (const file of dataFiles(dir, 'figures')) {
    const f = readYaml(cache, seen, file, dir, figureSchema, out);
    if (f) figures.push(loadFigure(f.data, f.y, tables, out, unreadable));
    else unreadable.add(idOf(file));
  }
  const glossaryFile = path.join(dir, 'glossary.yaml');
  const glossary: GlossaryTerm[] = [];
  const g = fs.existsSync(glossaryFile) ? readYaml(cache, seen, glossaryFile, dir, glossarySchema, out) : undefined;
  g?.data.terms.forEach((t, i) => glossary.push({ ...t, place: g.y.placeOf(['terms', i]) }));
  if (!meta) {
    cache.prune(seen);
    return { findings: out.findings };
  }
  const chapters = loadChapters(cache, seen, dir, meta.data.chapters, (i) => meta.y.placeOf(['chapters', i]), out);
  const edition: Edition = { dir, meta: toMeta(meta.data), chapters, tables, figures, glossary };
  resolve(edition, out, unreadable);
  cache.prune(seen);
  return { edition, findings: out.findings };
}

function loadChapters(cache: SourceCache, seen: Set<string>, dir: string, order: string[], listedAt: (index: number) => Place, out: Collector): Chapter[] {
  reportUnlisted(dir, order, out);
  const chapters: Chapter[] = [];
  for (const [index, id] of order.entries()) {
    const docs: Partial<Record<Lang, ChapterDoc>> = {};
    for (const lang of LANGS) {
      const file = path.join(dir, lang, `${id}.md`);
      if (!fs.existsSync(file)) {
        const other = path.join(dir, lang === 'zh' ? 'en' : 'zh', `${id}.md`);
        const twin = fs.existsSync(other) ? ` (${other} exists: every chapter needs both languages)` : '';
        out.error('load/chapter-missing', listedAt(index), `chapter "${id}" has no ${lang === 'zh' ? 'Chinese' : 'English'} file ${file}${twin}`);
        continue;
      }
      seen.add(file);
      const tree = cache.get(file, dir, out, (text, c): Root => parseMarkdown(text, file, c));
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
