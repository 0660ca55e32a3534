/**
 * The last step of `npm run prepare`: bundles the compiled CLI (dist/cli/run.js)
 * with esbuild into dist/bundle/, which bin/baogao.mjs runs when it is fresh.
 * Why: `baogao check` spent a third of its start in Node's module loader,
 * resolving and compiling ~400 small files (zod, yaml, micromark, …); one
 * bundle is read and compiled in one go (issue 17).
 *
 * Each command's lazy `import()` stays a separate chunk (splitting), so
 * `check` still loads no renderer. The renderers' large packages stay
 * external: they need their own files (native addons, fonts, Chromium's
 * driver) and only `build` and `watch` load them.
 *
 * dist/bundle/ sits two folders below the package root, as dist/render/ and
 * dist/watch/ do, so the paths those modules compute from import.meta.url
 * (fonts/, src/watch/client/) hold; src/version.ts finds the root by looking.
 * dist/bundle/meta.json lists which sources each chunk holds (for
 * tests/cli-imports.test.ts, which asks what a command loads).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'bundle');

/**
 * yaml's `node` build is CommonJS, which esbuild cannot tree-shake; its ES module build (the
 * same code, no Node APIs) can be: `check` loads the parser without the stringifier.
 */
const ALIAS = { yaml: './node_modules/yaml/browser/index.js' };

/** Loaded by `build`, `watch` and the other commands only; each needs its files on disk or is large. */
const EXTERNAL = ['puppeteer', 'docx', '@resvg/*', 'handlebars', 'jszip', 'sirv', 'esbuild', 'tsx', '@xmldom/*', '@fontsource/*'];

fs.rmSync(outdir, { recursive: true, force: true });
const result = await esbuild.build({
  absWorkingDir: root,
  // The print worker is a thread started from a file of its own (src/render/pdf/remote-browser.ts).
  entryPoints: { run: 'dist/cli/run.js', 'print-worker': 'dist/render/pdf/print-worker.js' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  alias: ALIAS,
  // The bundled CommonJS packages (yaml's dependents, …) call require(); ESM has none.
  banner: { js: "import { createRequire as __baogaoRequire } from 'node:module';\nconst require = __baogaoRequire(import.meta.url);" },
  metafile: true,
  logLevel: 'warning',
});
fs.writeFileSync(path.join(outdir, 'meta.json'), JSON.stringify(result.metafile));

/**
 * A command as one CommonJS script, dist/bundle/<name>.cjs (and <name>.meta.json), whose
 * V8 code cache src/cli/cached-script.ts compiles it from: Node 20 keeps no compiled code
 * for ES modules. It sits beside the ES module bundle, so import.meta.url's paths hold.
 */
async function cjsScript(name, entry, { alias = {}, ...options } = {}) {
  const built = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: path.join(outdir, `${name}.cjs`),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    alias: { ...ALIAS, ...alias },
    define: { 'import.meta.url': '__baogaoUrl' },
    banner: { js: "const __baogaoUrl = require('node:url').pathToFileURL(__filename).href;" },
    metafile: true,
    logLevel: 'warning',
    ...options,
  });
  fs.writeFileSync(path.join(outdir, `${name}.meta.json`), JSON.stringify(built.metafile));
}

// `check`: the renderers stay out (check never loads them); their import() calls resolve
// beside the script at run time.
const RENDERERS = /\/render\/(html|check-report|pdf|xlsx|csv|docx)\/|\/render\/html\/page-cache/;
await cjsScript('check', 'dist/cli/check-command.js', {
  plugins: [
    {
      name: 'renderers-external',
      setup(build) {
        build.onResolve({ filter: /^\.\.?\// }, (args) => {
          const target = path.resolve(args.resolveDir, args.path);
          return RENDERERS.test(target)
            ? {
                path: path
                  .relative(outdir, target)
                  .split(path.sep)
                  .join('/')
                  .replace(/^(?!\.)/, './'),
                external: true,
              }
            : undefined;
        });
      },
    },
  ],
});

// `build`: its renderers (ECharts, pdf-lib, exceljs) were compiled on the thread that hands
// the Chinese page to Chromium, while Chromium boots on the other core (issue 17).
// Chromium's driver stays out: only the print worker, a thread of its own (the ES module
// bundle's print-worker.js), loads it.
await cjsScript('build', 'dist/build.js', {
  external: [...EXTERNAL.filter((p) => p !== 'handlebars'), 'puppeteer-core', 'puppeteer-core/*'],
  // Handlebars inside the script, under its code cache: loaded from its ~40 files, it was
  // compiled on the thread that lays out the Chinese page. Its CommonJS build, without the
  // Node entry's require.extensions hook for .hbs files, which nothing here uses.
  alias: { handlebars: './node_modules/handlebars/dist/cjs/handlebars.js' },
  // Each import() as a require(): Node 20 loses the callback a script's import() needs
  // once the script is compiled from a code cache ("A dynamic import callback was not
  // specified"), which a fresh machine met when the build looked for puppeteer's browser.
  supported: { 'dynamic-import': false },
});

// The package's templates, compiled (src/render/html/compiled-templates.ts): before the code
// caches, so that the build run for them takes its templates from here as every build will.
const { precompileTemplates, compiledModule, COMPILED_FILE } = await import(new URL('../dist/render/html/compiled-templates.js', import.meta.url).href);
fs.writeFileSync(COMPILED_FILE, compiledModule(precompileTemplates(path.join(root, 'templates'))));

// The code caches: each script run once on the sample (so that the functions its command
// calls are compiled too), in a fresh process with the flags `baogao` runs with.
const sample = path.join(root, 'content');
for (const name of ['check', 'build']) {
  const made = spawnSync(process.execPath, [path.join(root, 'scripts', 'code-cache.mjs'), outdir, name, fs.existsSync(sample) ? sample : ''], {
    stdio: 'inherit',
  });
  if (made.status !== 0) throw new Error(`bundle-cli: could not write the code cache of ${name}.cjs`);
}
