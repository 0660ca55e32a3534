/**
 * Turns a validated table file into the model: every cell typed by its
 * column's kind, every figure parsed with its written precision.
 */
import type { Collector } from '../diagnostics.js';
import type { Bi, Cell, Column, Note, Precision, Relation, Row, Table } from '../model.js';
import { isDecimal } from '../quantity/decimal.js';
import { enCellText } from '../quantity/format.js';
import { parseZhFigure } from '../quantity/parse-zh.js';
import { aliasesSchema, cellSchema, type TableData } from './schemas.js';
import type { YamlFile } from './yaml-doc.js';

/** `—` (or `——`): the report's mark for "no figure applies here" (no plan set). */
const NOT_APPLICABLE = /^—{1,2}$/;

type RawCell = string | { zh: string; en: string; note?: string } | { zh: string; en: string }[];

/**
 * Builds a {@link Table} from its data file; reports every problem it finds.
 * `precision`: the edition's English rounding, for the English of value cells.
 */
export function loadTable(data: TableData, y: YamlFile, out: Collector, precision?: Precision): Table {
  const columns: Column[] = data.columns.map((c, i) => ({
    id: c.id,
    kind: c.kind,
    header: c.header,
    unit: c.unit,
    measure: c.measure,
    period: c.period,
    place: y.placeOf(['columns', i]),
  }));
  const colById = new Map(columns.map((c) => [c.id, c]));
  duplicates(
    columns.map((c) => c.id),
    (dup, i) => out.error('load/duplicate-id', y.placeOf(['columns', i, 'id']), `duplicate column id "${dup}"`),
  );
  duplicates(
    data.rows.map((r) => r.id),
    (dup, i) => out.error('load/duplicate-id', y.placeOf(['rows', i, 'id']), `duplicate row id "${dup}"`),
  );
  const noteIds = new Set((data.notes ?? []).map((n) => n.id));

  const rows: Row[] = data.rows.map((raw, r) => {
    // No prototype: a column or a :num path named "constructor" or "toString" finds nothing instead of a function.
    const cells = Object.create(null) as Record<string, Cell>;
    for (const [key, value] of Object.entries(raw)) {
      if (key === 'id' || key === 'aliases') continue;
      const col = colById.get(key);
      const place = y.placeOf(['rows', r, key]);
      if (!col) {
        out.error('load/unknown-column', place, `unknown column "${key}"; the columns are ${columns.map((c) => c.id).join(', ')}`);
        continue;
      }
      const shape = cellProblem(value);
      if (shape) {
        out.error('load/cell-shape', place, `cell "${key}" ${shape}`);
        continue;
      }
      const cell = loadCell(col, value as RawCell, place, out, (i) => y.placeOf(['rows', r, key, i]), precision);
      if (cell?.note && !noteIds.has(cell.note)) out.error('load/unknown-note', place, `unknown note "${cell.note}"; declare it under notes:`);
      if (cell) cells[key] = cell;
    }
    for (const col of columns) {
      if (!Object.hasOwn(raw, col.id))
        out.error('load/missing-cell', y.placeOf(['rows', r]), `row "${raw.id}" has no "${col.id}" cell; write [x] where a figure is not available`);
    }
    const aliases = aliasesSchema.safeParse(raw.aliases ?? {});
    if (!aliases.success)
      out.error(
        'load/aliases',
        y.placeOf(['rows', r, 'aliases']),
        'aliases are { zh: [name, …], en: [name, …] }: other names by which the prose refers to this row',
      );
    const names = aliases.success ? aliases.data : {};
    return { id: raw.id, cells, aliases: { zh: names.zh ?? [], en: names.en ?? [] }, place: y.placeOf(['rows', r]) };
  });

  const notes: Note[] = (data.notes ?? []).map((n, i) => ({ id: n.id, marker: n.marker, text: { zh: n.zh, en: n.en }, place: y.placeOf(['notes', i]) }));
  const relations = loadRelations(data, y, columns, rows, out);
  return {
    id: data.id,
    file: y.file,
    number: 0,
    caption: data.caption,
    source: data.source,
    columns,
    rows,
    notes,
    relations,
    role: data.role,
    years: data.years ?? [],
    stale: data.stale,
    place: y.placeOf([]),
  };
}

/**
 * What is wrong with the shape of a cell value, if anything: the table schema
 * leaves cells open (their columns decide their kind), so each is checked
 * here, where its place is known.
 */
function cellProblem(value: unknown): string | undefined {
  // An unquoted [x] (not available) or [z] (not applicable) is a one-item list to YAML; loadCell reads it.
  if (Array.isArray(value) && value.length === 1 && (value[0] === 'x' || value[0] === 'z')) return undefined;
  if (cellSchema.safeParse(value).success) return undefined;
  if (value === null || value === undefined) return 'is empty; write [x] where a figure is not available';
  if (Array.isArray(value)) return 'is a list whose items are not all { zh: …, en: } with both texts filled in';
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    return `must be { zh: …, en: … } (with an optional note:), with both texts filled in; it has ${keys.length ? keys.join(', ') : 'no keys'}`;
  }
  return `must be a figure written as text, like 280.01 or 1480亿元, or { zh: …, en: … }; got ${typeof value}`;
}

