/**
 * Finding the browser (in a fixed order, injectable so that no machine state
 * is needed) and the print page's sandbox: nothing outside the build loads.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BaogaoError } from '../../src/diagnostics.js';
import { chromiumArgs, isAllowedUrl, withBrowser } from '../../src/render/pdf/browser.js';
import { launchArgs } from '../../src/render/pdf/chromium-process.js';
import { ensureBrowser, findBrowser, INSTALL_HINT, type Probe } from '../../src/render/pdf/find-browser.js';
import { tempDir } from '../helpers.js';

/** A machine with exactly these executables. */
function machine(files: string[], env: Record<string, string> = {}, downloaded?: string): Probe {
  return {
    env: { PATH: '/usr/local/bin:/usr/bin:/opt/bin', ...env },
    isExecutable: (f) => files.includes(f),
    puppeteerPath: async () => downloaded,
  };
}

describe('findBrowser', () => {
  it('takes BAOGAO_CHROME first, then PUPPETEER_EXECUTABLE_PATH', async () => {
    const files = ['/a/chrome', '/b/chrome', '/usr/bin/chromium'];
    expect(await findBrowser(machine(files, { BAOGAO_CHROME: '/a/chrome', PUPPETEER_EXECUTABLE_PATH: '/b/chrome' }))).toEqual({
      path: '/a/chrome',
      source: 'env',
    });
    expect(await findBrowser(machine(files, { PUPPETEER_EXECUTABLE_PATH: '/b/chrome' }))).toEqual({ path: '/b/chrome', source: 'env' });
  });

  it('refuses a variable that names no browser instead of silently using another', async () => {
    const err = await findBrowser(machine(['/usr/bin/chromium'], { BAOGAO_CHROME: '/nope' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BaogaoError);
    expect((err as BaogaoError).exitCode).toBe(2);
    expect((err as BaogaoError).message).toContain('BAOGAO_CHROME=/nope');
  });

  it('then /usr/bin/chromium, then google-chrome-stable and chromium on PATH', async () => {
    expect((await findBrowser(machine(['/usr/bin/chromium', '/opt/bin/google-chrome-stable'])))?.path).toBe('/usr/bin/chromium');
    expect((await findBrowser(machine(['/opt/bin/google-chrome-stable', '/usr/local/bin/chromium'])))?.path).toBe('/opt/bin/google-chrome-stable');
    expect(await findBrowser(machine(['/usr/local/bin/chromium']))).toEqual({ path: '/usr/local/bin/chromium', source: 'system' });
  });

  it("then puppeteer's downloaded browser, if it is there", async () => {
    const dl = '/root/.cache/puppeteer/chrome/linux-1/chrome-linux64/chrome';
    expect(await findBrowser(machine([dl], {}, dl))).toEqual({ path: dl, source: 'puppeteer' });
    expect(await findBrowser(machine([], {}, dl))).toBeUndefined();
  });

  it('names what to install, in one line, when there is none and provisioning is off', async () => {
    const err = await ensureBrowser(machine([], { BAOGAO_NO_PROVISION: '1' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BaogaoError);
    expect((err as BaogaoError).exitCode).toBe(2);
    expect((err as BaogaoError).message).toBe(INSTALL_HINT);
    expect(INSTALL_HINT).not.toContain('\n');
    expect(INSTALL_HINT).toMatch(/apt-get install chromium/);
  });
});

describe('the print page', () => {
  const root = tempDir('baogao-sandbox-');

  it('may read files inside the build folder only', () => {
    expect(isAllowedUrl(pathToFileURL(path.join(root, 'zh', 'index.html')).href, root)).toBe(true);
    expect(isAllowedUrl(pathToFileURL(path.join(root, 'assets', 'fonts', 'a.woff2')).href, root)).toBe(true);
    expect(isAllowedUrl(pathToFileURL(path.join(root, '..', 'secret.css')).href, root)).toBe(false);
    expect(isAllowedUrl(pathToFileURL(root).href, root)).toBe(false);
    expect(isAllowedUrl('file:///etc/passwd', root)).toBe(false);
    expect(isAllowedUrl('https://fonts.example.invalid/a.css', root)).toBe(false);
  });

  it('loads nothing from the network or elsewhere on disk, and says so', async () => {
    // A server on this machine stands for the network: it must never see a request.
    const hits: string[] = [];
    const server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'text/css' });
      res.end('p { color: red }');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const outside = path.join(path.dirname(root), `${path.basename(root)}-outside.css`);
    fs.writeFileSync(outside, 'p { color: blue }');
    fs.writeFileSync(path.join(root, 'inside.css'), 'p { color: green }');
    const page = path.join(root, 'page.html');
    fs.writeFileSync(
      page,
      `<!doctype html><link rel="stylesheet" href="inside.css"><link rel="stylesheet" href="${base}/a.css"><link rel="stylesheet" href="${pathToFileURL(outside).href}"><img src="file:///etc/hostname"><p>x</p>`,
    );
    const failed = new Set<string>();
    const found = await ensureBrowser();
    const err = await withBrowser({ executablePath: found.path, root }, (b) =>
      b.withPage(async (p, reads) => {
        p.on('requestfailed', (r) => failed.add(r.url()));
        await p.goto(pathToFileURL(page).href, { waitUntil: 'load' });
        await p.pdf();
        // What was read inside the build is what the print's record lists (print-store.ts).
        expect(Object.keys(reads).sort()).toEqual(['inside.css', 'page.html']);
      }),
    )
      .catch((e: unknown) => e)
      .finally(() => new Promise<void>((resolve) => server.close(() => resolve())));
    fs.rmSync(outside, { force: true });
    expect(err).toBeInstanceOf(BaogaoError);
    for (const url of [`${base}/a.css`, pathToFileURL(outside).href, 'file:///etc/hostname']) {
      expect((err as BaogaoError).message).toContain(url);
      // Refused by Chromium before it was read, not only reported afterwards.
      expect(failed.has(url), `${url} failed to load`).toBe(true);
    }
    expect(failed.has(pathToFileURL(path.join(root, 'inside.css')).href)).toBe(false);
    expect(hits).toEqual([]);
  }, 120_000);

  it('reads a build folder whose path has spaces, brackets, a star and Chinese in it', async () => {
    const odd = tempDir('baogao-sandbox (1)*+ 报告 {x}?-');
    fs.mkdirSync(path.join(odd, 'assets'));
    fs.writeFileSync(path.join(odd, 'assets', 'a.css'), 'p { color: green }');
    const page = path.join(odd, 'page.html');
    fs.writeFileSync(page, '<!doctype html><link rel="stylesheet" href="assets/a.css"><p>ok</p>');
    const found = await ensureBrowser();
    const failed: string[] = [];
    const reads = await withBrowser({ executablePath: found.path, root: odd }, (b) =>
      b.withPage(async (p, r) => {
        p.on('requestfailed', (req) => failed.push(req.url()));
        await p.goto(pathToFileURL(page).href, { waitUntil: 'load' });
        await p.pdf();
        return r;
      }),
    );
    expect(Object.keys(reads).sort()).toEqual(['assets/a.css', 'page.html']);
    // Loaded, not refused by a block pattern that failed to match the folder.
    expect(failed).toEqual([]);
  }, 120_000);

  it('prints a page that stays inside the build', async () => {
    const page = path.join(root, 'ok.html');
    fs.writeFileSync(page, '<!doctype html><p>ok</p>');
    const found = await ensureBrowser();
    const pdf = await withBrowser({ executablePath: found.path, root }, (b) =>
      b.withPage(async (p) => {
        await p.goto(pathToFileURL(page).href, { waitUntil: 'load' });
        return p.pdf();
      }),
    );
    expect(pdf.length).toBeGreaterThan(500);
  }, 120_000);
});

describe('Chromium started by baogao', () => {
  it('prints on the tab it opened at its start, and on new tabs once that one is closed', async () => {
    const root = tempDir('baogao-tabs-');
    const page = path.join(root, 'p.html');
    fs.writeFileSync(page, '<!doctype html><p>tab</p>');
    const found = await ensureBrowser();
    // One spare page (the start's blank tab), then two more prints: the second and third need
    // new tabs after every tab has been closed, as a relayout's reprint does.
    const tabs = await withBrowser({ executablePath: found.path, root, pages: 1 }, async (b) => {
      const seen: string[] = [];
      for (let i = 0; i < 3; i++) {
        seen.push(
          await b.withPage(async (p) => {
            // The tabs open while this one prints: no idle blank tab beside it.
            const tabs = (await p.browser().pages()).length;
            await p.goto(pathToFileURL(page).href, { waitUntil: 'load' });
            expect((await p.pdf()).length).toBeGreaterThan(500);
            return `${tabs} tab(s)`;
          }),
        );
      }
      return seen;
    });
    expect(tabs).toEqual(['1 tab(s)', '1 tab(s)', '1 tab(s)']);
  }, 120_000);

  it("gets exactly the flags puppeteer.launch would give it (the bench's floor launches through puppeteer)", async () => {
    const { default: puppeteer } = await import('puppeteer-core');
    const profile = '/tmp/baogao-chromium-test';
    const theirs = [...puppeteer.defaultArgs({ headless: true, userDataDir: profile, args: chromiumArgs() }), '--remote-debugging-pipe'];
    expect(launchArgs(profile, chromiumArgs())).toEqual(theirs);
  });

  it('says why, in one line, when the program is not a browser', async () => {
    const root = tempDir('baogao-not-chromium-');
    const fake = path.join(root, 'chromium');
    fs.writeFileSync(fake, '#!/bin/sh\necho "error while loading shared libraries: libnss3.so" >&2\nexit 127\n', { mode: 0o755 });
    const err = await withBrowser({ executablePath: fake, root }, async () => undefined).catch((e: unknown) => e);
    fs.rmSync(root, { recursive: true, force: true });
    expect(err).toBeInstanceOf(BaogaoError);
    expect((err as BaogaoError).exitCode).toBe(2);
    expect((err as BaogaoError).message).toBe(`cannot start ${fake}: Chromium exited before it was ready: error while loading shared libraries: libnss3.so`);
    // Its profile folder went with it.
    expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(`baogao-chromium-${process.pid}-`))).toEqual([]);
  });
});
