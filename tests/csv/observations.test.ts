/** One record per observation, and the codes of cells without a figure. */
import { describe, expect, it } from 'vitest';
import type { Cell, Column, Place, Table } from '../../src/model.js';
import { observations } from '../../src/render/csv/observations.js';

const place: Place = { file: 'x.yaml', line: 1, column: 1 };
const col = (id: string, kind: Column['kind'], zh: string, en: string, unit?: string): Column => ({ id, kind, header: { zh, en }, unit, place });
const cell = (column: string, zh: string, en: string, extra: Partial<Cell> = {}): Cell => ({ column, text: { zh, en }, place, ...extra });

describe('observations', () => {
  it('gives [x] for an empty cell, [z] for text and for a cell written —, and the figure as written otherwise', () => {
    const t: Table = {
      id: 't',
      file: 'x.yaml',
      number: 3,
      caption: { zh: '表', en: 'Table' },
      columns: [col('name', 'label', '指标', 'Indicator'), col('plan', 'number', '年计划', 'Plan', '亿元'), col('v', 'value', '目标', 'Target')],
      rows: [
        { id: 'a', place, cells: { name: cell('name', '甲', 'A'), plan: cell('plan', '—', '—', { notApplicable: true }), v: cell('v', '', '') } },
        {
          id: 'b',
          place,
          cells: {
            name: cell('name', '乙', 'B'),
            plan: cell('plan', '80.70', '80.70', { quantity: { digits: '80.70', unit: '亿元' } }),
            v: cell('v', '完成任务', 'Done'),
          },
        },
      ],
      notes: [],
      relations: [],
      place,
    };
    const obs = observations(t, new Map());
    expect(obs.map((o) => [o.row, o.column, o.value, o.unit])).toEqual([
      ['a', 'plan', '[z]', '[z]'],
      ['a', 'v', '[x]', ''],
      ['b', 'plan', '80.70', '亿元'],
      ['b', 'v', '[z]', '[z]'],
    ]);
    expect(obs[2]).toMatchObject({ table: 't', table_number: '3', row_label_zh: '乙', row_label_en: 'B', unit_en: 'RMB 100 million', text_zh: '80.70' });
  });
});
