/**
 * Source units to Word content: headings in the heading styles, paragraphs in
 * Normal (正文), tables as Word tables whose header row repeats on every page
 * and whose rows never split, the chart as a picture with its alternative
 * text. Every unit sits inside its bookmark (bookmarks.ts).
 */
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  HeadingLevel,
  ImageRun,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type FileChild,
} from 'docx';
import type { Lang } from '../../model.js';
import { chartDescription } from '../chart.js';
import { bookmarkName } from './bookmarks.js';
import { chartPng } from './chart-png.js';
import { TEXT_WIDTH } from './styles.js';
import type { DocBlock, Unit } from './units.js';

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4];

/** A unit's runs inside its bookmark. */
export function marked(u: Unit): Bookmark {
  const runs = u.pieces.map((p) => new TextRun({ text: p.text, bold: p.bold, italics: p.italic, superScript: p.superscript }));
  return new Bookmark({ id: bookmarkName(u), children: runs });
}

const RULE = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const HEAVY = { style: BorderStyle.SINGLE, size: 12, color: '000000' };

function cellParagraphs(units: Unit[], style: string, alignment: (typeof AlignmentType)[keyof typeof AlignmentType]): Paragraph[] {
  return units.map((u) => new Paragraph({ style, alignment, children: [marked(u)] }));
}

function tableContent(b: DocBlock & { kind: 'table' }, lang: Lang): FileChild[] {
  const hasList = b.table.columns.some((c) => c.kind === 'list');
  const first = Math.round(TEXT_WIDTH * (hasList ? 0.2 : lang === 'en' ? 0.36 : 0.3));
  const rest = b.table.columns.length > 1 ? Math.floor((TEXT_WIDTH - first) / (b.table.columns.length - 1)) : TEXT_WIDTH;
  const widths = b.table.columns.map((_, i) => (i === 0 ? first : rest));
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: b.headers.map(
      (h, i) =>
        new TableCell({
          width: { size: widths[i], type: WidthType.DXA },
          verticalAlign: VerticalAlignTable.CENTER,
          children: cellParagraphs([h], 'TableHeading', AlignmentType.CENTER),
        }),
    ),
  });
  const rows = b.rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: r.cells.map((units, i) => {
          const kind = r.kinds[i];
          const align = kind === 'number' ? AlignmentType.RIGHT : kind === 'label' || kind === 'list' ? AlignmentType.LEFT : AlignmentType.CENTER;
          return new TableCell({
            width: { size: widths[i], type: WidthType.DXA },
            verticalAlign: VerticalAlignTable.CENTER,
            children: cellParagraphs(units, 'TableText', align),
          });
        }),
      }),
  );
  const table = new Table({
    rows: [header, ...rows],
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: HEAVY, bottom: HEAVY, left: RULE, right: RULE, insideHorizontal: RULE, insideVertical: RULE },
  });
  return [
    new Paragraph({ style: 'Caption', children: [marked(b.caption)] }),
    table,
    ...b.notes.map((n) => new Paragraph({ style: 'Note', children: [marked(n)] })),
    ...(b.source ? [new Paragraph({ style: 'Note', children: [marked(b.source)] })] : []),
    // Half a line of the grid below the table block, as the PDF's margin (a paragraph of its own:
    // Word has no space below a table, and the next paragraph may be a heading with its own spacing).
    new Paragraph({ indent: { firstLine: 0 }, spacing: { line: 289, lineRule: 'exact', before: 0, after: 0 }, children: [] }),
  ];
}

function figureContent(b: DocBlock & { kind: 'figure' }, lang: Lang): FileChild[] {
  const { png, width, height } = chartPng(b.figure, lang);
  // Pictures are sized in pixels at 96 to the inch: the text block's width.
  const w = Math.round((TEXT_WIDTH / 1440) * 96);
  const image = new ImageRun({
    type: 'png',
    data: png,
    transformation: { width: w, height: Math.round((w * height) / width) },
    altText: { name: b.caption.pieces[0].text.trim(), title: b.figure.caption[lang], description: chartDescription(b.figure, lang) },
  });
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      indent: { firstLine: 0 },
      keepNext: true,
      spacing: { line: 240, lineRule: 'auto', before: 120 },
      children: [new Bookmark({ id: bookmarkName(b.image), children: [image] })],
    }),
    new Paragraph({ style: 'Caption', keepNext: !!b.note, children: [marked(b.caption)] }),
    ...(b.note ? [new Paragraph({ style: 'Note', alignment: AlignmentType.CENTER, children: [marked(b.note)] })] : []),
  ];
}

/** The body blocks as Word content; the first starts a new page after the contents. */
export function bodyContent(blocks: DocBlock[], lang: Lang): FileChild[] {
  return blocks.flatMap((b, i): FileChild[] => {
    const pageBreakBefore = i === 0;
    switch (b.kind) {
      case 'heading':
        return [new Paragraph({ heading: HEADINGS[b.depth - 1], pageBreakBefore, children: [marked(b.unit)] })];
      case 'paragraph': {
        const children = [marked(b.unit)];
        if (b.list === 'ordered')
          return [new Paragraph({ pageBreakBefore, indent: { left: 640, hanging: 640 }, children: [new TextRun(`${b.ordinal}. `), ...children] })];
        // The opening salutation (the report's first paragraph) is set flush left, as in the HTML and the PDF.
        const indent = i === 0 ? { firstLine: 0 } : undefined;
        return [new Paragraph({ pageBreakBefore, indent, bullet: b.list === 'bullet' ? { level: 0 } : undefined, children })];
      }
      case 'table':
        return tableContent(b, lang);
      case 'figure':
        return figureContent(b, lang);
    }
  });
}
