/**
 * Rule `point-difference`: a difference of two rates stated in percentage
 * points equals a − b when the sentence states both rates:
 * `完成年度计划12.85%，低于时序进度（16.67%）3.82个百分点` (16.67 − 12.85 = 3.82),
 * `增长9.3%，高于全市平均（5.5%）3.8个百分点`, `比年初目标（5.5%）高3.8个百分点`.
 *
 * a is the rate stated last before the comparison word (高于, 低于, 快于, 慢于,
 * 高出, 超过, 领先, 落后, or 比…高/低), b the one rate between that word and the
 * points; the word gives the sign. A sentence that names the other side
 * without its rate (增速高于全市平均4.3个百分点) is checked against a table's
 * `difference` relation: the row the sentence names before the word gives a
 * (the minuend) and b (the subtrahend). A difference the rounding of the
 * three printed figures explains is accepted.
 */
import type { Edition, Place, Relation } from '../model.js';
import { absDec, addDec, compareDec, formatDec, halfUlp, parseDec, subDec } from '../quantity/decimal.js';
import type { FoundFigure } from '../quantity/parse-zh.js';
import { shortForms } from './link-names.js';
import { cellLabel } from '../model/labels.js';
import type { Rule } from './rule.js';
import { placeAt } from '../model/text-places.js';
import { sentenceAt, zhTexts } from './zh-prose.js';

const ABOVE = ['高于', '快于', '高出', '超过', '超出', '领先'];
const BELOW = ['低于', '慢于', '低出', '落后'];
const WORD = new RegExp(`(${[...ABOVE, ...BELOW].join('|')})`, 'gu');
const COMPARED = /比[^，；。]*?(高|快|低|慢)$/u;

type Difference = Extract<Relation, { kind: 'difference' }>;

/** One side of the comparison: its digits and where it is written. */
interface Side {
  digits: string;
  place: Place;
  label: string;
}

/**
 * The row of a `difference` table the sentence names before the gap (the
 * nearest mention of a row label or its short form), with its two rates.
 */
function fromTable(edition: Edition, head: string): { a: Side; b: Side } | undefined {
  let best: { end: number; a: Side; b: Side } | undefined;
  for (const table of edition.tables) {
    const label = table.columns.find((c) => c.kind === 'label');
    for (const rel of table.relations.filter((r): r is Difference => r.kind === 'difference')) {
      for (const row of table.rows) {
        const name = label ? row.cells[label.id]?.text.zh : undefined;
        const [x, y] = [row.cells[rel.minuend], row.cells[rel.subtrahend]];
        if (!name || !x?.quantity || !y?.quantity) continue;
        const end = Math.max(...shortForms(name).map((f) => (head.lastIndexOf(f) >= 0 ? head.lastIndexOf(f) + f.length : -1)));
        if (end < 0 || (best && best.end >= end)) continue;
        const side = (c: typeof x, col: string): Side => ({
          digits: c.quantity!.digits,
          place: c.place,
          label: cellLabel(table, row.id, col, edition.meta.style.numbering),
        });
        best = { end, a: side(x, rel.minuend), b: side(y, rel.subtrahend) };
      }
    }
  }
  return best;
}

export const pointDifferenceRule: Rule = {
  id: 'point-difference',
  description: 'a gap in percentage points equals the difference of the two rates the sentence states',
  run(ctx) {
    for (const t of zhTexts(ctx.edition)) {
      for (const n of t.figures) {
        if (n.quantity.unit !== '个百分点') continue;
        const [start] = sentenceAt(t, n.index);
        const head = t.flat.text.slice(start, n.index);
        const compared = COMPARED.exec(head);
        const words = [...head.matchAll(WORD)];
        const last = words[words.length - 1];
        const word = compared
          ? { at: start + head.lastIndexOf('比'), up: /高|快/.test(compared[1]), text: `比…${compared[1]}` }
          : last
            ? { at: start + (last.index ?? 0), up: ABOVE.includes(last[1]), text: last[1] }
            : undefined;
        // The comparison word must govern the gap: `增速快于经济增长，…达到87.7%、提高0.6个百分点` compares nothing with 0.6.
        if (!word || /[，,；：]/u.test(t.flat.text.slice(word.at, n.index))) continue;
        const at = (o: number) => placeAt(t.flat, o, t.file);
        const rates = t.figures.filter((f) => f.quantity.unit === '%' && f.index >= start && f.index < n.index);
        const b = rates.filter((f) => f.index > word.at);
        const a = rates.filter((f) => f.index < word.at).pop();
        const side = (f: FoundFigure): Side => ({ digits: f.quantity.digits, place: at(f.digitsIndex), label: `${f.quantity.digits}%` });
        // Both rates in the sentence; else, the other side named without its rate, a table's `difference` row.
        const pair = a && b.length === 1 ? { a: side(a), b: side(b[0]) } : b.length === 0 ? fromTable(ctx.edition, head.slice(0, word.at - start)) : undefined;
        if (!pair) continue;
        ctx.examined();
        check(pair.a, pair.b, n.quantity.digits, word, at(n.digitsIndex), ctx);
      }
    }
  },
};

function check(a: Side, b: Side, g: string, word: { up: boolean; text: string }, place: Place, ctx: Parameters<Rule['run']>[0]): void {
  const [x, y] = [a.digits, b.digits];
  const diff = subDec(parseDec(x), parseDec(y));
  const signed = word.up ? parseDec(g) : { ...parseDec(g), mant: -parseDec(g).mant };
  const off = absDec(subDec(diff, signed));
  const tol = [halfUlp(x), halfUlp(y), halfUlp(g)].reduce(addDec);
  const named = a.label !== `${x}%` || b.label !== `${y}%`;
  const shown = `${named ? `${a.label} − ${b.label} = ` : ''}${x} − ${y} = ${formatDec(diff)}`;
  if (compareDec(off, parseDec('0')) === 0) return ctx.status?.(place, 'verified', `${shown} 个百分点`);
  if (compareDec(off, tol) <= 0) return ctx.status?.(place, 'verified', `${shown} 个百分点, within rounding`);
  ctx.status?.(place, 'mismatch', shown);
  const sign = diff.mant < 0n === word.up && diff.mant !== 0n ? `; "${word.text}" says the first rate is ${word.up ? 'higher' : 'lower'}` : '';
  ctx.report({
    severity: 'error',
    place,
    message: `${g}个百分点 is the gap between ${x}% and ${y}%, but ${shown}${sign}; correct the gap or one of the rates`,
    other: { ...b.place, label: b.label },
    expected: `${formatDec(absDec(diff))}个百分点`,
    actual: `${g}个百分点`,
  });
}
