/**
 * The Word edition's page and styles, set as templates/print.css sets the PDF
 * (GB/T 9704-2012 where it applies): A4 with the PDF's margins, mirrored for
 * duplex; the Chinese body in 16 pt 仿宋 on a 28.9 pt line pitch, 一、 in 黑体,
 * （一） in 楷体, the title in 小标宋; the English body in 13 pt serif.
 *
 * The faces are named as Chinese government machines (Windows, WPS) have them.
 * Word cannot list fallbacks in a run, so each face's entry in the font table
 * (see finish.ts) carries its English name, character set and family, which
 * Word, WPS and LibreOffice use to substitute the nearest face they have.
 * The style names are Word's built-in ones (`heading 1`, `Normal`): Word shows
 * them as 标题 1 and 正文 in a Chinese interface, and its navigation pane,
 * outline view and TOC field work from them.
 */
import { AlignmentType, LineRuleType, type IStylesOptions } from 'docx';
import type { Lang } from '../../model.js';

const mm = (v: number) => Math.round((v * 1440) / 25.4);
const pt = (v: number) => Math.round(v * 20);

/** A4 in twips; margins top 37, bottom 35, inside (binding) 28, outside 26 mm, as print.css. */
export const PAGE = {
  size: { width: 11906, height: 16838 },
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), header: mm(15), footer: mm(22) },
};
/** The text block's width in twips (156 mm). */
export const TEXT_WIDTH = PAGE.size.width - PAGE.margin.left - PAGE.margin.right;

/** A face as the font table describes it: the name runs use, and what to substitute it with. */
export interface Face {
  name: string;
  altName: string;
  /** Windows character set: 86 = GB2312 (Simplified Chinese), 00 = ANSI. */
  charset: string;
  family: 'roman' | 'swiss' | 'modern';
  panose?: string;
}

export const FACES = {
  fang: { name: '仿宋', altName: 'FangSong', charset: '86', family: 'modern', panose: '02010609060101010101' },
  hei: { name: '黑体', altName: 'SimHei', charset: '86', family: 'modern', panose: '02010609060101010101' },
  kai: { name: '楷体', altName: 'KaiTi', charset: '86', family: 'modern', panose: '02010609060101010101' },
  song: { name: '宋体', altName: 'SimSun', charset: '86', family: 'roman', panose: '02010600030101010101' },
  xbs: { name: '方正小标宋简体', altName: 'FZXiaoBiaoSong-B05S', charset: '86', family: 'roman' },
  times: { name: 'Times New Roman', altName: 'Times New Roman', charset: '00', family: 'roman', panose: '02020603050405020304' },
  serif4: { name: 'Source Serif 4', altName: 'Times New Roman', charset: '00', family: 'roman' },
} as const satisfies Record<string, Face>;

/** Latin letters and digits in a Chinese run: Times New Roman, as Chinese government templates set them. */
function zhFont(face: Face) {
  return { ascii: FACES.times.name, hAnsi: FACES.times.name, eastAsia: face.name, cs: face.name };
}
function enFont() {
  return { ascii: FACES.serif4.name, hAnsi: FACES.serif4.name, eastAsia: FACES.song.name, cs: FACES.serif4.name };
}

/** Exactly the PDF's line pitch. */
const exact = (points: number) => ({ line: pt(points), lineRule: LineRuleType.EXACT });

function zhStyles(): IStylesOptions {
  const body = { font: zhFont(FACES.fang), size: 32, language: { value: 'en-US', eastAsia: 'zh-CN' } };
  const heading = (face: Face, level: number) => ({
    run: { font: zhFont(face), size: 32, bold: false, italics: false, color: '000000' },
    paragraph: { spacing: { ...exact(28.9), before: 0, after: 0 }, indent: { firstLine: pt(32) }, keepNext: true, keepLines: true, outlineLevel: level },
  });
  return {
    default: {
      document: { run: body, paragraph: { spacing: { ...exact(28.9), before: 0, after: 0 }, alignment: AlignmentType.JUSTIFIED } },
      heading1: heading(FACES.hei, 0),
      heading2: heading(FACES.kai, 1),
      heading3: heading(FACES.fang, 2),
      heading4: heading(FACES.fang, 3),
      title: {
        run: { font: zhFont(FACES.xbs), size: 44, bold: false, color: '000000' },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 422, lineRule: LineRuleType.AUTO, before: 0, after: 0 } },
      },
    },
    paragraphStyles: common(zhFont(FACES.hei), zhFont(FACES.kai), zhFont(FACES.fang), 24, 28, { firstLine: pt(32) }, { size: 32, characterSpacing: 32 }),
  };
}

