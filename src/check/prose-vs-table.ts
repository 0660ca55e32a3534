/**
 * Rule `prose-vs-table`: a literal figure in the Chinese prose that states
 * the metric of a table cell must equal the cell (`社会消费品零售总额1408亿元`
 * when 表1 says 1480亿元 is an error at the prose figure, pointing at the cell).
 *
 * The metric is recognised from the row label in the same sentence (text up
 * to 。！？；), before the figure, the nearest mention winning. The schema has
 * no alias list, so short forms are derived from the label: the label itself,
 * without a bracketed remark (`既有多层住宅加装电梯（开工）`), without a trailing
 * 数 / 额 / 总额 / 率, and without a trailing 增长 / 下降 after that. A total row
 * (合计) is named by the table caption's subject (`三大集聚带`), also counted
 * from its parts: Table 2's six industries are `六大产业`.
 *
 * The period decides between a review-year cell (表1 完成情况) and a plan-year
 * target (表7 预期目标): a table belongs to the year in its caption, else to the
 * chapter it is placed in; a sentence to the year of its chapter's `#` heading,
 * unless it names the other year. In the plan year every figure is a target;
 * in the review year a sentence with 目标 / 预期 states targets. Units must be
 * compatible (亿元 and 万元 compare after scaling; % and 个百分点 never do); a
 * target compares with its qualifier (`8%以上` is not `8%`), a rounded prose
 * figure is equal within half a unit of its last digit.
 *
 * It also checks that a `{bare}` data reference is followed in the Chinese by
 * the cell's unit (`**:num[…]{bare}**亿元`), and that a full one is not.
 */
import type { Nodes, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import { directiveLabel } from '../markdown/remark-known-directives.js';
import { blocksOf } from '../markdown/blocks.js';
import { lookupCell } from '../load/resolve.js';
import type { Cell, Edition, Place, Qualifier, Quantity, Table } from '../model.js';
import { absDec, compareDec, formatDec, halfUlp, scaled, subDec } from '../quantity/decimal.js';
import { formatZh } from '../quantity/format.js';
import { scanZh } from '../quantity/parse-zh.js';
import { sameDimension, unitInfo, UNIT_PATTERN } from '../quantity/units.js';
import { columnRoles, figureRole, rolesAgree } from './clause-roles.js';
import type { Rule, RuleContext } from './rule.js';
import { flatten, isInText, OBJECT, placeAt, type FlatText } from './text-places.js';

interface Metric {
  alias: string;
  /** A bracketed remark of the label (开工) that the sentence must also say when the alias drops it. */
  remark?: string;
  table: Table;
  cells: Cell[];
  rowLabel: string;
}

const CN = '零一二三四五六七八九十';
const SENSE: Record<Qualifier, string> = { over: 'floor', 'more-than': 'floor', 'at-least': 'floor', about: 'about', nearly: 'nearly', within: 'ceiling', 'at-most': 'ceiling' };
const UNIT_AT_START = new RegExp(`^(?:${UNIT_PATTERN})`, 'u');

const yearIn = (s: string): number | undefined => {
  const m = /(\d{4})年/.exec(s);
  return m ? Number(m[1]) : undefined;
};

/** Short forms of a row label, longest first. */
export function shortForms(label: string): string[] {
  const forms = new Set([label]);
  const plain = label.replace(/（[^（）]*）$/, '');
  const stem = plain.replace(/(总额|数|额|率)$/, '');
  forms.add(plain).add(stem).add(stem.replace(/(增长|下降)$/, ''));
  return [...forms].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length);
}

/** How a total row is named: the caption's subject, and `六大产业` counted from its parts. */
function totalForms(table: Table, parts: number): string[] {
  const subject = table.caption.zh.replace(/^\d{4}年/, '').replace(/(税收|收入)?(完成|进展)?情况$/, '');
  const head = /^[一二三四五六七八九十]+大/.test(subject) ? subject.replace(/^[一二三四五六七八九十]+大/, '') : subject.slice(2);
  const counted = parts > 0 && parts <= 10 && head.length >= 2 ? `${CN[parts]}大${head}` : '';
  return [subject, counted].filter((f) => f.length >= 4);
}

