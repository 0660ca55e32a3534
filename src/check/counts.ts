/**
 * Rule `counts`: a count in the Chinese prose that a table enumerates agrees
 * with the table. `有序实施10幅零星地块改造` in the tasks chapter must match
 * the ten projects listed in Table 9's 零星旧里征收改造 row.
 *
 * A false alarm is worse than a miss here, so both sides are recognised
 * narrowly: a table row counts as an enumeration only when its list items
 * each name one thing (short, one clause, no 等 "and others") and share a
 * word (零星旧改项目); a prose count is tied to it only when it is a plain
 * whole count of things (no 以上/左右) in the chapter that places the table,
 * and the words right after it share a word with both the row's label and
 * its items.
 */
import { blocksOf } from '../markdown/blocks.js';
import type { Chapter, Edition, Row, Table } from '../model.js';
import { scanZh } from '../quantity/parse-zh.js';
import { cellLabel } from '../model/labels.js';
import { flatten, isInText, OBJECT, placeAt } from '../model/text-places.js';
import type { Rule } from './rule.js';

/** Units that count things an enumeration could list (not people, not times). */
const THING_UNITS = new Set(['幅', '个', '项', '处', '条', '家', '座', '栋', '幢', '所', '批']);

/** Words too common in plans to tie a sentence to a table row. */
const GENERIC = new Set(['项目', '建设', '改造', '完成', '推进', '实施', '工作', '重点', '全年', '新增', '开展', '提升', '加快', '服务', '发展', '任务']);

/** Chinese character bigrams of a text, without the generic ones. */
function words(text: string): Set<string> {
  const out = new Set<string>();
  const han = /\p{Script=Han}/u;
  for (let i = 0; i + 1 < text.length; i++) {
    const w = text.slice(i, i + 2);
    if (han.test(w[0]) && han.test(w[1]) && !GENERIC.has(w)) out.add(w);
  }
  return out;
}

const intersects = (a: Set<string>, b: Set<string>) => [...a].some((w) => b.has(w));

/** An enumeration: a list cell whose items each name one thing of one kind. */
interface Enumeration {
  table: Table;
  row: Row;
  column: string;
  count: number;
  label: Set<string>;
  common: Set<string>;
}

function enumerations(table: Table): Enumeration[] {
  const out: Enumeration[] = [];
  const labelCol = table.columns.find((c) => c.kind === 'label');
  for (const row of table.rows) {
    for (const col of table.columns.filter((c) => c.kind === 'list')) {
      const items = row.cells[col.id]?.items ?? [];
      if (items.length < 2) continue;
      const single = items.every((i) => i.text.zh.length <= 30 && !/[等，,。；;]/.test(i.text.zh.replace(/[。；;]$/, '')));
      if (!single) continue;
      const common = items.map((i) => words(i.text.zh)).reduce((a, b) => new Set([...a].filter((w) => b.has(w))));
      if (common.size === 0) continue;
      const label = words(labelCol ? (row.cells[labelCol.id]?.text.zh ?? '') : '');
      out.push({ table, row, column: col.id, count: items.length, label, common });
    }
  }
  return out;
}

/** The chapter whose Chinese text places `::table{#id}`. */
function chapterOf(edition: Edition, id: string): Chapter | undefined {
  return edition.chapters.find((ch) => ch.docs.zh.tree.children.some((n) => n.type === 'leafDirective' && n.name === 'table' && n.attributes?.id === id));
}

/** The words right after a figure, up to the next punctuation. */
function phraseAfter(text: string, from: number): string {
  const rest = text.slice(from, from + 16);
  const stop = rest.search(new RegExp(`[，。；、：！？,.;:!?\\n（(${OBJECT}]`, 'u'));
  return stop < 0 ? rest : rest.slice(0, stop);
}

export const countsRule: Rule = {
  id: 'counts',
  description: 'a count in the prose agrees with the items a table enumerates',
  run({ edition, report, examined, status }) {
    const byChapter = new Map<Chapter, Enumeration[]>();
    for (const table of edition.tables) {
      const ch = chapterOf(edition, table.id);
      const list = enumerations(table);
      if (ch && list.length) byChapter.set(ch, [...(byChapter.get(ch) ?? []), ...list]);
    }
    for (const [ch, list] of byChapter) {
      const { file, tree } = ch.docs.zh;
      for (const block of blocksOf(tree)) {
        if (block.type === 'leafDirective') continue;
        const flat = flatten(block);
        for (const f of scanZh(flat.text)) {
          const q = f.quantity;
          if (!THING_UNITS.has(q.unit) || q.qualifier || q.direction || !/^\d+$/.test(q.digits) || !isInText(flat, f.digitsIndex)) continue;
          examined();
          const phrase = words(phraseAfter(flat.text, f.index + f.length));
          const hit = list.find((e) => intersects(phrase, e.common) && intersects(phrase, e.label));
          if (!hit) continue;
          const place = placeAt(flat, f.digitsIndex, file);
          const cell = hit.row.cells[hit.column];
          const where = cellLabel(hit.table, hit.row.id, hit.column, edition.meta.style.numbering);
          const said = flat.text.slice(f.index, f.index + f.length) + phraseAfter(flat.text, f.index + f.length);
          if (Number(q.digits) === hit.count) {
            status?.(place, 'verified', `${where}: ${hit.count} items`);
            continue;
          }
          status?.(place, 'mismatch', `${where}: ${hit.count} items`);
          report({
            severity: 'error',
            place,
            message: `"${said}" counts ${q.digits}, but ${where} lists ${hit.count} items; correct the count or the list`,
            other: { ...cell.place, label: where },
            expected: String(hit.count),
            actual: q.digits,
          });
        }
      }
    }
  },
};
