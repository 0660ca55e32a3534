/**
 * Writes V8's code cache of a CommonJS script of the bundle
 * (scripts/bundle-cli.mjs runs this once per script, each in a fresh
 * process): dist/bundle/check.cache of check.cjs, build.cache of build.cjs.
 * The script is compiled, run on the sample edition when there is one (so
 * that what the command calls is compiled as well), and its compiled code
 * saved. The build runs without the PDF (no browser is needed to install
 * baogao), into a temporary folder it removes.
 *
 *   node scripts/code-cache.mjs <dist/bundle> check|build [<edition>]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [outdir, name, edition] = process.argv.slice(2);
const { runCached } = await import(new URL('../dist/cli/cached-script.js', import.meta.url).href);
const cacheFile = path.join(outdir, `${name}.cache`);
fs.rmSync(cacheFile, { force: true });
const { exports, script } = runCached(path.join(outdir, `${name}.cjs`), cacheFile);
if (edition && name === 'check') {
  const quiet = { out: () => undefined, err: () => undefined };
  await exports.runCheck({ kind: 'check', edition, format: 'text', strict: false, debug: false }, quiet);
}
if (edition && name === 'build') {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'baogao-code-cache-'));
  try {
    const templates = path.join(path.dirname(edition), 'templates');
    const formats = ['html', 'xlsx', 'csv'];
    await exports.build({ edition, out: path.join(tmp, 'out'), langs: ['zh', 'en'], formats, force: true, templates });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
fs.writeFileSync(cacheFile, script.createCachedData());