function metricsOf(edition: Edition): Metric[] {
  const out: Metric[] = [];
  for (const table of edition.tables) {
    const labelCol = table.columns.find((c) => c.kind === 'label');
    for (const row of table.rows) {
      const label = labelCol ? row.cells[labelCol.id]?.text.zh : undefined;
      const cells = Object.values(row.cells).filter((c) => c.quantity);
      if (!label || cells.length === 0) continue;
      const sum = table.relations.find((r) => r.kind === 'sum' && r.total === row.id);
      const forms = /^(合计|总计)$/.test(label) ? totalForms(table, sum?.kind === 'sum' ? sum.parts.length : table.rows.length - 1) : shortForms(label);
      const remark = /（([^（）]+)）$/.exec(label)?.[1];
      for (const alias of forms) out.push({ alias, table, cells, rowLabel: label, remark: alias.includes('（') ? undefined : remark });
    }
  }
  return out;
}

/** The year of each table: from its caption, else from the chapter that places it. */
function tableYears(edition: Edition): Map<Table, number | undefined> {
  const years = new Map<Table, number | undefined>();
  for (const ch of edition.chapters) {
    let year: number | undefined;
    for (const b of blocksOf(ch.docs.zh.tree)) {
      if (b.type === 'heading' && b.depth === 1) year = yearIn(flatten(b).text) ?? year;
      if (b.type === 'leafDirective' && b.name === 'table') {
        const t = edition.tables.find((x) => x.id === b.attributes?.id);
        if (t) years.set(t, yearIn(t.caption.zh) ?? year);
      }
    }
  }
  return years;
}

/** Why a prose figure disagrees with a cell, or undefined when it agrees. */
export function disagreement(q: Quantity, cell: Quantity, target: boolean): string | undefined {
  const p = scaled(q.digits, unitInfo(q.unit).scale);
  let c = scaled(cell.digits, unitInfo(cell.unit).scale);
  if (q.direction && cell.direction && q.direction !== cell.direction) return 'the direction differs';
  // A growth column prints a fall as a signed number (-0.2); the prose says 下降0.2%.
  if (q.direction === 'down' && !cell.direction && c.mant < 0n && !q.digits.startsWith('-')) c = absDec(c);
  else if (q.direction === 'up' && !cell.direction && c.mant < 0n && !q.digits.startsWith('-')) return 'the direction differs';
  const ps = q.qualifier && SENSE[q.qualifier];
  const cs = cell.qualifier && SENSE[cell.qualifier];
  if (target && ps !== cs) return ps ? 'the prose qualifies a target the table states plainly' : 'the prose drops the qualifier of the target';
  const cmp = compareDec(c, p);
  if (!target && ps === 'floor') return cmp >= 0 ? undefined : 'the table is below the floor the prose states';
  if (!target && (ps === 'ceiling' || ps === 'nearly')) return cmp <= 0 ? undefined : 'the table is above what the prose states';
  if (!target && ps === 'about') return compareDec(absDec(subDec(c, p)), { mant: p.mant < 0n ? -p.mant : p.mant, decimals: p.decimals + 1 }) <= 0 ? undefined : 'the table is not about the figure the prose states';
  const tol = scaled(formatDec(halfUlp(q.digits)), unitInfo(q.unit).scale);
  return compareDec(absDec(subDec(c, p)), tol) <= 0 ? undefined : 'the value differs';
}

function cellName(table: Table, cell: Cell, rowLabel: string): string {
  return `表${table.number} ${rowLabel} · ${table.columns.find((c) => c.id === cell.column)?.header.zh ?? cell.column}`;
}

