/**
 * Rule `ratios`: a ratio in the prose (`三次产业结构调整为2.8:50.9:46.3`) is a
 * figure. When a table links it (a `structure` relation whose `term` the
 * sentence names before the ratio), each part equals its row's share: the
 * share column's cell, or row ÷ total × 100 rounded to the part's decimals.
 * A ratio the sentence calls a structure or a proportion (结构, 比例, 构成,
 * 比重) and no table links must add up to 100 within the rounding of its
 * parts (when they add up to between 50 and 150: `配套比例1:1` is no structure
 * in percent). A ratio written after 上年/去年 (由上年的9.4:66.8:23.8调整为…) is last
 * year's, so it is only added up.
 */
import type { Edition, Place, Relation, Table } from '../model.js';
import { absDec, addDec, compareDec, formatDec, halfUlp, parseDec, scaled, subDec, type Dec } from '../quantity/decimal.js';
import { unitInfo } from '../quantity/units.js';
import { cellLabel } from '../model/labels.js';
import { HUNDRED, ratio, tolerance } from './relation-math.js';
import type { Rule, RuleContext } from './rule.js';
import { isInText, placeAt } from '../model/text-places.js';
import { sentenceAt, zhTexts } from './zh-prose.js';
import { refLabel } from '../model/labels.js';

type Structure = Extract<Relation, { kind: 'structure' }>;

/** Two or more numbers joined by a colon (half-width, full-width or the ratio sign ∶). */
const RATIO = /(?<![\d.])\d+(?:\.\d+)?(?:[:：∶]\d+(?:\.\d+)?)+(?![\d.])/gu;
const STRUCTURE_WORDS = /结构|比例|构成|比重|之比/u;
/** 由上年的9.4:66.8:23.8, 由2021年的…: the ratio a change starts from, not this year's. */
const LAST_YEAR = /(上年|去年|上一年)(同期)?的?$|由(\d{4}年)?的?$/u;

interface Part {
  digits: string;
  at: number;
}

function structures(edition: Edition): { table: Table; rel: Structure }[] {
  return edition.tables.flatMap((table) => table.relations.filter((r): r is Structure => r.kind === 'structure').map((rel) => ({ table, rel })));
}

/** The share of row `id` in the structure, to `dp` decimals, with the cell it comes from; undefined when not filled in. */
function shareOf(table: Table, rel: Structure, id: string, dp: number): { point: string; exact: Dec; half: Dec; place: Place } | undefined {
  const cell = table.rows.find((r) => r.id === id)?.cells[rel.column];
  if (!cell?.quantity) return undefined;
  if (!rel.total) {
    const d = cell.quantity.digits;
    return { point: d, exact: parseDec(d), half: halfUlp(d), place: cell.place };
  }
  const total = table.rows.find((r) => r.id === rel.total)?.cells[rel.column]?.quantity;
  if (!total) return undefined;
  const scale = unitInfo(cell.quantity.unit).scale;
  const p = scaled(cell.quantity.digits, scale);
  const b = scaled(total.digits, unitInfo(total.unit).scale);
  if (b.mant === 0n) return undefined;
  // How far the share may move when the part and the total move by their rounding: a bound, taken at the part's side.
  const hp = scaled(formatDec(tolerance(cell.quantity.digits, cell.quantity.unit)), scale);
  const spread = parseDec(ratio(addDec(p, hp), subDec(b, scaled(formatDec(tolerance(total.digits, total.unit)), unitInfo(total.unit).scale)), dp + 4));
  const exact = parseDec(ratio(p, b, dp + 4));
  return { point: ratio(p, b, dp), exact, half: absDec(subDec(spread, exact)), place: cell.place };
}

