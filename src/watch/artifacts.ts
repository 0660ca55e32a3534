/**
 * The PDF and the Excel annex of `baogao watch`, on request: the real
 * `build` into a folder of its own, the files then moved into the preview
 * folder. One build per format at a time; a second request joins the first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, type Format } from '../build.js';
import { BaogaoError, type Finding } from '../diagnostics.js';

export type ArtifactFormat = Extract<Format, 'pdf' | 'xlsx'>;

export interface ArtifactState {
  status: 'building' | 'done' | 'failed';
  message: string;
  /** Files in the output folder, relative to it. */
  files: string[];
}

export interface ArtifactContext {
  edition: string;
  templates: string;
  previous?: string;
  /** The preview folder the files are moved into. */
  out: string;
  artifacts: Partial<Record<ArtifactFormat, ArtifactState>>;
  /** The state changed: tell the pages. */
  changed(): void;
  log(line: string): void;
  printFinding(f: Finding): void;
  shown(file: string): string;
}

export function artifactBuilder(ctx: ArtifactContext): (format: ArtifactFormat) => Promise<ArtifactState> {
  const inflight: Partial<Record<ArtifactFormat, Promise<ArtifactState>>> = {};
  return (format) => {
    const running = inflight[format];
    if (running) return running;
    const label = format === 'pdf' ? 'PDF' : 'Excel';
    ctx.artifacts[format] = { status: 'building', message: 'building…', files: [] };
    ctx.changed();
    ctx.log(`building the ${label} …`);
    const t0 = performance.now();
    const job = (async (): Promise<ArtifactState> => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'baogao-watch-'));
      try {
        const r = await build({
          edition: ctx.edition,
          out: tmp,
          langs: ['zh', 'en'],
          formats: [format],
          force: true,
          templates: ctx.templates,
          previous: ctx.previous,
        });
        const files = r.files.filter((f) => f.endsWith(`.${format}`));
        for (const f of files) {
          const target = path.join(ctx.out, f);
          fs.mkdirSync(path.dirname(target), { recursive: true });
          const part = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
          fs.copyFileSync(path.join(tmp, f), part);
          fs.renameSync(part, target);
        }
        const ms = Math.round(performance.now() - t0);
        const message = `${r.draft ? `DRAFT (征求意见稿: ${r.open.length} open)` : 'done'} in ${(ms / 1000).toFixed(1)} s`;
        ctx.log(`${label} ${message}: ${files.map((f) => path.join(ctx.shown(path.resolve(ctx.out)), f)).join(', ')}`);
        return { status: 'done', message, files };
      } catch (e) {
        const message = e instanceof BaogaoError ? e.message : `unexpected error: ${(e as Error).message}`;
        ctx.log(`${label} failed: ${message}`);
        if (e instanceof BaogaoError) for (const f of e.findings.slice(0, 5)) ctx.printFinding(f);
        return { status: 'failed', message, files: [] };
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    })();
    inflight[format] = job;
    return job.then((s) => {
      ctx.artifacts[format] = s;
      delete inflight[format];
      ctx.changed();
      return s;
    });
  };
}
