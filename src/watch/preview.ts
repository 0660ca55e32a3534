/** The preview itself: the first build, the server, the file watchers, one rebuild per quiet moment after saves. */
import fs from 'node:fs';
import path from 'node:path';
import { BaogaoError, sortFindings, usageError, type Finding } from '../diagnostics.js';
import type { Bi } from '../model.js';
import { editionTemplates, PipelineCache, runPipeline, type PagesWritten, type Verdict } from '../pipeline.js';
import { PageCache } from '../render/html/page-cache.js';
import { replaceFile } from '../output.js';
import { formatFinding, summarize } from '../report/format-findings.js';
import { artifactBuilder } from './artifacts.js';
import { clientAssets, inject } from './client-assets.js';
import { watchFolder, type FolderWatch } from './folder-watch.js';
import { excerpt, findingView, type ErrorView, type FindingView } from './locate.js';
import { diffPage, type PagePatch } from './patch.js';
import { HOST, PreviewServer } from './server.js';
import {
  clock,
  count,
  inside,
  MAX_SHOWN_ERRORS,
  PAGES,
  previewFolder,
  quiet,
  shown,
  type RebuildOutcome,
  type WatchHandle,
  type WatchOptions,
  type WatchState,
} from './watch-types.js';

/** Starts the preview: the first build, the server, the file watchers. */
export async function startWatch(opts: WatchOptions): Promise<WatchHandle> {
  const io = opts.io ?? quiet;
  const { edition, templates } = opts;
  const out = opts.out ?? previewFolder(edition);
  if (!fs.existsSync(edition) || !fs.statSync(edition).isDirectory()) {
    throw usageError(`${edition} is not a folder; give the edition to preview, e.g. baogao watch content`);
  }
  const editionAbs = path.resolve(edition);
  const outAbs = path.resolve(out);
  if (inside(outAbs, editionAbs)) throw usageError(`--out ${out} would hold the edition ${edition}; build into another folder, e.g. --out output`);
  try {
    fs.mkdirSync(out, { recursive: true });
    fs.accessSync(out, fs.constants.W_OK);
  } catch (e) {
    throw usageError(`cannot write to ${out} (${(e as NodeJS.ErrnoException).code ?? String(e)}): choose a folder you can write to with --out DIR`);
  }

  const assets = await clientAssets();
  let buildNo = 0;
  const cache = new PipelineCache();
  // Every page is written with the panel's tags and the number of the build it belongs to.
  cache.pages = new PageCache({ decorate: (_rel, html) => inject(assets, html, buildNo + 1) });
  fs.writeFileSync(path.join(out, 'index.html'), inject(assets, assets.indexHtml, -1));

  let lastMs: number | undefined;
  let lastTitle: Bi | undefined;
  let draft = false;
  let findings: Finding[] = [];
  let views: FindingView[] = [];
  let broken: WatchState['broken'];
  let lastInputs = '';
  /** The pages as last sent, to send only what changed. */
  let shownPages = new Map<string, string>();
  const artifacts: WatchState['artifacts'] = {};
  let closed = false;

  const state = (): WatchState => ({
    edition: shown(editionAbs),
    title: lastTitle,
    build: buildNo,
    ms: lastMs,
    draft,
    counts: { error: count(findings, 'error'), warning: count(findings, 'warning'), info: count(findings, 'info') },
    findings: views,
    ...(broken ? { broken } : {}),
    pages: PAGES,
    artifacts,
  });

  const server = new PreviewServer({ root: out, build: () => buildNo, state, buildArtifact: (f) => buildArtifact(f), assets });
  const port = await server.listen(opts.port);
  const url = `http://${HOST}:${port}/`;

  function printFinding(f: Finding): void {
    io.err(`  ${formatFinding(f, false)}`);
    const lines = excerpt(f.place.file, f.place.line, f.place.column);
    const hit = lines.find((l) => l.line === f.place.line);
    if (hit) io.err(`  ${String(hit.line).padStart(5)} | ${hit.from > 0 ? '…' : ''}${hit.text}`);
  }

  const buildArtifact = artifactBuilder({
    edition,
    templates,
    previous: opts.previous,
    out,
    artifacts,
    changed: () => void (closed || server.broadcast('state', state())),
    log: (line) => io.err(`${clock()}  ${line}`),
    printFinding,
    shown,
  });

  function showBroken(what: string, errors: ErrorView[], total: number, summary: string): void {
    broken = { at: new Date().toISOString(), errors, more: Math.max(0, total - errors.length) };
    lastInputs = '';
    io.err(`${clock()}  ${what} → not built: ${summary}; ${buildNo ? `still serving build ${buildNo}` : 'nothing to serve yet'}`);
    server.broadcast('broken', { build: buildNo, errors: total });
    server.broadcast('state', state());
  }

  /** The pages are written: the new build is the one served; each page gets what changed in it. */
  function pagesWritten(v: Verdict, w: PagesWritten, t0: number): void {
    buildNo++;
    // Served from now on, so no longer broken: a page that asks for the state on this patch must not see the old error.
    broken = undefined;
    lastMs = Math.round(performance.now() - t0);
    lastTitle = v.edition.meta.title;
    draft = v.draft;
    findings = v.findings;
    views = v.findings.map((f) => findingView(f, v.edition));
    const pages: Record<string, PagePatch> = {};
    for (const [rel, html] of w.pages ?? []) pages[`/${rel}`] = w.full ? { reload: true } : diffPage(shownPages.get(rel), html);
    shownPages = w.pages ?? new Map<string, string>();
    server.broadcast('patch', { build: buildNo, ms: lastMs, pages });
    server.broadcast('reload', { build: buildNo, ms: lastMs });
    server.broadcast('state', state());
  }

  /** One rebuild through the pipeline: load (cached) → check → HTML (cached) → the pages told → check.html. */
  async function rebuildNow(changed: string[], force: boolean): Promise<RebuildOutcome> {
    const t0 = performance.now();
    const what = changed.length ? changed.map(shown).slice(0, 3).join(', ') + (changed.length > 3 ? ` and ${changed.length - 3} more` : '') : 'start';
    const steps: Record<string, number> = {};
    const wasBroken = broken !== undefined;
    let verdict: Verdict | undefined;
    try {
      const r = await runPipeline(
        { edition, previous: opts.previous, templates, langs: ['zh', 'en'], preview: true, cache, onStep: (name, ms) => (steps[name] = Math.round(ms)) },
        {
          into: (v) => {
            const inputs = `${cache.sources.fingerprint()}|${templatesStamp(templates)}|${templatesStamp(editionTemplates(edition, templates))}`;
            if (!force && !broken && inputs === lastInputs) throw new Unchanged();
            lastInputs = inputs;
            verdict = v;
            return out;
          },
          onPages: (w) => pagesWritten(verdict!, w, t0),
        },
      );
      // check.html as the build writes it, with the panel.
      const check = path.join(out, 'check.html');
      if (fs.existsSync(check)) replaceFile(check, inject(assets, fs.readFileSync(check, 'utf8'), buildNo));
      broken = undefined;
      const parsed = cache.sources.stats.parsed.length;
      const detail = `load ${steps.load}, check ${steps.check}, html ${steps.html}${r.full ? ' full' : ''}, check report ${steps['check report']}; parsed ${parsed} of ${cache.sources.stats.files} files, ${r.chapters} of ${r.edition.chapters.length} chapters laid out`;
      const pending = r.fontsPending === true;
      io.err(
        `${clock()}  ${what} → ${buildNo === 1 ? 'built' : 'rebuilt'} in ${lastMs} ms (${detail}${pending ? '; font slices added after' : ''}) · ${summarize(r.findings)}${wasBroken ? ' · fixed' : ''}`,
      );
      server.broadcast('state', state());
      if (pending) {
        // A character no font slice covered yet: the text is already shown (in a fallback font); the slice follows.
        cache.pages?.writeFonts(out);
        server.broadcast('fonts', { build: buildNo });
      }
      return { ok: true, changed: true, build: buildNo, ms: lastMs ?? 0 };
    } catch (e) {
      if (e instanceof Unchanged) return { ok: true, changed: false, build: buildNo, ms: performance.now() - t0 };
      if (e instanceof BaogaoError && !verdict) {
        // The edition could not be loaded: keep the last good pages, show where.
        const sorted = sortFindings(e.findings.filter((f) => f.severity === 'error'));
        const shownErrors = sorted
          .slice(0, MAX_SHOWN_ERRORS)
          .map((f) => ({ ...findingView(f, undefined), excerpt: excerpt(f.place.file, f.place.line, f.place.column) }));
        showBroken(what, shownErrors, sorted.length, summarize(sorted));
        for (const f of sorted.slice(0, 5)) printFinding(f);
        if (sorted.length > 5) io.err(`  … and ${sorted.length - 5} more (all shown in the page)`);
        return { ok: false, changed: true, build: buildNo, ms: performance.now() - t0 };
      }
      // A template that does not compile, a rule that throws: keep the last good pages, say what happened.
      const err = e as Error;
      const file = e instanceof BaogaoError && e.findings[0] ? e.findings[0].place : { file: shown(templates), line: 1, column: 1 };
      const view: ErrorView = {
        severity: 'error',
        ruleId: 'watch/build',
        message: err.message,
        file: file.file,
        line: file.line,
        column: file.column,
        target: { place: `${file.file}:${file.line}:${file.column}` },
        excerpt: excerpt(file.file, file.line, file.column),
      };
      showBroken(what, [view], 1, err.message);
      return { ok: false, changed: true, build: buildNo, ms: performance.now() - t0 };
    }
  }

  // ---- serialised rebuilds, debounced -------------------------------------
  const debounce = opts.debounceMs ?? 10;
  const pendingFiles = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<RebuildOutcome> | undefined;
  let again = false;

  async function drain(force = false): Promise<RebuildOutcome> {
    if (running) {
      again = true;
      return running;
    }
    const files = [...pendingFiles];
    pendingFiles.clear();
    running = rebuildNow(files, force);
    try {
      return await running;
    } finally {
      running = undefined;
      if (again && !closed) {
        again = false;
        void drain();
      }
    }
  }

  function onChange(file: string): void {
    if (closed || inside(outAbs, path.resolve(file))) return;
    pendingFiles.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => void drain(), debounce);
  }

  const watchers: FolderWatch[] = [];
  for (const dir of [edition, templates]) {
    const onError = (e: Error) =>
      io.err(`${clock()}  cannot watch ${shown(dir)} any more (${(e as NodeJS.ErrnoException).code ?? e.message}); restart baogao watch`);
    watchers.push(watchFolder(dir, onChange, onError, (d) => inside(outAbs, path.resolve(d))));
  }

  await drain(true);

  return {
    url,
    port,
    rebuild: () => drain(true),
    buildArtifact,
    state,
    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      for (const w of watchers) w.close();
      await running?.catch(() => undefined);
      await server.close();
    },
  };
}

/** Thrown by the pipeline's `into` when nothing the build reads changed: the run stops before writing. */
class Unchanged extends Error {}

/** Stat of every template file: a cheap "did templates/ change" for the no-op check. */
function templatesStamp(dir: string): string {
  const parts: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const s = fs.statSync(p);
        parts.push(`${p}:${s.mtimeMs}:${s.size}`);
      }
    }
  };
  walk(dir);
  return parts.sort().join('|');
}
