/**
 * Links the narrative to the data: numbers tables and figures in order of
 * placement, gives headings their structural ids, and checks that every
 * `::table`, `:ref` and `:num` names something that exists.
 */
import type { Heading } from 'mdast';
import { visit } from 'unist-util-visit';
import { blocksOf } from '../markdown/blocks.js';
import type { Collector } from '../diagnostics.js';
import { directiveLabel } from '../markdown/remark-known-directives.js';
import type { Chapter, Edition, Place } from '../model.js';
import { lookupCell } from '../model/cells.js';

function placeOf(file: string, node: { position?: { start: { line: number; column: number } } }): Place {
  return { file, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}

/** Numbers tables and figures by their placement in the Chinese text. */
function number(edition: Edition, out: Collector, unreadable: ReadonlySet<string>): void {
  const placed = new Map<string, Place>();
  let tableNo = 0;
  let figureNo = 0;
  for (const ch of edition.chapters) {
    const { file, tree } = ch.docs.zh;
    visit(tree, 'leafDirective', (node) => {
      const id = node.attributes?.id ?? '';
      const here = placeOf(file, node);
      const list = node.name === 'table' ? edition.tables : node.name === 'figure' ? edition.figures : undefined;
      if (!list) return;
      const target = list.find((t) => t.id === id);
      // No id (already reported by the directive check) or an unreadable file (reported there).
      if (!target && (id === '' || unreadable.has(id))) return;
      if (!target)
        return void out.error('reference/missing', here, `no ${node.name} "${id}"; the ${node.name}s are ${list.map((t) => t.id).join(', ') || 'none'}`);
      const key = `${node.name}#${id}`;
      const first = placed.get(key);
      if (first) return void out.error('reference/placed-twice', here, `${node.name} "${id}" is already placed at line ${first.line}`, { other: first });
      placed.set(key, here);
      target.number = node.name === 'table' ? ++tableNo : ++figureNo;
    });
  }
}

/**
 * Structural heading ids from the Chinese (sec-1, sec-1-2); an English
 * heading takes the id of the Chinese heading it translates, so both pages
 * link alike even while a Chinese heading has no English yet.
 */
function headingIds(chapters: Chapter[]): void {
  const counters = [0, 0, 0, 0, 0, 0];
  let extra = 0;
  const setId = (h: Heading, id: string) => void (h.data = { ...h.data, hProperties: { ...(h.data?.hProperties ?? {}), id } });
  for (const ch of chapters) {
    const zh = blocksOf(ch.docs.zh.tree);
    const en = blocksOf(ch.docs.en.tree);
    for (const p of ch.alignment) {
      const z = p.zh !== undefined ? zh[p.zh] : undefined;
      const e = p.en !== undefined ? en[p.en] : undefined;
      if (z?.type === 'heading') {
        counters[z.depth - 1]++;
        counters.fill(0, z.depth);
        const id = `sec-${counters.slice(0, z.depth).join('-')}`;
        setId(z, id);
        if (e?.type === 'heading') setId(e, id);
      } else if (e?.type === 'heading') setId(e, `sec-en-${++extra}`);
    }
  }
}

/** Every `:ref` and `:num` in both languages resolves. */
function references(edition: Edition, out: Collector, unreadable: ReadonlySet<string>): void {
  for (const ch of edition.chapters) {
    for (const doc of [ch.docs.zh, ch.docs.en]) {
      visit(doc.tree, 'textDirective', (node) => {
        const label = directiveLabel(node);
        const here = placeOf(doc.file, node);
        // An empty label is reported by the directive check; an unreadable table by its file.
        if (label === '' || unreadable.has(label.split('/')[0])) return;
        if (node.name === 'ref') {
          const known = [...edition.tables, ...edition.figures].some((t) => t.id === label);
          if (!known) out.error('reference/missing', here, `:ref[${label}] names no table or figure`);
        } else if (node.name === 'num') {
          // A cell that exists but states no figure is the references check's to report.
          const { problem, cell } = lookupCell(edition.tables, label);
          if (problem && !cell) out.error('reference/missing', here, `:num[${label}]: ${problem}`);
          const dp = node.attributes?.dp;
          if (dp != null && !/^\d$/.test(dp)) out.error('reference/attribute', here, `:num{dp=${dp}}: dp is a number of decimals, 0–9`);
        }
      });
    }
  }
}

/**
 * Resolves numbering, heading ids and references of a loaded edition.
 * `unreadable`: ids of data files that failed to load, whose references are not reported again.
 */
export function resolve(edition: Edition, out: Collector, unreadable: ReadonlySet<string> = new Set()): void {
  number(edition, out, unreadable);
  headingIds(edition.chapters);
  references(edition, out, unreadable);
}
