/**
 * `baogao check` from compiled code. Node 20 keeps no compiled code between
 * runs of an ES module, and compiling the loader, the rules and their
 * packages (yaml, micromark, zod) was a tenth of every `check`. So the bundle
 * (scripts/bundle-cli.mjs) also builds check-command.ts as one CommonJS
 * script, dist/bundle/check.cjs, runs it once on the sample and keeps V8's
 * code cache of it (check.cache); here the script is compiled from that
 * cache. A cache V8 does not accept (another Node) only costs the compile.
 * From dist/ or the sources, the module is imported as any other.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { trace } from '../trace.js';

type CheckModule = typeof import('./check-command.js');

/** The check command: the cached script in the bundle, else the module. */
export async function loadCheckCommand(): Promise<CheckModule> {
  const dir = path.dirname(fileURLToPath(import.meta.url));
  const file = path.join(dir, 'check.cjs');
  if (path.basename(dir) !== 'bundle' || !fs.existsSync(file)) return import('./check-command.js');
  return runCached(file, `${file.slice(0, -'.cjs'.length)}.cache`).exports as CheckModule;
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
    // The script's import() (the renderers, which check never loads) resolves beside it.
    importModuleDynamically: ((specifier: string) => import(new URL(specifier, pathToFileURL(file)).href)) as never,
  });
  trace(`check: ${path.basename(file)}, code cache ${cachedData ? (script.cachedDataRejected ? 'rejected' : 'used') : 'absent'}`);
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, path.dirname(file));
  return { exports: module.exports, script };
}
