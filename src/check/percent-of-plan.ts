/**
 * Rule `percent-of-plan`: a percent of plan stated in the prose equals
 * result ÷ plan × 100 when the sentence states both figures:
 * `固定资产投资300亿元，完成年计划385亿元的77.9%` (300 ÷ 385 × 100 = 77.92…, which
 * rounds to 77.9), or with the plan in its own clause,
 * `年度计划投资57.82亿元，完成投资5.65亿元，完成年度计划9.78%`.
 *
 * The figures are told apart by their words (clause-roles.ts): the plan
 * follows 计划/目标, the percentage follows 完成/占…计划…的, the result is the
 * level with no such word. A sentence that lacks the plan or the result says
 * nothing here (prose-vs-table compares it with the table's column). A
 * difference that the rounding of the printed figures explains is accepted.
 */
import { addDec, compareDec, formatDec, parseDec, scaled, subDec } from '../quantity/decimal.js';
import { formatZh } from '../quantity/format.js';
import { sameDimension, unitInfo } from '../quantity/units.js';
import { figureRole } from './clause-roles.js';
import { HUNDRED, mul, ratio, tolerance } from './relation-math.js';
import type { Rule } from './rule.js';
import { placeAt } from '../model/text-places.js';
import { sentenceAt, zhTexts } from './zh-prose.js';

export const percentOfPlanRule: Rule = {
  id: 'percent-of-plan',
  description: 'a percent of plan in the prose equals result ÷ plan × 100 when the sentence states both',
  run(ctx) {
    for (const t of zhTexts(ctx.edition)) {
      const roles = t.figures.map((f) => figureRole(t.flat.text, f.index, f.quantity.unit, f.quantity.direction !== undefined));
      t.figures.forEach((p, i) => {
        if (roles[i] !== 'percent-of-plan') return;
        const [start] = sentenceAt(t, p.index);
        const earlier = t.figures.map((f, j) => ({ f, role: roles[j], j })).filter((x) => x.j < i && x.f.index >= start);
        const plan = earlier.filter((x) => x.role === 'plan' && unitInfo(x.f.quantity.unit).dimension !== 'percent').pop();
        const result = plan && earlier.filter((x) => x.role === 'result' && x.j !== plan.j && sameDimension(x.f.quantity.unit, plan.f.quantity.unit)).pop();
        if (!plan || !result) return;
        ctx.examined();
        const [r, b] = [result.f.quantity, plan.f.quantity];
        const a = scaled(r.digits, unitInfo(r.unit).scale);
        const d = scaled(b.digits, unitInfo(b.unit).scale);
        if (d.mant === 0n) return;
        const pct = p.quantity.digits;
        const dp = parseDec(pct).decimals;
        const point = ratio(a, d, dp);
        const shown = `${formatZh(r)} ÷ ${formatZh(b)} × 100 = ${ratio(a, d, dp + 4)}…, which rounds to ${point}`;
        const place = placeAt(t.flat, p.digitsIndex, t.file);
        if (compareDec(parseDec(point), parseDec(pct)) === 0) return ctx.status?.(place, 'verified', shown);
        const ha = scaled(formatDec(tolerance(r.digits, r.unit)), unitInfo(r.unit).scale);
        const hd = scaled(formatDec(tolerance(b.digits, b.unit)), unitInfo(b.unit).scale);
        const c = parseDec(pct);
        const hc = { mant: 5n, decimals: dp + 1 };
        const low = compareDec(mul(subDec(a, ha), HUNDRED), mul(addDec(c, hc), addDec(d, hd))) <= 0;
        const high = compareDec(mul(addDec(a, ha), HUNDRED), mul(subDec(c, hc), subDec(d, hd))) >= 0;
        if (low && high) return ctx.status?.(place, 'verified', `${shown}, within rounding`);
        // A result that repeats the plan's figure (100%) while the text says otherwise is the slip, not the percentage.
        if (compareDec(a, d) === 0) {
          const at = placeAt(t.flat, result.f.digitsIndex, t.file);
          ctx.status?.(at, 'mismatch', shown);
          ctx.report({
            severity: 'error',
            place: at,
            message: `${formatZh(r)} is stated as the result but equals the plan ${formatZh(b)} (that would be 100% of plan; the text says ${pct}%); write the result's own figure`,
            other: { ...place, label: `${pct}% of plan` },
            expected: `${point}%`,
            actual: `${pct}%`,
          });
          return;
        }
        ctx.status?.(place, 'mismatch', shown);
        ctx.report({
          severity: 'error',
          place,
          message: `${pct}% of plan: ${shown}; the text reads ${pct}%; correct the percentage, the result or the plan`,
          other: { ...placeAt(t.flat, result.f.digitsIndex, t.file), label: `result ${formatZh(r)}` },
          expected: `${point}%`,
          actual: `${pct}%`,
        });
      });
    }
  },
};
