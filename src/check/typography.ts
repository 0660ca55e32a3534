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
 */
import type { RootContent } from 'mdast';
import { alignedBlocks, blocksOf } from '../markdown/blocks.js';
import type { Place, Table } from '../model.js';
import { scanZh } from '../quantity/parse-zh.js';
import { flatten, isInText, placeAt, yamlTextPlace } from './text-places.js';
import type { Rule, RuleContext } from './rule.js';

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

/** Counts the numbers of a text: what the summary reports as examined. */
const numbers = (text: string) => (text.match(/[0-9０-９]+(?:[.．][0-9０-９]+)?/g) ?? []).length;

function checkText(text: string, placeOf: (k: number) => Place, inText: (k: number) => boolean, ctx: RuleContext): void {
  ctx.examined(numbers(text));
  for (const p of typographyProblems(text, inText)) ctx.report({ severity: 'warning', place: placeOf(p.offset), message: p.message });
}

/** Every Chinese text of a table, with the YAML place its search starts from. */
function tableTexts(table: Table): { text: string; place: Place }[] {
  const out = [{ text: table.caption.zh, place: table.place }];
  if (table.source) out.push({ text: table.source.zh, place: table.place });
  for (const c of table.columns) out.push({ text: c.header.zh, place: c.place });
  for (const row of table.rows) {
    for (const cell of Object.values(row.cells)) {
      if (cell.items) for (const it of cell.items) out.push({ text: it.text.zh, place: it.place });
      else out.push({ text: cell.text.zh, place: cell.place });
    }
  }
  for (const n of table.notes) out.push({ text: n.text.zh, place: n.place });
  return out;
}

/** Bare numbers of the Chinese text (no unit after them): names and codes such as 12345. */
function bareZh(text: string): Set<string> {
  return new Set(scanZh(text).filter((f) => f.quantity.unit === '').map((f) => f.quantity.digits));
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
  description: 'Chinese text uses full-width punctuation and ASCII digits, with no space before a unit; English figures group thousands',
  run(ctx) {
    for (const ch of ctx.edition.chapters) {
      const { file, tree } = ch.docs.zh;
      for (const block of blocksOf(tree) as RootContent[]) {
        if (block.type === 'leafDirective') continue;
        const flat = flatten(block);
        checkText(flat.text, (k) => placeAt(flat, k, file), (k) => isInText(flat, k), ctx);
      }
      const en = ch.docs.en;
      for (const { zh: zhBlock, en: block } of alignedBlocks(ch)) {
        if (!block || block.type === 'leafDirective') continue;
        const flat = flatten(block);
        const names = zhBlock ? bareZh(flatten(zhBlock).text) : new Set<string>();
        ctx.examined((flat.text.match(/\d{5,}/g) ?? []).length);
        for (const p of ungroupedEnglish(flat.text, names)) if (isInText(flat, p.offset)) ctx.report({ severity: 'warning', place: placeAt(flat, p.offset, en.file), message: p.message });
      }
    }
    for (const table of ctx.edition.tables) {
      for (const t of tableTexts(table)) checkText(t.text, (k) => yamlTextPlace(t.place, t.text, k), () => true, ctx);
    }
  },
};
