/**
 * Rule `zh-vs-en`: the English says the same figures as the Chinese. For each
 * aligned pair of texts (block n of a chapter in both languages, list items
 * one by one; every caption, header, cell, list item and note of a table or
 * chart) the figures of the two sides must pair up after unit conversion:
 * 1480亿元 ↔ RMB 148 billion, 1.5万人次 ↔ 15,000 person-times, 5%左右 ↔ about
 * 5%. A figure missing, extra or different on either side is an error; a
 * `:num` data reference is compared by its target, not by its text.
 *
 * Numbers that are not plain quantities are handled by explicit rules, never
 * by skipping a block:
 * - a heading's own numeral (`（一）` / `(1)`, `一、` / `I.`) is structure;
 * - a Chinese year or date figure (unit 年 / 届 / 周年, or followed by 月 / 日)
 *   that the English leaves unsaid is not missing ("over the year", "March");
 *   a different year in the English is still an extra figure there;
 * - an English ordinal or name number (`20th`, `No. 2 Road`) matches the same
 *   number in Chinese numerals in the Chinese text (二十大, 石门二路);
 * - Chinese words for figures: 百分百 is 100%; a scale unit alone in brackets
 *   (`（亿元）` in a header) is one of that unit, English `(RMB 100 million)`;
 *   a scale word without digits (超亿元, 月亿楼, 亿元级) accounts for an English
 *   `RMB 100 million`;
 * - an English whole number right after a capitalised word inside a sentence
 *   is part of a name (Plaza 66 for 恒隆广场) when nothing in the Chinese pairs
 *   with it.
 * An English figure that rounds the Chinese one, or that carries a qualifier
 * the Chinese figure lacks (or lacks one it has), is a warning, not an error:
 * English may put "about" away from the number.
 *
 * Blame goes where the slip is. The Chinese is the source: when the Chinese
 * figure is linked to a table cell (link.ts) and disagrees with it, the error
 * is at the Chinese figure; when it agrees, at the English one; when it is
 * not linked, at the English one, naming the Chinese as the other place and
 * saying that neither side was verified against a table.
 */
import type { Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { directiveLabel } from '../markdown/remark-known-directives.js';
import { alignedBlocks } from '../markdown/blocks.js';
import type { Bi, Place, Precision, Quantity } from '../model.js';
import { compareRounding, type Agreement } from './en-rounding.js';
import { compareDec, formatDec, type Dec } from '../quantity/decimal.js';
import { formatEn, formatZh } from '../quantity/format.js';
import { chineseNumeral } from '../quantity/number-words.js';
import { sameDimensionEn, scanEn, zhValue, type EnFigure } from '../quantity/parse-en.js';
import { scanZh } from '../quantity/parse-zh.js';
import { RATE_PHRASES, unitInfo, UNITS } from '../quantity/units.js';
import { senseOf } from '../quantity/vocabulary.js';
import { linkEdition, type Link } from './link.js';
import type { Rule, RuleContext } from './rule.js';
import { flatKey, remembered } from './memo.js';
import { flatten, placeAt, placeKey, yamlTextPlace } from '../model/text-places.js';
import { refLabel } from '../model/labels.js';

/** One aligned pair of texts and how to find a character of either in its file. */
interface Pair {
  text: Bi;
  what: string;
  placeOf: Bi<(offset: number) => Place>;
  nums: Bi<{ label: string; place: Place }[]>;
  heading?: boolean;
  /** What decides the places of its characters, for the memo (memo.ts). */
  key: () => string;
}

/** A Chinese figure: its quantity, exact value in base units, offset, and whether English may leave it unsaid. */
type ZhFig = { q: Quantity; value: Dec; index: number; lenient: boolean };

const HEADING_NUMERAL: Bi<RegExp> = {
  zh: /^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d+\.)/,
  en: /^\s*(?:[IVXLC]+\.|\(\d+\)|\d+\.)/,
};
const LENIENT_UNITS = new Set(['年', '届', '周年']);
const SCALE_UNIT_ALONE = new RegExp(
  `（(${UNITS.filter((u) => u.scale > 0 && u.dimension !== 'bare')
    .map((u) => u.zh)
    .join('|')})）`,
  'gu',
);

