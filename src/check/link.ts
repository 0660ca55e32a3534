/**
 * Links a figure of the Chinese prose to the table cell it states, from what
 * the data declares and what the sentence itself says, never from a header's
 * words, a heading's year or a caption. The principles (docs/check.md has
 * examples):
 *
 * - **Row.** The figure's sentence (up to 。！？； or a line end) names the row
 *   before it: its label, a plain form of it, or a declared alias; the
 *   nearest name wins. In `A、B分别增长X%和Y%` the names before 分别 take the
 *   figures after it in order, when there are as many of each. After
 *   合计 / 共计 / 总计 / 累计 / 共有 in its clause a figure names the declared
 *   total of the sum the named row is part of.
 * - **Year.** A sentence speaks of the review or plan year it names, else of
 *   its chapter's declared year (edition.yaml `chapter_years`). A table speaks
 *   of its declared `years` (a column of its `period`).
 * - **Target or result.** A plan-year figure is a target; otherwise the
 *   figure's own clause (between ，；：) decides: a clause that says 目标 or 预期
 *   states a target (`高于年初5.5%的预期目标`), any other a result.
 *   `比年初目标高0.1个百分点` is derived: the result minus the target, in points.
 * - **Column.** Of the row's cells in that year and of that kind, the one in
 *   the figure's unit dimension (亿元 and 万元 alike; % and 个百分点 clash); a
 *   figure between the name and this one that has the cell's dimension has
 *   taken it. Two cells left: 增长 / 下降 choose a `growth` column, 占 / 比重 a
 *   `share` column.
 * - **Uncertain.** Anything else (no name, names and figures that do not pair,
 *   two tables that disagree) links nothing: the figure counts as not linked.
 */
