/**
 * Rule `typography` (warning): Chinese text is set the way the report sets
 * it. In the Chinese prose and the Chinese texts of the tables it flags
 * half-width punctuation next to Chinese characters (`,` for `，`, `(` for
 * `（`), full-width digits (`２０２２`), and a space between a number and the
 * Chinese unit or character after it (`1600 亿元`, `5 %`), each at the exact
 * character to edit. In the English prose it flags a figure of five or more
 * digits written without thousands separators (`10324` for `10,324`), the
 * style the English uses everywhere else; a number the Chinese also writes
 * bare (`12345` of the 12345 hotline) is a name, not a figure, and is left alone.
 * In both languages a zero-width or bidirectional control character next to a
 * digit is an error, named by its code point: it splits the figure invisibly.
 */
import { alignedBlocks, blocksOf } from '../markdown/blocks.js';
import type { Lang, Place, Table } from '../model.js';
import { scanZh } from '../quantity/parse-zh.js';
import { flatten, isInText, placeAt, yamlTextPlace } from '../model/text-places.js';
import type { Rule, RuleContext } from './rule.js';
import { flatKey, remembered } from './memo.js';

/** Half-width marks and the full-width marks Chinese text uses instead. */
const FULL: Record<string, string> = { ',': '，', '(': '（', ')': '）', ':': '：', ';': '；', '?': '？', '!': '！' };

/** A Chinese character, CJK punctuation or a full-width form. */
const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’]/u;

interface Problem {
  offset: number;
  message: string;
}

/** The typographic problems of one Chinese text, by character offset. */
export function typographyProblems(text: string, inText: (k: number) => boolean = () => true): Problem[] {
  const out: Problem[] = [];
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    const prev = text[k - 1] ?? '';
    const next = text[k + 1] ?? '';
    if (ch in FULL && (CJK.test(prev) || CJK.test(next))) {
      out.push({ offset: k, message: `half-width "${ch}" in Chinese text; write "${FULL[ch]}"` });
    } else if (/[０-９]/.test(ch) && !/[０-９]/.test(prev)) {
      const run = /^[０-９]+/.exec(text.slice(k))![0];
      const ascii = [...run].map((c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).join('');
      out.push({ offset: k, message: `full-width digits "${run}"; write "${ascii}"` });
    } else if (/[ \u00a0\u3000]/.test(ch) && /[0-9０-９]/.test(prev)) {
      const after = /^[ \u00a0\u3000]+(.)/u.exec(text.slice(k));
      if (after && (/\p{Script=Han}/u.test(after[1]) || after[1] === '%')) {
        out.push({ offset: k, message: `space between the number and "${after[1]}"; Chinese text writes them together` });
      }
    }
  }
  // Characters of a :num directive's stand-in or a separator are not the author's text.
  return out.filter((p) => inText(p.offset));
}

/** Invisible characters that split or reorder a figure when pasted into one (from a PDF, a web page). */
const INVISIBLE: Record<string, string> = {
  '\u200b': 'ZERO WIDTH SPACE',
  '\u200c': 'ZERO WIDTH NON-JOINER',
  '\u200d': 'ZERO WIDTH JOINER',
  '\u2060': 'WORD JOINER',
  '\ufeff': 'ZERO WIDTH NO-BREAK SPACE',
  '\u00ad': 'SOFT HYPHEN',
  '\u200e': 'LEFT-TO-RIGHT MARK',
  '\u200f': 'RIGHT-TO-LEFT MARK',
  '\u202a': 'LEFT-TO-RIGHT EMBEDDING',
  '\u202b': 'RIGHT-TO-LEFT EMBEDDING',
  '\u202c': 'POP DIRECTIONAL FORMATTING',
  '\u202d': 'LEFT-TO-RIGHT OVERRIDE',
  '\u202e': 'RIGHT-TO-LEFT OVERRIDE',
  '\u2066': 'LEFT-TO-RIGHT ISOLATE',
  '\u2067': 'RIGHT-TO-LEFT ISOLATE',
  '\u2068': 'FIRST STRONG ISOLATE',
  '\u2069': 'POP DIRECTIONAL ISOLATE',
};

