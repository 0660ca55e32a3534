/**
 * What one edition hands the next: the tables by their declared role (the
 * execution table, the plan whose targets become next year's) and the keys of
 * carried-over.yaml. `baogao new` writes them and the rules `carry-over` and
 * `carried` read them back, so they live below both.
 */
import path from 'node:path';
import type { Edition, Table } from '../model.js';

/** This edition's execution table: targets next to results (declared `role: execution`). */
export function executionTable(tables: Table[]): Table | undefined {
  return tables.find((t) => t.role === 'execution');
}

/** The plan table: the coming year's targets (declared `role: plan`). */
export function planTable(tables: Table[]): Table | undefined {
  return tables.find((t) => t.role === 'plan');
}

/** The id of a table's declared target column. */
export function targetColumn(t: Table): string | undefined {
  return t.columns.find((c) => c.measure === 'target')?.id;
}

/** A chapter file's key in carried-over.yaml: `zh/01-review.md`. */
export function carriedKey(edition: Pick<Edition, 'dir'>, file: string): string {
  return path.relative(edition.dir, file).split(path.sep).join('/');
}
