/**
 * zod schemas of the edition's data files. They check shape only; meaning
 * (a column id that exists, a number that parses) is checked by the loaders,
 * which know the positions to report.
 */
import { z } from 'zod';

const text = z.string().trim().min(1, 'must not be empty');
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case letters, digits and hyphens');

/** 2023-02-28 is; 2023-02-30 and 2023-13-45 are not (the PDF date and the workbook would be garbage). */
function isCalendarDate(d: string): boolean {
  const [y, m, day] = d.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, day));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === day;
}

/** A text in both languages. */
export const bi = z.strictObject({ zh: text, en: text });
const biList = z.strictObject({ zh: z.array(text), en: z.array(text) });

const boldFigures = z.boolean().optional();
/** `style`: per-language choices; every key is optional and has a default (see Style in model.ts). */
const styleSchema = z.strictObject({
  zh: z.strictObject({ bold_figures: boldFigures }).optional(),
  en: z
    .strictObject({
      bold_figures: boldFigures,
      precision: z
        .union([
          z.literal('exact'),
          z.strictObject({ decimals: z.number().int().min(0).max(6).optional(), significant: z.number().int().min(1).max(9).optional() }),
        ])
        .optional(),
    })
    .optional(),
});

/** `numbering: chinese` (表一, Table 1) or per language: `numbering: { zh: chinese, en: roman }`. */
const numberingSchema = z.union([
  z.enum(['arabic', 'chinese'], 'write arabic (表1) or chinese (表一), or { zh: …, en: … }'),
  z.strictObject({ zh: z.enum(['arabic', 'chinese']).optional(), en: z.enum(['arabic', 'roman']).optional() }),
]);

export const editionSchema = z.strictObject({
  review_year: z.coerce.number().int().min(1949).max(2999),
  plan_year: z.coerce.number().int().min(1949).max(2999),
  // `2024-××-××` is the placeholder `baogao new` writes until the session date is known.
  date: z
    .union([z.string(), z.date()])
    .transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d))
    .pipe(
      z
        .string()
        .regex(/^\d{4}-(\d{2}-\d{2}|××-××)$/, 'write the date as YYYY-MM-DD')
        .refine(
          (d) => d.includes('×') || isCalendarDate(d),
          'no such day in the calendar (months run 01–12, days to the end of the month); write the date as YYYY-MM-DD',
        ),
    ),
  /** The offset from UTC of the session's clock: the PDF dates are midnight there. */
  timezone: z
    .string('write the time zone in quotes as an offset from UTC, e.g. "+08:00"')
    .regex(/^[+-](0\d|1[0-4]):[0-5]\d$/, 'write the time zone as an offset from UTC, +HH:MM or -HH:MM, e.g. "+08:00"')
    .optional(),
  title: bi,
  title_lines: z.strictObject({ zh: z.array(text).optional(), en: z.array(text).optional() }).optional(),
  session: bi.optional(),
  issuer: bi,
  contact: z
    .strictObject({
      zh: text,
      en: text,
      telephone: z
        .string('write the telephone number in quotes, e.g. "021-12345678"')
        .trim()
        .regex(/^\+?[\d ()-]+(?:(?:转|ext\.?|x)\s*\d+)?$/, 'write the telephone number with digits, spaces, hyphens and brackets, e.g. 021-12345678')
        .optional(),
      email: z.email('write an e-mail address, e.g. fgw@example.gov.cn').optional(),
    })
    .optional(),
  edition_label: bi.optional(),
  description: bi.optional(),
  keywords: biList.optional(),
  require_citations: z.boolean().optional(),
  chapters: z.array(z.string().regex(/^[\w-]+$/, 'a chapter is a file name without .md')).min(1),
  style: styleSchema.optional(),
  /** How tables and figures are numbered; arabic unless set. */
  numbering: numberingSchema.optional(),
  /** The words of the workbook's cover lines, where the government words them otherwise (版次 for 版本). */
  labels: z.strictObject({ edition: bi.optional(), issuer: bi.optional(), date: bi.optional(), description: bi.optional(), contact: bi.optional() }).optional(),
  /** The year each chapter speaks of (a chapter not listed speaks of no one year). */
  chapter_years: z.record(z.string(), z.coerce.number().int().min(1949).max(2999)).optional(),
  /** Carried-over fields that stand as they are. */
  confirmed: z.array(z.enum(['session', 'description', 'title'])).optional(),
  /** Per-rule severity: `severity: { glossary: error }`. */
  severity: z.record(z.string(), z.enum(['error', 'warning', 'info'])).optional(),
});
export type EditionData = z.infer<typeof editionSchema>;

