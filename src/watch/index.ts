/**
 * `baogao watch [edition]`: a live preview for the editors. Serves the HTML
 * of the edition on http://127.0.0.1:PORT, rebuilds it on every save in the
 * edition folder or templates/ (parsing again only what changed), runs the
 * checks every time and shows their findings in a panel on the page. An edit
 * that breaks the edition keeps the last good pages and shows the error, with
 * its file:line and the lines around it, until the file is fixed. PDF and
 * Excel are built on request, by the real `build`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, type Format } from '../build.js';
import { runChecks } from '../check/index.js';
import { BaogaoError, sortFindings, usageError, type Finding, type Severity, type Io } from '../diagnostics.js';
import type { Bi, Edition } from '../model.js';
import { formatFinding, summarize } from '../report/format-findings.js';
import { VERSION } from '../version.js';
import { HtmlCache } from './html-cached.js';
import { loadEdition } from '../load/index.js';
import { SourceCache } from '../load/source-cache.js';
import { excerpt, findingView, type ErrorView, type FindingView } from './locate.js';
import { HOST, PreviewServer } from './server.js';
import { failing, openItems } from '../report/open-items.js';
import type { FigureStatusEntry } from '../check/rule.js';
import { renderCheckReport } from '../render/check-report/index.js';
import { watchFolder, type FolderWatch } from './folder-watch.js';
import { createHash } from 'node:crypto';

/**
 * The preview's own folder, one per edition, outside the project: a preview
 * never mixes its HTML with a build's PDF and workbook in output/.
 */
export function previewFolder(edition: string): string {
  const abs = path.resolve(edition);
  return path.join(os.tmpdir(), 'baogao-preview', `${path.basename(abs)}-${createHash('sha256').update(abs).digest('hex').slice(0, 8)}`);
}

export interface WatchOptions {
  /** The edition folder. */
  edition: string;
  /** The folder the HTML is built into and served from; by default a preview folder of its own (never a build's output/). */
  out?: string;
  /** Last year's edition, for the carry-over check (as `check --previous`). */
  previous?: string;
  /** A fixed port (0: any free port); default: the first free port from 4173. */
  port?: number;
  templates: string;
  io?: Io;
  /** Quiet time after a change before rebuilding, in ms. */
  debounceMs?: number;
}

export type ArtifactFormat = Extract<Format, 'pdf' | 'xlsx'>;

export interface ArtifactState {
  status: 'building' | 'done' | 'failed';
  message: string;
  /** Files in the output folder, relative to it. */
  files: string[];
}

/** What the panel shows: sent as JSON to the pages. */
export interface WatchState {
  edition: string;
  title?: Bi;
  /** Number of the last good build (0: none yet). */
  build: number;
  /** Duration of the last good build, in ms. */
  ms?: number;
  draft: boolean;
  counts: Record<Severity, number>;
  findings: FindingView[];
  /** Set while the last save left the edition unloadable. */
  broken?: { at: string; errors: ErrorView[]; more: number };
  pages: { href: string; label: string; note?: string }[];
  artifacts: Partial<Record<ArtifactFormat, ArtifactState>>;
}

export interface RebuildOutcome {
  ok: boolean;
  /** False when nothing the build reads had changed. */
  changed: boolean;
  build: number;
  ms: number;
}

export interface WatchHandle {
  url: string;
  port: number;
  /** Rebuilds now (as a save would). */
  rebuild(): Promise<RebuildOutcome>;
  buildArtifact(format: ArtifactFormat): Promise<ArtifactState>;
  state(): WatchState;
  close(): Promise<void>;
}

const PAGES: WatchState['pages'] = [
  { href: '/zh/index.html', label: '中文', note: 'Chinese edition' },
  { href: '/en/index.html', label: 'English', note: 'English edition' },
  { href: '/bilingual.html', label: '中英对照', note: 'bilingual view, block by block' },
];

const MAX_SHOWN_ERRORS = 20;
const quiet: Io = { out: () => {}, err: () => {} };

