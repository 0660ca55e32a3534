/**
 * The sample edition built once per test run, with every format, and read by
 * the end-to-end tests of each stage. Test files run in separate worker
 * processes: the first to ask takes a lock (an atomic mkdir) and builds, the
 * others wait for its result. Builds are deterministic (tests/determinism),
 * so reading one build is as good as making one's own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { build } from '../src/build.js';
import { SAMPLE, TEMPLATES } from './helpers.js';

export interface SharedBuild {
  /** The snapshot of content/ that was built (tests may read, never write it). */
  edition: string;
  /** The snapshot of templates/ it was built with. */
  templates: string;
  /** The output folder: zh/ and en/ (index.html, report.pdf, report.docx), bilingual.html, tables.xlsx, check.html. */
  out: string;
  draft: boolean;
}

const WAIT_MS = 15 * 60_000;

async function make(dir: string): Promise<SharedBuild> {
  const edition = path.join(dir, 'edition');
  const templates = path.join(dir, 'templates');
  const out = path.join(dir, 'out');
  // A snapshot: an editor may change content/ or templates/ while the suite runs.
  fs.cpSync(SAMPLE, edition, { recursive: true });
  fs.cpSync(TEMPLATES, templates, { recursive: true });
  const { draft } = await build({ edition, out, langs: ['zh', 'en'], formats: ['html', 'pdf', 'xlsx', 'docx'], force: false, templates });
  return { edition, templates, out, draft };
}

let mine: Promise<SharedBuild> | undefined;

/** The shared build of the sample; builds it if no worker has yet. */
export function sharedSampleBuild(): Promise<SharedBuild> {
  mine ??= (async () => {
    const dir = path.join(inject('sharedRoot'), 'sample');
    const done = path.join(dir, 'done.json');
    const failed = path.join(dir, 'failed.txt');
    try {
      fs.mkdirSync(dir);
    } catch {
      const t0 = Date.now();
      while (Date.now() - t0 < WAIT_MS) {
        if (fs.existsSync(done)) return JSON.parse(fs.readFileSync(done, 'utf8')) as SharedBuild;
        if (fs.existsSync(failed)) throw new Error(`the shared build of the sample failed: ${fs.readFileSync(failed, 'utf8')}`);
        await sleep(250);
      }
      throw new Error('timed out waiting for the shared build of the sample');
    }
    try {
      const built = await make(dir);
      fs.writeFileSync(`${done}.tmp`, JSON.stringify(built));
      fs.renameSync(`${done}.tmp`, done);
      return built;
    } catch (e) {
      fs.writeFileSync(failed, e instanceof Error ? e.message : String(e));
      throw e;
    }
  })();
  return mine;
}
