/**
 * English numbers written in words: "three companies" for 3家, "ten
 * thousand" for 1万, "twenty-five", "two hundred and fifty", "three million".
 * Official English spells out one to nine, and round numbers, so the check
 * must read them as figures. Only cardinal words are read (one to
 * ninety-nine, hundred, thousand, million, billion); "a dozen", "a hundred"
 * and ordinals ("first") are not figures here.
 */

const SMALL = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALES: Record<string, bigint> = { thousand: 1000n, million: 1000000n, billion: 1000000000n };

const WORD = new RegExp(`\\b(?:${[...SMALL.slice(1), ...TENS.slice(2), 'hundred', ...Object.keys(SCALES), 'and'].join('|')})\\b`, 'giu');

/** A number read from words (parse-en reads digits into the same shape). */
export interface WordNumber {
  index: number;
  /** End of the number, magnitude word included. */
  end: number;
  /** The value as digits: `10000`. */
  num: string;
  magnitude: number;
  ordinal: boolean;
  word: boolean;
}

/** Reads one number from the tokens, starting at `i`; returns it and the index of the first unused token. */
function readNumber(tokens: { w: string; index: number; end: number }[], i: number): { value: bigint; next: number } | undefined {
  let total = 0n;
  let group = 0n; // below a thousand
  let lastScale = 10n ** 30n;
  let read = i;
  let k = i;
  for (; k < tokens.length; k++) {
    const w = tokens[k].w.toLowerCase();
    const small = SMALL.indexOf(w);
    const tens = TENS.indexOf(w);
    const rest = group % 100n;
    if (small > 0) {
      // "twenty one" but not "one two" or "twenty twelve".
      if (rest !== 0n && !(rest >= 20n && rest % 10n === 0n && small < 10)) break;
      group += BigInt(small);
    } else if (tens > 1) {
      if (rest !== 0n) break;
      group += BigInt(tens * 10);
    } else if (w === 'hundred') {
      if (group === 0n || group >= 10n) break;
      group *= 100n;
    } else if (w === 'and') {
      // Only inside a number: "two hundred and fifty"; checked when the next word comes.
      if (group === 0n && total === 0n) break;
      continue;
    } else {
      const scale = SCALES[w];
      if (group === 0n || scale >= lastScale) break;
      total += group * scale;
      group = 0n;
      lastScale = scale;
    }
    read = k + 1;
  }
  return read > i ? { value: total + group, next: read } : undefined;
}

/**
 * Every number written in words in `text`. Words belong to one number only
 * when nothing but spaces, a hyphen or "and" stands between them.
 */
export function wordNumbers(text: string): WordNumber[] {
  const tokens = [...text.matchAll(WORD)].map((m) => ({ w: m[0], index: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
  const out: WordNumber[] = [];
  let i = 0;
  while (i < tokens.length) {
    // The run of tokens joined by spaces or hyphens only.
    let j = i + 1;
    while (j < tokens.length && /^[\s-]+$/.test(text.slice(tokens[j - 1].end, tokens[j].index))) j++;
    const run = tokens.slice(i, j);
    let k = 0;
    while (k < run.length) {
      const n = readNumber(run, k);
      if (!n) {
        k++;
        continue;
      }
      // A trailing "and" is not part of the number.
      let last = n.next - 1;
      while (last > k && run[last].w.toLowerCase() === 'and') last--;
      const glued = /[\p{L}\p{N}]$/u.test(text.slice(0, run[k].index)) || /^[\p{L}\p{N}]/u.test(text.slice(run[last].end));
      if (!glued) out.push({ index: run[k].index, end: run[last].end, num: n.value.toString(), magnitude: 0, ordinal: false, word: true });
      k = last + 1;
    }
    i = j;
  }
  return out;
}

const CN_DIGITS = '零一二三四五六七八九';

/** 24 → 二十四, 100 → 一百: how Chinese writes the number of an English ordinal (24th) or name (No. 2). */
export function chineseNumeral(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  if (n < 20) return `十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  if (n < 100) return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  if (n >= 1000) return String(n);
  const rest = n % 100;
  return `${CN_DIGITS[Math.floor(n / 100)]}百${rest === 0 ? '' : rest < 10 ? `零${CN_DIGITS[rest]}` : rest < 20 ? `一${chineseNumeral(rest)}` : chineseNumeral(rest)}`;
}