function enStyles(): IStylesOptions {
  const font = enFont();
  const heading = (level: number, size: number, extra: { bold?: boolean; italics?: boolean }, before: number) => ({
    run: { font, size, bold: false, italics: false, color: '000000', ...extra },
    paragraph: { spacing: { ...exact(19.5), before: pt(before), after: pt(6.5) }, keepNext: true, keepLines: true, outlineLevel: level },
  });
  return {
    default: {
      document: {
        run: { font, size: 26, language: { value: 'en-GB', eastAsia: 'zh-CN' } },
        paragraph: { spacing: { ...exact(19.5), before: 0, after: pt(6.5) } },
      },
      heading1: heading(0, 28, { bold: true }, 13),
      heading2: heading(1, 26, { italics: true }, 9.75),
      heading3: heading(2, 26, {}, 6.5),
      heading4: heading(3, 26, {}, 6.5),
      title: {
        run: { font, size: 38, bold: true, color: '000000' },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 319, lineRule: LineRuleType.AUTO, before: 0, after: 0 } },
      },
    },
    paragraphStyles: common(font, font, font, 21, 24, {}, { size: 30 }),
  };
}

/** The styles both editions have, in each one's faces: body, captions, table text, notes, cover lines, contents heading. */
function common(hei: object, kai: object, body: object, small: number, caption: number, indent: object, issuer: object): IStylesOptions['paragraphStyles'] {
  const tight = { line: 276, lineRule: LineRuleType.AUTO, before: 0, after: 0 };
  return [
    { id: 'Normal', name: 'Normal', quickFormat: true, paragraph: { indent } },
    {
      id: 'Caption',
      name: 'caption',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { font: hei, size: caption, bold: false },
      paragraph: { alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, spacing: { ...tight, before: 120, after: 80 }, keepNext: true },
    },
    {
      id: 'TableText',
      name: 'Table Text',
      basedOn: 'Normal',
      quickFormat: true,
      run: { size: small },
      paragraph: { indent: { firstLine: 0 }, alignment: AlignmentType.LEFT, spacing: tight },
    },
    {
      id: 'TableHeading',
      name: 'Table Heading',
      basedOn: 'TableText',
      quickFormat: true,
      run: { font: hei },
      paragraph: { alignment: AlignmentType.CENTER, keepNext: true },
    },
    {
      id: 'Note',
      name: 'Table Note',
      basedOn: 'Normal',
      quickFormat: true,
      run: { size: small },
      paragraph: { indent: { firstLine: 0 }, alignment: AlignmentType.LEFT, spacing: { ...tight, before: 60 } },
    },
    {
      id: 'CoverSession',
      name: 'Cover Session',
      basedOn: 'Normal',
      run: { font: kai, size: 28 },
      paragraph: { alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, spacing: { line: 360, lineRule: LineRuleType.AUTO, before: mm(12), after: 0 } },
    },
    {
      id: 'CoverIssuer',
      name: 'Cover Issuer',
      basedOn: 'Normal',
      run: { font: body, ...issuer },
      paragraph: { alignment: AlignmentType.CENTER, indent: { firstLine: 0 } },
    },
    {
      id: 'TOCHeading',
      name: 'TOC Heading',
      basedOn: 'Normal',
      next: 'Normal',
      run: { font: hei, size: 44 },
      paragraph: { alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, spacing: { line: 360, lineRule: LineRuleType.AUTO, after: mm(8) } },
    },
    {
      id: 'Footer',
      name: 'footer',
      basedOn: 'Normal',
      run: { font: body, size: 28 },
      paragraph: { indent: { firstLine: 0 }, spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 } },
    },
  ];
}

export function stylesFor(lang: Lang): IStylesOptions {
  return lang === 'zh' ? zhStyles() : enStyles();
}

/** The draft watermark's face: 黑体 in Chinese, the body serif in English. */
export function markFont(lang: Lang): string {
  return lang === 'zh' ? FACES.hei.name : FACES.serif4.name;
}
