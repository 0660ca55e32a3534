/**
 * Rule `prose-vs-table`: a figure in the Chinese prose that states a table
 * cell equals it (`社会消费品零售总额1408亿元` when 表1 says 1480亿元 is an
 * error at the prose figure, pointing at the cell). Which cell a figure
 * states is decided by link.ts from the declared data and the sentence's
 * own words; a figure it cannot link with certainty is left alone and
 * counted as not linked.
 *
 * It also checks the words typed around a `:num` data reference: a `{bare}`
 * one is followed by the cell's unit (`**:num[…]{bare}**亿元`) and a full one
 * is not; a direction word before it (增长 / 下降) or a qualifier after it
 * (以上 / 左右 / 以内) must be the cell's own, and a full `:num`, which prints
 * them itself, must not have them typed again.
 */
import { visit } from 'unist-util-visit';
import { blocksOf } from '../markdown/blocks.js';
import type { Direction, Place, Qualifier } from '../model.js';
import { formatZh } from '../quantity/format.js';
import { UNIT_PATTERN } from '../quantity/units.js';
import { alternation, DIRECTIONS, senseOf, ZH_READ } from '../quantity/vocabulary.js';
import { linkEdition } from './link.js';
import { numRefsOf, type NumRef } from './num-refs.js';
import type { Rule, RuleContext } from './rule.js';
import { flatten, placeAt, type FlatText } from '../model/text-places.js';
import { refLabel } from '../model/labels.js';

const UNIT_AT_START = new RegExp(`^(?:${UNIT_PATTERN})`, 'u');
const AROUND = ZH_READ.aroundReference;
const DIRECTION_BEFORE: [RegExp, Direction][] = (['up', 'down'] as const).map((d) => [
  new RegExp(`(${alternation(AROUND.directionsBefore.filter((w) => w.direction === d).map((w) => w.word))})$`, 'u'),
  d,
]);
const QUALIFIER_AFTER: [RegExp, Qualifier][] = [...new Set(AROUND.qualifiersAfter.map((w) => w.qualifier))].map((q) => [
  new RegExp(`^(${alternation(AROUND.qualifiersAfter.filter((w) => w.qualifier === q).map((w) => w.word))})`, 'u'),
  q,
]);

function checkFigures(ctx: RuleContext): void {
  const linking = linkEdition(ctx.edition);
  ctx.examined(linking.figures);
  for (const l of linking.links) {
    const shown = formatZh(l.expected, { full: true });
    const actual = formatZh(l.figure.quantity, { full: true });
    if (l.why === undefined) {
      ctx.status?.(l.place, 'verified', `${l.name}: ${shown}`);
      continue;
    }
    ctx.status?.(l.place, 'mismatch', `${l.name}: ${shown}`);
    const what = l.derived ? `${actual} states the difference from the target of ${l.alias}` : `${actual} states ${l.alias}, which ${l.name} gives as ${shown}`;
    ctx.report({ severity: 'error', place: l.place, message: `${what}: ${l.why}`, other: { ...l.cell.place, label: l.name }, expected: shown, actual });
  }
}

/** The words typed right around a data reference, as the reader sees them. */
function typedAround(flat: FlatText, k: number): { before: string; after: string } {
  const before = flat.text.slice(Math.max(0, k - 4), k);
  const after = flat.text.slice(k + 1, k + 12);
  return { before, after };
}

function checkNum(ref: NumRef, flat: FlatText, file: string, ctx: RuleContext): void {
  const { at: k, node: n, label, table, cell } = ref;
  const at: Place = { file, line: n.position?.start.line ?? 1, column: n.position?.start.column ?? 1 };
  if (!table || !cell?.quantity) return;
  const q = cell.quantity;
  const name = refLabel('table', table.number, 'zh', ctx.edition.meta.style.numbering);
  ctx.status?.(at, 'data-linked', `${name}: ${formatZh(q, { full: true })}`);
  const attrs = n.attributes ?? {};
  const bare = 'bare' in attrs;
  const full = !bare && !('unit' in attrs);
  const { before, after } = typedAround(flat, k);
  const written = UNIT_AT_START.exec(after)?.[0];
  const where = written ? placeAt(flat, k + 1, file) : at;
  const other = { ...cell.place, label: `${name} ${label}` };
  const cellText = formatZh(q, { full: true });
  ctx.examined();
  if (bare && q.unit && written !== q.unit) {
    const message = written
      ? `the figure of :num[${label}]{bare} is in ${q.unit}, but the text after it says ${written}`
      : `:num[${label}]{bare} prints the number only; write its unit ${q.unit} after it`;
    ctx.report({ severity: 'error', place: where, message, other, expected: q.unit, actual: written ?? '' });
  } else if (!bare && q.unit && written === q.unit) {
    ctx.report({
      severity: 'error',
      place: where,
      message: `:num[${label}] already prints its unit ${q.unit}; delete the ${q.unit} after it or add {bare}`,
      other,
    });
  }
  const dir = DIRECTION_BEFORE.find(([re]) => re.test(before));
  if (dir) {
    const word = dir[0].exec(before)![1];
    const here = placeAt(flat, k - word.length, file);
    if (full && q.direction)
      ctx.report({
        severity: 'error',
        place: here,
        message: `:num[${label}] prints ${cellText} with its direction; delete the ${word} typed before it, or write {unit} to print the number and unit only`,
        other,
      });
    else if (q.direction && q.direction !== dir[1])
      ctx.report({
        severity: 'error',
        place: here,
        message: `${word} is typed before :num[${label}], but its cell says ${cellText}`,
        other,
        expected: DIRECTIONS[q.direction].zh,
        actual: word,
      });
  }
  const tail = bare && written ? after.slice(written.length) : after;
  const qual = QUALIFIER_AFTER.find(([re]) => re.test(tail));
  if (qual) {
    const word = qual[0].exec(tail)![0];
    const here = placeAt(flat, k + 1 + (after.length - tail.length), file);
    if (full && q.qualifier)
      ctx.report({ severity: 'error', place: here, message: `:num[${label}] prints ${cellText} with its qualifier; delete the ${word} typed after it`, other });
    else if (!q.qualifier || senseOf(q.qualifier) !== senseOf(qual[1]))
      ctx.report({
        severity: 'error',
        place: here,
        message: `${word} is typed after :num[${label}], but its cell says ${cellText}`,
        other,
        expected: cellText,
        actual: word,
      });
  }
}

export const proseVsTableRule: Rule = {
  id: 'prose-vs-table',
  description: 'figures in the Chinese prose equal the table cells they state; words typed around a data reference agree with its cell',
  run(ctx) {
    checkFigures(ctx);
    for (const ch of ctx.edition.chapters) {
      const { file, tree } = ch.docs.zh;
      for (const block of blocksOf(tree)) {
        visit(block, (n) => {
          if (n.type !== 'paragraph' && n.type !== 'heading' && n.type !== 'tableCell') return;
          const flat = flatten(n);
          for (const ref of numRefsOf(n, flat, ctx.edition.tables)) checkNum(ref, flat, file, ctx);
          return 'skip';
        });
      }
    }
  },
};
