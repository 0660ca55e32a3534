/**
 * The HTML of `baogao watch`, rebuilt incrementally. The first build, and
 * every build after a change in templates/, is the real {@link renderHtml}
 * (pages, stylesheets, font slices). After a content edit only the pages are
 * rendered again, each chapter's view model reused unless that chapter, the
 * data it shows or the numbering changed; font slices are added only when the
 * text uses a character no written slice covers.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Heading } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Chapter, Edition, Lang } from '../model.js';
import { writeFonts } from '../render/fonts.js';
import { compileTemplates, renderBilingual, renderHtml, renderLangPage, type HtmlOptions } from '../render/html/index.js';
import { langView, type LangView } from '../render/html/view-model.js';
import { commitStaging, createStaging, discardStaging } from '../output.js';

type Templates = ReturnType<typeof compileTemplates>;
type ChapterView = { chapter: LangView['chapters'][number]; toc: LangView['toc'] };

export interface HtmlBuildStats {
  /** `full` (renderHtml) or `pages` (pages only). */
  mode: 'full' | 'pages';
  /** Chapters whose view was built again (both languages count once). */
  chapters: number;
  /**
   * The pages use a character no written font slice was chosen for: call
   * {@link HtmlCache.writeFonts} (after the pages are shown; it copies font files).
   */
  fontsPending: boolean;
}

/** A set of code points as a bitmap: membership tests at the speed of a scan. */
class CodePointSet {
  private readonly bits = new Uint8Array(0x110000 >> 3);
  add(p: number): void {
    this.bits[p >> 3] |= 1 << (p & 7);
  }
  has(p: number): boolean {
    return (this.bits[p >> 3] & (1 << (p & 7))) !== 0;
  }
  /** Adds every code point of `text`; true if one was new. */
  addAll(text: string): boolean {
    let added = false;
    for (let i = 0; i < text.length; i++) {
      let p = text.charCodeAt(i);
      if (p >= 0xd800 && p <= 0xdbff && i + 1 < text.length) {
        p = text.codePointAt(i)!;
        i++;
      }
      if (!this.has(p)) {
        this.add(p);
        added = true;
      }
    }
    return added;
  }
  toSet(): Set<number> {
    const out = new Set<number>();
    for (let b = 0; b < this.bits.length; b++) if (this.bits[b]) for (let k = 0; k < 8; k++) if (this.bits[b] & (1 << k)) out.add((b << 3) | k);
    return out;
  }
}

/** Every file of the templates folder, hashed: a change in any of them means a full build. */
function templatesSignature(dir: string): string {
  const h = createHash('sha1');
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) h.update(`${p}\0`).update(fs.readFileSync(p)).update('\0');
    }
  };
  walk(dir);
  return h.digest('hex');
}

