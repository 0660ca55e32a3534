/**
 * Just enough of a PDF content-stream reader to find where each glyph of a
 * text object is drawn: the text objects (BT … ET) of a page with their font,
 * size and every glyph's code and origin in page space, and the byte offsets
 * of the strings that hold the glyphs, so that a caller can swap glyphs
 * without touching a byte around them. Anything the reader does not follow
 * (an inline image, a text state it does not track) is reported, never
 * guessed at: the caller then prints again instead.
 */

/** A PDF matrix [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m × n: first m, then n. */
export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** One shown glyph: its 2-byte code (the glyph id under Identity-H) and its origin in page space. */
export interface Glyph {
  code: number;
  x: number;
  y: number;
}

/** A hex string operand of a show operator: where its text lies in the stream. */
export interface GlyphString {
  /** Offsets of the `<` and one past the `>`. */
  start: number;
  end: number;
  /** Index in {@link TextObject.glyphs} of its first glyph. */
  first: number;
  count: number;
}

/** One BT … ET. */
export interface TextObject {
  /** Offsets of `BT` and one past `ET`. */
  start: number;
  end: number;
  /** The font resource name (`F19`) of the first Tf, and its size. */
  font: string;
  size: number;
  glyphs: Glyph[];
  strings: GlyphString[];
  /** Only Tf, Tm, Td and hex-string Tj/TJ with one font inside: its glyphs can be swapped for others of the same width. */
  simple: boolean;
}

/** Advance width of a glyph in thousandths of the font size. */
export type Widths = (font: string, code: number) => number;

type Operand = number | string | { hex: string; start: number; end: number } | Operand[] | null;

const DELIM = new Set('()<>[]{}/%'.split(''));
const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\f' || c === '\0';

/** The text objects of a content stream (bytes read as Latin-1, so offsets are byte offsets). */
export function textObjects(src: string, widths: Widths): TextObject[] {
  const out: TextObject[] = [];
  const ctmStack: Matrix[] = [];
  let ctm = IDENTITY;
  let tm = IDENTITY;
  let tlm = IDENTITY;
  let font = '';
  let size = 0;
  let cur: TextObject | undefined;
  let ops: Operand[] = [];
  const stack: Operand[][] = [];
  let i = 0;
  const push = (v: Operand) => (stack.length ? stack[stack.length - 1] : ops).push(v);
  const num = (k: number) => (typeof ops[ops.length - k] === 'number' ? (ops[ops.length - k] as number) : NaN);

  const show = (s: { hex: string; start: number; end: number }) => {
    if (!cur) return;
    const hex = s.hex.replace(/\s+/g, '');
    if (hex.length % 4) cur.simple = false;
    const first = cur.glyphs.length;
    for (let k = 0; k + 4 <= hex.length; k += 4) {
      const code = parseInt(hex.slice(k, k + 4), 16);
      const [x, y] = apply(multiply(tm, ctm), 0, 0);
      cur.glyphs.push({ code, x, y });
      tm = multiply([1, 0, 0, 1, (widths(font, code) / 1000) * size, 0], tm);
    }
    cur.strings.push({ start: s.start, end: s.end, first, count: cur.glyphs.length - first });
  };

  const operator = (op: string, at: number, end: number) => {
    switch (op) {
      case 'q':
        ctmStack.push(ctm);
        break;
      case 'Q':
        ctm = ctmStack.pop() ?? IDENTITY;
        break;
      case 'cm':
        ctm = multiply([num(6), num(5), num(4), num(3), num(2), num(1)], ctm);
        break;
      case 'BT':
        tm = tlm = IDENTITY;
        cur = { start: at, end, font, size, glyphs: [], strings: [], simple: true };
        break;
      case 'ET':
        if (cur) out.push({ ...cur, end });
        cur = undefined;
        break;
      case 'Tf': {
        // The font's resource name, e.g. /F4 (a name is read as a string operand).
        const name = ops[ops.length - 2];
        const next = typeof name === 'string' ? name : '';
        if (cur && cur.glyphs.length && next !== font) cur.simple = false;
        font = next;
        size = num(1);
        if (cur && !cur.glyphs.length) Object.assign(cur, { font, size });
        break;
      }
      case 'Tm':
        tm = tlm = [num(6), num(5), num(4), num(3), num(2), num(1)];
        break;
      case 'Td':
        tm = tlm = multiply([1, 0, 0, 1, num(2), num(1)], tlm);
        break;
      case 'Tj': {
        const s = ops[ops.length - 1];
        if (s && typeof s === 'object' && 'hex' in s) show(s);
        else if (cur) cur.simple = false;
        break;
      }
      case 'TJ': {
        const arr = ops[ops.length - 1];
        for (const el of Array.isArray(arr) ? arr : []) {
          if (typeof el === 'number') tm = multiply([1, 0, 0, 1, (-el / 1000) * size, 0], tm);
          else if (el && typeof el === 'object' && 'hex' in el) show(el);
          else if (cur) cur.simple = false;
        }
        break;
      }
      case 'BI':
      case 'ID':
        // Binary data follows that this reader cannot step over safely.
        throw new Error('the content stream has an inline image');
      default:
        // Text state the reader does not follow (Tc, Tw, Tz, TL, Ts, T*, ', ", TD) would move glyphs.
        if (cur && /^(Tc|Tw|Tz|TL|Ts|T\*|'|"|TD)$/.test(op)) cur.simple = false;
    }
  };

  while (i < src.length) {
    const c = src[i];
    if (isSpace(c)) {
      i++;
    } else if (c === '%') {
      while (i < src.length && src[i] !== '\n' && src[i] !== '\r') i++;
    } else if (c === '(') {
      // Literal strings: kept as text; only hex strings are taken as glyphs.
      let depth = 0;
      const start = i;
      for (; i < src.length; i++) {
        if (src[i] === '\\') i++;
        else if (src[i] === '(') depth++;
        else if (src[i] === ')' && --depth === 0) break;
      }
      i++;
      push(src.slice(start, i));
    } else if (c === '<' && src[i + 1] === '<') {
      stack.push([]);
      i += 2;
    } else if (c === '>' && src[i + 1] === '>') {
      stack.pop();
      push(null);
      i += 2;
    } else if (c === '<') {
      const start = i;
      const close = src.indexOf('>', i);
      if (close < 0) throw new Error('unterminated hex string in a content stream');
      i = close + 1;
      push({ hex: src.slice(start + 1, close), start, end: i });
    } else if (c === '[') {
      stack.push([]);
      i++;
    } else if (c === ']') {
      const arr = stack.pop() ?? [];
      push(arr);
      i++;
    } else if (c === '/') {
      const start = i++;
      while (i < src.length && !isSpace(src[i]) && !DELIM.has(src[i])) i++;
      push(src.slice(start + 1, i));
    } else {
      const start = i;
      while (i < src.length && !isSpace(src[i]) && !DELIM.has(src[i])) i++;
      if (i === start) i++;
      const word = src.slice(start, i);
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) push(Number(word));
      else if (stack.length) push(word);
      else {
        operator(word, start, i);
        ops = [];
      }
    }
  }
  return out;
}
