/**
 * The names by which Chinese prose refers to a table row, and where a text
 * mentions them. A row is named by its label, by the label's plain forms
 * (without a bracketed remark, without a trailing 数 / 额 / 总额 / 率 and a
 * 增长 / 下降 after that) and by the `aliases` the table declares. A total
 * row (the `total` of a declared sum) is named by its aliases only: its label
 * 合计 names no particular table.
 */
import type { Edition, Row, Table } from '../model.js';

/** One name of one row. */
export interface RowName {
  alias: string;
  table: Table;
  row: Row;
  rowLabel: string;
  /** A bracketed remark of the label (开工) that the sentence must also say when the alias drops it. */
  remark?: string;
}

/** A name found in a text, at [start, end). */
export interface Mention extends RowName {
  start: number;
  end: number;
}

/** Short forms of a row label, longest first. */
export function shortForms(label: string): string[] {
  const forms = new Set([label]);
  const plain = label.replace(/（[^（）]*）$/, '');
  const stem = plain.replace(/(总额|数|额|率)$/, '');
  forms
    .add(plain)
    .add(stem)
    .add(stem.replace(/(增长|下降)$/, ''));
  return [...forms].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length);
}

/** The rows that are the declared total of a sum in their table. */
export function totalRows(table: Table): Set<string> {
  return new Set(table.relations.flatMap((r) => (r.kind === 'sum' ? [r.total] : [])));
}

/** The part rows of the sum whose total is `total`. */
export function partsOf(table: Table, total: string): string[] {
  const sum = table.relations.find((r) => r.kind === 'sum' && r.total === total);
  return sum?.kind === 'sum' ? sum.parts : [];
}

/** Every name of every row that states a figure, grouped by the name. */
export function rowNames(edition: Edition): Map<string, RowName[]> {
  const map = new Map<string, RowName[]>();
  for (const table of edition.tables) {
    const labelCol = table.columns.find((c) => c.kind === 'label');
    const totals = totalRows(table);
    for (const row of table.rows) {
      const label = labelCol ? row.cells[labelCol.id]?.text.zh : undefined;
      if (!label || !Object.values(row.cells).some((c) => c.quantity)) continue;
      const remark = /（([^（）]+)）$/.exec(label)?.[1];
      const declared = row.aliases?.zh ?? [];
      const forms = totals.has(row.id) ? declared : [...new Set([...shortForms(label), ...declared])];
      for (const alias of forms) {
        const name: RowName = { alias, table, row, rowLabel: label, remark: alias.includes('（') || declared.includes(alias) ? undefined : remark };
        map.set(alias, [...(map.get(alias) ?? []), name]);
      }
    }
  }
  return map;
}

/**
 * Where the names occur in a text. A name inside a longer name found at the
 * same place (一般公共预算收入 inside 地方一般公共预算收入) is not a mention of its own.
 */
export function mentionsIn(text: string, names: Map<string, RowName[]>): Mention[] {
  const found: Mention[] = [];
  for (const [alias, group] of names) {
    for (let k = text.indexOf(alias); k >= 0; k = text.indexOf(alias, k + 1)) {
      for (const n of group) found.push({ ...n, start: k, end: k + alias.length });
    }
  }
  return found.filter((m) => !found.some((o) => o.alias.length > m.alias.length && o.start <= m.start && o.end >= m.end && o.alias.includes(m.alias)));
}
