/**
 * A build that prints hands its first language's page to Chromium before
 * the check has run (src/pipeline.ts): the check decides nothing on a page
 * but its draft mark, which the open-item rules predict. These are the
 * cases where that prediction meets the check: an edition with open items
 * (predicted), a forced build over errors (not predicted: the pages are laid
 * out and printed again, marked), and a refused build (nothing written).
 * Read back: the PDFs with pdfjs, the pages with jsdom.
 */
import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { build, loadAndCheck, type BuildOptions } from '../../src/build.js';
import { BaogaoError } from '../../src/diagnostics.js';
import { createEdition } from '../../src/new-edition/index.js';
import { printCount } from '../../src/render/pdf/index.js';
import { failing, openItems } from '../../src/report/open-items.js';
import { copySample, edit, SAMPLE, tempDir } from '../helpers.js';

const tmp = tempDir('baogao-check-while-printing-');
const templates = path.join(SAMPLE, '..', 'templates');

async function pdfBuild(edition: string, out: string, extra: Partial<BuildOptions> = {}) {
  const before = printCount();
  const r = await build({ edition, out, langs: ['zh', 'en'], formats: ['html', 'pdf'], force: false, templates, ...extra });
  return { ...r, prints: printCount() - before };
}

/** The large diagonal mark on each page of a PDF (72 pt, where the body is 16 pt), '' where there is none. */
async function marks(file: string): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(fs.readFileSync(file)), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const out: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const runs = (await (await doc.getPage(i)).getTextContent()).items.flatMap((it) => ('str' in it ? [it] : []));
    out.push(
      runs
        .filter((it) => Math.hypot(it.transform[0], it.transform[1]) > 40)
        .map((it) => it.str)
        .join('')
        .replace(/\s/g, ''),
    );
  }
  return out;
}

const banner = (out: string, page: string) => new JSDOM(fs.readFileSync(path.join(out, page), 'utf8')).window.document.querySelector('.draft-banner');

describe('the check runs while the first page prints', () => {
  it('an edition with open items is printed once per language, marked as a draft', async () => {
    const ed = path.join(tmp, 'e2024');
    createEdition({ year: 2024, from: SAMPLE, to: ed });
    const out = path.join(tmp, 'draft-out');
    const r = await pdfBuild(ed, out, { previous: SAMPLE });
    expect(r.draft).toBe(true);
    expect(r.open.length).toBeGreaterThan(0);
    expect(r.prints).toBe(2);
    for (const lang of ['zh', 'en'] as const) {
      expect(new Set(await marks(path.join(out, lang, 'report.pdf'))), lang).toEqual(new Set([lang === 'zh' ? '征求意见稿' : 'DRAFT']));
    }
  }, 300_000);

  it('a forced build over an error, with nothing open, lays the pages out again with the draft mark', async () => {
    const ed = copySample();
    edit(path.join(ed, 'tables/main-indicators.yaml'), 'zh: "-1.9%（前三季度）"', 'zh: "-1.8%（前三季度）"');
    // The edition this case needs: an error the check finds, and no open item that would have predicted the mark.
    const checked = await loadAndCheck({ edition: ed });
    expect(failing(checked.findings, false).length).toBeGreaterThan(0);
    expect(openItems(checked.findings)).toEqual([]);
    const out = path.join(tmp, 'forced-out');
    const r = await pdfBuild(ed, out, { force: true });
    expect(r.draft).toBe(true);
    // The Chinese page went to print unmarked before the check ran, and again marked; English once.
    expect(r.prints).toBe(3);
    for (const lang of ['zh', 'en'] as const) {
      expect(banner(out, `${lang}/index.html`), lang).not.toBeNull();
      expect(new Set(await marks(path.join(out, lang, 'report.pdf'))), lang).toEqual(new Set([lang === 'zh' ? '征求意见稿' : 'DRAFT']));
    }
  }, 300_000);

  it('a build refused by the check writes nothing, though its first page had gone to print', async () => {
    const ed = copySample();
    edit(path.join(ed, 'tables/main-indicators.yaml'), 'zh: "-1.9%（前三季度）"', 'zh: "-1.8%（前三季度）"');
    const parent = path.join(tmp, 'refused');
    fs.mkdirSync(parent);
    const err = await pdfBuild(ed, path.join(parent, 'out')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BaogaoError);
    expect((err as BaogaoError).message).toMatch(/the check found errors; nothing was written/);
    // No output folder, no staging folder, no lock left beside it.
    expect(fs.readdirSync(parent)).toEqual([]);
  }, 300_000);
});
