/**
 * The grid layout on cases the sample edition does not have: a header that
 * does not name its unit, an empty value cell, an empty list, a second list
 * column, repeated headers, notes on several cells, a table without a place.
 */
import { describe, expect, it } from 'vitest';
import type { Edition } from '../../src/model.js';
import { annexTables } from '../../src/render/xlsx/index.js';
import { linesWhenWrapped, displayWidth } from '../../src/render/xlsx/sizing.js';
import { numFmtFor, tableGrid } from '../../src/render/xlsx/table-grid.js';
import { cell, col, place, table } from '../table-builders.js';

describe('tableGrid', () => {
  it('adds the unit to a number header that does not name it, and formats by written precision', () => {
    const t = table(
      [col('name', 'label', '名称', 'Name'), col('n', 'number', '人数', 'People', '万人')],
      [
        { name: cell('name', '甲', 'A'), n: cell('n', '8376', '8376', { quantity: { digits: '8376', unit: '万人' } }) },
        { name: cell('name', '乙', 'B'), n: cell('n', '0.50', '0.50', { quantity: { digits: '0.50', unit: '万人' } }) },
      ],
    );
    const g = tableGrid(t, new Map());
    expect(g.columns.map((c) => c.header)).toEqual(['名称（中文） Name (Chinese)', '名称（英文） Name (English)', '人数（万人） People (count, in 10,000s)']);
    expect(g.rows.map((r) => r[2])).toEqual([
      { value: 8376, numFmt: '#,##0' },
      { value: 0.5, numFmt: '#,##0.00' },
    ]);
  });

  it('writes [x] for an empty value cell and [z] for a text cell without a figure', () => {
    const t = table(
      [col('name', 'label', '指标', 'Indicator'), col('v', 'value', '目标', 'Target')],
      [
        { name: cell('name', '甲', 'A'), v: cell('v', '', '') },
        { name: cell('name', '乙', 'B'), v: cell('v', '完成任务', 'Done') },
        {
          name: cell('name', '丙', 'C'),
          v: cell('v', '增长8%以上', 'Growth of over 8%', { quantity: { digits: '8', unit: '%', direction: 'up', qualifier: 'over' } }),
        },
      ],
    );
    const g = tableGrid(t, new Map());
    expect(g.rows.map((r) => r.map((c) => c.value))).toEqual([
      ['甲', 'A', '[x]', '[x]', '[z]', '[z]', '[z]'],
      ['乙', 'B', '完成任务', 'Done', '[z]', '[z]', '[z]'],
      ['丙', 'C', '增长8%以上', 'Growth of over 8%', 8, '%', '增长 increase; 以上 over'],
    ]);
    expect([...g.codes].sort()).toEqual(['[x]', '[z]']);
  });

  it('writes [z] in every column of a cell written — (no figure applies), number or value', () => {
    const na = (c: string) => cell(c, '—', '—', { notApplicable: true });
    const t = table(
      [col('name', 'label', '指标', 'Indicator'), col('plan', 'number', '年计划', 'Plan', '亿元'), col('v', 'value', '目标', 'Target')],
      [
        { name: cell('name', '甲', 'A'), plan: na('plan'), v: na('v') },
        {
          name: cell('name', '乙', 'B'),
          plan: cell('plan', '385', '385', { quantity: { digits: '385', unit: '亿元' } }),
          v: cell('v', '增长8%', 'Growth of 8%', { quantity: { digits: '8', unit: '%', direction: 'up' } }),
        },
      ],
    );
    const g = tableGrid(t, new Map());
    expect(g.rows.map((r) => r.map((c) => c.value))).toEqual([
      ['甲', 'A', '[z]', '[z]', '[z]', '[z]', '[z]', '[z]'],
      ['乙', 'B', 385, '增长8%', 'Growth of 8%', 8, '%', '增长 increase'],
    ]);
    expect([...g.codes]).toEqual(['[z]']);
  });

  it('gives an empty list one row, keeps a second list column together, and numbers repeated headers', () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => ({ text: { zh: `项${i + 1}`, en: `Item ${i + 1}` }, place }));
    const t = table(
      [col('cat', 'label', '类别', 'Category'), col('a', 'list', '任务', 'Tasks'), col('b', 'list', '任务', 'Tasks')],
      [
        { cat: cell('cat', '甲', 'A'), a: cell('a', '', '', { items: items(2) }), b: cell('b', '', '', { items: items(2) }) },
        { cat: cell('cat', '乙', 'B'), a: cell('a', '', '', { items: [] }), b: cell('b', '', '', { items: [] }) },
      ],
    );
    const g = tableGrid(t, new Map());
    const headers = g.columns.map((c) => c.header);
    expect(new Set(headers).size).toBe(headers.length);
    expect(headers).toContain('任务（中文） Tasks (Chinese) (2)');
    expect(g.rows.map((r) => r.map((c) => c.value))).toEqual([
      ['甲', 'A', 1, '项1', 'Item 1', '项1\n项2', 'Item 1\nItem 2'],
      ['甲', 'A', 2, '项2', 'Item 2', '项1\n项2', 'Item 1\nItem 2'],
      ['乙', 'B', '[x]', '[x]', '[x]', '[x]', '[x]'],
    ]);
    for (const h of headers) expect(h).not.toMatch(/[\n\t]/);
  });

  it('refers to notes on any cell of a row as [note n], in a Notes column', () => {
    const notes = [
      { id: 'p', marker: '*', text: { zh: '初步', en: 'Preliminary' }, place },
      { id: 'q', text: { zh: '估计', en: 'Estimated' }, place },
    ];
    const t = table(
      [col('name', 'label', '指标', 'Indicator'), col('v', 'value', '目标', 'Target')],
      [
        { name: cell('name', '甲', 'A', { note: 'p' }), v: cell('v', '6%', '6%', { quantity: { digits: '6', unit: '%' }, note: 'q' }) },
        { name: cell('name', '乙', 'B'), v: cell('v', '3%', '3%', { quantity: { digits: '3', unit: '%' } }) },
      ],
      notes,
    );
    const g = tableGrid(
      t,
      new Map([
        ['t/p', 4],
        ['t/q', 5],
      ]),
    );
    expect(g.columns.at(-1)?.header).toBe('注释 Notes');
    expect(g.rows.map((r) => r.at(-1)?.value)).toEqual(['[note 4] [note 5]', '[z]']);
    // The number cell itself stays a bare number.
    expect(g.rows[0][4]).toEqual({ value: 6, numFmt: '#,##0' });
  });
});

describe('annexTables', () => {
  it('keeps the placed tables in number order and leaves out a table never placed', () => {
    const mk = (id: string, number: number) => ({ ...table([], []), id, number });
    const edition = { tables: [mk('b', 2), mk('x', 0), mk('a', 1)] } as unknown as Edition;
    expect(annexTables(edition).map((t) => t.id)).toEqual(['a', 'b']);
  });
});

describe('sizing', () => {
  it('counts CJK and full-width characters as two units', () => {
    expect(displayWidth('税收（亿元）')).toBe(12);
    expect(displayWidth('Tax 280.01')).toBe(10);
  });

  it('wraps CJK text onto more lines than the same number of Latin letters', () => {
    expect(linesWhenWrapped('测'.repeat(30), 31)).toBeGreaterThan(linesWhenWrapped('x'.repeat(30), 31));
    expect(linesWhenWrapped('a\nb', 40)).toBe(2);
  });

  it('formats decimals as written', () => {
    expect(numFmtFor('80.70')).toBe('#,##0.00');
    expect(numFmtFor('-1.9')).toBe('#,##0.0');
    expect(numFmtFor('8376')).toBe('#,##0');
  });
});
