/**
 * Rule `point-difference`: a difference of two rates stated in percentage
 * points equals a − b when the sentence states both rates:
 * `完成年度计划12.85%，低于时序进度（16.67%）3.82个百分点` (16.67 − 12.85 = 3.82),
 * `增长9.3%，高于全市平均（5.5%）3.8个百分点`, `比年初目标（5.5%）高3.8个百分点`.
 *
 * a is the rate stated last before the comparison word (高于, 低于, 快于, 慢于,
 * 高出, 超过, 领先, 落后, or 比…高/低), b the one rate between that word and the
 * points; the word gives the sign. A sentence that names the other side
 * without its rate (高于全市平均4.3个百分点) says nothing here. A difference
 * the rounding of the three printed figures explains is accepted.
 */
import type { Place } from '../model.js';
import { absDec, addDec, compareDec, formatDec, halfUlp, parseDec, subDec } from '../quantity/decimal.js';
import type { FoundFigure } from '../quantity/parse-zh.js';
import type { Rule } from './rule.js';
import { placeAt } from './text-places.js';
import { sentenceAt, zhTexts } from './zh-prose.js';

const ABOVE = ['高于', '快于', '高出', '超过', '超出', '领先'];
const BELOW = ['低于', '慢于', '低出', '落后'];
const WORD = new RegExp(`(${[...ABOVE, ...BELOW].join('|')})`, 'gu');
const COMPARED = /比[^，；。]*?(高|快|低|慢)$/u;

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
        const word = compared ? { at: start + head.lastIndexOf('比'), up: /高|快/.test(compared[1]), text: `比…${compared[1]}` } : words.length ? { at: start + (words[words.length - 1].index ?? 0), up: ABOVE.includes(words[words.length - 1][1]), text: words[words.length - 1][1] } : undefined;
        if (!word) continue;
        const rates = t.figures.filter((f) => f.quantity.unit === '%' && f.index >= start && f.index < n.index);
        const b = rates.filter((f) => f.index > word.at);
        const a = rates.filter((f) => f.index < word.at).pop();
        if (!a || b.length !== 1) continue;
        ctx.examined();
        check(a, b[0], n, word, (o) => placeAt(t.flat, o, t.file), ctx);
      }
    }
  },
};

function check(a: FoundFigure, b: FoundFigure, n: FoundFigure, word: { up: boolean; text: string }, at: (offset: number) => Place, ctx: Parameters<Rule['run']>[0]): void {
  const [x, y, g] = [a.quantity.digits, b.quantity.digits, n.quantity.digits];
  const diff = subDec(parseDec(x), parseDec(y));
  const signed = word.up ? parseDec(g) : { ...parseDec(g), mant: -parseDec(g).mant };
  const off = absDec(subDec(diff, signed));
  const tol = [halfUlp(x), halfUlp(y), halfUlp(g)].reduce(addDec);
  const shown = `${x} − ${y} = ${formatDec(diff)}`;
  const place = at(n.digitsIndex);
  if (compareDec(off, parseDec('0')) === 0) return ctx.status?.(place, 'verified', `${shown} 个百分点`);
  if (compareDec(off, tol) <= 0) return ctx.status?.(place, 'verified', `${shown} 个百分点, within rounding`);
  ctx.status?.(place, 'mismatch', shown);
  const sign = (diff.mant < 0n) === word.up && diff.mant !== 0n ? `; "${word.text}" says the first rate is ${word.up ? 'higher' : 'lower'}` : '';
  const expected = formatDec(absDec(diff));
  ctx.report({
    severity: 'error',
    place,
    message: `${g}个百分点 is the gap between ${x}% and ${y}%, but ${shown}${sign}; correct the gap or one of the rates`,
    other: { ...at(b.digitsIndex), label: `${y}%` },
    expected: `${expected}个百分点`,
    actual: `${g}个百分点`,
  });
}
