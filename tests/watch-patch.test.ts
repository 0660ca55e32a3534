/**
 * `baogao watch` sends a page only what changed: after a save in one
 * chapter, the `patch` event carries that chapter's section and nothing else;
 * the panel's script (the real bundle, in jsdom) swaps it in without reloading
 * and leaves the other chapters' elements as they were. The server refuses a
 * POST from a foreign origin and never serves the dot files of its writes.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAssets } from '../src/watch/client-assets.js';
import { startWatch, type WatchHandle } from '../src/watch/index.js';
import { diffPage, splitPage } from '../src/watch/patch.js';
import { captureIo, copySample, SAMPLE, tempDir, TEMPLATES } from './helpers.js';

const WAIT = 60_000;

interface Patch {
  build: number;
  pages: Record<string, { reload?: true; parts?: [string, string][] }>;
}

/** The next `patch` event on the server's stream after `act` runs. */
function nextPatch(url: string, act: () => void): Promise<Patch> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('no patch event')), WAIT);
    const req = http.get(new URL('__baogao/events', url), (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        if (buffer.includes('event: hello')) {
          buffer = buffer.replace(/event: hello[^\n]*\ndata: [^\n]*\n\n/, '');
          act();
        }
        const m = /event: patch\ndata: (.*)\n\n/.exec(buffer);
        if (m) {
          clearTimeout(timer);
          req.destroy();
          resolve(JSON.parse(m[1]) as Patch);
        }
      });
    });
    req.on('error', () => undefined);
  });
}

function post(port: number, rawPath: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('watch sends the changed chapter only', () => {
  let dir: string;
  let out: string;
  let w: WatchHandle;

  beforeAll(async () => {
    dir = copySample();
    out = path.join(tempDir(), 'out');
    w = await startWatch({ edition: dir, out, port: 0, templates: TEMPLATES, io: captureIo(), debounceMs: 20 });
  }, WAIT);
  afterAll(async () => {
    await w?.close();
  });

  it('patches the edited chapter in place: no reload, the other chapters untouched', async () => {
    const url = new URL('zh/index.html', w.url).href;
    // jsdom cannot navigate: a reload shows as its "not implemented" error, and as the scroll position the script keeps for it.
    const virtualConsole = new VirtualConsole();
    let reloads = 0;
    virtualConsole.on('jsdomError', (e) => void (/navigation|reload/i.test(e.message) && reloads++));
    const dom = new JSDOM(await (await fetch(url)).text(), { url, runScripts: 'outside-only', pretendToBeVisual: true, virtualConsole });
    const win = dom.window as unknown as Window & typeof globalThis & { eval(code: string): unknown };
    const listeners: Record<string, (ev: { data: string }) => void> = {};
    win.fetch = ((input: string, init?: RequestInit) => fetch(new URL(input, url), init)) as typeof fetch;
    win.EventSource = class {
      addEventListener(name: string, f: (ev: { data: string }) => void) {
        listeners[name] = f;
      }
      set onerror(_f: unknown) {}
      set onopen(_f: unknown) {}
    } as unknown as typeof EventSource;
    win.eval((await clientAssets()).js);
    await new Promise((r) => setTimeout(r, 200));
    const doc = dom.window.document;
    const sections = [...doc.querySelectorAll('section.chapter')];
    expect(sections.length).toBeGreaterThan(2);
    const edited = sections.find((s) => s.id === 'chapter-02-targets')!;
    expect(edited).toBeDefined();

    const file = path.join(dir, 'zh', '02-targets.md');
    const patch = await nextPatch(w.url, () =>
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('根据上述总体要求', '根据上述总体要求（补丁测试）')),
    );
    const zh = patch.pages['/zh/index.html'];
    expect(zh.reload).toBeUndefined();
    expect(zh.parts!.map(([id]) => id)).toEqual(['chapter-02-targets']);
    // The English page shows the Chinese chapter nowhere: nothing to send it.
    expect(patch.pages['/en/index.html'].parts).toEqual([]);
    expect(patch.pages['/bilingual.html'].parts!.map(([id]) => id)).toEqual(['chapter-02-targets']);

    listeners.patch({ data: JSON.stringify(patch) });
    expect(reloads).toBe(0);
    expect(win.sessionStorage.getItem('baogao-scroll:/zh/index.html')).toBeNull();
    const now = doc.getElementById('chapter-02-targets')!;
    expect(now).not.toBe(edited);
    expect(now.textContent).toContain('根据上述总体要求（补丁测试）');
    for (const s of sections.filter((x) => x !== edited)) expect(doc.getElementById(s.id), s.id).toBe(s);
    // The patched page is the page the server now serves, chapter for chapter.
    const served = new JSDOM(await (await fetch(url)).text()).window.document;
    for (const s of served.querySelectorAll('section.chapter')) expect(doc.getElementById(s.id)!.outerHTML, s.id).toBe(s.outerHTML);
    // The reload event that follows is for a build the page already shows.
    listeners.reload({ data: JSON.stringify({ build: patch.build }) });
    expect(reloads).toBe(0);
    // …and one for a build it does not show reloads it (the check that the count above can move).
    listeners.reload({ data: JSON.stringify({ build: patch.build + 1 }) });
    expect(win.sessionStorage.getItem('baogao-scroll:/zh/index.html')).not.toBeNull();
    dom.window.close();
  });

  it('refuses a POST from a foreign origin and serves no dot files', async () => {
    expect(await post(w.port, '/build?format=xlsx', { Origin: 'http://evil.example' })).toBe(403);
    const dot = path.join(out, '.secret');
    fs.writeFileSync(dot, 'SECRET');
    const r = await fetch(new URL('.secret', w.url));
    expect(r.status).toBe(404);
    expect(await r.text()).not.toContain('SECRET');
  });
});

