/**
 * zod schemas of the edition's data files. They check shape only; meaning
 * (a column id that exists, a number that parses) is checked by the loaders,
 * which know the positions to report.
 *
 * zod/mini, not zod: the same checks and the same English messages (its
 * `en` locale), without the ~750 kB of methods and locales that `zod`
 * evaluates at import, which cost `baogao check` ~40 ms of every start (issue 17).
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

const text = z.string().check(z.trim(), z.minLength(1, 'must not be empty'));
const id = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case letters, digits and hyphens'));
/** A year as written (2023, or "2023"). */
const year = z.coerce.number().check(z.int(), z.gte(1949), z.lte(2999));

/** 2023-02-28 is; 2023-02-30 and 2023-13-45 are not (the PDF date and the workbook would be garbage). */
function isCalendarDate(d: string): boolean {
  const [y, m, day] = d.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, day));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === day;
}

/** A text in both languages. */
export const bi = z.strictObject({ zh: text, en: text });
const biList = z.strictObject({ zh: z.array(text), en: z.array(text) });

const boldFigures = z.optional(z.boolean());
/** `style`: per-language choices; every key is optional and has a default (see Style in model.ts). */
const styleSchema = z.strictObject({
  zh: z.optional(z.strictObject({ bold_figures: boldFigures })),
  en: z.optional(
    z.strictObject({
      bold_figures: boldFigures,
      precision: z.optional(
        z.union([
          z.literal('exact'),
          z.strictObject({
            decimals: z.optional(z.number().check(z.int(), z.gte(0), z.lte(6))),
            significant: z.optional(z.number().check(z.int(), z.gte(1), z.lte(9))),
          }),
        ]),
      ),
    }),
  ),
});

/** `numbering: chinese` (表一, Table 1) or per language: `numbering: { zh: chinese, en: roman }`. */
const numberingSchema = z.union([
  z.enum(['arabic', 'chinese'], 'write arabic (表1) or chinese (表一), or { zh: …, en: … }'),
  z.strictObject({ zh: z.optional(z.enum(['arabic', 'chinese'])), en: z.optional(z.enum(['arabic', 'roman'])) }),
]);

export const editionSchema = z.strictObject({
  review_year: year,
  plan_year: year,
  // `2024-××-××` is the placeholder `baogao new` writes until the session date is known.
  date: z.pipe(
    z.pipe(
      z.union([z.string(), z.date()]),
      z.transform((d: string | Date) => (d instanceof Date ? d.toISOString().slice(0, 10) : d)),
    ),
    z.string().check(
      z.regex(/^\d{4}-(\d{2}-\d{2}|××-××)$/, 'write the date as YYYY-MM-DD'),
      z.refine(
        (d: string) => d.includes('×') || isCalendarDate(d),
        'no such day in the calendar (months run 01–12, days to the end of the month); write the date as YYYY-MM-DD',
      ),
    ),
  ),
  /** The offset from UTC of the session's clock: the PDF dates are midnight there. */
  timezone: z.optional(
    z
      .string('write the time zone in quotes as an offset from UTC, e.g. "+08:00"')
      .check(z.regex(/^[+-](0\d|1[0-4]):[0-5]\d$/, 'write the time zone as an offset from UTC, +HH:MM or -HH:MM, e.g. "+08:00"')),
  ),
  title: bi,
  title_lines: z.optional(z.strictObject({ zh: z.optional(z.array(text)), en: z.optional(z.array(text)) })),
  session: z.optional(bi),
  issuer: bi,
  contact: z.optional(
    z.strictObject({
      zh: text,
      en: text,
      telephone: z.optional(
        z
          .string('write the telephone number in quotes, e.g. "021-12345678"')
          .check(
            z.trim(),
            z.regex(/^\+?[\d ()-]+(?:(?:转|ext\.?|x)\s*\d+)?$/, 'write the telephone number with digits, spaces, hyphens and brackets, e.g. 021-12345678'),
          ),
      ),
      email: z.optional(z.email('write an e-mail address, e.g. fgw@example.gov.cn')),
    }),
  ),
  edition_label: z.optional(bi),
  description: z.optional(bi),
  keywords: z.optional(biList),
  require_citations: z.optional(z.boolean()),
  chapters: z.array(z.string().check(z.regex(/^[\w-]+$/, 'a chapter is a file name without .md'))).check(z.minLength(1)),
  style: z.optional(styleSchema),
  /** How tables and figures are numbered; arabic unless set. */
  numbering: z.optional(numberingSchema),
  /** The words of the workbook's cover lines, where the government words them otherwise (版次 for 版本). */
  labels: z.optional(
    z.strictObject({ edition: z.optional(bi), issuer: z.optional(bi), date: z.optional(bi), description: z.optional(bi), contact: z.optional(bi) }),
  ),
  /** The year each chapter speaks of (a chapter not listed speaks of no one year). */
  chapter_years: z.optional(z.record(z.string(), year)),
  /** Carried-over fields that stand as they are. */
  confirmed: z.optional(z.array(z.enum(['session', 'description', 'title']))),
  /** Per-rule severity: `severity: { glossary: error }`. */
  severity: z.optional(z.record(z.string(), z.enum(['error', 'warning', 'info']))),
});
export type EditionData = z.infer<typeof editionSchema>;