function loadCell(
  col: Column,
  value: RawCell,
  place: Cell['place'],
  out: Collector,
  itemPlace: (i: number) => Cell['place'],
  precision?: Precision,
): Cell | undefined {
  const base = { column: col.id, place };
  if (col.kind === 'list') {
    if (!Array.isArray(value)) {
      out.error('load/cell-kind', place, `column "${col.id}" is a list: write one "- { zh: …, en: … }" per item`);
      return undefined;
    }
    const items = value.map((t, i) => ({ text: { zh: t.zh, en: t.en }, place: itemPlace(i) }));
    return { ...base, text: joinItems(items.map((i) => i.text)), items };
  }
  // YAML reads an unquoted [x] (the "not available" code) as a one-item list; [z] likewise.
  if (Array.isArray(value) && value.length === 1 && (value[0] as unknown) === 'x') return { ...base, text: { zh: '', en: '' } };
  if (
    (Array.isArray(value) && value.length === 1 && (value[0] as unknown) === 'z') ||
    value === '[z]' ||
    (typeof value === 'string' && NOT_APPLICABLE.test(value))
  ) {
    return { ...base, text: { zh: '—', en: '—' }, notApplicable: true };
  }
  if (Array.isArray(value)) {
    out.error('load/cell-kind', place, `column "${col.id}" is a ${col.kind} column, not a list`);
    return undefined;
  }
  if (col.kind === 'number') {
    if (value === '[x]' || value === '') return { ...base, text: { zh: '', en: '' } };
    if (typeof value !== 'string' || !isDecimal(value)) {
      const shown = typeof value === 'string' ? value : JSON.stringify(value);
      const hint = /^[-－–/／]+$/.test(shown) ? '; write — (an em dash) where no figure applies, [x] where it is not yet available' : '';
      out.error(
        'load/not-a-number',
        place,
        `"${shown}" is not a number; column "${col.id}" holds numbers in ${col.unit || 'its unit'}, written like 280.01${hint}`,
      );
      return undefined;
    }
    return { ...base, text: { zh: value, en: value }, quantity: { digits: value, unit: col.unit ?? '' } };
  }
  if (typeof value === 'string') {
    if (value === '[x]' || value === '') return { ...base, text: { zh: '', en: '' } };
    const q = col.kind === 'value' ? parseZhFigure(value) : undefined;
    if (!q) {
      out.error('load/cell-text', place, `"${value}" is not a figure; write text as { zh: …, en: … }`);
      return undefined;
    }
    return { ...base, text: { zh: value, en: enCellText(q, precision) }, quantity: q };
  }
  const text: Bi = { zh: value.zh, en: value.en };
  const quantity = col.kind === 'value' ? firstFigure(value.zh) : undefined;
  return { ...base, text, quantity, note: 'note' in value ? value.note : undefined };
}

/** The primary figure of a text cell: the one in brackets or the whole text. */
function firstFigure(zh: string): Cell['quantity'] {
  const whole = parseZhFigure(zh);
  if (whole) return whole;
  const inner = /（([^（）]+)）/.exec(zh);
  return inner ? parseZhFigure(inner[1].replace(/^(年均)/, '')) : undefined;
}

function joinItems(items: Bi[]): Bi {
  return { zh: items.map((i) => i.zh).join(''), en: items.map((i) => i.en).join(' ') };
}

function duplicates(ids: string[], report: (id: string, index: number) => void): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => (seen.has(id) ? report(id, i) : seen.add(id)));
}

function loadRelations(data: TableData, y: YamlFile, columns: Column[], rows: Row[], out: Collector): Relation[] {
  const rowIds = new Set(rows.map((r) => r.id));
  const colIds = new Set(columns.map((c) => c.id));
  const result: Relation[] = [];
  (data.relations ?? []).forEach((rel, i) => {
    const place = y.placeOf(['relations', i]);
    const badRow = (id: string) => !rowIds.has(id) && (out.error('load/unknown-row', place, `relation names unknown row "${id}"`), true);
    const badCol = (id: string) => !colIds.has(id) && (out.error('load/unknown-column', place, `relation names unknown column "${id}"`), true);
    if (rel.kind === 'sum') {
      const parts = rel.parts ?? rows.map((r) => r.id).filter((id) => id !== rel.total);
      if ([rel.total, ...parts].some(badRow) || rel.columns.some(badCol)) return;
      result.push({ kind: 'sum', total: rel.total, parts, columns: rel.columns, place });
    } else if (rel.kind === 'ratio') {
      if ([rel.column, rel.numerator, rel.denominator].some(badCol)) return;
      result.push({ kind: 'ratio', column: rel.column, numerator: rel.numerator, denominator: rel.denominator, place });
    } else if (rel.kind === 'difference') {
      if ([...(rel.column ? [rel.column] : []), rel.minuend, rel.subtrahend].some(badCol)) return;
      result.push({ kind: 'difference', column: rel.column, minuend: rel.minuend, subtrahend: rel.subtrahend, place });
    } else if (rel.kind === 'structure') {
      if ([...rel.parts, ...(rel.total ? [rel.total] : [])].some(badRow) || badCol(rel.column)) return;
      result.push({ kind: 'structure', term: rel.term, column: rel.column, parts: rel.parts, total: rel.total, place });
    } else {
      const base = parseZhFigure(rel.base);
      if (!base) return out.error('load/not-a-number', place, `share base "${rel.base}" is not a figure (write it like 791.7亿元)`);
      if (badCol(rel.column) || badCol(rel.part)) return;
      result.push({ kind: 'share', column: rel.column, part: rel.part, base, place });
    }
  });
  return result;
}
