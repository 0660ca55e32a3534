/**
 * How wide a character sets in a fixed grid: East Asian wide characters
 * (CJK, kana, Hangul, full-width forms) take two columns, others one. One
 * table for the terminal's code frames and the workbook's column widths, so
 * that both agree on what is wide.
 */

/** True for an East Asian wide (or full-width) code point. */
export function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) || // Hangul Jamo
    (cp >= 0x2e80 && cp <= 0xa4cf) || // CJK radicals and punctuation, kana, CJK symbols, extension A, ideographs, Yi
    (cp >= 0xac00 && cp <= 0xd7a3) || // Hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs
    (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
    (cp >= 0xff00 && cp <= 0xff60) || // full-width forms （），：
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd) // CJK extensions B+
  );
}

/** Columns a string takes: wide characters count 2, others 1. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
  return w;
}
