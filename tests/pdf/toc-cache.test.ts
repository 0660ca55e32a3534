/**
 * The contents' page numbers remembered from an earlier print are only a
 * hint: a right hint saves the second print, a wrong one is corrected, and
 * either way the PDF is byte-for-byte the one a cold build prints.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { recallToc, rememberToc, tocKey } from '../../src/render/pdf/toc-cache.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { tempDir } from '../helpers.js';
import { sharedSampleBuild } from '../sample-build.js';

const CACHE = path.join(PACKAGE_ROOT, 'node_modules', '.cache', 'baogao', 'toc');

async function printTo(dir: string, templates: string, out: string): Promise<Record<string, Buffer>> {
  await build({ edition: dir, out, langs: ['zh', 'en'], formats: ['pdf'], force: true, templates });
  return { zh: fs.readFileSync(path.join(out, 'zh/report.pdf')), en: fs.readFileSync(path.join(out, 'en/report.pdf')) };
}

describe('remembered contents page numbers', () => {
  it('round-trip through the cache, keyed by page and stylesheets', () => {
    const key = tocKey('<p>x</p>', ['a{}']);
    expect(tocKey('<p>x</p>', ['a{}'])).toBe(key);
    expect(tocKey('<p>x</p>', ['b{}'])).not.toBe(key);
    rememberToc(key, { 'sec-1': 3 });
    expect(recallToc(key)).toEqual({ 'sec-1': 3 });
    expect(recallToc('no-such-key')).toBeUndefined();
  });

  it('give the same PDF whether the hint is right or wrong', async () => {
    const tmp = tempDir('baogao-toc-');
    // The run's shared build is the reference; its edition snapshot is only read here.
    const shared = await sharedSampleBuild();
    const dir = shared.edition;
    const first: Record<string, Buffer> = { zh: fs.readFileSync(path.join(shared.out, 'zh/report.pdf')), en: fs.readFileSync(path.join(shared.out, 'en/report.pdf')) };
    // Every remembered number off by one: the first print of the next build is wrong everywhere.
    for (const f of fs.readdirSync(CACHE)) {
      const pages = JSON.parse(fs.readFileSync(path.join(CACHE, f), 'utf8')) as Record<string, number>;
      fs.writeFileSync(path.join(CACHE, f), JSON.stringify(Object.fromEntries(Object.entries(pages).map(([k, v]) => [k, v + 1]))));
    }
    const corrected = await printTo(dir, shared.templates, path.join(tmp, 'b'));
    const hinted = await printTo(dir, shared.templates, path.join(tmp, 'c'));
    for (const lang of ['zh', 'en']) {
      expect(corrected[lang].equals(first[lang]), `${lang}: wrong hint`).toBe(true);
      expect(hinted[lang].equals(first[lang]), `${lang}: right hint`).toBe(true);
    }
  }, 300_000);
});
