/**
 * `baogao watch`, driven for real: started on a copy of the sample, its pages
 * fetched over HTTP, its reload events read from the SSE stream while files
 * are edited, broken and fixed. No timing assertions: every wait has a
 * generous timeout and waits for an event, not for a duration.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { runChecks } from '../src/check/index.js';
import { run } from '../src/cli/run.js';
import { sortFindings } from '../src/diagnostics.js';
import { loadEdition } from '../src/load/index.js';
import { renderHtml } from '../src/render/html/index.js';
import { clientAssets } from '../src/watch/client-assets.js';
import { PageCache } from '../src/render/html/page-cache.js';
import { startWatch, type WatchHandle, type WatchState } from '../src/watch/index.js';
import { SourceCache } from '../src/load/source-cache.js';
const loadEditionCached = (dir: string, cache: SourceCache) => loadEdition(dir, { cache });
import { locate } from '../src/watch/locate.js';
import { captureIo, lineOf, SAMPLE, TEMPLATES, tempDir } from './helpers.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WAIT = 60_000;

/** One scratch folder for the whole file (removed at exit), a fresh folder in it per use. */
const scratch = tempDir('baogao-watch-test-');
const fresh = (name: string) => fs.mkdtempSync(path.join(scratch, `${name}-`));
const copySample = () => {
  const dir = path.join(fresh('edition'), 'edition');
  fs.cpSync(SAMPLE, dir, { recursive: true });
  return dir;
};

interface SseEvent {
  event: string;
  data: unknown;
}

/** Reads a server-sent event stream; `next` waits for an event of a kind that passes `test`. */
function openEvents(url: string) {
  const events: SseEvent[] = [];
  const waiters: { name: string; test: (d: never) => boolean; resolve: (d: unknown) => void; from: number }[] = [];
  let buffer = '';
  const check = () => {
    for (const w of [...waiters]) {
      const hit = events.slice(w.from).find((e) => e.event === w.name && w.test(e.data as never));
      if (hit) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(hit.data);
      }
    }
  };
  const req = http.get(url, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
      check();
    });
  });
  req.on('error', () => undefined);
  return {
    events,
    /** The number of events seen so far: `next(…, mark())` only looks at later ones. */
    mark: () => events.length,
    next<T>(name: string, from: number, test: (d: T) => boolean = () => true): Promise<T> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `no "${name}" event within ${WAIT} ms; saw ${
                  events
                    .slice(from)
                    .map((e) => e.event)
                    .join(', ') || 'nothing'
                }`,
              ),
            ),
          WAIT,
        );
        waiters.push({ name, test: test, from, resolve: (d) => (clearTimeout(timer), resolve(d as T)) });
        check();
      });
    },
    close: () => req.destroy(),
  };
}

