/**
 * The HTML stage for `baogao watch`: the same pages as {@link renderHtml},
 * but each chapter's view is laid out again only when its text, the data it
 * can show or the numbering changed (a one-chapter edit re-typesets one
 * chapter, not four), and the stylesheets and font slices are written again
 * only when templates/ changed or the text brings a character no written
 * slice covers. The pages are kept as strings so that the preview can send
 * the page only what changed.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Heading } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Chapter, Edition, Lang } from '../../model.js';
import { writeFonts } from '../fonts.js';
import { compileTemplates, renderBilingual, renderLangPage, type HtmlOptions } from './index.js';
import { nextTypographyGeneration } from '../typography.js';
import { PACKAGE_TEMPLATES, templateFile } from './template-files.js';
import { langView, type LangView } from './view-model.js';
import { byCodeUnit } from '../../plain-text.js';
import { replaceFile } from '../../output.js';

type ChapterView = { chapter: LangView['chapters'][number]; toc: LangView['toc'] };

export interface PagesRendered {
  views: Partial<Record<Lang, LangView>>;
  /** Every page as written, by relative path. */
  pages: Map<string, string>;
  /** Chapters laid out again. */
  chapters: number;
  /** Stylesheets and fonts were written too (first run, or templates/ changed). */
  full: boolean;
  /** A character no written font slice covers: call {@link PageCache.writeFonts} (after the page is shown). */
  fontsPending: boolean;
}

/** Code points as a bitmap: the test for "a new character" costs a scan, not a Set per character. */
class CodePoints {
  private readonly bits = new Uint8Array(0x110000 >> 3);
  /** Adds every code point of `text`; true if one was new. */
  addAll(text: string): boolean {
    let added = false;
    for (const ch of text) {
      const p = ch.codePointAt(0)!;
      if (this.bits[p >> 3] & (1 << (p & 7))) continue;
      this.bits[p >> 3] |= 1 << (p & 7);
      added = true;
    }
    return added;
  }
  toSet(): Set<number> {
    const out = new Set<number>();
    for (let b = 0; b < this.bits.length; b++) if (this.bits[b]) for (let k = 0; k < 8; k++) if (this.bits[b] & (1 << k)) out.add((b << 3) | k);
    return out;
  }
}

/** Every file of the templates folder and of the package's it falls back on, hashed: any change means a full run. */
function templatesSignature(dir: string): string {
  const h = createHash('sha1');
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => byCodeUnit(a.name, b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) h.update(`${p}\0`).update(fs.readFileSync(p)).update('\0');
    }
  };
  for (const d of new Set([PACKAGE_TEMPLATES, dir])) walk(d);
  return h.digest('hex');
}

/** By rename: a page being served is never half-written. */
function writeAtomic(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  replaceFile(file, text);
}

export interface PageCacheOptions {
  /** Changes a page before it is written (the preview adds its panel). */
  decorate?: (rel: string, html: string) => string;
}

export class PageCache {
  private templates?: { sig: string; t: ReturnType<typeof compileTemplates> };
  private readonly views = new Map<string, { key: string; views: Partial<Record<Lang, ChapterView>> }>();
  private fontPoints = new CodePoints();
  private readonly headings = new WeakMap<object, string>();

  constructor(private readonly opts: PageCacheOptions = {}) {}