const labelCell = z.strictObject({ zh: text, en: text, note: z.optional(id) });
const listCell = z.array(bi);
/** Number columns hold the digits as written; value columns a figure or text. */
export const cellSchema = z.union([z.string(), labelCell, listCell]);

export const columnSchema = z.strictObject({
  id,
  kind: z.enum(['label', 'number', 'value', 'list']),
  header: bi,
  unit: z.optional(z.string()),
  /** What the column's figures are: the checker links prose to cells by this, never by the header's words. */
  measure: z.optional(z.enum(['target', 'result', 'level', 'growth', 'share', 'count', 'text'])),
  /** The year the column's figures speak of, when it is not the table's. */
  period: z.optional(year),
});

/** Other names by which the prose refers to a row, per language. */
export const aliasesSchema = z.strictObject({ zh: z.optional(z.array(text)), en: z.optional(z.array(text)) });

const relationSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sum'), total: id, parts: z.optional(z.array(id)), columns: z.array(id).check(z.minLength(1)) }),
  z.strictObject({ kind: z.literal('share'), column: id, part: id, base: z.string() }),
  z.strictObject({ kind: z.literal('ratio'), column: id, numerator: id, denominator: id }),
  z.strictObject({ kind: z.literal('difference'), column: z.optional(id), minuend: id, subtrahend: id }),
  z.strictObject({ kind: z.literal('structure'), term: text, column: id, parts: z.array(id).check(z.minLength(2)), total: z.optional(id) }),
]);

export const tableSchema = z.strictObject({
  id,
  caption: bi,
  source: z.optional(bi),
  /** `execution`: targets and results of the year under review (表1); `plan`: the coming year's targets (表7). */
  role: z.optional(z.enum(['execution', 'plan'])),
  /** The year(s) the table's figures speak of. */
  years: z.optional(z.array(year)),
  columns: z.array(columnSchema).check(z.minLength(1, 'a table needs at least one column')),
  rows: z.array(z.looseObject({ id })).check(z.minLength(1, 'a table needs at least one row')),
  relations: z.optional(z.array(relationSchema)),
  notes: z.optional(z.array(z.strictObject({ id, marker: z.optional(z.string()), zh: text, en: text }))),
  /** Set by `baogao new`: the table still holds last year's figures. */
  stale: z.optional(z.boolean()),
  /** Findings the bureau accepts: `- { rule: table-arithmetic, at: total/tax, reason: … }`. */
  acknowledged: z.optional(
    z.array(
      z.strictObject({
        rule: text,
        at: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)?$/, 'at: is a row id or row/column')),
        reason: text,
      }),
    ),
  ),
});
export type TableData = z.infer<typeof tableSchema>;

export const figureSchema = z.strictObject({
  id,
  kind: z.enum(['bar', 'line']),
  caption: bi,
  unit: z._default(z.string(), ''),
  axis: z.optional(bi),
  points: z.array(z.strictObject({ label: bi, value: z.string() })).check(z.minLength(1, 'a figure needs at least one point')),
  note: z.optional(bi),
  stale: z.optional(z.boolean()),
});
export type FigureData = z.infer<typeof figureSchema>;

export const glossarySchema = z.strictObject({
  terms: z.array(z.strictObject({ zh: text, en: text })),
});

/** `carried-over.yaml`, written by `baogao new`. */
export const carriedSchema = z.strictObject({
  from: z.string(),
  blocks: z._default(z.record(z.string(), z.array(z.string())), {}),
  fields: z._default(z.record(z.string(), z.string()), {}),
  cells: z._default(z.array(z.string()), []),
});