/** A raw GET whose path is sent exactly as given (fetch would normalise `..`). */
function rawGet(port: number, rawPath: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * A served page in jsdom with the panel's script running: `fetch` goes to the
 * server, EventSource is a stub (the test pushes state itself).
 */
async function pageWithPanel(url: string, state?: WatchState) {
  const html = await (await fetch(url)).text();
  const dom = new JSDOM(html, { url, runScripts: 'outside-only', pretendToBeVisual: true });
  const w = dom.window as unknown as Window & typeof globalThis & { eval(code: string): unknown };
  w.fetch = ((input: string, init?: RequestInit) =>
    state && input.startsWith('/__baogao/state') ? Promise.resolve(new Response(JSON.stringify(state))) : fetch(new URL(input, url), init)) as typeof fetch;
  w.EventSource = class {
    addEventListener() {}
    set onerror(_f: unknown) {}
    set onopen(_f: unknown) {}
  } as unknown as typeof EventSource;
  if (!('CSS' in w)) (w as unknown as { CSS: unknown }).CSS = {};
  (w.CSS as unknown as { escape: (s: string) => string }).escape ??= (s: string) => s.replace(/["\\]/g, '\\$&');
  w.HTMLElement.prototype.scrollIntoView = function () {};
  w.eval((await clientAssets()).js);
  return dom;
}

async function until<T>(what: string, fn: () => T | undefined | null | false): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() - t0 > WAIT) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('baogao watch on a copy of the sample', () => {
  let dir: string;
  let out: string;
  let templates: string;
  let w: WatchHandle;
  let sse: ReturnType<typeof openEvents>;
  const io = captureIo();
  const get = async (rel: string) => {
    const r = await fetch(new URL(rel, w.url));
    return { status: r.status, text: await r.text() };
  };
  const state = async () => (await (await fetch(new URL('__baogao/state', w.url))).json()) as WatchState;

  beforeAll(async () => {
    dir = copySample();
    out = path.join(fresh('tmp'), 'out');
    templates = path.join(fresh('tmp'), 'templates');
    fs.cpSync(TEMPLATES, templates, { recursive: true });
    w = await startWatch({ edition: dir, out, port: 0, templates, io, debounceMs: 20 });
    sse = openEvents(new URL('__baogao/events', w.url).href);
    await sse.next('hello', 0);
  });

  afterAll(async () => {
    sse?.close();
    await w?.close();
  });

  it('listens on the loopback address and says where', () => {
    expect(w.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(io.stderr.join('\n')).toMatch(/built in \d+ ms/);
  });

  it('serves the index, both languages and the bilingual view, each with the panel', async () => {
    const edition = loadEdition(dir).edition!;
    for (const [rel, needle] of [
      ['/', 'baogao-index'],
      ['/zh/index.html', edition.meta.title.zh],
      ['/en/index.html', 'Report on the Implementation'],
      ['/bilingual.html', 'bi-row'],
      ['/zh/', edition.meta.title.zh],
    ] as const) {
      const page = await get(rel);
      expect(page.status, rel).toBe(200);
      expect(page.text, rel).toContain(needle);
      expect(page.text, rel).toContain('<script src="/__baogao/client.js" defer></script>');
    }
    expect((await get('/__baogao/client.js')).text).toContain('EventSource');
    expect((await get('/assets/report.css')).status).toBe(200);
  });

  it('runs the checks: the panel state has the findings of `baogao check`', async () => {
    const s = await state();
    const loaded = loadEdition(dir);
    const expected = sortFindings([...loaded.findings, ...runChecks(loaded.edition!)]);
    expect(s.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`)).toEqual(
      expected.map((f) => `${f.place.file}:${f.place.line}:${f.place.column} ${f.ruleId}`),
    );
    for (const sev of ['error', 'warning', 'info'] as const) expect(s.counts[sev]).toBe(expected.filter((f) => f.severity === sev).length);
    expect(s.broken).toBeUndefined();
    expect(s.build).toBeGreaterThan(0);
  });

  it('shows the findings in a panel whose links highlight their place', async () => {
    const s = await state();
    const dom = await pageWithPanel(new URL('zh/index.html', w.url).href);
    const doc = dom.window.document;
    const panel = await until('the panel', () => doc.getElementById('baogao-watch')?.shadowRoot?.querySelector('ol li'));
    const root = doc.getElementById('baogao-watch')!.shadowRoot!;
    expect(root.querySelector('.counts')!.textContent).toContain(String(s.counts.warning));
    const links = [...root.querySelectorAll('ol a')] as HTMLAnchorElement[];
    expect(links).toHaveLength(s.findings.length);
    expect(panel.textContent).toContain(`${s.findings[0].file}:${s.findings[0].line}:${s.findings[0].column}`);
    // Each kind of place: a table cell, a block of a chapter.
    for (const want of [
      (f: WatchState['findings'][number]) => f.target.table !== undefined,
      (f: WatchState['findings'][number]) => f.target.chapter !== undefined,
    ]) {
      const i = s.findings.findIndex(want);
      if (i < 0) continue;
      links[i].click();
      const marked = await until('a highlighted place', () => doc.querySelector('.baogao-target'));
      const t = s.findings[i].target;
      if (t.table) expect(marked.closest(`#table-${t.table}`)).not.toBeNull();
      else expect(marked.closest(`#chapter-${t.chapter}`)).not.toBeNull();
    }
    dom.window.close();
  });

  it('links a finding in the narrative to its paragraph, and one on a data reference to the figure', async () => {
    const edition = loadEdition(dir).edition!;
    const zh = path.join(dir, 'zh', '02-targets.md');
    const review = path.join(dir, 'zh', '01-review.md');
    const numLine = lineOf(review, ':num[main-indicators/retail-sales/actual]');
    const numColumn = fs.readFileSync(review, 'utf8').split('\n')[numLine - 1].indexOf(':num[main-indicators/retail-sales/actual]') + 1;
    const places = [
      { file: zh, line: lineOf(zh, '根据上述总体要求'), column: 3 },
      { file: review, line: numLine, column: numColumn },
    ];
    const s = await state();
    const findings = places.map((p) => ({ severity: 'warning' as const, ruleId: 'test', message: 'here', ...p, target: locate(edition, p) }));
    expect(findings[0].target).toMatchObject({ lang: 'zh', chapter: '02-targets' });
    for (const page of ['zh/index.html', 'bilingual.html']) {
      const dom = await pageWithPanel(new URL(page, w.url).href, { ...s, findings });
      const doc = dom.window.document;
      await until('the panel', () => doc.getElementById('baogao-watch')?.shadowRoot?.querySelector('ol li'));
      const links = [...doc.getElementById('baogao-watch')!.shadowRoot!.querySelectorAll('ol a')] as HTMLAnchorElement[];
      links[0].click();
      const para = await until('the paragraph', () => doc.querySelector('.baogao-target'));
      expect(para.textContent, page).toContain('根据上述总体要求');
      links[1].click();
      const num = await until('the figure', () => doc.querySelector('.baogao-target'));
      if (page === 'zh/index.html') {
        expect(num.matches('span.num')).toBe(true);
        expect(num.getAttribute('data-place')).toBe(`${review}:${numLine}:${numColumn}`);
      }
      expect(doc.querySelectorAll('.baogao-target').length).toBeGreaterThan(0);
      dom.window.close();
    }
  });

  it('rebuilds on a save: a reload event, then the new text', async () => {
    const file = path.join(dir, 'zh', '02-targets.md');
    const from = sse.mark();
    const build = (await state()).build;
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('根据上述总体要求', '根据上述总体要求（预览测试）'));
    const ev = await sse.next<{ build: number; ms: number }>('reload', from, (d) => d.build > build);
    expect(ev.ms).toBeGreaterThanOrEqual(0);
    const page = await get('/zh/index.html');
    expect(page.text).toContain('根据上述总体要求（预览测试）');
    expect(page.text).toContain(`<meta name="baogao-build" content="${ev.build}">`);
    expect(io.stderr.join('\n')).toMatch(/02-targets\.md → rebuilt in \d+ ms \(.*parsed 1 of \d+ files/);
  });

  it('keeps the last good page and shows the error when a YAML file breaks; fixing it clears the error', async () => {
    const file = path.join(dir, 'tables', 'plan-targets.yaml');
    const good = fs.readFileSync(file, 'utf8');
    const line = lineOf(file, 'target: 3%');
    const lastGood = (await state()).build;
    let from = sse.mark();
    onTestFinished(() => fs.writeFileSync(file, good));
    fs.writeFileSync(file, good.replace('target: 3%', 'target: { zh: 3%'));
    await sse.next('broken', from);
    const s = await state();
    expect(s.build).toBe(lastGood);
    expect(s.broken!.errors[0].file).toBe(file);
    expect(s.broken!.errors[0].ruleId).toBe('load/yaml');
    expect(s.broken!.errors[0].line).toBeGreaterThanOrEqual(line);
    expect(s.broken!.errors[0].excerpt.map((l) => l.text)).toContain('    target: { zh: 3%');
    // The last good page is still served.
    const page = await get('/zh/index.html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('根据上述总体要求（预览测试）');
    expect(page.text).toContain(`<meta name="baogao-build" content="${lastGood}">`);
    // The page shows the error overlay with file:line and the excerpt.
    const dom = await pageWithPanel(new URL('zh/index.html', w.url).href);
    const overlay = await until('the overlay', () => dom.window.document.getElementById('baogao-overlay')?.shadowRoot?.querySelector('.overlay'));
    expect(overlay.textContent).toContain(`${file}:${s.broken!.errors[0].line}:${s.broken!.errors[0].column}`);
    expect(overlay.textContent).toContain('target: { zh: 3%');
    expect(overlay.textContent).toContain('last good build');
    dom.window.close();

    from = sse.mark();
    fs.writeFileSync(file, good);
    const ev = await sse.next<{ build: number }>('reload', from);
    expect(ev.build).toBe(lastGood + 1);
    expect((await state()).broken).toBeUndefined();
    const fixed = await pageWithPanel(new URL('zh/index.html', w.url).href);
    await until('the panel', () => fixed.window.document.getElementById('baogao-watch')?.shadowRoot?.querySelector('ol li'));
    expect(fixed.window.document.getElementById('baogao-overlay')).toBeNull();
    fixed.window.close();
  });

  it('shows an unclosed directive the same way, at its line', async () => {
    const file = path.join(dir, 'zh', '01-review.md');
    const good = fs.readFileSync(file, 'utf8');
    const from = sse.mark();
    onTestFinished(() => fs.writeFileSync(file, good));
    fs.writeFileSync(file, good.replace(':num[main-indicators/retail-sales/actual]', ':num[main-indicators/retail-sales/actual'));
    await sse.next('broken', from);
    const err = (await state()).broken!.errors.find((e) => e.file === file)!;
    expect(err.line).toBe(lineOf(file, ':num[main-indicators/retail-sales/actual{'));
    expect(err.message).toMatch(/not closed|could not be read/);
    const from2 = sse.mark();
    fs.writeFileSync(file, good);
    await sse.next('reload', from2);
    expect((await state()).broken).toBeUndefined();
  });

  it('rebuilds on a save in templates/', async () => {
    const css = path.join(templates, 'report.css');
    const from = sse.mark();
    fs.appendFileSync(css, '\n.watch-test-rule { color: inherit; }\n');
    await sse.next('reload', from);
    expect((await get('/assets/report.css')).text).toContain('.watch-test-rule');
  });

  it('serves only the files of the output folder', async () => {
    fs.writeFileSync(path.join(path.dirname(out), 'secret.txt'), 'SECRET');
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/zh/..%2f..%2fsecret.txt',
      '/%2e%2e%2f%2e%2e%2fetc/passwd',
      '/..\\secret.txt',
    ]) {
      const r = await rawGet(w.port, p);
      expect([400, 403, 404], p).toContain(r.status);
      expect(r.body, p).not.toContain('SECRET');
    }
    fs.symlinkSync(path.join(path.dirname(out), 'secret.txt'), path.join(out, 'link.txt'));
    const viaLink = await rawGet(w.port, '/link.txt');
    expect(viaLink.status).toBe(403);
    expect((await rawGet(w.port, '/zh/index.html', { Host: 'evil.example:80' })).status).toBe(403);
  });

  it('builds the Excel annex on request (the panel button posts /build?format=xlsx)', async () => {
    const r = await fetch(new URL('build?format=xlsx', w.url), { method: 'POST' });
    const body = (await r.json()) as { status: string; files: string[] };
    expect(body.status, JSON.stringify(body)).toBe('done');
    expect(body.files).toEqual(['tables.xlsx']);
    const xlsx = await fetch(new URL('tables.xlsx', w.url));
    expect(xlsx.status).toBe(200);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    expect((await state()).artifacts.xlsx?.status).toBe('done');
    expect((await fetch(new URL('build?format=exe', w.url), { method: 'POST' })).status).toBe(400);
  });

  it('stops: the server closes and the watchers stop', async () => {
    await w.close();
    await expect(fetch(w.url)).rejects.toThrow();
  });
});

describe('the cached loader and renderer', () => {
  const cases = fs
    .readdirSync(path.join(ROOT, 'tests', 'fixtures', 'bad'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('_') && !fs.existsSync(path.join(ROOT, 'tests', 'fixtures', 'bad', e.name, 'recipe.json')))
    .map((e) => path.join('tests', 'fixtures', 'bad', e.name));

  it.each([path.relative(ROOT, SAMPLE), ...cases])('loads %s exactly like loadEdition', (rel) => {
    const dir = path.join(ROOT, rel);
    const real = loadEdition(dir);
    const cache = new SourceCache();
    const first = loadEditionCached(dir, cache);
    const second = loadEditionCached(dir, cache);
    expect(first.findings).toEqual(real.findings);
    expect(second.findings).toEqual(real.findings);
    expect(JSON.stringify(second.edition)).toEqual(JSON.stringify(real.edition));
    expect(cache.stats.parsed).toEqual([]);
  });

  it('renders after an edit exactly what renderHtml renders, parsing only the edited file and laying out only its chapter', () => {
    const dir = copySample();
    const a = path.join(fresh('tmp'), 'a');
    const b = path.join(fresh('tmp'), 'b');
    const cache = new SourceCache();
    const html = new PageCache();
    const opts = { templates: TEMPLATES, langs: ['zh', 'en'] as const, draft: false, version: 'test' };
    const first = loadEditionCached(dir, cache).edition!;
    expect(html.render(first, a, opts, (f) => cache.hashOf(f)).full).toBe(true);
    const file = path.join(dir, 'en', '03-tasks.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/\n\n/, '\n\nAn added paragraph for the test.\n\n'));
    fs.writeFileSync(
      path.join(dir, 'zh', '03-tasks.md'),
      fs.readFileSync(path.join(dir, 'zh', '03-tasks.md'), 'utf8').replace(/\n\n/, '\n\n为测试新增的段落。\n\n'),
    );
    const second = loadEditionCached(dir, cache).edition!;
    expect(cache.stats.parsed.map((f) => path.relative(dir, f)).sort()).toEqual(['en/03-tasks.md', 'zh/03-tasks.md']);
    const stats = html.render(second, a, opts, (f) => cache.hashOf(f));
    expect(stats).toMatchObject({ full: false, chapters: 1 });
    renderHtml(loadEdition(dir).edition!, b, opts);
    for (const page of ['zh/index.html', 'en/index.html', 'bilingual.html']) {
      expect(fs.readFileSync(path.join(a, page), 'utf8'), page).toBe(fs.readFileSync(path.join(b, page), 'utf8'));
    }
    expect(fs.readFileSync(path.join(a, 'en/index.html'), 'utf8')).toContain('An added paragraph for the test.');
  });
});

describe('baogao watch from the command line', () => {
  it('a port in use (with --port): one line with the cause and the fix, exit 2', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    const io = captureIo();
    try {
      const code = await run(['watch', copySample(), '--port', String(port), '--out', path.join(fresh('tmp'), 'out')], io);
      expect(code).toBe(2);
      const line = io.stderr.find((l) => l.startsWith('baogao:'))!;
      expect(line).toMatch(new RegExp(`port ${port} is in use.*--port`));
      expect(line.split('\n')).toHaveLength(1);
    } finally {
      blocker.close();
    }
  });

  it('a folder that does not exist: usage error, exit 2', async () => {
    const io = captureIo();
    expect(await run(['watch', path.join(fresh('tmp'), 'nope'), '--port', '0'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/is not a folder/);
  });

  it('runs as `baogao watch`, prints its address and stops cleanly on SIGTERM (exit 0)', async () => {
    const dir = copySample();
    const out = path.join(fresh('tmp'), 'out');
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'baogao.mjs'), 'watch', dir, '--port', '0', '--out', out], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const url = await until('the address', () => /Preview: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1]);
    expect((await fetch(`${url}zh/index.html`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited, stderr).toBe(0);
    expect(stderr).toContain('stopping the preview');
  });
});