/** Writes `text` to `file` by rename, so that a page being served is never half-written. */
function writeAtomic(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

export class HtmlCache {
  private templates?: { sig: string; t: Templates };
  private readonly views = new Map<string, { key: string; views: Record<Lang, ChapterView> }>();
  /** Code points the written font slices were chosen for (or will be, when fonts are pending). */
  private fontPoints = new CodePointSet();
  /** Heading nodes per parsed tree (trees are reused while their file is unchanged). */
  private readonly headings = new WeakMap<object, Heading[]>();

  /** Forgets everything: the next build is a full one. */
  reset(): void {
    this.templates = undefined;
    this.views.clear();
    this.fontPoints = new CodePointSet();
  }

  /**
   * Writes the pages of `edition` into `outDir`. `fileHash` gives the hash of
   * a source file's text (from the loader's cache), so that unchanged
   * chapters are recognised without reading them.
   */
  build(edition: Edition, outDir: string, opts: HtmlOptions, fileHash: (file: string) => string | undefined): HtmlBuildStats {
    const sig = templatesSignature(opts.templates);
    if (!this.templates || this.templates.sig !== sig) return this.full(edition, outDir, opts, sig, fileHash);
    const t = this.templates.t;
    const { perLang, rebuilt, fresh } = this.chapterViews(edition, opts, fileHash);
    const pages: [string, string][] = [];
    const views: Partial<Record<Lang, LangView>> = {};
    for (const lang of opts.langs) {
      const base = langView({ ...edition, chapters: [] }, lang, opts);
      fresh.push(JSON.stringify(base));
      const view: LangView = { ...base, toc: perLang[lang].flatMap((c) => c.toc), chapters: perLang[lang].map((c) => c.chapter) };
      views[lang] = view;
      pages.push([`${lang}/index.html`, renderLangPage(t, view, opts, edition)]);
    }
    if (views.zh && views.en) pages.push(['bilingual.html', renderBilingual(t, views.zh, views.en, opts)]);

    // The pages are the templates (scanned at the full build), the page-level view and the chapter views:
    // only the views built now can bring a character the written font slices do not cover.
    let fontsPending = false;
    for (const text of fresh) if (this.fontPoints.addAll(text)) fontsPending = true;
    for (const [rel, html] of pages) writeAtomic(path.join(outDir, rel), html);
    return { mode: 'pages', chapters: rebuilt, fontsPending };
  }

  /** Adds the font slices the pages now need (and rewrites fonts.css). */
  writeFonts(outDir: string): void {
    const assets = path.join(outDir, 'assets');
    writeAtomic(path.join(assets, 'fonts.css'), writeFonts(assets, this.fontPoints.toSet()));
  }

  /** The structural ids of a chapter's headings: they change when an earlier chapter gains or loses a heading. */
  private headingIds(ch: Chapter): string {
    const ids: string[] = [];
    for (const lang of ['zh', 'en'] as const) {
      const tree = ch.docs[lang].tree;
      let list = this.headings.get(tree);
      if (!list) {
        const found: Heading[] = [];
        visit(tree, 'heading', (h: Heading) => void found.push(h));
        this.headings.set(tree, (list = found));
      }
      for (const h of list) ids.push(String(h.data?.hProperties?.id ?? ''));
    }
    return ids.join(',');
  }

  /** The view of each chapter in each language, reused while its inputs are the same. */
  private chapterViews(edition: Edition, opts: HtmlOptions, fileHash: (file: string) => string | undefined): { perLang: Record<Lang, ChapterView[]>; rebuilt: number; fresh: string[] } {
    const fresh: string[] = [];
    const data = createHash('sha1');
    for (const x of [...edition.tables, ...edition.figures]) data.update(`${x.file}:${fileHash(x.file) ?? Math.random()}:${x.number}\0`);
    const dataSig = data.digest('hex');
    let rebuilt = 0;
    const perLang: Record<Lang, ChapterView[]> = { zh: [], en: [] };
    const live = new Set<string>();
    for (const ch of edition.chapters) {
      const key = [ch.id, fileHash(ch.docs.zh.file) ?? Math.random(), fileHash(ch.docs.en.file) ?? Math.random(), dataSig, this.headingIds(ch)].join('|');
      live.add(ch.id);
      let cached = this.views.get(ch.id);
      if (!cached || cached.key !== key) {
        const one = { ...edition, chapters: [ch] };
        const views = {} as Record<Lang, ChapterView>;
        for (const lang of opts.langs) {
          const v = langView(one, lang, opts);
          views[lang] = { chapter: v.chapters[0], toc: v.toc };
        }
        cached = { key, views };
        this.views.set(ch.id, cached);
        fresh.push(JSON.stringify(views));
        rebuilt++;
      }
      for (const lang of opts.langs) perLang[lang].push(cached.views[lang]);
    }
    for (const id of this.views.keys()) if (!live.has(id)) this.views.delete(id);
    return { perLang, rebuilt, fresh };
  }

  /** The real HTML stage into a staging folder, moved into place; the chapter views are cached for the next edit. */
  private full(edition: Edition, outDir: string, opts: HtmlOptions, sig: string, fileHash: (file: string) => string | undefined): HtmlBuildStats {
    const staging = createStaging(outDir);
    try {
      const r = renderHtml(edition, staging, opts);
      const written = r.files.filter((f) => f.endsWith('.html')).map((f) => fs.readFileSync(path.join(staging, f), 'utf8'));
      const css = ['report.css', 'print.css'].map((s) => path.join(staging, 'assets', s)).filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f, 'utf8'));
      commitStaging(staging, outDir);
      this.fontPoints = new CodePointSet();
      for (const text of [...css, ...written]) this.fontPoints.addAll(text);
    } catch (e) {
      discardStaging(staging);
      throw e;
    }
    this.templates = { sig, t: compileTemplates(opts.templates) };
    this.views.clear();
    this.chapterViews(edition, opts, fileHash);
    return { mode: 'full', chapters: edition.chapters.length, fontsPending: false };
  }
}
