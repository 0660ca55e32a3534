/**
 * What a table's sheet must hold, worked out from the loaded model alone by
 * the rules of docs/xlsx.md, independently of the renderer's own layout code.
 */
import type { Cell, Quantity, Table } from '../../src/model.js';

/** An expected cell: an exact value, or a number written with `digits`, or a test. */
export type Expected =
  { kind: 'exact'; value: string | null } | { kind: 'number'; digits: string } | { kind: 'like'; test: (v: unknown) => boolean; what: string };

export interface ExpectedTable {
  headers: string[];
  rows: Expected[][];
}

const exact = (value: string | null): Expected => ({ kind: 'exact', value });
const text = (s: string | undefined): Expected => exact(s ? s : '[x]');
const like = (what: string, test: (v: unknown) => boolean): Expected => ({ kind: 'like', test, what });

const QUALIFIER_ZH: Record<string, string> = {
  over: '以上',
  about: '左右',
  within: '以内',
  nearly: '近',
  'more-than': '超过',
  'at-least': '不低于',
  'at-most': '不超过',
};

const hasQualifier = (q: Quantity | undefined): boolean => Boolean(q && (q.direction || q.qualifier || q.period));

/** The words a qualifier cell must contain: 增长/下降, the qualifier word, the period. */
function qualifierWords(q: Quantity): string[] {
  const words: string[] = [];
  if (q.direction) words.push(q.direction === 'up' ? '增长' : '下降');
  if (q.qualifier) words.push(QUALIFIER_ZH[q.qualifier]);
  if (q.period) words.push(q.period);
  return words;
}

/** The expected grid of `table`; `noteNo` gives a note's workbook-wide number. */
export function expectedTable(table: Table, noteNo: (noteId: string) => number): ExpectedTable {
  const headers: string[] = [];
  const readers: ((cells: Record<string, Cell>, item?: { zh: string; en: string; n: number }) => Expected)[] = [];
  const add = (h: string, r: (typeof readers)[number]) => {
    headers.push(h);
    readers.push(r);
  };
  const list = table.columns.find((c) => c.kind === 'list');
  for (const col of table.columns) {
    const { zh, en } = col.header;
    const pair = (get: (cells: Record<string, Cell>, item?: { zh: string; en: string }) => { zh?: string; en?: string }) => {
      add(`${zh}（中文） ${en} (Chinese)`, (c, i) => text(get(c, i).zh));
      add(`${zh}（英文） ${en} (English)`, (c, i) => text(get(c, i).en));
    };
    if (col.kind === 'label') pair((c) => c[col.id]?.text ?? {});
    else if (col.kind === 'number') {
      if (!zh.includes(col.unit ?? '')) throw new Error(`sample header ${zh} does not name its unit`);
      add(`${zh} ${en}`, (c) => ({ kind: 'number', digits: c[col.id].quantity?.digits ?? 'missing' }));
    } else if (col.kind === 'value') {
      pair((c) => c[col.id]?.text ?? {});
      const cells = table.rows.map((r) => r.cells[col.id]);
      if (cells.some((c) => c?.quantity)) {
        add(`${zh}：数值 ${en}: figure`, (c) => {
          const q = c[col.id]?.quantity;
          return q ? { kind: 'number', digits: q.digits } : exact('[z]');
        });
        add(`${zh}：单位 ${en}: unit`, (c) => {
          const q = c[col.id]?.quantity;
          if (!q) return exact('[z]');
          return like(`a unit starting with "${q.unit || 'number'}"`, (v) => typeof v === 'string' && v.startsWith(q.unit || 'number'));
        });
      }
      if (cells.some((c) => hasQualifier(c?.quantity))) {
        add(`${zh}：限定词 ${en}: qualifier`, (c) => {
          const q = c[col.id]?.quantity;
          if (!q || !hasQualifier(q)) return exact('[z]');
          const words = qualifierWords(q);
          return like(`text containing ${words.join(', ')}`, (v) => typeof v === 'string' && words.every((w) => v.includes(w)));
        });
      }
    } else if (col === list) {
      add('序号 Item number', (_c, i) => (i ? { kind: 'number', digits: String(i.n) } : exact('[x]')));
      pair((_c, i) => i ?? {});
    } else {
      pair((c) => ({ zh: c[col.id]?.items?.map((i) => i.text.zh).join('\n'), en: c[col.id]?.items?.map((i) => i.text.en).join('\n') }));
    }
  }
  const noted = table.rows.some((r) => Object.values(r.cells).some((c) => c.note));
  if (noted) {
    add('注释 Notes', (c) => {
      const refs = table.columns
        .map((col) => c[col.id]?.note)
        .filter(Boolean)
        .map((id) => `[note ${noteNo(id as string)}]`);
      return exact(refs.length ? refs.join(' ') : '[z]');
    });
  }
  const rows: Expected[][] = [];
  for (const row of table.rows) {
    const items = list ? (row.cells[list.id]?.items ?? []) : [];
    if (items.length) items.forEach((it, i) => rows.push(readers.map((r) => r(row.cells, { ...it.text, n: i + 1 }))));
    else rows.push(readers.map((r) => r(row.cells)));
  }
  return { headers, rows };
}

/** Decimals a number format shows: `#,##0.00` → 2. */
export function formatDecimals(numFmt: string): number {
  return /\.(0+)$/.exec(numFmt)?.[1].length ?? 0;
}

/** Width in Excel units counting a CJK (or full-width) character as 2. */
export function cjkWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uff60]/u.test(ch) ? 2 : 1;
  return w;
}