/** A scale word standing alone: 超亿元, 月亿楼, 亿元级 (English: over RMB 100 million). */
const SCALE_WORD = /(?<![\d.])(万亿|千万|百万|亿|万)(?=元|美元|级|楼)|(?<=[超月近过逾])(万亿|千万|百万|亿|万)/gu;
const SCALE_POWER: Record<string, number> = { 万亿: 12, 千万: 7, 百万: 6, 亿: 8, 万: 4 };

/** Groups of dimensions whose figures are paired as "different" rather than missing + extra. */
function group(dim: string): string {
  return dim === 'USD' ? 'CNY' : dim === 'points' ? 'percent' : dim === 'bare' ? 'count' : dim;
}

const blank = (text: string, re: RegExp): string => text.replace(re, (m) => ' '.repeat(m.length));

function zhFigures(text: string, heading: boolean): ZhFig[] {
  const t = heading ? blank(text, HEADING_NUMERAL.zh) : text;
  const figs: ZhFig[] = scanZh(t).map((f) => {
    const next = t.slice(f.index + f.length);
    const q = f.quantity;
    return { q, value: zhValue(q), index: f.digitsIndex, lenient: LENIENT_UNITS.has(q.unit) || /^[月日号]/.test(next) };
  });
  const words: [RegExp, (m: RegExpMatchArray) => Quantity][] = [
    [/百分百/gu, () => ({ digits: '100', unit: '%' })],
    [SCALE_UNIT_ALONE, (m) => ({ digits: '1', unit: m[1] })],
  ];
  for (const [re, toQ] of words) for (const m of t.matchAll(re)) figs.push({ q: toQ(m), value: zhValue(toQ(m)), index: m.index ?? 0, lenient: false });
  return figs.sort((a, b) => a.index - b.index);
}

/** How `e` renders `z`, in the edition's English precision (see en-rounding.ts). */
const agreement = (z: ZhFig, e: EnFigure, p?: Precision): Agreement =>
  sameDimensionEn(z.q.unit, e) ? compareRounding(z.q, z.value, e, p) : { kind: 'different' };
const SAME: ReadonlySet<Agreement['kind']> = new Set(['equal', 'too-precise']);

/**
 * Whether English could write this value in words (3, 20, 1万 = ten thousand):
 * a whole number of at most two significant digits. Only then is a number
 * word a candidate for a Chinese figure it does not equal ("four" for 3家).
 */
function spelledOut(v: Dec): boolean {
  if (v.decimals > 0 && v.mant % 10n ** BigInt(v.decimals) !== 0n) return false;
  return /^-?[1-9]\d?0*$/.test(formatDec(v).replace(/\.0+$/, ''));
}

const zhText = (q: Quantity): string => `${q.digits}${q.unit}`;

/**
 * Where a disagreement between a Chinese and an English figure is reported,
 * and what is said about the Chinese side, from the Chinese figure's link.
 */
function blame(link: Link | undefined, zhPlace: Place, enPlace: Place): { place: Place; other: Place & { label?: string }; note: string } {
  const zhOther = { ...zhPlace, label: 'Chinese figure' };
  if (!link) return { place: enPlace, other: zhOther, note: '; the Chinese figure is not linked to a table, so neither side is verified: check both' };
  if (link.why === undefined) return { place: enPlace, other: zhOther, note: ` (the Chinese agrees with ${link.name})` };
  return {
    place: zhPlace,
    other: { ...link.cell.place, label: link.name },
    note: `; the Chinese is the slip: ${link.name} gives ${formatZh(link.expected, { full: true })}`,
  };
}

/** What a comparison reads of a link: a changed table changes it, and the pair is compared again. */
const linkKey = (l: Link | undefined): string => (l ? `${l.why ?? ''}|${l.name}|${formatZh(l.expected, { full: true })}|${placeKey(l.cell.place)}` : '-');

