/**
 * What a figure is in its clause, and what a column holds, for tables that
 * give plan, result, percent of plan and growth side by side. In
 * `固定资产投资300亿元，完成年计划385亿元的77.9%，下降18.4%` the first figure is
 * the result, 385亿元 the plan, 77.9% the percent of plan and 18.4% the growth:
 * each must be compared with its own column, never with a neighbour in the
 * same unit. A table takes part only when it declares a `ratio` relation (its
 * numerator is the result, its denominator the plan); other tables keep the
 * plain matching of prose-vs-table.
 */
import type { Table } from '../model.js';

export type Role = 'result' | 'plan' | 'percent-of-plan' | 'growth';

const CLAUSE_START = /[，,；;。！？：、\n（）]/u;
const PLAN_WORDS = /(计划|目标|预期|预算)(任务)?(投资|总额)?(为|是)?$/u;
const PERCENT_OF_PLAN = /(完成|占|达到?)(了)?(全年|年度|年初|年)?(投资)?(计划|目标|预算)(任务)?(\d+(\.\d+)?[^\d，；。]{0,4})?的?$/u;
const GROWTH_WORDS = /(增长|下降|增速|增幅|上涨|回落|同比|比上年|比去年)[^\d，；。]{0,3}$/u;

/** The text of the clause before `index` (back to the last comma, semicolon or full stop). */
function clauseBefore(text: string, index: number): string {
  let k = index;
  while (k > 0 && !CLAUSE_START.test(text.charAt(k - 1))) k--;
  return text.slice(k, index);
}

/**
 * The role of the figure starting at `index` (direction word included) whose
 * unit is `unit` and that carries `direction` when written 增长/下降 before it.
 * A level with no role word is the result (reports state the level, then
 * the change); a percentage with no role word has none.
 */
export function figureRole(text: string, index: number, unit: string, direction: boolean): Role | undefined {
  const before = clauseBefore(text, index);
  if (unit === '%' && !direction && PERCENT_OF_PLAN.test(before)) return 'percent-of-plan';
  // 年计划增长8% is a plan (of growth): the plan's words come first.
  if (PLAN_WORDS.test(before)) return 'plan';
  if (direction || GROWTH_WORDS.test(before)) return 'growth';
  if (unit === '%' || unit === '个百分点') return undefined;
  return 'result';
}

const cache = new WeakMap<Table, Map<string, Role>>();

/** The role of each column of a table with a `ratio` relation; empty for other tables. */
export function columnRoles(table: Table): Map<string, Role> {
  const known = cache.get(table);
  if (known) return known;
  const roles = new Map<string, Role>();
  const ratio = table.relations.find((r) => r.kind === 'ratio');
  cache.set(table, roles);
  if (!ratio || ratio.kind !== 'ratio') return roles;
  roles.set(ratio.numerator, 'result').set(ratio.denominator, 'plan').set(ratio.column, 'percent-of-plan');
  for (const col of table.columns) {
    if (roles.has(col.id) || (col.kind !== 'number' && col.kind !== 'value')) continue;
    const directed = table.rows.some((r) => r.cells[col.id]?.quantity?.direction);
    if (directed || /增长|增速|增幅|比上年|同比/.test(col.header.zh)) roles.set(col.id, 'growth');
  }
  return roles;
}

/**
 * Whether a figure of role `figure` may be compared with a column of role
 * `column`. A figure whose role is known pairs only with its own column in a
 * table that has roles; a result may still match a column of no role.
 */
export function rolesAgree(figure: Role | undefined, column: Role | undefined, tableHasRoles: boolean): boolean {
  if (!tableHasRoles || figure === undefined) return true;
  if (column === undefined) return figure === 'result';
  return figure === column;
}
