/** What `baogao watch` takes, keeps and shows: its options, the state the panel gets, its handle; small helpers of its messages. */
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Finding, Io, Severity } from '../diagnostics.js';
import type { Bi } from '../model.js';
import type { ArtifactFormat, ArtifactState } from './artifacts.js';
import type { ErrorView, FindingView } from './locate.js';

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

export const PAGES: WatchState['pages'] = [
  { href: '/zh/index.html', label: '中文', note: 'Chinese edition' },
  { href: '/en/index.html', label: 'English', note: 'English edition' },
  { href: '/bilingual.html', label: '中英对照', note: 'bilingual view, block by block' },
];

export const MAX_SHOWN_ERRORS = 20;
export const quiet: Io = { out: () => {}, err: () => {} };

export const clock = () => new Date().toTimeString().slice(0, 8);
export const count = (findings: Finding[], s: Severity) => findings.filter((f) => f.severity === s).length;

/** A path relative to the working directory, as messages print paths. */
export const shown = (file: string) => {
  const r = path.relative(process.cwd(), file);
  return r && !r.startsWith('..') ? r : file;
};

export function inside(parent: string, child: string): boolean {
  const r = path.relative(parent, child);
  return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
}