function comparePair(pair: Pair, ctx: RuleContext, links: Map<string, Link>, linkedFiles: Set<string>): void {
  const heading = !!pair.heading;
  const memo = ctx.memo;
  if (!memo) return compareFigures(pair, ctx, links, zhFigures(pair.text.zh, heading));
  const zh = memo.recall(`zh-vs-en:zh\u0001${heading}\u0001${pair.text.zh}`, () => zhFigures(pair.text.zh, heading));
  remembered(
    ctx,
    () => {
      const file = pair.placeOf.zh(0).file;
      const linked = linkedFiles.has(file) ? zh.map((z) => linkKey(links.get(placeKey(pair.placeOf.zh(z.index))))) : [];
      const precision = JSON.stringify(ctx.edition.meta.style.precision ?? null);
      return ['zh-vs-en', pair.key(), pair.what, heading, JSON.stringify(pair.nums), precision, ...linked].join('\u0001');
    },
    (c) => compareFigures(pair, c, links, zh),
  );
}

function compareFigures(pair: Pair, ctx: RuleContext, links: Map<string, Link>, zh: ZhFig[]): void {
  const en = scanEn(pair.heading ? blank(pair.text.en, HEADING_NUMERAL.en) : pair.text.en);
  const zhAt = (z: ZhFig) => pair.placeOf.zh(z.index);
  const enAt = (e: EnFigure) => pair.placeOf.en(e.digitsIndex);
  const zhBlock = () => ({ ...pair.placeOf.zh(0), label: `Chinese ${pair.what}` });
  const enBlock = () => pair.placeOf.en(0);
  const mismatch = (
    place: Place,
    message: string,
    other: Place & { label?: string },
    extra: { expected?: string; actual?: string; severity?: 'error' | 'warning' } = {},
  ) => {
    ctx.status?.(place, 'mismatch', message);
    ctx.report({ severity: extra.severity ?? 'error', place, message, other, expected: extra.expected, actual: extra.actual });
  };
  ctx.examined(zh.length + pair.nums.zh.length);

  const precision = ctx.edition.meta.style.precision;
  const freeEn = new Set(en);
  const unpaired: ZhFig[] = [];
  for (const z of zh) {
    // An equal figure first, then a correct rounding (326.29万 ↔ 3.26 million); digits before words.
    const free = [...freeEn].sort((a, b) => Number(!!a.word) - Number(!!b.word));
    const e = free.find((x) => SAME.has(agreement(z, x, precision).kind)) ?? free.find((x) => agreement(z, x, precision).kind === 'rounded');
    if (!e) {
      unpaired.push(z);
      continue;
    }
    freeEn.delete(e);
    const how = agreement(z, e, precision);
    const zs = z.q.qualifier && senseOf(z.q.qualifier);
    const es = e.qualifier && senseOf(e.qualifier);
    const dirClash = z.q.direction && e.direction && z.q.direction !== e.direction;
    if ((zs && es && zs !== es) || dirClash) {
      const b = blame(links.get(placeKey(zhAt(z))), zhAt(z), enAt(e));
      mismatch(
        b.place,
        `"${e.text}" says ${dirClash ? (e.direction === 'up' ? 'a rise' : 'a fall') : `"${e.qualifier}"`} where the Chinese says ${formatZh(z.q, { full: true })}${b.note}`,
        b.other,
        { expected: formatEn(z.q, { full: true }), actual: e.text },
      );
    } else if (!zs !== !es) {
      // One side only: English may put the qualifier away from the number, so a warning.
      const message = zs
        ? `"${e.text}" has no qualifier next to it; the Chinese says ${formatZh(z.q, { full: true })}`
        : `"${e.text}" reads as "${e.qualifier}" but the Chinese states ${formatZh(z.q, { full: true })} exactly`;
      mismatch(enAt(e), message, { ...zhAt(z), label: 'Chinese figure' }, { expected: formatEn(z.q, { full: true }), actual: e.text, severity: 'warning' });
    } else if (how.kind === 'too-precise') {
      mismatch(
        enAt(e),
        `"${e.text}" shows more digits than the edition's English precision allows: ${how.expected}`,
        { ...zhAt(z), label: 'Chinese figure' },
        { expected: how.expected, actual: e.text, severity: 'warning' },
      );
    } else {
      const rounded = how.kind === 'rounded' ? ` (rounded from ${formatEn(z.q)})` : '';
      ctx.status?.(zhAt(z), 'cross-checked', `English: ${e.text}${rounded}`);
      ctx.status?.(enAt(e), 'cross-checked', `Chinese: ${formatZh(z.q, { full: true })}${rounded}`);
    }
  }
  // Explicit leniencies first (positive evidence in the Chinese), then pairing.
  const accept = (e: EnFigure, detail: string) => {
    freeEn.delete(e);
    ctx.examined();
    ctx.status?.(enAt(e), 'cross-checked', detail);
  };
  // "per 10,000 people" renders 每万人口: its number is part of the unit (units.json rates).
  const rates = RATE_PHRASES.filter((r) => pair.text.zh.includes(r.zh)).flatMap((r) =>
    [...pair.text.en.matchAll(new RegExp(r.en.source, 'giu'))].map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length })),
  );
  const scaleWords = new Set([...pair.text.zh.matchAll(SCALE_WORD)].map((m) => SCALE_POWER[m[1] ?? m[2]]));
  for (const e of [...freeEn]) {
    const n = Number(e.digits);
    if ((e.ordinal || e.numbered) && Number.isInteger(n) && n > 0 && pair.text.zh.includes(chineseNumeral(n))) accept(e, `Chinese: ${chineseNumeral(n)}`);
    else if (e.digits === '1' + '0'.repeat(e.digits.length - 1) && scaleWords.has(e.magnitude + e.digits.length - 1))
      accept(e, 'Chinese: a scale word (超亿元, 亿元级)');
    else if (rates.some((r) => r.start <= e.index && e.digitsIndex < r.end)) accept(e, 'part of a rate (每万人口 ↔ per 10,000 people)');
  }
  for (const z of unpaired) {
    const sameGroup = (x: EnFigure) => group(x.dimension) === group(unitInfo(z.q.unit).dimension);
    const free = [...freeEn].filter(sameGroup);
    const e = z.lenient ? undefined : (free.find((x) => !x.word) ?? free.find(() => spelledOut(z.value)));
    if (e) {
      freeEn.delete(e);
      const how = agreement(z, e, precision);
      const unitOnly = compareDec(z.value, e.value) === 0;
      const expected = formatEn(z.q, { precision });
      const b = blame(links.get(placeKey(zhAt(z))), zhAt(z), enAt(e));
      const message =
        how.kind === 'wrong-rounding'
          ? `"${e.text}" is not the rounding of the Chinese ${zhText(z.q)}, which rounds to ${how.correct}; in English: ${expected}${b.note}`
          : `"${e.text}" ${unitOnly ? 'has another unit than' : 'differs from'} the Chinese ${zhText(z.q)}, which is ${expected} in English${b.note}`;
      mismatch(b.place, message, b.other, { expected, actual: e.text });
    } else if (z.lenient) {
      ctx.status?.(zhAt(z), 'unchecked', 'a year or date the English need not repeat');
    } else {
      const expected = formatEn(z.q, { full: true, precision });
      mismatch(
        enBlock(),
        `${zhText(z.q)} in the Chinese ${pair.what} is missing from the English (expected ${expected})`,
        { ...zhAt(z), label: 'Chinese figure' },
        { expected },
      );
    }
  }
  for (const e of [...freeEn]) if (e.inName) accept(e, 'part of a name');
  // A number word no Chinese figure pairs with renders a Chinese numeral or a
  // word (三大, 一网通办, "one of"): nothing to compare.
  for (const e of [...freeEn]) if (e.word) freeEn.delete(e);
  for (const e of freeEn) {
    ctx.examined();
    mismatch(enAt(e), `"${e.text}" in the English has no counterpart in the Chinese ${pair.what}`, zhBlock(), { actual: e.text });
  }
  compareNums(pair, enBlock, zhBlock, mismatch);
}

