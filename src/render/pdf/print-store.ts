/**
 * A rebuild prints again only the pages whose print would change. Every
 * print is kept with the build's outputs (`<out>/.baogao/prints/`), with the
 * content hash of every file Chromium read for it (the page itself, its
 * style sheets, every font slice) and of what else decides the print's
 * bytes: the browser's executable, its flags, page.pdf's options and
 * baogao's version. A later build onto the same folder whose page would read
 * the very same bytes takes the kept print instead of asking Chromium, and
 * finishes it as it would a new one (the contents' numbers, the outline,
 * metadata). Two prints of the same files differ only in the dates Chromium
 * stamps, which finishing replaces (tests/determinism.test.ts), so the PDF
 * is the one a new print would give (tests/pdf/print-store.test.ts).
 *
 * Only the output folder's own prints are used: a build into a fresh folder
 * prints everything. The store moves in with the other outputs when the
 * build commits, so a failed build leaves the previous one untouched.
 * Anything unreadable in it (a missing file, a damaged record, a print whose
 * hash is wrong) is a print to make again, never an error.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lang } from '../../model.js';
import { trace } from '../../trace.js';

/** Where the prints are kept, relative to the output folder. */
export const STORE_DIR = path.join('.baogao', 'prints');

/** The files a page read, relative to the staging folder (`/`-separated), by content hash. */
export type Reads = Record<string, string>;

/** What one print read and gave: the files it read, and its bytes' hash. */
export interface PrintRecord {
  env: string;
  reads: Reads;
  pdf: string;
}

/** A print with what Chromium read for it (browser.ts records the reads). */
export interface PrintWithReads {
  pdf: Uint8Array;
  reads: Reads;
}

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** The content hash of a file, or undefined when it cannot be read. */
export function fileHash(file: string): string | undefined {
  try {
    return sha256(fs.readFileSync(file));
  } catch {
    return undefined;
  }
}

/** What else decides a print's bytes besides the files it reads; a record made under another is never used. */
export function printEnv(parts: Record<string, unknown>): string {
  return sha256(JSON.stringify(parts));
}

function readRecord(file: string): PrintRecord | undefined {
  try {
    const r = JSON.parse(fs.readFileSync(file, 'utf8')) as PrintRecord;
    return typeof r.env === 'string' && typeof r.pdf === 'string' && r.reads && typeof r.reads === 'object' ? r : undefined;
  } catch {
    return undefined;
  }
}

/** The kept print of `name` when every file it read is unchanged in `staging`; undefined otherwise. */
function lookup(
  out: string,
  staging: string,
  name: string,
  env: string,
  handedOver: Record<string, string | undefined>,
): { record: PrintRecord; pdf: Uint8Array } | undefined {
  const dir = path.join(out, STORE_DIR);
  const record = readRecord(path.join(dir, `${name}.json`));
  if (!record || record.env !== env || !Object.keys(record.reads).length) return undefined;
  for (const [rel, hash] of Object.entries(record.reads)) {
    if (path.isAbsolute(rel) || rel.split(/[\\/]/).includes('..') || (rel in handedOver ? handedOver[rel] : fileHash(path.join(staging, rel))) !== hash)
      return undefined;
  }
  let pdf: Uint8Array;
  try {
    pdf = fs.readFileSync(path.join(dir, `${name}.pdf`));
  } catch {
    return undefined;
  }
  return sha256(pdf) === record.pdf ? { record, pdf } : undefined;
}

/** Keeps a print in the staging folder's store; skipped once an interruption has removed the folder. */
function keep(staging: string, name: string, record: PrintRecord, pdf: Uint8Array): void {
  if (!fs.existsSync(staging)) return;
  const dir = path.join(staging, STORE_DIR);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.pdf`), pdf);
  fs.writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(record, null, 1)}\n`);
}

export interface StoreOptions {
  /** The output folder whose kept prints may be used (the previous build's). */
  out: string;
  staging: string;
  lang: Lang;
  env: () => Promise<string>;
  /**
   * Files the build rewrites while pages print (fonts.css, replaced after
   * each language's layout), hashed when the page was handed over
   * ({@link hashesNow}, before anything is awaited), not when Chromium asks
   * for them: the record must not depend on which version a print happened
   * to read. Either version gives the same print: a later one only adds the
   * faces of the next language, which this page's text never uses.
   */
  handedOver?: Record<string, string | undefined>;
}

/** The files' hashes as they are now. */
export function hashesNow(dir: string, rels: string[]): Record<string, string | undefined> {
  return Object.fromEntries(rels.map((rel) => [rel, fileHash(path.join(dir, rel))]));
}

/**
 * Wraps a language's print: each pass (1, then 2 … when the contents are
 * printed again) is looked up before Chromium is asked, and kept after.
 */
export function storedPrints(opts: StoreOptions, print: (file: string) => Promise<PrintWithReads>): (file: string) => Promise<Uint8Array> {
  let pass = 0;
  return async (file) => {
    const name = `${opts.lang}-${++pass}`;
    const env = await opts.env();
    const hit = lookup(opts.out, opts.staging, name, env, opts.handedOver ?? {});
    if (hit) {
      trace(`pdf ${opts.lang}: print ${pass} reused`);
      keep(opts.staging, name, hit.record, hit.pdf);
      return hit.pdf;
    }
    const { pdf, reads } = await print(file);
    for (const [rel, hash] of Object.entries(opts.handedOver ?? {})) if (rel in reads && hash) reads[rel] = hash;
    keep(opts.staging, name, { env, reads, pdf: sha256(pdf) }, pdf);
    return pdf;
  };
}

/** The newest modification time of the files under `p` (a file or a folder), 0 when there is none. */
function newest(p: string): number {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const e of fs.readdirSync(p, { withFileTypes: true })) max = Math.max(max, newest(path.join(p, e.name)));
  return max;
}

/**
 * A guess, before anything is loaded, that every language's print will be
 * taken from the store: each has a kept print newer than every file of
 * `inputs` (the edition, the templates) and of baogao's code. When it holds,
 * the build does not start Chromium unless a page turns out to need it; the
 * lookup itself stays exact, so a wrong guess only starts Chromium later.
 */
export function keptPrintsLookFresh(out: string, langs: readonly Lang[], inputs: string[]): boolean {
  const dir = path.join(out, STORE_DIR);
  const kept = langs.map((lang) => newest(path.join(dir, `${lang}-1.json`)));
  if (!kept.length || kept.some((t) => t === 0)) return false;
  const changed = Math.max(newest(fileURLToPath(import.meta.url)), ...inputs.map(newest));
  return changed < Math.min(...kept);
}
