/**
 * Rule `glossary` (warning): a name the glossary fixes is rendered the fixed
 * way. Where a glossary term occurs in a Chinese block (paragraph, heading,
 * list, table caption, cell, list item), the aligned English block must
 * contain the term's rendering.
 *
 * The comparison tolerates what does not change the name: letter case, the
 * quote style ("…" or “…”), apostrophes, a hyphen written as a space, and a
 * simple plural or possessive (Global Service Provider's / Providers).
 */
import { alignedBlocks } from '../markdown/blocks.js';
import type { Bi, GlossaryTerm, Place } from '../model.js';
import { flatten, isInText, placeAt, yamlTextPlace } from '../model/text-places.js';
import type { Rule, RuleContext } from './rule.js';
import { refLabel } from '../model/labels.js';
import { flatKey, remembered } from './memo.js';

/** Lower case, no quotes or apostrophes, one space for any run of spaces or dashes. */
export function normalize(s: string): string {
  return s
    .toLowerCase()
    .replace(/["“”„«»'‘’`]/g, '')
    .replace(/[\s\-‐‑–—]+/g, ' ')
    .trim();
}

/** A pattern for the rendering that accepts a plural or possessive of each word. */
export function renderingPattern(en: string): RegExp {
  const words = normalize(en).split(' ').filter(Boolean);
  const parts = words.map((w) => {
    const stem = w.length > 3 && /[^s]s$/.test(w) ? w.slice(0, -1) : w;
    return stem.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') + (/[a-z]$/.test(stem) ? '(?:s|es)?' : '');
  });
  return new RegExp(`(?<![a-z0-9])${parts.join(' ')}(?![a-z0-9])`);
}

/**
 * The rendering as written: its letter case (but for the first letter, which
 * opens a sentence) and its quotation marks (in any style) are part of it, so
 * that "Six Increases" Plan is not also written Six Increases plan.
 */
export function writtenPattern(en: string): { test(text: string): boolean } {
  let first = true;
  const parts = [...en.trim()].map((c) => {
    if (/["“”„«»]/.test(c)) return '["“”„«»]';
    if (/['‘’]/.test(c)) return "['‘’]";
    if (/[\s\-‐‑–—]/.test(c)) return SPACE_RUN;
    if (first && /\p{L}/u.test(c)) {
      first = false;
      return `[${c.toLowerCase()}${c.toUpperCase()}]`;
    }
    return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  });
  const body = parts.join('').replace(/(\[\\s\\-‐‑–—\]\+)+/g, SPACE_RUN);
  // A run of spaces at either end could give back characters to the boundary tests: only the whole pattern is exact there.
  if (parts[0] === SPACE_RUN || parts.at(-1) === SPACE_RUN) return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?:s|es|['’]s)?(?![\\p{L}\\p{N}])`, 'u');
  // The same test as that pattern, with the letter-or-digit boundaries tested by one shared pattern:
  // compiling \p{L} into each of a hundred patterns was a tenth of a whole `baogao check` (issue 17).
  const core = new RegExp(body, 'gu');
  return {
    test(text) {
      // Every start, overlapping ones too: the pattern would try each position.
      core.lastIndex = 0;
      for (let m = core.exec(text); m; m = core.exec(text)) {
        const end = m.index + m[0].length;
        if (!wordishBefore(text, m.index) && SUFFIXES.some((s) => text.startsWith(s, end) && !wordishAt(text, end + s.length))) return true;
        core.lastIndex = m.index + (text.codePointAt(m.index)! > 0xffff ? 2 : 1);
      }
      return false;
    },
  };
}

const SPACE_RUN = '[\\s\\-‐‑–—]+';
const WORDISH = /^[\p{L}\p{N}]$/u;
/** What may follow a rendering: a plural or possessive, or nothing (tried in the order the pattern tried them). */
const SUFFIXES = ['s', 'es', "'s", '’s', ''];

/** The code point at `i` is a letter or digit. */
function wordishAt(text: string, i: number): boolean {
  const cp = text.codePointAt(i);
  return cp !== undefined && WORDISH.test(String.fromCodePoint(cp));
}

/** The code point that ends just before `i` is a letter or digit (a surrogate pair read as one). */
function wordishBefore(text: string, i: number): boolean {
  if (i === 0) return false;
  const lo = text.charCodeAt(i - 1);
  const pair = i >= 2 && lo >= 0xdc00 && lo <= 0xdfff && text.charCodeAt(i - 2) >= 0xd800 && text.charCodeAt(i - 2) <= 0xdbff;
  return wordishAt(text, pair ? i - 2 : i - 1);
}

/** Every occurrence of every term, longest first, never overlapping (苏河湾 inside 苏河湾万象天地 is not a separate term). */
function occurrences(text: string, terms: GlossaryTerm[]): { term: GlossaryTerm; index: number }[] {
  const taken = new Array<boolean>(text.length).fill(false);
  const out: { term: GlossaryTerm; index: number }[] = [];
  for (const term of terms) {
    for (let i = text.indexOf(term.zh); i >= 0; i = text.indexOf(term.zh, i + term.zh.length)) {
      if (taken.slice(i, i + term.zh.length).some(Boolean)) continue;
      taken.fill(true, i, i + term.zh.length);
      out.push({ term, index: i });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

interface Pair {
  text: Bi;
  /** Where character `offset` of the Chinese text is. */
  placeOf(offset: number): Place;
  /** True when the character belongs to the text (not to a `:num`). */
  inText(offset: number): boolean;
  enPlace: Place;
  enLabel: string;
}

/** A term's two patterns, compiled once per run: a Unicode pattern costs more to compile than to test. */
interface Patterns {
  loose: RegExp;
  written: { test(text: string): boolean };
}

function check(pair: Pair, terms: GlossaryTerm[], patterns: Map<string, Patterns>, ctx: RuleContext): void {
  const en = normalize(pair.text.en);
  const reported = new Set<GlossaryTerm>();
  for (const { term, index } of occurrences(pair.text.zh, terms)) {
    if (!pair.inText(index)) continue;
    ctx.examined();
    const p = patterns.get(term.en)!;
    const loose = p.loose.test(en);
    if ((loose && p.written.test(pair.text.en)) || reported.has(term)) continue;
    reported.add(term);
    const shown = /["“”]/.test(term.en) ? term.en : `"${term.en}"`;
    ctx.report({
      severity: 'warning',
      place: pair.placeOf(index),
      message: loose
        ? `glossary: ${term.zh} is rendered ${shown}; the English ${pair.enLabel} writes it with other capitals or quotation marks`
        : `glossary: ${term.zh} is rendered ${shown}, which the English ${pair.enLabel} does not contain`,
      other: { ...pair.enPlace, label: `English ${pair.enLabel}` },
      expected: term.en,
    });
  }
}

export const glossaryRule: Rule = {
  id: 'glossary',
  description: 'glossary terms in Chinese are rendered with their glossary English',
  run(ctx) {
    const { edition } = ctx;
    const terms = [...edition.glossary].sort((a, b) => b.zh.length - a.zh.length);
    if (terms.length === 0) return;
    // Every result depends on the whole glossary: a term added can take over a longer or shorter one.
    const glossaryKey = ctx.memo?.versionOf('glossary', JSON.stringify(terms.map((t) => [t.zh, t.en]))) ?? 0;
    const compile = () => new Map(terms.map((t) => [t.en, { loose: renderingPattern(t.en), written: writtenPattern(t.en) }]));
    const patterns = ctx.memo ? ctx.memo.recall(`glossary:patterns\u0001${glossaryKey}`, compile) : compile();
    for (const ch of edition.chapters) {
      for (const { zh: block, en: other, zhIndex } of alignedBlocks(ch)) {
        const i = zhIndex ?? 0;
        if (!block || !other || block.type === 'leafDirective') continue;
        const fz = flatten(block);
        const fe = flatten(other);
        const enPlace = { file: ch.docs.en.file, line: other.position?.start.line ?? 1, column: other.position?.start.column ?? 1 };
        const key = () => ['glossary', glossaryKey, ch.docs.zh.file, flatKey(fz), JSON.stringify(enPlace), i, fe.text].join('\u0001');
        remembered(ctx, key, (c) =>
          check(
            {
              text: { zh: fz.text, en: fe.text },
              placeOf: (k) => placeAt(fz, k, ch.docs.zh.file),
              inText: (k) => isInText(fz, k),
              enPlace,
              enLabel: `block ${i + 1}`,
            },
            terms,
            patterns,
            c,
          ),
        );
      }
    }
    for (const table of edition.tables) {
      const name = refLabel('table', table.number, 'zh', edition.meta.style.numbering);
      const texts: { text: Bi; place: Place; what: string }[] = [{ text: table.caption, place: table.place, what: `caption of ${name}` }];
      for (const row of table.rows) {
        for (const cell of Object.values(row.cells)) {
          if (cell.items) cell.items.forEach((it, k) => texts.push({ text: it.text, place: it.place, what: `item ${k + 1} of ${name} ${row.id}` }));
          else if (!cell.quantity || cell.text.zh !== cell.quantity.digits)
            texts.push({ text: cell.text, place: cell.place, what: `cell ${name} ${row.id}/${cell.column}` });
        }
      }
      for (const n of table.notes) texts.push({ text: n.text, place: n.place, what: `note of ${name}` });
      const version = ctx.memo?.fileVersion(table.place.file) ?? 0;
      for (const t of texts) {
        const key = () => ['glossary', glossaryKey, version, JSON.stringify(t)].join('\u0001');
        remembered(ctx, key, (c) =>
          check(
            { text: t.text, placeOf: (k) => yamlTextPlace(t.place, t.text.zh, k), inText: () => true, enPlace: t.place, enLabel: t.what },
            terms,
            patterns,
            c,
          ),
        );
      }
    }
  },
};
