/**
 * The placeholders `baogao new` writes where only the editors know the value,
 * and how to recognise them, so that none is ever printed as if it were real.
 */

/** Day and month of the session: `2024年×月×日`, `[day] [month] 2024`; a date `2024-××-××`. */
export const PLACEHOLDER_PATTERN = /×月×日|\[day\] \[month\]|\d{4}-××-××/u;

export function hasPlaceholder(text: string): boolean {
  return PLACEHOLDER_PATTERN.test(text);
}