/**
 * Metrics grouped by their alias, so each distinct alias is searched once per
 * block: many tables share row labels (合计, the indicators of Tables 1 and 7),
 * and searching per metric made the rule grow with blocks × rows.
 */
function byAlias(metrics: Metric[]): Map<string, Metric[]> {
  const map = new Map<string, Metric[]>();
  for (const m of metrics) map.set(m.alias, [...(map.get(m.alias) ?? []), m]);
  return map;
}

function checkFigures(flat: FlatText, nums: NumRef[], file: string, year: number | undefined, ctx: RuleContext, metrics: Map<string, Metric[]>, years: Map<Table, number | undefined>): void {
  const { reviewYear, planYear } = ctx.edition.meta;
  const bounds = [0, ...[...flat.text.matchAll(/[。！？；\n]/gu)].map((m) => (m.index ?? 0) + 1), flat.text.length];
  const sentenceOf = (k: number) => bounds.findIndex((b, i) => k >= b && k < (bounds[i + 1] ?? Infinity));
  const mentions: { m: Metric; end: number }[] = [];
  for (const [alias, group] of metrics) {
    for (let k = flat.text.indexOf(alias); k >= 0; k = flat.text.indexOf(alias, k + 1)) for (const m of group) mentions.push({ m, end: k + alias.length });
  }
  const figures = scanZh(flat.text).filter((f) => isInText(flat, f.digitsIndex));
  // Every figure in the text, literal or data reference, with its unit: a
  // figure between a mention and a later figure takes the mention for itself.
  const units = [...figures.map((f) => ({ at: f.digitsIndex, unit: f.quantity.unit })), ...nums.map((n) => ({ at: n.at, unit: n.cell?.quantity?.unit ?? '' }))];
  for (const f of figures) {
    ctx.examined();
    const s = sentenceOf(f.digitsIndex);
    const sentence = flat.text.slice(bounds[s], bounds[s + 1]);
    const named = yearIn(sentence);
    const period = named === reviewYear || named === planYear ? named : year;
    const target = period === planYear || /目标|预期/.test(sentence);
    const before = mentions.filter((x) => x.end <= f.index && sentenceOf(x.end - 1) === s && (!x.m.remark || sentence.includes(x.m.remark)));
    const nearest = Math.max(...before.map((x) => x.end));
    // In a table of plan, result, percent of plan and growth, the clause's words say which column a figure states.
    const role = figureRole(flat.text, f.index, f.quantity.unit, f.quantity.direction !== undefined);
    const paired = (t: Table, c: Cell) => role !== undefined && columnRoles(t).get(c.column) === role;
    const candidates = before
      .filter((x) => x.end === nearest && years.get(x.m.table) === period)
      .flatMap((x) => x.m.cells.map((cell) => ({ ...x.m, cell })))
      .filter(({ table, cell }) => /目标/.test(table.columns.find((c) => c.id === cell.column)?.header.zh ?? '') === target)
      .filter(({ cell }) => !cell.quantity!.period || sentence.includes(cell.quantity!.period))
      .filter(({ table, cell }) => rolesAgree(role, columnRoles(table).get(cell.column), columnRoles(table).size > 0))
      .filter(({ table, cell }) => paired(table, cell) || !units.some((u) => u.at >= nearest && u.at < f.digitsIndex && sameDimension(u.unit, cell.quantity!.unit)));
    const place = placeAt(flat, f.digitsIndex, file);
    for (const { table, cell, rowLabel, alias } of candidates) {
      const cq = cell.quantity!;
      const pct = new Set([unitInfo(f.quantity.unit).dimension, unitInfo(cq.unit).dimension]);
      const why = sameDimension(f.quantity.unit, cq.unit) ? disagreement(f.quantity, cq, target) : pct.has('percent') && pct.has('points') ? 'percentage points are not a percentage' : null;
      if (why === null) continue;
      const name = cellName(table, cell, rowLabel);
      const shown = formatZh(cq, { full: true });
      if (why === undefined) {
        ctx.status?.(place, 'verified', `${name}: ${shown}`);
      } else {
        ctx.status?.(place, 'mismatch', `${name}: ${shown}`);
        ctx.report({ severity: 'error', place, message: `${formatZh(f.quantity, { full: true })} states ${alias}, which ${name} gives as ${shown}: ${why}`, other: { ...cell.place, label: name }, expected: shown, actual: formatZh(f.quantity, { full: true }) });
      }
      break;
    }
  }
}

