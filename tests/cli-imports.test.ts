/**
 * What a command loads decides how fast it starts (issue 17): `check` must
 * not import the renderers' heavy packages, `--version` no package at all.
 * The command runs as users run it (`node bin/baogao.mjs`), in a process with
 * a module loader hook that writes down every module it loads.
 */
import { spawnSync } from 'node:child_process';
import * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'baogao-imports-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// The hook runs in the loader's own thread; appending to a file is the simplest way out of it.
fs.writeFileSync(
  path.join(tmp, 'hooks.mjs'),
  "import fs from 'node:fs';\nexport async function load(url, context, next) {\n  fs.appendFileSync(process.env.BAOGAO_TEST_MODULE_LOG, url + '\\n');\n  return next(url, context);\n}\n",
);
fs.writeFileSync(
  path.join(tmp, 'register.mjs'),
  `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(path.join(tmp, 'hooks.mjs')).href)});\n`,
);

// The esbuild bundle (scripts/bundle-cli.mjs) loads many sources in one chunk; its metafile says which.
const BUNDLE = path.join(ROOT, 'dist', 'bundle');
const meta = fs.existsSync(path.join(BUNDLE, 'meta.json'))
  ? (JSON.parse(fs.readFileSync(path.join(BUNDLE, 'meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> })
  : { outputs: {} };
/** The sources (as file URLs) in a loaded bundle chunk; none for any other module. */
function bundled(url: string): string[] {
  const file = url.startsWith('file:') ? fileURLToPath(url) : url;
  const out = Object.entries(meta.outputs).find(([o]) => path.resolve(ROOT, o) === file)?.[1];
  return out ? Object.keys(out.inputs).map((i) => pathToFileURL(path.resolve(ROOT, i)).href) : [];
}

/**
 * `check` runs from dist/bundle/check.cjs, compiled from its code cache (src/cli/cached-script.ts), which
 * no module hook sees: the trace says when, and check.meta.json which sources it holds.
 */
const CHECK_SCRIPT = /^T +\d+ +\d+ check: check\.cjs, code cache (used|rejected|absent)$/m;
function inCheckScript(): string[] {
  const file = path.join(BUNDLE, 'check.meta.json');
  if (!fs.existsSync(file)) return [];
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
  return Object.values(m.outputs).flatMap((o) => Object.keys(o.inputs).map((i) => pathToFileURL(path.resolve(ROOT, i)).href));
}

/** What bin/baogao.mjs runs the bundle on: no source newer than the bundle's oldest file. */
function bundleIsFresh(): boolean {
  const times = (dir: string) =>
    fs
      .readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile())
      .map((e) => fs.statSync(path.join(e.parentPath, e.name)).mtimeMs);
  return fs.existsSync(path.join(BUNDLE, 'check.cjs')) && Math.max(...times(path.join(ROOT, 'src'))) <= Math.min(...times(BUNDLE));
}

/** Runs `baogao <args>`; returns its result and the packages (node_modules folders) it loaded. */
function loads(name: string, args: string[]) {
  const log = path.join(tmp, `${name}.log`);
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(path.join(tmp, 'register.mjs')).href, path.join(ROOT, 'bin/baogao.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, BAOGAO_TEST_MODULE_LOG: log, BAOGAO_TRACE: '1' },
  });
  const loaded = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  const script = CHECK_SCRIPT.exec(r.stderr)?.[1];
  const urls = [...loaded.flatMap((u) => [u, ...bundled(u)]), ...(script ? inCheckScript() : [])];
  const packages = new Set(urls.flatMap((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []));
  return { r, urls, packages, script };
}

// The renderers' packages: Chromium's driver, the workbook, the charts, Word, PDF post-processing, SVG to PNG, templates.
const RENDERING = ['puppeteer', 'puppeteer-core', 'exceljs', 'echarts', 'docx', 'pdf-lib', '@resvg/resvg-js', 'handlebars', 'jszip'];

describe('what a command loads', () => {
  it('check loads the loader and the rules, none of the renderers', () => {
    const { r, urls, packages, script } = loads('check', ['check', 'content']);
    expect(r.stderr).not.toMatch(/unexpected error/);
    // From the bundle, the check command's script runs from the code cache the bundle step wrote.
    if (bundleIsFresh()) expect(script).toBe('used');
    expect(r.stdout).toMatch(/figures examined/);
    // The hook saw the work: the Markdown parser and the YAML reader were loaded through it.
    expect(packages.has('micromark')).toBe(true);
    expect(packages.has('yaml')).toBe(true);
    expect(urls.some((u) => /\/(dist|src)\/check\/index\.(js|ts)$/.test(u))).toBe(true);
    expect(RENDERING.filter((p) => packages.has(p))).toEqual([]);
    expect(urls.filter((u) => /\/(dist|src)\/render\/(pdf|xlsx|docx|csv|html)\//.test(u))).toEqual([]);
  });

  it('--version loads no package', () => {
    const { r, urls, packages } = loads('version', ['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    expect(urls.some((u) => /\/(dist|src)\/cli\/run\.(js|ts)$/.test(u))).toBe(true);
    // tsx is what runs the sources when dist/ is stale; anything else is a package --version does not need.
    expect([...packages].filter((p) => p !== 'tsx' && p !== 'esbuild' && p !== 'get-tsconfig' && p !== 'resolve-pkg-maps')).toEqual([]);
  });

  it("build runs from its code-cached script, which leaves Chromium's driver to the print worker", () => {
    const out = path.join(tmp, 'build-out');
    const { r } = loads('build', ['build', 'content', '--out', out, '--format', 'html']);
    expect(r.status, r.stderr).toBe(0);
    expect(fs.existsSync(path.join(out, 'zh', 'index.html'))).toBe(true);
    if (!bundleIsFresh()) return;
    expect(r.stderr).toMatch(/^T +\d+ +\d+ build: build\.cjs, code cache used$/m);
    // The package's templates come compiled from dist/templates.cjs (npm run prepare), every one.
    const [, ahead, all] = /html: templates, (\d+) of (\d+) compiled ahead/.exec(r.stderr) ?? [];
    expect(Number(all)).toBeGreaterThan(5);
    expect(ahead).toBe(all);
    // What the script holds (build.meta.json): the stages and their packages, but not puppeteer.
    const m = JSON.parse(fs.readFileSync(path.join(BUNDLE, 'build.meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
    const inputs = Object.values(m.outputs).flatMap((o) => Object.keys(o.inputs));
    const pkgs = new Set(inputs.flatMap((i) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(i)?.[1] ?? []));
    for (const p of ['micromark', 'echarts', 'pdf-lib', 'exceljs']) expect(pkgs.has(p), p).toBe(true);
    for (const p of ['puppeteer', 'puppeteer-core']) expect(pkgs.has(p), p).toBe(false);
    expect(inputs).toContain('dist/render/pdf/index.js');
  });

  it('the build script makes no import(), which Node 20 cannot run once the script comes from its code cache', () => {
    // A fresh machine met it: looking for puppeteer's browser, the build failed with
    // "A dynamic import callback was not specified" (scripts/bundle-cli.mjs turns each into a require).
    const file = path.join(BUNDLE, 'build.cjs');
    expect(fs.existsSync(file), 'npm install builds dist/bundle/build.cjs').toBe(true);
    const ast = acorn.parse(fs.readFileSync(file, 'utf8'), { ecmaVersion: 'latest', sourceType: 'script', allowHashBang: true });
    const found: string[] = [];
    walk.simple(ast, {
      ImportExpression: (node) => void found.push(JSON.stringify((node as unknown as { source: { value?: unknown } }).source.value ?? '(computed)')),
    });
    expect(found).toEqual([]);
    // The walk does see calls: the script requires the packages it leaves outside.
    let requires = 0;
    walk.simple(ast, { CallExpression: (node) => void (requires += node.callee.type === 'Identifier' && node.callee.name === 'require' ? 1 : 0) });
    expect(requires).toBeGreaterThan(10);
  });
});