/** Zero-width and bidirectional control characters next to a digit: named, at the character (errors). */
export function invisibleInFigures(text: string): Problem[] {
  const out: Problem[] = [];
  for (let k = 0; k < text.length; k++) {
    const name = INVISIBLE[text[k]];
    if (!name || !(/\d/.test(text[k - 1] ?? '') || /\d/.test(text[k + 1] ?? ''))) continue;
    const code = text.charCodeAt(k).toString(16).toUpperCase().padStart(4, '0');
    const shown = text.slice(Math.max(0, k - 6), k + 7).replace(/[\u00ad\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/gu, '');
    out.push({
      offset: k,
      message: `invisible U+${code} ${name} inside the figure in "${shown}": delete it; the figure is not read as one number while it is there`,
    });
  }
  return out;
}

/** Counts the numbers of a text: what the summary reports as examined. */
const numbers = (text: string) => (text.match(/[0-9０-９]+(?:[.．][0-9０-９]+)?/g) ?? []).length;

function checkText(text: string, placeOf: (k: number) => Place, inText: (k: number) => boolean, ctx: RuleContext): void {
  ctx.examined(numbers(text));
  for (const p of typographyProblems(text, inText)) ctx.report({ severity: 'warning', place: placeOf(p.offset), message: p.message });
  for (const p of invisibleInFigures(text)) if (inText(p.offset)) ctx.report({ severity: 'error', place: placeOf(p.offset), message: p.message });
}

/** Every text of a table in one language, with the YAML place its search starts from. */
function tableTexts(table: Table, lang: Lang = 'zh', wordsOnly = false): { text: string; place: Place }[] {
  const out = [{ text: table.caption[lang], place: table.place }];
  if (table.source) out.push({ text: table.source[lang], place: table.place });
  for (const c of table.columns) out.push({ text: c.header[lang], place: c.place });
  for (const row of table.rows) {
    for (const cell of Object.values(row.cells)) {
      if (cell.items) for (const it of cell.items) out.push({ text: it.text[lang], place: it.place });
      else if (!(wordsOnly && cell.quantity && cell.text[lang] === cell.quantity.digits)) out.push({ text: cell.text[lang], place: cell.place });
    }
  }
  for (const n of table.notes) out.push({ text: n.text[lang], place: n.place });
  return out;
}

/** A hyphen typed for a minus sign in English text: `-1.9%` for `−1.9%` (COVID-19 and 2021-2025 are not minus signs). */
export function hyphenMinus(text: string): Problem[] {
  return [...text.matchAll(/(?<![\p{L}\p{N}-])-(?=\d)/gu)].map((m) => ({
    offset: m.index ?? 0,
    message: `a hyphen typed for a minus sign; English text writes "−${/^-([\d.,]+)/.exec(text.slice(m.index ?? 0))?.[1] ?? ''}" (U+2212)`,
  }));
}

/** Bare numbers of the Chinese text (no unit after them): names and codes such as 12345. */
function bareZh(text: string): Set<string> {
  return new Set(
    scanZh(text)
      .filter((f) => f.quantity.unit === '')
      .map((f) => f.quantity.digits),
  );
}

/** English figures of 5+ digits without separators, by offset; `names` are left alone. */
export function ungroupedEnglish(text: string, names: Set<string>): Problem[] {
  const out: Problem[] = [];
  for (const m of text.matchAll(/(?<![\d,.])\d{5,}(?![\d,])/g)) {
    if (names.has(m[0])) continue;
    const grouped = m[0].replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    out.push({ offset: m.index ?? 0, message: `"${m[0]}" in English text; write "${grouped}" (thousands separators, as elsewhere in the English)` });
  }
  return out;
}

export const typographyRule: Rule = {
  id: 'typography',
  description:
    'Chinese text uses full-width punctuation and ASCII digits, with no space before a unit; English figures group thousands and negative figures take a minus sign',
  run(ctx) {
    for (const ch of ctx.edition.chapters) {
      const { file, tree } = ch.docs.zh;
      for (const block of blocksOf(tree)) {
        if (block.type === 'leafDirective') continue;
        const flat = flatten(block);
        remembered(
          ctx,
          () => ['typography:zh', file, flatKey(flat)].join('\u0001'),
          (c) =>
            checkText(
              flat.text,
              (k) => placeAt(flat, k, file),
              (k) => isInText(flat, k),
              c,
            ),
        );
      }
      const en = ch.docs.en;
      for (const { zh: zhBlock, en: block } of alignedBlocks(ch)) {
        if (!block || block.type === 'leafDirective') continue;
        const flat = flatten(block);
        const zhText = zhBlock ? flatten(zhBlock).text : undefined;
        // The Chinese decides which bare numbers are names, so it is part of the key.
        remembered(
          ctx,
          () => ['typography:en', en.file, flatKey(flat), zhText ?? '\u0000'].join('\u0001'),
          (c) => {
            const names = zhText !== undefined ? bareZh(zhText) : new Set<string>();
            c.examined((flat.text.match(/\d{5,}/g) ?? []).length);
            for (const p of [...ungroupedEnglish(flat.text, names), ...hyphenMinus(flat.text)])
              if (isInText(flat, p.offset)) c.report({ severity: 'warning', place: placeAt(flat, p.offset, en.file), message: p.message });
            for (const p of invisibleInFigures(flat.text))
              if (isInText(flat, p.offset)) c.report({ severity: 'error', place: placeAt(flat, p.offset, en.file), message: p.message });
          },
        );
      }
    }
    for (const table of ctx.edition.tables) {
      const key = () =>
        ['typography:table', ctx.memo?.fileVersion(table.place.file), JSON.stringify([tableTexts(table), tableTexts(table, 'en')])].join('\u0001');
      remembered(ctx, key, (c) => tableTypography(table, c));
    }
  },
};

/** The table texts of one table, checked as a whole: they come from one YAML node. */
function tableTypography(table: Table, ctx: RuleContext): void {
  for (const t of tableTexts(table))
    checkText(
      t.text,
      (k) => yamlTextPlace(t.place, t.text, k),
      () => true,
      ctx,
    );
  for (const t of tableTexts(table, 'en'))
    for (const p of invisibleInFigures(t.text)) ctx.report({ severity: 'error', place: yamlTextPlace(t.place, t.text, p.offset), message: p.message });
  // Number cells are data, printed as written in both languages; the English texts are words.
  for (const t of tableTexts(table, 'en', true))
    for (const p of hyphenMinus(t.text)) ctx.report({ severity: 'warning', place: yamlTextPlace(t.place, t.text, p.offset), message: p.message });
}
