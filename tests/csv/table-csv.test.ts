/** One record per observation, and the codes of cells without a figure, read back from the CSV text. */
import { describe, expect, it } from 'vitest';
import { tableCsv } from '../../src/render/csv/csv-text.js';
import { FIELDS } from '../../src/render/csv/observations.js';
import { cell, col, place, table } from '../table-builders.js';
import { csvRecords, parseCsv } from './parse-csv.js';

describe('the CSV of a table', () => {
  it('gives [x] for an empty cell, [z] for text and for a cell written —, and the figure as written otherwise', () => {
    const t = table(
      [col('name', 'label', '指标', 'Indicator'), col('plan', 'number', '年计划', 'Plan', '亿元'), col('v', 'value', '目标', 'Target')],
      [
        { name: cell('name', '甲', 'A'), plan: cell('plan', '—', '—', { notApplicable: true }), v: cell('v', '', '') },
        {
          name: cell('name', '乙', 'B'),
          plan: cell('plan', '80.70', '80.70', { quantity: { digits: '80.70', unit: '亿元' } }),
          v: cell('v', '完成任务', 'Done'),
        },
      ],
      [],
      't',
      3,
    );
    const obs = csvRecords(tableCsv(t, new Map()));
    expect(obs.map((o) => [o.row, o.column, o.value, o.unit])).toEqual([
      ['r0', 'plan', '[z]', '[z]'],
      ['r0', 'v', '[x]', ''],
      ['r1', 'plan', '80.70', '亿元'],
      ['r1', 'v', '[z]', '[z]'],
    ]);
    expect(obs[2]).toMatchObject({ table: 't', table_number: '3', row_label_zh: '乙', row_label_en: 'B', unit_en: 'RMB 100 million', text_zh: '80.70' });
  });

  it("quotes what holds a comma, a quote or a line break, numbers list items, and gives each record its row's notes", () => {
    const t = table(
      [col('name', 'label', '项目', 'Project'), col('done', 'list', '完成情况', 'Progress'), col('n', 'number', '数量', 'Count, "units"', '个')],
      [
        {
          name: cell('name', '甲，乙', 'A, "B"', { note: 'n1' }),
          done: cell('done', '', '', {
            items: [
              { text: { zh: '开工', en: 'Started' }, place },
              { text: { zh: '竣工', en: 'Done,\nopened' }, place },
            ],
          }),
          n: cell('n', '3个', '3', { quantity: { digits: '3', unit: '个' } }),
        },
      ],
      [{ id: 'n1', text: { zh: '注一\n续', en: 'Note "one"' }, place }],
      'tasks',
      5,
    );
    const text = tableCsv(t, new Map([['tasks/n1', 4]]));
    expect(parseCsv(text)[0]).toEqual([...FIELDS]);
    const rows = csvRecords(text);
    expect(rows.map((r) => [r.column, r.item, r.value, r.text_en])).toEqual([
      ['done', '1', '[z]', 'Started'],
      ['done', '2', '[z]', 'Done,\nopened'],
      ['n', '', '3', '3'],
    ]);
    for (const r of rows) {
      expect(r).toMatchObject({ table: 'tasks', table_number: '5', row: 'r0', row_label_zh: '甲，乙', row_label_en: 'A, "B"' });
      expect(r).toMatchObject({ note: '[note 4]', note_zh: '注一\n续', note_en: 'Note "one"' });
    }
    expect(rows[2]).toMatchObject({ column_label_en: 'Count, "units"', unit: '个', unit_en: 'count' });
    // Each field quoted as RFC 4180 asks, and only then.
    expect(text).toContain(',"A, ""B""",');
    expect(text).toContain(',"Count, ""units""",');
    expect(text).toContain(',甲，乙,');
  });
});
