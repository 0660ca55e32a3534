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

function compiledIsFresh() {
  if (!fs.existsSync(path.join(root, 'dist/cli/run.js'))) return false;
  const oldestDist = mtimes(path.join(root, 'dist'), Math.min);
  const newestSrc = mtimes(path.join(root, 'src'), Math.max);
  return oldestDist !== undefined && newestSrc !== undefined && newestSrc <= oldestDist;
}

let run;
if (compiledIsFresh()) {
  // The bundle is part of dist/, so it is as fresh as the rest; an older install may lack it.
  const bundled = fs.existsSync(path.join(root, 'dist/bundle/run.js'));
  ({ run } = bundled ? await import('../dist/bundle/run.js') : await import('../dist/cli/run.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ run } = await import('../src/cli/run.ts'));
}
process.exitCode = await run(process.argv.slice(2));
