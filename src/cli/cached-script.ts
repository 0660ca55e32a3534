/**
 * `baogao check` and `baogao build` from compiled code. Node 20 keeps no
 * compiled code between runs of an ES module, and compiling the loader, the
 * rules and their packages (yaml, micromark, zod) was a tenth of every
 * `check`; for `build`, the renderers (ECharts, pdf-lib, exceljs) are
 * compiled too, on the thread that has to hand the Chinese page to Chromium.
 * So the bundle (scripts/bundle-cli.mjs) also builds check-command.ts and
 * build.ts as CommonJS scripts, dist/bundle/check.cjs and build.cjs, runs
 * each once on the sample and keeps V8's code cache of it (check.cache,
 * build.cache); here a script is compiled from that cache. A cache V8 does
 * not accept (another Node) only costs the compile. From dist/ or the
 * sources, the module is imported as any other.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { trace } from '../trace.js';

type CheckModule = typeof import('./check-command.js');
type BuildModule = typeof import('../build.js');

/** `name`.cjs beside this module when it runs from the bundle (which builds one), else undefined. */
function cachedScript(name: string): unknown {
  const dir = path.dirname(fileURLToPath(import.meta.url));
  const file = path.join(dir, `${name}.cjs`);
  if (path.basename(dir) !== 'bundle' || !fs.existsSync(file)) return undefined;
  return runCached(file, path.join(dir, `${name}.cache`)).exports;
}

/** The check command: the cached script in the bundle, else the module. */
export async function loadCheckCommand(): Promise<CheckModule> {
  return (cachedScript('check') as CheckModule | undefined) ?? import('./check-command.js');
}

/** The build: the cached script in the bundle, else the module. */
export async function loadBuild(): Promise<BuildModule> {
  return (cachedScript('build') as BuildModule | undefined) ?? import('../build.js');
}

/** A CommonJS script run from its code cache; `script` can make a new cache once it has run. */
export function runCached(file: string, cacheFile: string): { exports: unknown; script: vm.Script } {
  const source = fs.readFileSync(file, 'utf8');
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // No cache yet: compiled as usual.
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
    // The script's import() (the renderers, which check never loads) resolves beside it; but
    // once compiled from the cache, Node 20 no longer calls this (build.cjs has no import():
    // scripts/bundle-cli.mjs).
    importModuleDynamically: ((specifier: string) => import(new URL(specifier, pathToFileURL(file)).href)) as never,
  });
  trace(`${path.basename(file, '.cjs')}: ${path.basename(file)}, code cache ${cachedData ? (script.cachedDataRejected ? 'rejected' : 'used') : 'absent'}`);
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, path.dirname(file));
  return { exports: module.exports, script };
}