const clock = () => new Date().toTimeString().slice(0, 8);
const count = (findings: Finding[], s: Severity) => findings.filter((f) => f.severity === s).length;

/** A path relative to the working directory, as messages print paths. */
const shown = (file: string) => {
  const r = path.relative(process.cwd(), file);
  return r && !r.startsWith('..') ? r : file;
};

function inside(parent: string, child: string): boolean {
  const r = path.relative(parent, child);
  return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
}

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
    throw usageError(`cannot write to ${out} (${(e as NodeJS.ErrnoException).code ?? e}): choose a folder you can write to with --out DIR`);
  }

  let previous: Edition | undefined;
  if (opts.previous) {
    const p = loadEdition(opts.previous);
    if (!p.edition) throw new BaogaoError(`previous edition ${opts.previous} could not be loaded`, sortFindings(p.findings));
    previous = p.edition;
  }

  const cache = new SourceCache();
  const html = new HtmlCache();
  let buildNo = 0;
  let lastMs: number | undefined;
  let lastTitle: Bi | undefined;
  let draft = false;
  let findings: Finding[] = [];
  let views: FindingView[] = [];
  let broken: WatchState['broken'];
  let lastInputs = '';
  const artifacts: WatchState['artifacts'] = {};
  const inflight: Partial<Record<ArtifactFormat, Promise<ArtifactState>>> = {};

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

  const server = new PreviewServer({ root: out, build: () => buildNo, state, buildArtifact: (f) => buildArtifact(f) });
  const port = await server.listen(opts.port);
  const url = `http://${HOST}:${port}/`;

  function printFinding(f: Finding): void {
    io.err(`  ${formatFinding(f, false)}`);
    const lines = excerpt(f.place.file, f.place.line, f.place.column);
    const hit = lines.find((l) => l.line === f.place.line);
    if (hit) io.err(`  ${String(hit.line).padStart(5)} | ${hit.from > 0 ? '…' : ''}${hit.text}`);
  }

  /** One rebuild: load (cached) → check → HTML (cached) → tell the pages. */
  async function rebuildNow(changed: string[], force: boolean): Promise<RebuildOutcome> {
    const t0 = performance.now();
    const what = changed.length ? changed.map(shown).slice(0, 3).join(', ') + (changed.length > 3 ? ` and ${changed.length - 3} more` : '') : 'start';
    try {
      const loaded = loadEdition(edition, { cache });
      const tLoad = performance.now();
      const errors = loaded.findings.filter((f) => f.severity === 'error');
      if (!loaded.edition || errors.length) {
        const sorted = sortFindings(errors);
        broken = {
          at: new Date().toISOString(),
          errors: sorted.slice(0, MAX_SHOWN_ERRORS).map((f) => ({ ...findingView(f, loaded.edition), excerpt: excerpt(f.place.file, f.place.line, f.place.column) })),
          more: Math.max(0, sorted.length - MAX_SHOWN_ERRORS),
        };
        lastInputs = '';
        io.err(`${clock()}  ${what} → not built: ${summarize(sorted)}; ${buildNo ? `still serving build ${buildNo}` : 'nothing to serve yet'}`);
        for (const f of sorted.slice(0, 5)) printFinding(f);
        if (sorted.length > 5) io.err(`  … and ${sorted.length - 5} more (all shown in the page)`);
        server.broadcast('broken', { build: buildNo, errors: sorted.length });
        server.broadcast('state', state());
        return { ok: false, changed: true, build: buildNo, ms: performance.now() - t0 };
      }
      const ed: Edition = loaded.edition;
      const inputs = `${cache.fingerprint()}|${templatesStamp(templates)}`;
      if (!force && !broken && inputs === lastInputs) return { ok: true, changed: false, build: buildNo, ms: performance.now() - t0 };
      const figures: FigureStatusEntry[] = [];
      const checked = runChecks(ed, { previous, figures });
      const tCheck = performance.now();
      const all = sortFindings([...loaded.findings, ...checked]);
      const isDraft = failing(all, false).length > 0 || openItems(all).length > 0;
      const h = html.build(ed, out, { templates, langs: ['zh', 'en'], draft: isDraft, preview: true, version: VERSION }, (f) => cache.hashOf(f));
      // check.html as the build writes it: the figures coloured by what the check established.
      renderCheckReport(ed, all, out, { figures, templates });
      const tHtml = performance.now();
      buildNo++;
      lastMs = Math.round(tHtml - t0);
      lastInputs = inputs;
      lastTitle = ed.meta.title;
      draft = isDraft;
      findings = all;
      views = all.map((f) => findingView(f, ed));
      const wasBroken = broken !== undefined;
      broken = undefined;
      const parsed = cache.stats.parsed.length;
      const detail = `load ${Math.round(tLoad - t0)}, check ${Math.round(tCheck - tLoad)}, html ${Math.round(tHtml - tCheck)}${h.mode === 'full' ? ' full' : ''}; parsed ${parsed} of ${cache.stats.files} files, ${h.chapters} of ${ed.chapters.length} chapters rendered${h.fontsPending ? '; font slices added after' : ''}`;
      io.err(`${clock()}  ${what} → ${buildNo === 1 ? 'built' : 'rebuilt'} in ${lastMs} ms (${detail}) · ${summarize(all)}${wasBroken ? ' · fixed' : ''}`);
      server.broadcast('reload', { build: buildNo, ms: lastMs });
      server.broadcast('state', state());
      if (h.fontsPending) {
        // A character no font slice covered yet: the text is already shown (in a fallback font); the slice follows.
        html.writeFonts(out);
        server.broadcast('fonts', { build: buildNo });
      }
      return { ok: true, changed: true, build: buildNo, ms: lastMs };
    } catch (e) {
      // A template that does not compile, a rule that throws: keep the last good pages, say what happened.
      const err = e as Error;
      const file = e instanceof BaogaoError && e.findings[0] ? e.findings[0].place : { file: shown(templates), line: 1, column: 1 };
      broken = {
        at: new Date().toISOString(),
        errors: [{ severity: 'error', ruleId: 'watch/build', message: err.message, file: file.file, line: file.line, column: file.column, target: { place: `${file.file}:${file.line}:${file.column}` }, excerpt: excerpt(file.file, file.line, file.column) }],
        more: 0,
      };
      lastInputs = '';
      io.err(`${clock()}  ${what} → not built: ${err.message}; ${buildNo ? `still serving build ${buildNo}` : 'nothing to serve yet'}`);
      server.broadcast('broken', { build: buildNo, errors: 1 });
      server.broadcast('state', state());
      return { ok: false, changed: true, build: buildNo, ms: performance.now() - t0 };
    }
  }

  // ---- serialised rebuilds, debounced -------------------------------------
  const debounce = opts.debounceMs ?? 30;
  const pendingFiles = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<RebuildOutcome> | undefined;
  let again = false;
  let closed = false;

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

  function onChange(base: string, name: string | Buffer | null): void {
    if (closed) return;
    const file = name ? path.join(base, name.toString()) : base;
    if (inside(outAbs, path.resolve(file))) return;
    pendingFiles.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => void drain(), debounce);
  }

  const watchers: FolderWatch[] = [];
  for (const dir of [edition, templates]) {
    const onError = (e: Error) => io.err(`${clock()}  cannot watch ${shown(dir)} any more (${(e as NodeJS.ErrnoException).code ?? e.message}); restart baogao watch`);
    watchers.push(watchFolder(dir, (file) => onChange(file, null), onError, (d) => inside(outAbs, path.resolve(d))));
  }

  // ---- PDF and Excel, on request -------------------------------------------
  function buildArtifact(format: ArtifactFormat): Promise<ArtifactState> {
    const running = inflight[format];
    if (running) return running;
    const label = format === 'pdf' ? 'PDF' : 'Excel';
    artifacts[format] = { status: 'building', message: 'building…', files: [] };
    server.broadcast('state', state());
    io.err(`${clock()}  building the ${label} …`);
    const t0 = performance.now();
    const job = (async (): Promise<ArtifactState> => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'baogao-watch-'));
      try {
        const r = await build({ edition, out: tmp, langs: ['zh', 'en'], formats: [format], force: true, templates, previous: opts.previous });
        const files = r.files.filter((f) => f.endsWith(`.${format}`));
        for (const f of files) {
          const target = path.join(out, f);
          fs.mkdirSync(path.dirname(target), { recursive: true });
          const part = `${target}.${process.pid}.tmp`;
          fs.copyFileSync(path.join(tmp, f), part);
          fs.renameSync(part, target);
        }
        const ms = Math.round(performance.now() - t0);
        const message = `${r.draft ? `DRAFT (征求意见稿: ${r.open.length} open)` : 'done'} in ${(ms / 1000).toFixed(1)} s`;
        io.err(`${clock()}  ${label} ${message}: ${files.map((f) => path.join(shown(outAbs), f)).join(', ')}`);
        return { status: 'done', message, files };
      } catch (e) {
        const message = e instanceof BaogaoError ? e.message : `unexpected error: ${(e as Error).message}`;
        io.err(`${clock()}  ${label} failed: ${message}`);
        if (e instanceof BaogaoError) for (const f of e.findings.slice(0, 5)) printFinding(f);
        return { status: 'failed', message, files: [] };
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    })();
    inflight[format] = job;
    return job.then((s) => {
      artifacts[format] = s;
      delete inflight[format];
      if (!closed) server.broadcast('state', state());
      return s;
    });
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