const labelCell = z.strictObject({ zh: text, en: text, note: id.optional() });
const listCell = z.array(bi);
/** Number columns hold the digits as written; value columns a figure or text. */
export const cellSchema = z.union([z.string(), labelCell, listCell]);

export const columnSchema = z.strictObject({
  id,
  kind: z.enum(['label', 'number', 'value', 'list']),
  header: bi,
  unit: z.string().optional(),
  /** What the column's figures are: the checker links prose to cells by this, never by the header's words. */
  measure: z.enum(['target', 'result', 'level', 'growth', 'share', 'count', 'text']).optional(),
  /** The year the column's figures speak of, when it is not the table's. */
  period: z.coerce.number().int().min(1949).max(2999).optional(),
});

/** Other names by which the prose refers to a row, per language. */
export const aliasesSchema = z.strictObject({ zh: z.array(text).optional(), en: z.array(text).optional() });

const relationSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sum'), total: id, parts: z.array(id).optional(), columns: z.array(id).min(1) }),
  z.strictObject({ kind: z.literal('share'), column: id, part: id, base: z.string() }),
  z.strictObject({ kind: z.literal('ratio'), column: id, numerator: id, denominator: id }),
  z.strictObject({ kind: z.literal('difference'), column: id.optional(), minuend: id, subtrahend: id }),
  z.strictObject({ kind: z.literal('structure'), term: text, column: id, parts: z.array(id).min(2), total: id.optional() }),
]);

export const tableSchema = z.strictObject({
  id,
  caption: bi,
  source: bi.optional(),
  /** `execution`: targets and results of the year under review (表1); `plan`: the coming year's targets (表7). */
  role: z.enum(['execution', 'plan']).optional(),
  /** The year(s) the table's figures speak of. */
  years: z.array(z.coerce.number().int().min(1949).max(2999)).optional(),
  columns: z.array(columnSchema).min(1, 'a table needs at least one column'),
  rows: z.array(z.looseObject({ id })).min(1, 'a table needs at least one row'),
  relations: z.array(relationSchema).optional(),
  notes: z.array(z.strictObject({ id, marker: z.string().optional(), zh: text, en: text })).optional(),
  /** Set by `baogao new`: the table still holds last year's figures. */
  stale: z.boolean().optional(),
  /** Findings the bureau accepts: `- { rule: table-arithmetic, at: total/tax, reason: … }`. */
  acknowledged: z
    .array(z.strictObject({ rule: text, at: z.string().regex(/^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)?$/, 'at: is a row id or row/column'), reason: text }))
    .optional(),
});
export type TableData = z.infer<typeof tableSchema>;

export const figureSchema = z.strictObject({
  id,
  kind: z.enum(['bar', 'line']),
  caption: bi,
  unit: z.string().default(''),
  axis: bi.optional(),
  points: z.array(z.strictObject({ label: bi, value: z.string() })).min(1, 'a figure needs at least one point'),
  note: bi.optional(),
  stale: z.boolean().optional(),
});
export type FigureData = z.infer<typeof figureSchema>;

export const glossarySchema = z.strictObject({
  terms: z.array(z.strictObject({ zh: text, en: text })),
});

/** `carried-over.yaml`, written by `baogao new`. */
export const carriedSchema = z.strictObject({
  from: z.string(),
  blocks: z.record(z.string(), z.array(z.string())).default({}),
  fields: z.record(z.string(), z.string()).default({}),
  cells: z.array(z.string()).default([]),
});
