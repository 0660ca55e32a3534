/**
 * The Word edition, for review rounds (征求意见): `zh/report.docx` and
 * `en/report.docx`, written with the `docx` package. The cover, a contents
 * TOC field, the body in heading and body styles, the tables and the chart;
 * `— n —` page numbers as a PAGE field; each unit bookmarked with its
 * source so that `baogao comments` can trace a returned copy's comments and
 * tracked changes. See docs/review.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AlignmentType, Document, Footer, Header, Packer, PageNumber, Paragraph, TableOfContents, TextRun, type FileChild } from 'docx';
import { TextWatermark } from 'docx/watermarks';
import type { Edition, Lang } from '../../model.js';
import { WORDS } from '../../model/labels.js';
import { editionInstant } from '../annex-labels.js';
import { stableZip } from '../stable-zip.js';
import { bodyContent, marked } from './content.js';
import { finishPart } from './finish.js';
import { markFont, PAGE, stylesFor } from './styles.js';
import { bodyBlocks, coverUnits } from './units.js';

export interface DocxOptions {
  langs: readonly Lang[];
  /** Mark every page 征求意见稿 / DRAFT: items are open, or the build was forced past errors. */
  draft: boolean;
}

/** One character of the 14 pt page number in from the text block's edge (GB/T 9704). */
function pageFooter(side: 'left' | 'right'): Footer {
  const run = new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] });
  const indent = side === 'right' ? { right: 280, firstLine: 0 } : { left: 280, firstLine: 0 };
  return new Footer({
    children: [new Paragraph({ style: 'Footer', alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT, indent, children: [run] })],
  });
}

function draftHeader(lang: Lang): Header {
  return new Header({
    children: [new Paragraph({ children: [new TextWatermark({ text: WORDS[lang].draft, font: markFont(lang), color: 'C0C0C0', opacity: 0.4 })] })],
  });
}

function cover(edition: Edition, lang: Lang): FileChild[] {
  const c = coverUnits(edition, lang);
  // The Chinese title keeps its given lines; the English one is longer than three lines hold and runs as one text.
  const title =
    lang === 'zh'
      ? c.titleLines.map((u, i) => new Paragraph({ heading: 'Title', spacing: i === 0 ? { before: 1247 } : undefined, children: [marked(u)] }))
      : [
          new Paragraph({
            heading: 'Title',
            spacing: { before: 1247 },
            children: c.titleLines.flatMap((u, i) => (i ? [new TextRun(' '), marked(u)] : [marked(u)])),
          }),
        ];
  return [
    ...title,
    ...(c.session ? [new Paragraph({ style: 'CoverSession', children: [marked(c.session)] })] : []),
    // Towards the foot of the page, as on the PDF's title page. (A frame pinned to the foot would
    // anchor to the next paragraph, which starts the contents' page, and move there with it.)
    new Paragraph({ style: 'CoverIssuer', spacing: { before: lang === 'zh' ? 5386 : 5102 }, children: [marked(c.issuer)] }),
  ];
}

function document(edition: Edition, lang: Lang, draft: boolean): Document {
  const { meta } = edition;
  const mark = draft ? draftHeader(lang) : undefined;
  return new Document({
    creator: meta.issuer[lang],
    lastModifiedBy: meta.issuer[lang],
    title: meta.title[lang],
    subject: meta.description?.[lang] ?? meta.title[lang],
    description: meta.description?.[lang],
    keywords: meta.keywords[lang].join('; '),
    revision: 1,
    styles: stylesFor(lang),
    evenAndOddHeaderAndFooters: true,
    customProperties: [
      { name: 'baogao-language', value: lang },
      { name: 'baogao-edition', value: `${meta.reviewYear}-${meta.planYear}` },
      { name: 'baogao-status', value: draft ? 'draft' : 'final' },
    ],
    sections: [
      {
        properties: { page: { size: PAGE.size, margin: PAGE.margin }, grid: { linePitch: lang === 'zh' ? 578 : 390 }, titlePage: true },
        headers: mark ? { default: mark, even: mark, first: mark } : undefined,
        footers: { default: pageFooter('right'), even: pageFooter('left'), first: new Footer({ children: [] }) },
        children: [
          ...cover(edition, lang),
          new Paragraph({ style: 'TOCHeading', pageBreakBefore: true, children: [new TextRun(WORDS[lang].contents)] }),
          new TableOfContents(WORDS[lang].contents, { hyperlink: true, headingStyleRange: '1-2' }),
          ...bodyContent(bodyBlocks(edition, lang), lang),
        ],
      },
    ],
  });
}

/** The Word document of one language as bytes; the same edition always gives the same bytes. */
export async function docxBytes(edition: Edition, lang: Lang, draft = false): Promise<Buffer> {
  const raw = await Packer.toBuffer(document(edition, lang, draft));
  const when = editionInstant(edition.meta);
  return stableZip(raw, when, (name, xml) => finishPart(name, xml, { when, lang }));
}

/** Writes `<lang>/report.docx` into `outDir` (a staging folder) and returns what it wrote. */
export async function renderDocx(edition: Edition, outDir: string, opts: DocxOptions): Promise<string[]> {
  const files: string[] = [];
  for (const lang of opts.langs) {
    const rel = `${lang}/report.docx`;
    fs.mkdirSync(path.join(outDir, lang), { recursive: true });
    fs.writeFileSync(path.join(outDir, rel), await docxBytes(edition, lang, opts.draft));
    files.push(rel);
  }
  return files;
}
