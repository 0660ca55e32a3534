/**
 * The fixed words of the workbook, in both languages, and the small
 * translations the tables need (units, qualifiers, periods, dates). Every
 * string the workbook shows that does not come from the edition is here, so
 * that the wording is reviewed in one place.
 */
import type { CoverLabel, Edition, Meta, Quantity, Table } from '../model.js';
import { SCALE_LABELS, unitInfo } from '../quantity/units.js';
import { DIRECTIONS, PERIOD_EN, QUALIFIERS, UNIT_LABELS } from '../quantity/vocabulary.js';
import { refLabel, type Numbering } from '../model/labels.js';

/** Sheet names: bilingual for the front sheets, `表N` (or 表一, as the edition numbers them) for the tables (all far below Excel's 31 characters). */
export const SHEET = {
  cover: '封面 Cover',
  contents: '目录 Contents',
  notes: '注释 Notes',
} as const;

/** The sheet that holds table number `n`. */
export function tableSheetName(n: number, numbering: Numbering): string {
  return refLabel('table', n, 'zh', numbering);
}

/**
 * The Excel Table (ListObject) name of a table: `T1_main_indicators`, its
 * number and its id, so that a formula or Power Query names the table it
 * means. ASCII letters, digits and underscores only (ids are kebab-case), and
 * never a cell reference, which a bare `T1` would be.
 */
