/**
 * The fixed words of the page in each language: table and figure labels,
 * note prefixes, the contents heading; and how the checker names a cell.
 */
import type { Lang, Table } from '../model.js';
import { rowsById } from '../model-index.js';

/** 表2 / Table 2; 图1 / Figure 1. */
export function refLabel(kind: 'table' | 'figure', n: number, lang: Lang): string {
  if (lang === 'zh') return `${kind === 'table' ? '表' : '图'}${n}`;
  return `${kind === 'table' ? 'Table' : 'Figure'} ${n}`;
}

/** The line over the rest of a table continued on a next page: 续表2 / Table 2 (continued). */
export function continuedLabel(n: number, lang: Lang): string {
  return lang === 'zh' ? `续表${n}` : `Table ${n} (continued)`;
}

export const WORDS = {
  zh: { contents: '目录', note: '注：', source: '资料来源：', draft: '征求意见稿', draftBanner: '征求意见稿：尚有未完成事项，不作正式印发', unit: '单位：', chartData: '图中数据', item: '项目' },
  en: { contents: 'Contents', note: 'Note: ', source: 'Source: ', draft: 'DRAFT', draftBanner: 'DRAFT: items are still open; not the final text', unit: 'Unit: ', chartData: 'The figures in the chart', item: 'Item' },
} as const;

/** `表4 合计 · 税收总收入（亿元）`: how an editor names a cell. */
export function cellLabel(table: Table, rowId: string, columnId: string): string {
  const row = rowsById(table).get(rowId);
  const label = table.columns.find((c) => c.kind === 'label');
  const rowName = (label && row?.cells[label.id]?.text.zh) || rowId;
  const colName = table.columns.find((c) => c.id === columnId)?.header.zh ?? columnId;
  return `表${table.number} ${rowName} · ${colName}`;
}