function checkLinked(parts: Part[], table: Table, rel: Structure, at: (o: number) => Place, ctx: RuleContext): void {
  const whole = at(parts[0].at);
  if (parts.length !== rel.parts.length) {
    ctx.report({
      severity: 'error',
      place: whole,
      message: `${rel.term} has ${rel.parts.length} parts in ${refLabel('table', table.number, 'zh', ctx.edition.meta.style.numbering)}, but the ratio states ${parts.length}`,
      other: { ...rel.place, label: `${refLabel('table', table.number, 'zh', ctx.edition.meta.style.numbering)} ${table.caption.zh}` },
    });
    return;
  }
  parts.forEach((part, i) => {
    ctx.examined();
    const dp = parseDec(part.digits).decimals;
    const share = shareOf(table, rel, rel.parts[i], dp);
    if (!share) return;
    const label = cellLabel(table, rel.parts[i], rel.column, ctx.edition.meta.style.numbering);
    const place = at(part.at);
    const shown = rel.total
      ? `${label} ÷ ${cellLabel(table, rel.total, rel.column, ctx.edition.meta.style.numbering)} × 100 = ${formatDec(share.exact)}…, which rounds to ${share.point}`
      : `${label}: ${share.point}`;
    // The part may round the share (8.3 for 8.26), and the share itself carries the rounding of the table's figures.
    const off = absDec(subDec(parseDec(part.digits), share.exact));
    const tol = addDec(halfUlp(part.digits), share.half);
    if (compareDec(off, tol) <= 0) return ctx.status?.(place, 'verified', shown);
    ctx.status?.(place, 'mismatch', shown);
    ctx.report({
      severity: 'error',
      place,
      message: `part ${i + 1} of ${rel.term} reads ${part.digits}, but ${shown}; correct the ratio or the table`,
      other: { ...share.place, label },
      expected: share.point,
      actual: part.digits,
    });
  });
}

function checkSum(parts: Part[], at: (o: number) => Place, ctx: RuleContext): void {
  const sum = parts.map((p) => parseDec(p.digits)).reduce(addDec);
  // 配套比例为1:1 states no percentages: only parts that add up to roughly 100 are a structure in percent.
  if (compareDec(sum, parseDec('50')) < 0 || compareDec(sum, parseDec('150')) > 0) return;
  ctx.examined();
  const tol = parts.map((p) => halfUlp(p.digits)).reduce(addDec);
  const off = absDec(subDec(sum, HUNDRED));
  const shown = `${parts.map((p) => p.digits).join(' + ')} = ${formatDec(sum)}`;
  if (compareDec(off, tol) <= 0) return ctx.status?.(at(parts[0].at), 'verified', `${shown} (100 within rounding)`);
  ctx.status?.(at(parts[0].at), 'mismatch', shown);
  ctx.report({
    severity: 'error',
    place: at(parts[0].at),
    message: `the parts of this structure add up to ${formatDec(sum)}, not 100 (${shown}; rounding allows ${formatDec(tol)}); correct a part`,
    expected: '100',
    actual: formatDec(sum),
  });
}

export const ratiosRule: Rule = {
  id: 'ratios',
  description: 'ratios in the prose (2.8:50.9:46.3) equal the shares of the table that links them, or add up to 100',
  run(ctx) {
    const links = structures(ctx.edition);
    for (const t of zhTexts(ctx.edition)) {
      // A term links the first ratio after it in its sentence (调整为8.3:71.1:20.6), not every later one.
      const used = new Set<string>();
      for (const m of t.flat.text.matchAll(RATIO)) {
        const k = m.index ?? 0;
        if (!isInText(t.flat, k)) continue;
        const parts: Part[] = [];
        for (const p of m[0].matchAll(/\d+(?:\.\d+)?/gu)) parts.push({ digits: p[0], at: k + (p.index ?? 0) });
        const [start] = sentenceAt(t, k);
        const head = t.flat.text.slice(start, k);
        const at = (o: number) => placeAt(t.flat, o, t.file);
        const link = LAST_YEAR.test(head) ? undefined : links.find((l) => head.includes(l.rel.term) && !used.has(`${start}/${l.rel.term}`));
        if (link) used.add(`${start}/${link.rel.term}`);
        if (link) checkLinked(parts, link.table, link.rel, at, ctx);
        else if (STRUCTURE_WORDS.test(head) || links.some((l) => head.includes(l.rel.term))) checkSum(parts, at, ctx);
      }
    }
  },
};