export function tableObjectName(table: Pick<Table, 'number' | 'id'>): string {
  return `T${table.number}_${table.id.replace(/[^A-Za-z0-9]+/g, '_')}`;
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

/**
 * The shorthand codes of the Analysis Function's guidance for a cell without
 * a figure. No cell inside a table is left blank: each is one of these.
 */
export const CODE = {
  /**
   * `[z]` not applicable: there is nothing to give, because the cell cannot
   * hold one — a cell written — (no plan set), an entry worded as text has no figure (nor unit), a figure
   * without qualifier has no qualifier, a row without a note has no note.
   */
  notApplicable: '[z]',
  /** `[x]` not available: the report leaves the cell empty (a figure not yet known or not published). */
  notAvailable: '[x]',
} as const;

/** What each code means, in both languages: stated on the cover and in each table's notes. */
export const CODE_MEANING: Record<(typeof CODE)[keyof typeof CODE], { zh: string; en: string }> = {
  '[x]': { zh: '无数据（报告未给出该项数据）', en: 'not available (the report gives no figure for this cell)' },
  '[z]': {
    zh: '不适用（该项未设数值，报告中印为“—”；或以文字表述，不含数值；或该数值无限定词、该行无注释）',
    en: 'not applicable (no figure applies, where the report prints —; or the entry is worded as text and states no figure; or the figure has no qualifier, or the row has no note)',
  },
};

/** `“[x]”表示无数据…` / `"[x]" means not available …`: one sentence per code, in code order. */
export function codesSentence(codes: Iterable<string>): { zh: string; en: string } | undefined {
  const used = (Object.keys(CODE_MEANING) as (keyof typeof CODE_MEANING)[]).filter((c) => [...codes].includes(c));
  if (!used.length) return undefined;
  return {
    zh: `${used.map((c) => `“${c}”表示${CODE_MEANING[c].zh}`).join('；')}。`,
    en: `${used.map((c) => `"${c}" means ${CODE_MEANING[c].en}`).join('; ')}.`,
  };
}

/**
 * The tables the annex holds: those placed in the report, in table-number
 * order. A table never placed has no number; the checker reports it as an
 * error, and the annex leaves it out rather than invent a number for it.
 */
export function annexTables(edition: Edition): Table[] {
  return edition.tables.filter((t) => t.number > 0).sort((a, b) => a.number - b.number);
}

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

/** A unit in English: `RMB 100 million`, `%`, `count`, `count, in 10,000s`, `number` for a bare number. */
export function unitEnglish(unit: string): string {
  if (!unit) return 'number';
  const info = unitInfo(unit);
  const scale = SCALE_LABELS[info.scale];
  // Own keys only: a unit is the author's text, and "constructor" is not a label.
  if (Object.hasOwn(UNIT_LABELS, unit)) return UNIT_LABELS[unit];
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

/** The words that qualify a figure, direction first (增长 / increase, 以上 / over); empty lists when it stands alone. */
export function qualifierWords(q: Quantity): { zh: string[]; en: string[] } {
  const pairs = [
    q.direction && { zh: DIRECTIONS[q.direction].zh, en: DIRECTIONS[q.direction].enLabel },
    q.qualifier && { zh: QUALIFIERS[q.qualifier].zhLabel, en: QUALIFIERS[q.qualifier].enLabel },
  ].filter((p): p is { zh: string; en: string } => Boolean(p));
  return { zh: pairs.map((p) => p.zh), en: pairs.map((p) => p.en) };
}

/** The period written with a figure (前三季度 / first three quarters); `enText` supplies an English period the fixed list does not know. */
export function periodWords(q: Quantity, enText: string): { zh: string; en: string } | undefined {
  if (!q.period) return undefined;
  const fromText = /\(([^()]+)\)\s*$/.exec(enText)?.[1];
  return { zh: q.period, en: (Object.hasOwn(PERIOD_EN, q.period) ? PERIOD_EN[q.period] : undefined) ?? fromText ?? '' };
}

/**
 * What changes the meaning of a figure, in both languages:
 * `增长 increase; 以上 over`. Empty when the figure stands alone.
 */
export function qualifierLabel(q: Quantity, enText: string): string {
  const words = qualifierWords(q);
  const parts = words.zh.map((zh, i) => `${zh} ${words.en[i]}`);
  const period = periodWords(q, enText);
  if (period) parts.push(bi(period.zh, period.en));
  return parts.join('; ');
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2023-01-05` → 2023年1月5日 / 5 January 2023. */
export function formatDate(iso: string): { zh: string; en: string } {
  const [y, m, d] = iso.split('-').map(Number);
  return { zh: `${y}年${m}月${d}日`, en: `${d} ${MONTHS[m - 1]} ${y}` };
}

/** The headings of the cover's lines; edition.yaml `labels` may reword each. */
const COVER_LABELS: Record<CoverLabel, { zh: string; en: string }> = {
  edition: { zh: '版本', en: 'Edition' },
  issuer: { zh: '发布机构', en: 'Issued by' },
  date: { zh: '会议日期', en: 'Date of the session' },
  description: { zh: '简介', en: 'Description' },
  contact: { zh: '联系方式', en: 'Contact' },
};

/** The heading of a cover line in both languages: `版本 Edition`, or the edition's own words. */
export function coverLabel(meta: Meta, key: CoverLabel): string {
  const l = meta.labels[key] ?? COVER_LABELS[key];
  return bi(l.zh, l.en);
}

/**
 * The edition in words, as edition.yaml's `edition_label` gives it: the
 * wording differs between governments (规划执行情况 in Jing'an, 计划执行情况
 * elsewhere), so it is never assembled here.
 */
export function editionLabel(meta: Meta): { zh: string; en: string } | undefined {
  return meta.editionLabel;
}

/**
 * An issuing body as the object of "issued by": `the Jing'an District
 * Development and Reform Commission`. English names a commission with the
 * definite article; a name that already has one keeps it.
 */
export function theBody(en: string): string {
  return /^the\s/i.test(en) ? en : `the ${en}`;
}

/** The contact line: the body, then telephone and e-mail when edition.yaml gives them. */
export function contactLine(contact: NonNullable<Meta['contact']>): { zh: string; en: string } {
  const zh = [contact.zh];
  const en = [contact.en];
  if (contact.telephone) {
    zh.push(`电话：${contact.telephone}`);
    en.push(`telephone: ${contact.telephone}`);
  }
  if (contact.email) {
    zh.push(`电子邮箱：${contact.email}`);
    en.push(`e-mail: ${contact.email}`);
  }
  return { zh: zh.join('；'), en: en.join('; ') };
}

/** The midnight (UTC) of the edition's date: every date stamped into the file. */
export function editionInstant(meta: Meta): Date {
  return new Date(`${meta.date}T00:00:00Z`);
}