  /** Writes the pages of `edition` into `dir`; `fileHash` tells, from the loader's cache, whether a source file changed. */
  render(edition: Edition, dir: string, opts: HtmlOptions, fileHash: (file: string) => string | undefined): PagesRendered {
    nextTypographyGeneration();
    const sig = templatesSignature(opts.templates);
    const full = this.templates?.sig !== sig;
    if (full) {
      this.templates = { sig, t: compileTemplates(opts.templates) };
      this.views.clear();
      this.fontPoints = new CodePoints();
    }
    const t = this.templates!.t;
    const { perLang, chapters, fresh } = this.chapterViews(edition, opts, fileHash);
    const pages = new Map<string, string>();
    const views: Partial<Record<Lang, LangView>> = {};
    for (const lang of opts.langs) {
      const base = langView({ ...edition, chapters: [] }, lang, opts);
      fresh.push(JSON.stringify(base));
      views[lang] = { ...base, toc: perLang[lang].flatMap((c) => c.toc), chapters: perLang[lang].map((c) => c.chapter) };
      pages.set(`${lang}/index.html`, renderLangPage(t, views[lang], opts, edition));
    }
    if (views.zh && views.en) pages.set('bilingual.html', renderBilingual(t, views.zh, views.en, opts));

    let fontsPending = false;
    if (full) {
      // As renderHtml: the stylesheets, and the font slices for every character of them and of the pages.
      const assets = path.join(dir, 'assets');
      const sheets = ['report.css', 'print.css'].map((s) => fs.readFileSync(templateFile(opts.templates, s), 'utf8'));
      ['report.css', 'print.css'].forEach((s, i) => writeAtomic(path.join(assets, s), sheets[i]));
      for (const text of [sheets.join('\n'), ...pages.values()]) this.fontPoints.addAll(text);
      this.writeFonts(dir);
    } else {
      // Only the views laid out now can bring a character the written slices do not cover.
      for (const text of fresh) if (this.fontPoints.addAll(text)) fontsPending = true;
    }
    for (const [rel, html] of pages) writeAtomic(path.join(dir, rel), this.opts.decorate ? this.opts.decorate(rel, html) : html);
    return { views, pages, chapters, full, fontsPending };
  }

  /** Writes the font slices the pages need, and fonts.css. */
  writeFonts(dir: string): void {
    const assets = path.join(dir, 'assets');
    writeAtomic(path.join(assets, 'fonts.css'), writeFonts(assets, this.fontPoints.toSet()));
  }

  /** The structural ids of a chapter's headings: they change when an earlier chapter gains or loses a heading. */
  private headingIds(ch: Chapter): string {
    return (['zh', 'en'] as const)
      .map((lang) => {
        const tree = ch.docs[lang].tree;
        let ids = this.headings.get(tree);
        if (ids === undefined) {
          const found: string[] = [];
          visit(tree, 'heading', (h: Heading) => void found.push(String(h.data?.hProperties?.id ?? '')));
          this.headings.set(tree, (ids = found.join(',')));
        }
        return ids;
      })
      .join('|');
  }

  /** Each chapter's view per language, reused while its sources, the data and the numbering are the same. */
  private chapterViews(edition: Edition, opts: HtmlOptions, fileHash: (file: string) => string | undefined) {
    const fresh: string[] = [];
    // A file the cache did not read (no hash) never matches: its chapter is laid out again.
    const hashOf = (file: string) => fileHash(file) ?? `unread:${Math.random()}`;
    const data = createHash('sha1');
    for (const x of [...edition.tables, ...edition.figures]) data.update(`${x.file}:${hashOf(x.file)}:${x.number}\0`);
    const dataSig = data.digest('hex');
    let chapters = 0;
    const perLang: Record<Lang, ChapterView[]> = { zh: [], en: [] };
    const live = new Set<string>();
    for (const ch of edition.chapters) {
      const key = [ch.id, hashOf(ch.docs.zh.file), hashOf(ch.docs.en.file), dataSig, this.headingIds(ch), opts.preview].join('|');
      live.add(ch.id);
      let cached = this.views.get(ch.id);
      if (cached?.key !== key) {
        const one = { ...edition, chapters: [ch] };
        const views: Partial<Record<Lang, ChapterView>> = {};
        for (const lang of opts.langs) {
          const v = langView(one, lang, opts);
          views[lang] = { chapter: v.chapters[0], toc: v.toc };
        }
        this.views.set(ch.id, (cached = { key, views }));
        fresh.push(JSON.stringify(views));
        chapters++;
      }
      for (const lang of opts.langs) perLang[lang].push(cached.views[lang]!);
    }
    for (const id of this.views.keys()) if (!live.has(id)) this.views.delete(id);
    return { perLang, chapters, fresh };
  }
}
