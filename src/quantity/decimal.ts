/**
 * Exact decimal arithmetic on figures as written. Floating point would turn
 * 279.42 × 10⁸ into 27941999999.999996; a report cannot afford that.
 */

/** A decimal number: mantissa × 10^-decimals. */
export interface Dec {
  mant: bigint;
  decimals: number;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** True for a number as a report writes it: `-1.9`, `280.01`, `8376`. */
export function isDecimal(s: string): boolean {
  return NUMBER.test(s);
}

/** Parses `-12.340` exactly, keeping its three decimals. */
export function parseDec(s: string): Dec {
  if (!NUMBER.test(s)) throw new Error(`not a decimal number: ${s}`);
  const neg = s.startsWith('-');
  const body = neg ? s.slice(1) : s;
  const [int, frac = ''] = body.split('.');
  const mant = BigInt(int + frac) * (neg ? -1n : 1n);
  return { mant, decimals: frac.length };
}

/** Writes a decimal with exactly its number of decimals. */
export function formatDec(d: Dec): string {
  const neg = d.mant < 0n;
  let s = (neg ? -d.mant : d.mant).toString().padStart(d.decimals + 1, '0');
  if (d.decimals > 0) s = `${s.slice(0, s.length - d.decimals)}.${s.slice(s.length - d.decimals)}`;
  return (neg ? '-' : '') + s;
}

/**
 * Multiplies by 10^k, keeping the precision as written: 279.42 (two decimals)
 * shifted by -1 gives 27.942. A whole number states no decimals, so trailing
 * zeros of the result are dropped: 1480 shifted by -1 gives 148.
 */
export function shift(digits: string, k: number): string {
  const d = parseDec(digits);
  const decimals = d.decimals - k;
  let out: Dec = decimals >= 0 ? { mant: d.mant, decimals } : { mant: d.mant * 10n ** BigInt(-decimals), decimals: 0 };
  if (d.decimals === 0) out = trimZeros(out);
  return formatDec(out);
}

function trimZeros(d: Dec): Dec {
  let { mant, decimals } = d;
  while (decimals > 0 && mant % 10n === 0n) {
    mant /= 10n;
    decimals -= 1;
  }
  return { mant, decimals };
}

/** Brings two decimals to a common number of decimals. */
function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const n = Math.max(a.decimals, b.decimals);
  return [a.mant * 10n ** BigInt(n - a.decimals), b.mant * 10n ** BigInt(n - b.decimals), n];
}

export function addDec(a: Dec, b: Dec): Dec {
  const [x, y, n] = align(a, b);
  return { mant: x + y, decimals: n };
}

export function subDec(a: Dec, b: Dec): Dec {
  const [x, y, n] = align(a, b);
  return { mant: x - y, decimals: n };
}

export function compareDec(a: Dec, b: Dec): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function absDec(a: Dec): Dec {
  return { mant: a.mant < 0n ? -a.mant : a.mant, decimals: a.decimals };
}

/** The value of a decimal times 10^scale, as a decimal: exact equality across scales. */
export function scaled(digits: string, scale: number): Dec {
  const d = parseDec(digits);
  return scale >= d.decimals ? { mant: d.mant * 10n ** BigInt(scale - d.decimals), decimals: 0 } : { mant: d.mant, decimals: d.decimals - scale };
}

/** Half a unit in the last written place: the rounding tolerance of a figure. */
export function halfUlp(digits: string): Dec {
  const d = parseDec(digits);
  return { mant: 5n, decimals: d.decimals + 1 };
}

/** Rounds half away from zero to `dp` decimals (the way reports round). */
export function roundDigits(digits: string, dp: number): string {
  const d = parseDec(digits);
  if (d.decimals <= dp) return formatDec({ mant: d.mant * 10n ** BigInt(dp - d.decimals), decimals: dp });
  const div = 10n ** BigInt(d.decimals - dp);
  const neg = d.mant < 0n;
  const abs = neg ? -d.mant : d.mant;
  let q = abs / div;
  if ((abs % div) * 2n >= div) q += 1n;
  return formatDec({ mant: neg ? -q : q, decimals: dp });
}

/** Groups thousands with commas: 8376 → 8,376 (English style). */
export function groupThousands(digits: string): string {
  const neg = digits.startsWith('-');
  const [int, frac] = (neg ? digits.slice(1) : digits).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + grouped + (frac !== undefined ? `.${frac}` : '');
}
