/**
 * The text changes of a new edition: the report's years advanced, and the
 * session date replaced by a placeholder the editors must fill.
 */

/** The placeholders `baogao new` writes where only the editors know the value. */
export const PLACEHOLDERS = {
  /** Day and month of the session, Chinese: `2024年×月×日`. */
  zhDate: '×月×日',
  /** Day and month of the session, English: `[day] [month] 2024`. */
  enDate: '[day] [month]',
} as const;

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';

/**
 * Replaces each of `years` written as a year (four digits, not part of a
 * longer number) by the year `by` later. All years move at once, so 2022→2023
 * and 2023→2024 do not chain.
 */
export function shiftYears(text: string, years: readonly number[], by: number): string {
  return text.replace(/(?<!\d|\d\.)\d{4}(?!\d|\.\d|%)/g, (m) => (years.includes(Number(m)) ? String(Number(m) + by) : m));
}

/** `2023年1月5日` → `2024年×月×日`: the session date, unknown until the session is set. */
export function zhDatePlaceholder(text: string, year: number): string {
  return text.replace(/\d{4}年\d{1,2}月\d{1,2}日/g, `${year}年${PLACEHOLDERS.zhDate}`);
}

/** `5 January 2023` or `January 5, 2023` → `[day] [month] 2024`. */
export function enDatePlaceholder(text: string, year: number): string {
  return text
    .replace(new RegExp(`\\b\\d{1,2} (?:${MONTHS}) \\d{4}\\b`, 'g'), `${PLACEHOLDERS.enDate} ${year}`)
    .replace(new RegExp(`\\b(?:${MONTHS}) \\d{1,2}, \\d{4}\\b`, 'g'), `${PLACEHOLDERS.enDate} ${year}`);
}