/**
 * The `baogao watch` command: starts the preview, prints its address, and
 * runs until Ctrl-C (or SIGTERM, or `q`). Keys when the terminal is
 * interactive: p builds the PDF, x the Excel annex, r rebuilds.
 */
export async function runWatch(opts: Omit<WatchOptions, 'io'>, io: Io): Promise<number> {
  io.err(`baogao watch ${opts.edition} → ${opts.out ?? previewFolder(opts.edition)} (preview folder)${opts.previous ? `; previous edition ${opts.previous}` : ''}`);
  const w = await startWatch({ ...opts, io });
  io.out(`Preview: ${w.url}  (中文 ${w.url}zh/  ·  English ${w.url}en/  ·  对照 ${w.url}bilingual.html)`);
  const stdin = process.stdin;
  const keys = stdin.isTTY === true;
  io.err(keys ? 'Keys: p build the PDF · x build the Excel annex · r rebuild · q or Ctrl-C stop' : 'Ctrl-C stops.');

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (why: string) => {
      if (stopping) return;
      stopping = true;
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
      if (keys) {
        stdin.off('data', onKey);
        stdin.setRawMode(false);
        stdin.pause();
      }
      io.err(`\n${why}: stopping the preview`);
      const busy = Object.entries(w.state().artifacts).filter(([, a]) => a?.status === 'building');
      if (busy.length) io.err(`the ${busy.map(([f]) => (f === 'pdf' ? 'PDF' : 'Excel')).join(' and ')} build still running finishes first; Ctrl-C again stops at once`);
      w.close().then(
        () => resolve(0),
        () => resolve(0),
      );
    };
    const onSigint = () => stop('Ctrl-C');
    const onSigterm = () => stop('SIGTERM');
    const onKey = (data: Buffer) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\u0003' || ch === 'q' || ch === '\u0004') return stop(ch === 'q' ? 'q' : 'Ctrl-C');
        if (ch === 'p') void w.buildArtifact('pdf');
        else if (ch === 'x') void w.buildArtifact('xlsx');
        else if (ch === 'r') void w.rebuild();
      }
    };
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigterm);
    if (keys) {
      stdin.setRawMode(true);
      stdin.resume();
      stdin.on('data', onKey);
    }
  });
}