/** `:num` references agree by target: the same cells are cited on both sides. */
function compareNums(
  pair: Pair,
  enBlock: () => Place,
  zhBlock: () => Place & { label?: string },
  mismatch: (p: Place, m: string, o: Place & { label?: string }) => void,
): void {
  const left = [...pair.nums.en];
  for (const z of pair.nums.zh) {
    const i = left.findIndex((e) => e.label === z.label);
    if (i >= 0) left.splice(i, 1);
    else mismatch(enBlock(), `:num[${z.label}] in the Chinese ${pair.what} is not cited in the English`, { ...z.place, label: 'Chinese data reference' });
  }
  for (const e of left) mismatch(e.place, `:num[${e.label}] in the English is not cited in the Chinese ${pair.what}`, zhBlock());
}

function numsOf(node: Nodes, file: string): { label: string; place: Place }[] {
  const out: { label: string; place: Place }[] = [];
  visit(
    node,
    'textDirective',
    (n) =>
      void (
        n.name === 'num' && out.push({ label: directiveLabel(n), place: { file, line: n.position?.start.line ?? 1, column: n.position?.start.column ?? 1 } })
      ),
  );
  return out;
}

function markdownPair(zh: Nodes, en: Nodes, files: Bi, what: string): Pair {
  const fz = flatten(zh);
  const fe = flatten(en);
  return {
    text: { zh: fz.text, en: fe.text },
    what,
    placeOf: { zh: (k) => placeAt(fz, k, files.zh), en: (k) => placeAt(fe, k, files.en) },
    nums: { zh: numsOf(zh, files.zh), en: numsOf(en, files.en) },
    heading: zh.type === 'heading',
    key: () => [files.zh, flatKey(fz), files.en, flatKey(fe)].join('\u0001'),
  };
}