describe('the page diff', () => {
  const page = (a: string, b: string, toc = 'T') =>
    `<html><body><nav>${toc}</nav><main><section class="chapter" id="chapter-a"><p>${a}</p><section class="footnotes"><p>fn</p></section></section>\n<section class="chapter" id="chapter-b"><p>${b}</p></section></main></body></html>`;

  it('cuts chapter sections whole, footnote sections inside them', () => {
    const { sections, skeleton } = splitPage(page('one', 'two'));
    expect([...sections.keys()]).toEqual(['chapter-a', 'chapter-b']);
    expect(sections.get('chapter-a')).toMatch(/^<section class="chapter" id="chapter-a">.*<\/section><\/section>$/);
    expect(skeleton).not.toContain('one');
  });

  it('sends the sections that changed, a reload when anything else did', () => {
    expect(diffPage(page('one', 'two'), page('one', 'three'))).toEqual({
      parts: [['chapter-b', '<section class="chapter" id="chapter-b"><p>three</p></section>']],
    });
    expect(diffPage(page('one', 'two'), page('one', 'two', 'U'))).toEqual({ reload: true });
    expect(diffPage(undefined, page('one', 'two'))).toEqual({ reload: true });
  });
});

describe('English quotes curled once per distinct block', () => {
  it('curls as remark-smartypants does, across emphasis, links, code and tables', async () => {
    const { smartBlock, smartText } = await import('../src/render/typography.js');
    const { unified } = await import('unified');
    const remarkParse = (await import('remark-parse')).default;
    const remarkGfm = (await import('remark-gfm')).default;
    const remarkSmartypants = (await import('remark-smartypants')).default as unknown as (o: object) => (tree: unknown) => void;
    const curl = remarkSmartypants({ backticks: false, dashes: false, ellipses: false });
    const samples = [
      `He said, "'Quoted' words in a larger quote." The district's "first" plan.`,
      `"*Emphasised* start" and 'a [linked "word"](https://example.org)' end.`,
      `In the '80s, the \`code "x"\` stayed; "rock 'n' roll" -- ... "`,
      `| "a" | 'b' |\n|---|---|\n| x's | "y |`,
      `# "Heading" with 'quotes'`,
      `'Tis "quoted," she said.`,
    ];
    for (const md of samples) {
      const tree = unified().use(remarkParse).use(remarkGfm).parse(md);
      for (const b of tree.children) {
        const fresh = structuredClone(b);
        curl({ type: 'root', children: [fresh] });
        expect(JSON.stringify(smartBlock(b, 'en'))).toBe(JSON.stringify(fresh));
      }
      const line = { type: 'text' as const, value: md };
      curl({ type: 'root', children: [{ type: 'paragraph', children: [line] }] });
      expect(smartText(md, 'en')).toBe(line.value);
    }
  });

  it("gives from memory what curling gives, whatever the block's position", async () => {
    const { loadEdition } = await import('../src/load/index.js');
    const { smartBlock } = await import('../src/render/typography.js');
    const remarkSmartypants = (await import('remark-smartypants')).default as unknown as (o: object) => (tree: unknown) => void;
    const curl = remarkSmartypants({ backticks: false, dashes: false, ellipses: false });
    const blocks = loadEdition(SAMPLE).edition!.chapters.flatMap((c) => c.docs.en.tree.children);
    const quoted = blocks.filter((b) => /['"]/.test(JSON.stringify(b)));
    expect(quoted.length).toBeGreaterThan(0);
    for (const b of blocks) {
      const fresh = structuredClone(b);
      curl({ type: 'root', children: [fresh] });
      smartBlock(b, 'en');
      // The same block moved down the file (an edit above it): remembered text, its own positions.
      const moved = structuredClone(b);
      if (moved.position)
        moved.position = {
          start: { ...moved.position.start, line: moved.position.start.line + 3 },
          end: { ...moved.position.end, line: moved.position.end.line + 3 },
        };
      const again = smartBlock(moved, 'en');
      expect(JSON.stringify({ ...again, position: b.position })).toBe(JSON.stringify({ ...fresh, position: b.position }));
      expect(again.position?.start.line).toBe((b.position?.start.line ?? 0) + 3);
    }
  });
});