/** A `:num` data reference at offset `at` of a flat text, with the cell it cites. */
interface NumRef {
  at: number;
  node: Extract<Nodes, { type: 'textDirective' }>;
  label: string;
  table?: Table;
  cell?: Cell;
}

/** The data references of a block; flatten() writes one OBJECT per directive or inline code, in document order. */
function numsOf(node: Nodes, flat: FlatText, ctx: RuleContext): NumRef[] {
  const objects: Nodes[] = [];
  const walk = (n: Nodes): void => {
    if (n.type === 'textDirective' || n.type === 'inlineCode' || n.type === 'leafDirective') objects.push(n);
    else if ('children' in n) (n.children as Nodes[]).forEach(walk);
  };
  walk(node);
  const offsets = [...flat.text.matchAll(new RegExp(OBJECT, 'gu'))].map((m) => m.index ?? 0);
  return objects.flatMap((n, i) => {
    if (n.type !== 'textDirective' || n.name !== 'num') return [];
    const label = directiveLabel(n);
    return [{ at: offsets[i], node: n, label, ...lookupCell(ctx.edition.tables, label) }];
  });
}

function checkUnits(nums: NumRef[], flat: FlatText, file: string, ctx: RuleContext): void {
  for (const { at: k, node: n, label, table, cell } of nums) {
    const at: Place = { file, line: n.position?.start.line ?? 1, column: n.position?.start.column ?? 1 };
    if (!table || !cell?.quantity) continue;
    ctx.status?.(at, 'data-linked', `表${table.number}: ${formatZh(cell.quantity, { full: true })}`);
    const unit = cell.quantity.unit;
    const written = UNIT_AT_START.exec(flat.text.slice(k + 1))?.[0];
    const where = written ? placeAt(flat, k + 1, file) : at;
    const other = { ...cell.place, label: `表${table.number} ${label}` };
    if (n.attributes && 'bare' in n.attributes) {
      ctx.examined();
      if (!unit || written === unit) continue;
      const message = written ? `the figure of :num[${label}]{bare} is in ${unit}, but the text after it says ${written}` : `:num[${label}]{bare} prints the number only; write its unit ${unit} after it`;
      ctx.report({ severity: 'error', place: where, message, other, expected: unit, actual: written ?? '' });
    } else if (unit && written === unit) {
      ctx.report({ severity: 'error', place: where, message: `:num[${label}] already prints its unit ${unit}; delete the ${unit} after it or add {bare}`, other });
    }
  }
}

export const proseVsTableRule: Rule = {
  id: 'prose-vs-table',
  description: 'literal figures in the Chinese prose equal the table cells that state the same metric',
  run(ctx) {
    const metrics = byAlias(metricsOf(ctx.edition));
    const years = tableYears(ctx.edition);
    for (const ch of ctx.edition.chapters) {
      const { file, tree } = ch.docs.zh;
      let year: number | undefined;
      for (const block of blocksOf(tree) as RootContent[]) {
        if (block.type === 'heading' && block.depth === 1) year = yearIn(flatten(block).text) ?? year;
        visit(block, (n) => {
          if (n.type !== 'paragraph' && n.type !== 'heading' && n.type !== 'tableCell') return;
          const flat = flatten(n as Nodes);
          const nums = numsOf(n as Nodes, flat, ctx);
          checkFigures(flat, nums, file, year, ctx, metrics, years);
          checkUnits(nums, flat, file, ctx);
          return 'skip';
        });
      }
    }
  },
};
