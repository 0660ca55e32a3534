/** One record per observation, and the codes of cells without a figure, read back from the CSV text. */
import { describe, expect, it } from 'vitest';
import type { Cell, Column, Place, Table } from '../../src/model.js';
import { tableCsv } from '../../src/render/csv/csv-text.js';
import { FIELDS } from '../../src/render/csv/observations.js';
import { csvRecords, parseCsv } from './parse-csv.js';

const place: Place = { file: 'x.yaml', line: 1, column: 1 };
const col = (id: string, kind: Column['kind'], zh: string, en: string, unit?: string): Column => ({ id, kind, header: { zh, en }, unit, place });
const cell = (column: string, zh: string, en: string, extra: Partial<Cell> = {}): Cell => ({ column, text: { zh, en }, place, ...extra });

describe('the CSV of a table', () => {
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
    const obs = csvRecords(tableCsv(t, new Map()));
    expect(obs.map((o) => [o.row, o.column, o.value, o.unit])).toEqual([
      ['a', 'plan', '[z]', '[z]'],
      ['a', 'v', '[x]', ''],
      ['b', 'plan', '80.70', '亿元'],
      ['b', 'v', '[z]', '[z]'],
    ]);
    expect(obs[2]).toMatchObject({ table: 't', table_number: '3', row_label_zh: '乙', row_label_en: 'B', unit_en: 'RMB 100 million', text_zh: '80.70' });
  });

  it("quotes what holds a comma, a quote or a line break, numbers list items, and gives each record its row's notes", () => {
    const t: Table = {
      id: 'tasks',
      file: 'x.yaml',
      number: 5,
      caption: { zh: '任务', en: 'Tasks' },
      columns: [col('name', 'label', '项目', 'Project'), col('done', 'list', '完成情况', 'Progress'), col('n', 'number', '数量', 'Count, "units"', '个')],
      rows: [
        {
          id: 'a',
          place,
          cells: {
            name: cell('name', '甲，乙', 'A, "B"', { note: 'n1' }),
            done: cell('done', '', '', {
              items: [
                { text: { zh: '开工', en: 'Started' }, place },
                { text: { zh: '竣工', en: 'Done,\nopened' }, place },
              ],
            }),
            n: cell('n', '3个', '3', { quantity: { digits: '3', unit: '个' } }),
          },
        },
      ],
      notes: [{ id: 'n1', text: { zh: '注一\n续', en: 'Note "one"' }, place }],
      relations: [],
      place,
    };
    const text = tableCsv(t, new Map([['tasks/n1', 4]]));
    expect(parseCsv(text)[0]).toEqual([...FIELDS]);
    const rows = csvRecords(text);
    expect(rows.map((r) => [r.column, r.item, r.value, r.text_en])).toEqual([
      ['done', '1', '[z]', 'Started'],
      ['done', '2', '[z]', 'Done,\nopened'],
      ['n', '', '3', '3'],
    ]);
    for (const r of rows) {
      expect(r).toMatchObject({ table: 'tasks', table_number: '5', row: 'a', row_label_zh: '甲，乙', row_label_en: 'A, "B"' });
      expect(r).toMatchObject({ note: '[note 4]', note_zh: '注一\n续', note_en: 'Note "one"' });
    }
    expect(rows[2]).toMatchObject({ column_label_en: 'Count, "units"', unit: '个', unit_en: 'count' });
    // Each field quoted as RFC 4180 asks, and only then.
    expect(text).toContain(',"A, ""B""",');
    expect(text).toContain(',"Count, ""units""",');
    expect(text).toContain(',甲，乙,');
  });
});
