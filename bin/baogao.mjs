#!/usr/bin/env node
// The `baogao` command. It runs the JavaScript that `npm install` compiled
// into dist/ (the prepare script), so a start costs no TypeScript compile.
// It prefers the esbuild bundle of it, dist/bundle/ (scripts/bundle-cli.mjs),
// which loads in one file what dist/cli/ loads in hundreds (issue 17).
// Where dist/ is missing or older than a file in src/ (a developer editing the
// sources), it runs the sources through tsx instead: the command is never stale.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The newest (or oldest) modification time of the files under `dir`, or undefined. */
function mtimes(dir, pick) {
  let found;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true, recursive: true });
  } catch {
    return undefined;
  }
  for (const e of entries) {
    if (!e.isFile()) continue;
    const t = fs.statSync(path.join(e.parentPath ?? e.path, e.name)).mtimeMs;
    found = found === undefined ? t : pick(found, t);
  }
  return found;
}

/** `dir` (holding `entry`) was compiled from the sources as they are: none is newer than its oldest file. */
function freshBuild(dir, entry, newestSrc) {
  if (newestSrc === undefined || !fs.existsSync(path.join(root, dir, entry))) return false;
  const oldest = mtimes(path.join(root, dir), Math.min);
  return oldest !== undefined && newestSrc <= oldest;
}

// The bundle holds all of the project's code it runs, so only its own ~50 files are compared
// (statting all of dist/ was a tenth of a bare `node` start); without it, all of dist/.
const newestSrc = mtimes(path.join(root, 'src'), Math.max);
let run;
if (freshBuild('dist/bundle', 'run.js', newestSrc)) {
  ({ run } = await import('../dist/bundle/run.js'));
} else if (freshBuild('dist', 'cli/run.js', newestSrc)) {
  ({ run } = await import('../dist/cli/run.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ run } = await import('../src/cli/run.ts'));
}
process.exitCode = await run(process.argv.slice(2));
