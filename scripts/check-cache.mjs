/**
 * Writes dist/bundle/check.cache, V8's code cache of dist/bundle/check.cjs
 * (scripts/bundle-cli.mjs runs this): the script is compiled, run on the
 * sample edition when there is one (so that what `check` calls is compiled
 * as well), and its compiled code saved.
 *
 *   node scripts/check-cache.mjs <dist/bundle> [<edition>]
 */
import fs from 'node:fs';
import path from 'node:path';

const [outdir, edition] = process.argv.slice(2);
const { runCached } = await import(new URL('../dist/cli/cached-script.js', import.meta.url).href);
const cacheFile = path.join(outdir, 'check.cache');
fs.rmSync(cacheFile, { force: true });
const { exports, script } = runCached(path.join(outdir, 'check.cjs'), cacheFile);
if (edition) {
  const quiet = { out: () => undefined, err: () => undefined };
  await exports.runCheck({ kind: 'check', edition, format: 'text', strict: false, debug: false }, quiet);
}
fs.writeFileSync(cacheFile, script.createCachedData());