function yamlPair(text: Bi, place: Place, what: string, ctx: RuleContext): Pair {
  return {
    text,
    what,
    placeOf: { zh: (k) => yamlTextPlace(place, text.zh, k), en: (k) => yamlTextPlace(place, text.en, k) },
    nums: { zh: [], en: [] },
    key: () => [placeKey(place), ctx.memo?.fileVersion(place.file), text.zh, text.en].join('\u0001'),
  };
}

/** Every aligned pair of texts in the edition. */
function pairsOf(ctx: RuleContext): Pair[] {
  const { edition } = ctx;
  const pairs: Pair[] = [];
  for (const ch of edition.chapters) {
    const files = { zh: ch.docs.zh.file, en: ch.docs.en.file };
    for (const { zh: block, en: other, zhIndex } of alignedBlocks(ch)) {
      if (!block || !other || block.type === 'leafDirective') continue;
      const i = zhIndex ?? 0;
      if (block.type === 'list' && other.type === 'list') {
        block.children.forEach((item, k) => pairs.push(markdownPair(item, other.children[k], files, `list item ${k + 1} of block ${i + 1}`)));
      } else pairs.push(markdownPair(block, other, files, `${block.type} ${i + 1}`));
    }
  }
  for (const t of edition.tables) {
    const name = refLabel('table', t.number, 'zh', edition.meta.style.numbering);
    pairs.push(yamlPair(t.caption, t.place, `caption of ${name}`, ctx));
    if (t.source) pairs.push(yamlPair(t.source, t.place, `source of ${name}`, ctx));
    for (const c of t.columns) pairs.push(yamlPair(c.header, c.place, `header of ${name}`, ctx));
    for (const row of t.rows) {
      for (const cell of Object.values(row.cells)) {
        if (cell.items) cell.items.forEach((it, k) => pairs.push(yamlPair(it.text, it.place, `item ${k + 1} of ${name} ${row.id}`, ctx)));
        else pairs.push(yamlPair(cell.text, cell.place, `cell ${name} ${row.id}/${cell.column}`, ctx));
      }
    }
    for (const n of t.notes) pairs.push(yamlPair(n.text, n.place, `note of ${name}`, ctx));
  }
  for (const f of edition.figures) {
    const name = refLabel('figure', f.number, 'zh', edition.meta.style.numbering);
    pairs.push(yamlPair(f.caption, f.place, `caption of ${name}`, ctx), yamlPair(f.axis, f.place, `axis of ${name}`, ctx));
    for (const p of f.points) pairs.push(yamlPair(p.label, p.place, `label of ${name}`, ctx));
    if (f.note) pairs.push(yamlPair(f.note, f.place, `note of ${name}`, ctx));
  }
  return pairs;
}

export const zhVsEnRule: Rule = {
  id: 'zh-vs-en',
  description: 'the English states the same figures as the Chinese, after unit conversion',
  run(ctx) {
    const links = linkEdition(ctx.edition).byPlace;
    // A figure's link is part of a pair's key only where there can be one.
    const linkedFiles = new Set([...links.values()].map((l) => l.place.file));
    for (const pair of pairsOf(ctx)) comparePair(pair, ctx, links, linkedFiles);
  },
};
