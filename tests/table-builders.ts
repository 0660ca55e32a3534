/** Small tables built in code, for the tests of one renderer on cases the sample does not have. */
import type { Cell, Column, Place, Table } from '../src/model.js';

export const place: Place = { file: 'x.yaml', line: 1, column: 1 };

export const col = (id: string, kind: Column['kind'], zh: string, en: string, unit?: string): Column => ({ id, kind, header: { zh, en }, unit, place });

export const cell = (column: string, zh: string, en: string, extra: Partial<Cell> = {}): Cell => ({ column, text: { zh, en }, place, ...extra });

/** A table of `rows` (each its cells by column id; rows are r0, r1 …). */
export function table(columns: Column[], rows: Record<string, Cell>[], notes: Table['notes'] = [], id = 't', number = 1): Table {
  return {
    id,
    file: 't.yaml',
    number,
    caption: { zh: '表', en: 'Table' },
    columns,
    rows: rows.map((cells, i) => ({ id: `r${i}`, cells, place })),
    notes,
    relations: [],
    place,
  };
}
