/**
 * Counts and orderings without ICU. `toLocaleString` and `localeCompare`
 * load ICU's number and collation data on first use, ~10 ms each, which
 * `baogao check` paid on every run for a comma in "1,230 terms" and for
 * sorting file names (issue 17); `localeCompare` also orders by the
 * machine's locale, where outputs must not depend on the machine.
 */

/** A whole number with thousands separators, as `n.toLocaleString('en')` writes it: 1,230. */
export function countText(n: number): string {
  const s = String(Math.trunc(n));
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Orders strings by UTF-16 code unit: the same on every machine. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
