/**
 * A cover that runs onto a second page (a draft's banner over a long English title):
 * the outline's Contents bookmark must open the contents' first page, as
 * read from the print, not page 2. The same build sets edition.yaml's
 * `timezone`, which the PDF dates must carry.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { copySample, edit, tempDir } from '../helpers.js';
import { sharedSampleBuild } from '../sample-build.js';
import { readPdf, type ReadPdf } from './read-pdf.js';

let pdf: ReadPdf;

beforeAll(async () => {
  const shared = await sharedSampleBuild();
  const edition = copySample();
  const yaml = path.join(edition, 'edition.yaml');
  edit(yaml, /^date: (.*)$/m, 'date: $1\ntimezone: "-05:30"');
  const out = path.join(tempDir('baogao-cover-'), 'out');
  // A cover taller than the text block, as a draft's banner above a long title makes it.
  const templates = path.join(tempDir('baogao-cover-templates-'), 'templates');
  fs.cpSync(shared.templates, templates, { recursive: true });
  fs.appendFileSync(path.join(templates, 'print.css'), '\n.cover { height: 260mm; }\n');
  await build({ edition, out, langs: ['en'], formats: ['pdf'], force: true, templates });
  pdf = await readPdf(path.join(out, 'en', 'report.pdf'));
}, 300_000);

describe('a cover of two pages', () => {
  it('puts the contents after both cover pages and bookmarks its first page', async () => {
    const linking = pdf.pages.filter((p) => p.linkDests.some((d) => d.startsWith('sec-')));
    // The cover's second page holds no link: the contents starts on page 3.
    expect(linking[0].number).toBe(3);
    const outline = await pdf.doc.getOutline();
    expect(outline[0].title).toBe('Contents');
    const dest = outline[0].dest as [{ num: number; gen: number }];
    expect((await pdf.doc.getPageIndex(dest[0])) + 1).toBe(linking[0].number);
  });
});

describe('timezone in edition.yaml', () => {
  it('dates the PDF at midnight of the session day in that zone, in the Info dictionary and the XMP', async () => {
    const { info, metadata } = await pdf.doc.getMetadata();
    expect((info as Record<string, unknown>).CreationDate).toBe("D:20230105000000-05'30'");
    expect(metadata?.get('xmp:createdate')).toBe('2023-01-05T00:00:00-05:30');
  });
});
