/**
 * The fixed words of the workbook, in both languages, and the small
 * translations the tables need (units, qualifiers, periods, dates). Every
 * string the workbook shows that does not come from the edition is here, so
 * that the wording is reviewed in one place.
 */
import type { Direction, Meta, Qualifier, Quantity, Table } from '../../model.js';
import { unitInfo } from '../../quantity/units.js';

/** Sheet names: bilingual for the front sheets, `表N` for the tables (all far below Excel's 31 characters). */
export const SHEET = {
  cover: '封面 Cover',
  contents: '目录 Contents',
  notes: '注释 Notes',
} as const;

/** The sheet that holds table number `n`. */
export function tableSheetName(n: number): string {
  return `表${n}`;
}

/** The Excel Table (ListObject) name of table number `n`: ASCII, so that formulas and Power Query can name it. */
export function tableObjectName(n: number): string {
  return `Table_${n}`;
}

/** `#'表1'!A1`: the in-workbook target of a link (quoted, so names with spaces work too). */
export function internalTarget(sheet: string): string {
  return `#'${sheet.replace(/'/g, "''")}'!A1`;
}

/** A HYPERLINK formula to another sheet: stays inside the file in Excel, WPS, LibreOffice and Google Sheets. */
export function linkFormula(sheet: string, text: string): { formula: string; result: string } {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return { formula: `HYPERLINK(${q(internalTarget(sheet))},${q(text)})`, result: text };
}

/** One line holding both languages: `中文 English`. Whitespace runs (newlines, tabs) become one space. */
export function bi(zh: string, en: string): string {
  return oneLine(`${zh} ${en}`);
}

export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The shorthand for a figure the report does not give (Analysis Function codes). */
export const CODE = {
  /** The cell is text: no figure is stated, so a number does not apply. */
  notApplicable: '[z]',
  /** The report left the cell empty. */
  notAvailable: '[x]',
} as const;

/** `[note 3]`: how a note is referred to in a table, never a symbol in a number cell. */
export function noteRef(n: number): string {
  return `[note ${n}]`;
}

/**
 * Numbers every note of the workbook, table by table in table order:
 * `tableId/noteId` → 1, 2, 3 … The Notes sheet and the tables share it.
 */
export function numberNotes(tables: Table[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const t of tables) for (const n of t.notes) map.set(`${t.id}/${n.id}`, map.size + 1);
  return map;
}

const UNIT_EN: Record<string, string> = {
  亿元: 'RMB 100 million',
  万元: 'RMB 10,000',
  元: 'RMB',
  亿美元: 'US$ 100 million',
  万美元: 'US$ 10,000',
  美元: 'US$',
  '%': '%',
};

/** The English of a scale word: 万 = 10,000, 亿 = 100 million. */
const SCALE_EN: Record<number, string> = { 4: '10,000', 8: '100 million' };

/** A unit in English: `RMB 100 million`, `%`, `count`, `count, in 10,000s`, `number` for a bare number. */
export function unitEnglish(unit: string): string {
  if (!unit) return 'number';
  const info = unitInfo(unit);
  const scale = SCALE_EN[info.scale];
  if (UNIT_EN[unit]) return UNIT_EN[unit];
  if (info.en) return scale ? `${scale} ${info.en}` : info.en;
  // Counted things (件, 台, 人) have no English noun in the report; "count" says what the number is.
  if (info.dimension === 'count') return scale ? `count, in ${scale}s` : 'count';
  return scale ? `in ${scale}s` : unit;
}

/** A unit in both languages: `亿元 RMB 100 million`, `%`, `件 count`, `万人 count, in 10,000s`. */
export function unitLabel(unit: string): string {
  const en = unitEnglish(unit);
  return !unit || en === unit ? en : `${unit} ${en}`;
}

const QUALIFIER: Record<Qualifier, [string, string]> = {
  over: ['以上', 'over'],
  about: ['左右', 'about'],
  within: ['以内', 'within'],
  nearly: ['近', 'nearly'],
  'more-than': ['超过', 'more than'],
  'at-least': ['不低于', 'at least'],
  'at-most': ['不超过', 'no more than'],
};
const DIRECTION: Record<Direction, [string, string]> = { up: ['增长', 'increase'], down: ['下降', 'decrease'] };
const PERIOD_EN: Record<string, string> = {
  前三季度: 'first three quarters',
  上半年: 'first half of the year',
  一季度: 'first quarter',
  全年: 'full year',
};

/**
 * What changes the meaning of a figure, in both languages:
 * `增长 increase; 以上 over`. Empty when the figure stands alone.
 * `enText` supplies an English period the fixed list does not know.
 */
export function qualifierLabel(q: Quantity, enText: string): string {
  const parts: string[] = [];
  if (q.direction) parts.push(DIRECTION[q.direction].join(' '));
  if (q.qualifier) parts.push(QUALIFIER[q.qualifier].join(' '));
  if (q.period) {
    const fromText = /\(([^()]+)\)\s*$/.exec(enText)?.[1];
    parts.push(bi(q.period, PERIOD_EN[q.period] ?? fromText ?? ''));
  }
  return parts.join('; ');
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2023-01-05` → 2023年1月5日 / 5 January 2023. */
export function formatDate(iso: string): { zh: string; en: string } {
  const [y, m, d] = iso.split('-').map(Number);
  return { zh: `${y}年${m}月${d}日`, en: `${d} ${MONTHS[m - 1]} ${y}` };
}

/** The edition in words: `2022年规划执行情况、2023年计划草案` / its English. */
export function editionLabel(meta: Meta): { zh: string; en: string } {
  return {
    zh: `${meta.reviewYear}年规划执行情况、${meta.planYear}年计划草案`,
    en: `Implementation of the ${meta.reviewYear} plan and the draft plan for ${meta.planYear}`,
  };
}

/** The midnight (UTC) of the edition's date: every date stamped into the file. */
export function editionInstant(meta: Meta): Date {
  return new Date(`${meta.date}T00:00:00Z`);
}
