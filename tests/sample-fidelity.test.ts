/**
 * The Chinese sample is the source report, every sentence: the narrative,
 * rendered as text, is compared with the extracted source text sentence by
 * sentence after both are normalised (whitespace, the documented repairs of
 * docs/source-repairs.md, data references rendered). Tables are compared
 * row by row and item by item with the source's mangled tables.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { loadEdition } from '../src/load/index.js';
import { numText } from '../src/model/cells.js';
import { SAMPLE } from './helpers.js';

const SOURCE = path.resolve(import.meta.dirname, 'fixtures/source/000_1a6be56df61c6e9a.txt');
const source = fs.readFileSync(SOURCE, 'utf8');
const edition = loadEdition(SAMPLE).edition!;

/** The documented repairs (docs/source-repairs.md), applied to the normalised source. */
function normalise(s: string): string {
  return s
    .replace(/\*\*/g, '')
    .replace(/\s+/g, '')
    .replace(/etc/g, '等')
    .replace(/更多多数据/g, '更多数据')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/,/g, '，');
}

function sentences(s: string): string[] {
  return s.split(/(?<=[。！？；])/).filter(Boolean);
}

/** The source without its tables, captions and title block. */
function sourceNarrative(): string {
  const lines = source.split('\n');
  const start = lines.findIndex((l) => l.startsWith('各位代表'));
  return lines
    .slice(start)
    .filter((l) => !l.includes('\t') && !l.includes('<ul') && !/^\s*[表图]\s*\d+\s/.test(l) && !l.startsWith('注：标*'))
    .join('\n');
}

/** The Chinese narrative as the reader sees it, with data references rendered. */
function narrative(): string {
  return edition.chapters
    .map((ch) => {
      const tree = structuredClone<Root>(ch.docs.zh.tree);
      visit(tree, 'textDirective', (n, i, parent) => {
        parent!.children[i!] = { type: 'text', value: numText(edition.tables, n, 'zh') };
      });
      return tree.children.map((b) => toString(b)).join('\n');
    })
    .join('\n');
}

/** Longest-common-subsequence diff of two sentence lists: what one has and the other lacks. */
function diff(a: string[], b: string[]): { dropped: string[]; added: string[] } {
  const m = a.length;
  const n = b.length;
  const L = Array.from({ length: m + 1 }, () => new Uint16Array(n + 1));
  for (let i = m - 1; i >= 0; i--) for (let j = n - 1; j >= 0; j--) L[i][j] = a[i] === b[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
  const dropped: string[] = [];
  const added: string[] = [];
  let i = 0;
  let j = 0;
  while (i < m && j < n) {
    if (a[i] === b[j]) {
      i++;
      j++;
    } else if (L[i + 1][j] >= L[i][j + 1]) dropped.push(a[i++]);
    else added.push(b[j++]);
  }
  return { dropped: [...dropped, ...a.slice(i)], added: [...added, ...b.slice(j)] };
}

describe('the Chinese sample against the source', () => {
  it('has every sentence of the source, in order, and nothing else', () => {
    const want = sentences(normalise(sourceNarrative()));
    const have = sentences(normalise(narrative()));
    expect(want.length).toBeGreaterThan(300);
    expect(diff(want, have)).toEqual({ dropped: [], added: [] });
  });

  it('has the title, session line and issuer of the source', () => {
    const head = normalise(source.slice(0, source.indexOf('各位代表')));
    expect(head).toBe(normalise(edition.meta.title.zh + edition.meta.session?.zh + edition.meta.issuer.zh));
  });

  it('has each of the 9 tables, with the source caption, every row and every item', () => {
    const captions = [...source.matchAll(/^表\s*(\d+)\s+(.+)$/gm)].map((m) => [Number(m[1]), normalise(m[2])] as const);
    expect(captions.map(([n]) => n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const [n, caption] of captions) {
      const t = edition.tables.find((x) => x.number === n)!;
      expect(normalise(t.caption.zh), `table ${n}`).toBe(caption);
      // The source block of this table: from its caption to the next caption or prose line.
      const from = source.search(new RegExp(`^表\\s*${n}\\s`, 'm'));
      const block = source.slice(from).split('\n').slice(1);
      const end = block.findIndex((l, i) => i > 1 && l.trim() !== '' && !l.includes('\t') && !l.includes('<ul') && !l.startsWith('注：'));
      const rows = block.slice(0, end).filter((l) => l.includes('\t') && !l.startsWith(block.find((x) => x.includes('\t'))!.split('\t')[0] + '\t'));
      const srcText = normalise(
        rows
          .join('')
          .replace(/<[^>]+>/g, '')
          .replace(/●/g, ''),
      );
      const modelText = normalise(
        t.rows
          .map((r) =>
            t.columns
              .map((c) =>
                r.cells[c.id]?.items
                  ? r.cells[c.id].items!.map((i) => i.text.zh).join('')
                  : (r.cells[c.id]?.text.zh ?? '') + (r.cells[c.id]?.note ? (t.notes.find((x) => x.id === r.cells[c.id].note)!.marker ?? '') : ''),
              )
              .join(''),
          )
          .join(''),
      );
      expect(modelText, `table ${n}`).toBe(srcText);
      const src = normalise(block.slice(0, end).join(''));
      for (const note of t.notes) expect(src).toContain(normalise(note.text.zh));
    }
  });

  it('has Figure 1 with only figures the report states', () => {
    const f = edition.figures.find((x) => x.number === 1)!;
    expect(normalise(source)).toContain(normalise(`图 1 ${f.caption.zh}`));
    const text = normalise(source);
    for (const p of f.points) expect(text).toContain(p.value.digits + p.value.unit);
  });
});
