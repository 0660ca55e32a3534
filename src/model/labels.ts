/**
 * The labels of tables, figures, notes and cells, built in one place: 表2 /
 * Table 2, 图1 / Figure 1, 续表2, a note's marker, how the checker names a
 * cell; and the fixed words of the page. The numbering is the edition's
 * house style (edition.yaml `numbering`): 表一 where a report prints Chinese
 * numerals, so every output and every check message names a table the way
 * the report prints it.
 */
import type { Lang, NumberStyle, Style, Table } from '../model.js';
import { rowsById } from '../model-index.js';
import { chineseNumeral } from '../quantity/number-words.js';
import { LABEL_WORDS } from '../quantity/vocabulary.js';

export type Numbering = Style['numbering'];

/** Arabic numbering in both languages: the default of every edition. */
export const ARABIC: Numbering = { zh: 'arabic', en: 'arabic' };

const ROMAN: [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

/** A table's or figure's number in a numbering style: 12, 十二, XII. */
export function numeral(n: number, style: NumberStyle): string {
  if (style === 'chinese' && n > 0) return chineseNumeral(n);
  if (style === 'roman' && n > 0 && n < 4000) {
    let out = '';
    for (const [v, s] of ROMAN) for (; n >= v; n -= v) out += s;
    return out;
  }
  return String(n);
}

/** 表2 / Table 2; 图1 / Figure 1; 表二 under Chinese numbering. */
export function refLabel(kind: 'table' | 'figure', n: number, lang: Lang, numbering: Numbering): string {
  const word = LABEL_WORDS[kind][lang];
  const num = numeral(n, numbering[lang]);
  return lang === 'zh' ? `${word}${num}` : `${word} ${num}`;
}

/** The line over the rest of a table continued on a next page: 续表2 / Table 2 (continued). */
export function continuedLabel(n: number, lang: Lang, numbering: Numbering): string {
  const label = refLabel('table', n, lang, numbering);
  return lang === 'zh' ? `${LABEL_WORDS.continued.zh}${label}` : `${label} ${LABEL_WORDS.continued.en}`;
}

/**
 * The marker of each note of a table, by note id: the one the table file
 * gives (`marker: "*"`), else its number in brackets ([1], [2] …). The
 * label cell a note belongs to and the note itself print the same marker.
 */
export function noteMarkers(table: Pick<Table, 'notes'>): Map<string, string> {
  return new Map(table.notes.map((n, i) => [n.id, n.marker ?? `[${i + 1}]`]));
}

/**
 * The marker printed before a note's text, or undefined where the text
 * already spells it (标*的指标… / indicators marked *), as the sample's does.
 */
export function printedNoteMarker(marker: string, text: string): string | undefined {
  return text.includes(marker) ? undefined : marker;
}

export const WORDS = {
  zh: {
    contents: '目录',
    note: '注：',
    source: '资料来源：',
    draft: '征求意见稿',
    draftBanner: '征求意见稿：尚有未完成事项，不作正式印发',
    unit: '单位：',
    chartData: '图中数据',
    item: '项目',
  },
  en: {
    contents: 'Contents',
    note: 'Note: ',
    source: 'Source: ',
    draft: 'DRAFT',
    draftBanner: 'DRAFT: items are still open; not the final text',
    unit: 'Unit: ',
    chartData: 'The figures in the chart',
    item: 'Item',
  },
} as const;

/** `表4 合计 · 税收总收入（亿元）`: how an editor names a cell. */
export function cellLabel(table: Table, rowId: string, columnId: string, numbering: Numbering): string {
  const row = rowsById(table).get(rowId);
  const label = table.columns.find((c) => c.kind === 'label');
  const rowName = (label && row?.cells[label.id]?.text.zh) || rowId;
  const colName = table.columns.find((c) => c.id === columnId)?.header.zh ?? columnId;
  return `${refLabel('table', table.number, 'zh', numbering)} ${rowName} · ${colName}`;
}
