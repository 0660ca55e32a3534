/**
 * The preview's own files: the panel's script (src/watch/client/*.ts,
 * bundled by esbuild), its stylesheet, the index page and the not-found
 * page (src/watch/client/*.css, *.html). `npm install` bundles the script
 * into dist/watch/client/ (the prepare script runs this file); a run from
 * the sources (tsx, the tests) bundles it on first use, in memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The package root, from src/watch/ or dist/watch/ alike. */
const ROOT = path.resolve(here, '..', '..');
export const CLIENT_SRC = path.join(ROOT, 'src', 'watch', 'client');
const BUNDLE = path.join(ROOT, 'dist', 'watch', 'client', 'client.js');

export interface ClientAssets {
  js: string;
  panelCss: string;
  indexHtml: string;
  notFoundHtml: string;
  /** The tags added to every served page, with BUILD for the build number. */
  injectHtml: string;
}

/** Bundles the panel's script: one classic script (the page's CSP allows no inline code), stylesheets imported as text. */
export async function bundleClient(): Promise<string> {
  const esbuild = await import('esbuild');
  const r = await esbuild.build({
    entryPoints: [path.join(CLIENT_SRC, 'index.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2019',
    loader: { '.css': 'text' },
    legalComments: 'none',
    logLevel: 'silent',
  });
  return r.outputFiles[0].text;
}

let loaded: Promise<ClientAssets> | undefined;

/** The assets, read once per process. */
export function clientAssets(): Promise<ClientAssets> {
  loaded ??= (async () => {
    const read = (name: string) => fs.readFileSync(path.join(CLIENT_SRC, name), 'utf8');
    // The bundle made at install time, unless the script's sources are newer (a developer editing them).
    const fresh =
      fs.existsSync(BUNDLE) && fs.readdirSync(CLIENT_SRC).every((n) => fs.statSync(path.join(CLIENT_SRC, n)).mtimeMs <= fs.statSync(BUNDLE).mtimeMs);
    const js = fresh ? fs.readFileSync(BUNDLE, 'utf8') : await bundleClient();
    return { js, panelCss: read('panel.css'), indexHtml: read('index.html'), notFoundHtml: read('not-found.html'), injectHtml: read('inject.html').trim() };
  })();
  return loaded;
}

/**
 * A page with the panel's tags before `</head>`: a constant string and the
 * build the page belongs to (-1: a page of the preview itself), nothing else.
 */
export function inject(assets: ClientAssets, html: string, build: number): string {
  const tag = assets.injectHtml.replace('BUILD', String(Math.trunc(build)));
  const at = html.search(/<\/head>/i);
  return at >= 0 ? html.slice(0, at) + tag + html.slice(at) : tag + html;
}

// `node dist/watch/client-assets.js` (the prepare script): writes the bundle.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.mkdirSync(path.dirname(BUNDLE), { recursive: true });
  fs.writeFileSync(BUNDLE, await bundleClient());
}