import type { Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { blocksOf } from '../markdown/blocks.js';
import type { Cell, Column, Edition, Place, Quantity, Table } from '../model.js';
import { absDec, compareDec, formatDec, halfUlp, parseDec, scaled, subDec } from '../quantity/decimal.js';
import { scanZh, type FoundFigure } from '../quantity/parse-zh.js';
import { sameDimension, unitInfo } from '../quantity/units.js';
import { columnRoles, figureRole, rolesAgree, type Role } from './clause-roles.js';
import { mentionsIn, partsOf, rowNames, type Mention } from './link-names.js';
import { disagreement } from './link-compare.js';
import { numRefsOf } from './num-refs.js';
import { flatten, isInText, placeAt, placeKey, type FlatText } from '../model/text-places.js';
import { refLabel, type Numbering } from '../model/labels.js';

/** A prose figure linked to its cell, and whether they agree. */
export interface Link {
  place: Place;
  figure: FoundFigure;
  table: Table;
  cell: Cell;
  /** `表1 社会消费品零售总额 · 完成情况`. */
  name: string;
  /** The name the sentence uses for the row. */
  alias: string;
  /** What the figure must equal: the cell's quantity, or result − target for a derived figure. */
  expected: Quantity;
  /** Why the figure disagrees; undefined when it agrees. */
  why?: string;
  /** Set for a derived figure: `比年初目标高0.1个百分点`. */
  derived?: { target: Cell; result: Cell };
}

export interface Linking {
  links: Link[];
  byPlace: Map<string, Link>;
  /** Figures in the Chinese prose that could state a table's figure (years and dates aside). */
  figures: number;
}

const SENTENCE_END = /[。！？；\n]/gu;
const CLAUSE_END = /[，,：:；。！？\n]/u;
const TOTAL_WORD = /合计|共计|总计|累计|共有/u;
const DERIVED = /(?:比[^，,；。]*?(?:目标|预期)[^，,；。\d]*?(高|低|快|慢|多|少)(?:出)?|(高|低)于[^，,；。\d]*?(?:目标|预期))$/u;
const GROWTH_WORD = /(增长|下降|提高|降低|上涨|回落|增速|增幅|涨幅)[^，,；。\d]{0,6}$/u;
/** Words that make a figure in points a difference from something (高于全省7.6个百分点), not a rate. */
const COMPARATIVE = /(高于|低于|提高|下降|降低|增加|减少|快于|慢于|高出|低出|回落|上升|扩大|缩小|超过|超出|比(?![重例]))[^，,；。\d]*$/u;
const SHARE_WORD = /(占|比重)[^，,；。\d]{0,12}$/u;

const OTHER_PERIOD = /(年均|[两三四五六七八九十]年)[^，,；。\d]*$/u;

const yearIn = (s: string): number[] => [...s.matchAll(/(\d{4})年/gu)].map((m) => Number(m[1]));

/** Dates and counts of years are not figures a table states. */
const isDate = (text: string, f: FoundFigure) => ['年', '届', '周年'].includes(f.quantity.unit) || /^[月日号]/u.test(text.slice(f.index + f.length));

const columnOf = (t: Table, cell: Cell): Column | undefined => t.columns.find((c) => c.id === cell.column);

export function cellName(table: Table, cell: Cell, rowLabel: string, numbering: Numbering): string {
  return `${refLabel('table', table.number, 'zh', numbering)} ${rowLabel} · ${columnOf(table, cell)?.header.zh ?? cell.column}`;
}

function speaksOf(t: Table, col: Column | undefined, year: number | undefined): boolean {
  const years = col?.period ? [col.period] : (t.years ?? []);
  return year === undefined || years.length === 0 || years.includes(year);
}

interface TextEnv {
  edition: Edition;
  names: ReturnType<typeof rowNames>;
  file: string;
  year: number | undefined;
  out: Linking;
}

/** Figures of a flat text, with the offsets of its `:num` objects (their unit from the cited cell). */
function linkText(flat: FlatText, numUnits: { at: number; unit: string }[], env: TextEnv): void {
  const { text } = flat;
  const {
    reviewYear,
    planYear,
    style: { numbering },
  } = env.edition.meta;
  const bounds = [0, ...[...text.matchAll(SENTENCE_END)].map((m) => (m.index ?? 0) + 1), text.length];
  const sentenceOf = (k: number) => bounds.findIndex((b, i) => k >= b && k < (bounds[i + 1] ?? Infinity));
  const mentions = mentionsIn(text, env.names);
  const figures = scanZh(text).filter((f) => isInText(flat, f.digitsIndex) && !isDate(text, f));
  const units = [...figures.map((f) => ({ at: f.digitsIndex, unit: f.quantity.unit })), ...numUnits];
  env.out.figures += figures.length;
  const targetAt = new Map<number, boolean>();
  for (const f of figures) {
    const s = sentenceOf(f.digitsIndex);
    const sentence = text.slice(bounds[s], bounds[s + 1]);
    let clauseStart = f.index;
    while (clauseStart > bounds[s] && !CLAUSE_END.test(text[clauseStart - 1])) clauseStart--;
    let clauseEnd = f.index + f.length;
    while (clauseEnd < text.length && !CLAUSE_END.test(text[clauseEnd])) clauseEnd++;
    const before = text.slice(clauseStart, f.index);
    const clause = text.slice(clauseStart, clauseEnd);
    // The year a figure speaks of is named in its own clause (`2023年地区生产总值增长6%`), else its chapter's.
    const named = [...new Set(yearIn(clause))].filter((y) => y === reviewYear || y === planYear);
    const year = named.length === 1 ? named[0] : named.length > 1 ? undefined : env.year;
    // 年均 / 五年 speak of another period than the tables' year: not linked.
    if (OTHER_PERIOD.test(before)) continue;
    const derived = DERIVED.exec(before);
    const target = !derived && (year === planYear || /目标|预期/u.test(clause));
    targetAt.set(f.digitsIndex, target);
    const inSentence = mentions.filter((m) => sentenceOf(m.start) === s && (!m.remark || sentence.includes(m.remark)));
    const mention = rowMention(f, inSentence, figures, { start: clauseStart, end: clauseEnd }, before, text);
    if (!mention) continue;
    const place = placeAt(flat, f.digitsIndex, env.file);
    const from = mention[0].end;
    const link = derived
      ? derivedLink(f, mention, /[低慢少]/u.test(derived[1] ?? derived[2]) ? -1 : 1, year, numbering)
      : cellLink(f, mention, {
          target,
          numbering,
          role: figureRole(text, f.index, f.quantity.unit, f.quantity.direction !== undefined),
          year,
          sentence,
          before,
          // A figure between the name and this one took the cell of its dimension, if it states the same kind (target or result).
          between: paired(mention) ? [] : units.filter((u) => u.at >= from && u.at < f.digitsIndex && (targetAt.get(u.at) ?? target) === target),
        });
    if (!link) continue;
    const full: Link = { place, figure: f, alias: mention[0].alias, ...link };
    env.out.links.push(full);
    env.out.byPlace.set(placeKey(place), full);
  }
}

/** The row a figure states: 分别 pairing, else the nearest name before it, then 合计 words. */
function rowMention(
  f: FoundFigure,
  inSentence: Mention[],
  figures: FoundFigure[],
  clause: { start: number; end: number },
  before: string,
  text: string,
): Mention[] | undefined {
  const fenbie = before.lastIndexOf('分别');
  let chosen: Mention[];
  if (fenbie >= 0) {
    const at = clause.start + fenbie;
    const names = distinctInOrder(inSentence.filter((m) => m.end <= at && m.start >= clause.start));
    const listed = figures.filter((g) => g.index >= at && g.index < clause.end);
    if (names.length < 2 || names.length !== listed.length) return undefined;
    chosen = names[listed.indexOf(f)];
    PAIRED.add(chosen);
  } else {
    // A name may end in the figure's own direction word (出口增长 + 增长11%以上).
    const prior = inSentence.filter((m) => m.end <= f.digitsIndex && m.start < f.index);
    if (prior.length === 0) return undefined;
    const nearest = Math.max(...prior.map((m) => m.end));
    chosen = prior.filter((m) => m.end === nearest);
    // `A、B分别达X、Y，增长Z、W`: figures after a 分别 list go with the list, not with its last name.
    if (text.slice(nearest, f.index).includes('分别')) return undefined;
  }
  if (!TOTAL_WORD.test(text.slice(chosen[0].end, f.index))) return chosen;
  // 合计 / 共 between a part's name and the figure: the total of the sum it is part of.
  return chosen.map((m): Mention => {
    const sum = m.table.relations.find((r) => r.kind === 'sum' && partsOf(m.table, r.total).includes(m.row.id));
    const row = sum?.kind === 'sum' ? m.table.rows.find((r) => r.id === sum.total) : undefined;
    const labelCol = m.table.columns.find((c) => c.kind === 'label')?.id ?? '';
    return row ? { ...m, row, rowLabel: row.cells[labelCol]?.text.zh ?? row.id } : m;
  });
}

const PAIRED = new WeakSet<Mention[]>();
/** True for the name a 分别 list gave the figure: nothing between them takes its cell. */
const paired = (m: Mention[]) => PAIRED.has(m);

/** The names of a 分别 list, one group per place in the list. */
function distinctInOrder(ms: Mention[]): Mention[][] {
  const groups = new Map<number, Mention[]>();
  for (const m of [...ms].sort((a, b) => a.start - b.start)) groups.set(m.start, [...(groups.get(m.start) ?? []), m]);
  return [...groups.values()];
}

interface CellQuery {
  target: boolean;
  numbering: Numbering;
  /** The figure's role in a table of plan, result, percent of plan and growth (clause-roles.ts). */
  role: Role | undefined;
  year: number | undefined;
  sentence: string;
  before: string;
  /** Figures between the row's name and this one: each has taken a cell of its dimension. */
  between: { at: number; unit: string }[];
}

type Found = Omit<Link, 'place' | 'figure' | 'alias'>;

const clash = (a: string, b: string) => {
  const dims = new Set([unitInfo(a).dimension, unitInfo(b).dimension]);
  return dims.has('percent') && dims.has('points');
};

/** The one cell a figure states, or undefined when there is none or the choice is uncertain. */
function cellLink(f: FoundFigure, mentions: Mention[], q: CellQuery): Found | undefined {
  const unit = f.quantity.unit;
  let found = mentions.flatMap((m) =>
    Object.values(m.row.cells)
      .filter((cell) => cell.quantity)
      .map((cell) => ({ m, cell, col: columnOf(m.table, cell) }))
      .filter(({ m: { table }, cell, col }) => {
        const cq = cell.quantity!;
        if (col?.measure === 'text' || (col?.measure === 'target') !== q.target || !speaksOf(table, col, q.year)) return false;
        if (cq.period && !q.sentence.includes(cq.period)) return false;
        const roles = columnRoles(table);
        if (!rolesAgree(q.role, roles.get(cell.column), roles.size > 0)) return false;
        // In such a table the clause's words said which column: no neighbour in the same unit takes it.
        if (q.role !== undefined && roles.get(cell.column) === q.role) return sameDimension(unit, cq.unit) || clash(unit, cq.unit);
        if (!sameDimension(unit, cq.unit) && !clash(unit, cq.unit)) return false;
        // 高于全省7.6个百分点 compares with a figure no table holds: not a slip, not linked.
        if (clash(unit, cq.unit) && unitInfo(unit).dimension === 'points' && COMPARATIVE.test(q.before)) return false;
        return !q.between.some((u) => sameDimension(u.unit, cq.unit));
      }),
  );
  const rows = new Set(found.map((x) => `${x.m.table.id}/${x.m.row.id}`));
  if (found.length > rows.size) {
    // Two cells of one row in this dimension: the clause's words choose the measure.
    const want = f.quantity.direction || GROWTH_WORD.test(q.before) ? 'growth' : SHARE_WORD.test(q.before) ? 'share' : undefined;
    found = want ? found.filter((x) => x.col?.measure === want) : [];
    if (found.length !== rows.size) return undefined;
  }
  if (found.length === 0) return undefined;
  const verdicts = found.map((x) => ({ ...x, why: verdict(f.quantity, x.cell.quantity!, q.target) }));
  // The same row in two tables (表1 and 表7) of an undeclared year: linked only when they agree.
  if (verdicts.length > 1 && new Set(verdicts.map((v) => v.why ?? '')).size > 1) return undefined;
  const v = verdicts[0];
  return { table: v.m.table, cell: v.cell, name: cellName(v.m.table, v.cell, v.m.rowLabel, q.numbering), expected: v.cell.quantity!, why: v.why };
}

function verdict(q: Quantity, cell: Quantity, target: boolean): string | undefined {
  return clash(q.unit, cell.unit) ? 'percentage points are not a percentage' : disagreement(q, cell, target);
}

/** `比年初目标高0.1个百分点`: the row's result minus its target, in percentage points. */
function derivedLink(f: FoundFigure, mentions: Mention[], sign: 1 | -1, year: number | undefined, numbering: Numbering): Found | undefined {
  for (const m of mentions) {
    const cells = Object.values(m.row.cells).filter(
      (c) => c.quantity && unitInfo(c.quantity.unit).dimension === 'percent' && speaksOf(m.table, columnOf(m.table, c), year),
    );
    const target = cells.find((c) => columnOf(m.table, c)?.measure === 'target');
    const result = cells.find((c) => columnOf(m.table, c)?.measure === 'result');
    if (!target || !result) continue;
    const diff = subDec(parseDec(result.quantity!.digits), parseDec(target.quantity!.digits));
    const signed = sign < 0 ? subDec(parseDec('0'), diff) : diff;
    const expected: Quantity = { digits: formatDec(signed), unit: '个百分点' };
    const name = `${refLabel('table', m.table.number, 'zh', numbering)} ${m.rowLabel}: ${result.quantity!.digits}% − ${target.quantity!.digits}%`;
    const dim = unitInfo(f.quantity.unit).dimension;
    let why: string | undefined;
    if (dim === 'percent') why = `a difference of two rates is in percentage points: write ${expected.digits}个百分点, not %`;
    else if (dim !== 'points') continue;
    else if (compareDec(absDec(subDec(parseDec(f.quantity.digits), signed)), scaled(formatDec(halfUlp(f.quantity.digits)), 0)) > 0)
      why = `the result minus the target is ${expected.digits} points`;
    return { table: m.table, cell: result, name, expected, why, derived: { target, result } };
  }
  return undefined;
}

const cache = new WeakMap<Edition, Linking>();

/** Every link of the edition's Chinese prose, computed once per loaded edition. */
export function linkEdition(edition: Edition): Linking {
  const known = cache.get(edition);
  if (known) return known;
  const out: Linking = { links: [], byPlace: new Map(), figures: 0 };
  const names = rowNames(edition);
  for (const ch of edition.chapters) {
    const { file, tree } = ch.docs.zh;
    const env: TextEnv = { edition, names, file, year: edition.meta.chapterYears[ch.id], out };
    for (const block of blocksOf(tree)) {
      visit(block, (n) => {
        if (n.type !== 'paragraph' && n.type !== 'heading' && n.type !== 'tableCell') return;
        const flat = flatten(n);
        const nums = numRefsOf(n as Nodes, flat, edition.tables).map((r) => ({ at: r.at, unit: r.cell?.quantity?.unit ?? '' }));
        linkText(flat, nums, env);
        return 'skip';
      });
    }
  }
  cache.set(edition, out);
  return out;
}

/** What the summary reports: literal prose figures linked, of all, and `:num` data references (linked by construction). */
export function linkingSummary(edition: Edition): { figures: number; linked: number; references: number } {
  const l = linkEdition(edition);
  let references = 0;
  for (const ch of edition.chapters) visit(ch.docs.zh.tree, 'textDirective', (n) => void (n.name === 'num' && references++));
  return { figures: l.figures, linked: l.links.length, references };
}
