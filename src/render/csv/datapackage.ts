/**
 * The metadata of the open data: one Frictionless Data Package
 * (`datapackage.json`, profile `tabular-data-package`, specs.frictionlessdata.io)
 * describing every CSV and its columns, so that a portal or a script reads
 * the figures as numbers and the codes as missing values.
 */
import type { Meta, Table } from '../../model.js';
import { CODE, CODE_MEANING, editionInstant, editionLabel } from '../annex-labels.js';
import type { Field } from './observations.js';
import { refLabel } from '../../model/labels.js';

interface FieldInfo {
  type: 'string' | 'integer' | 'number';
  zh: string;
  en: string;
  required?: boolean;
}

const FIELD_INFO: Record<Field, FieldInfo> = {
  table: { type: 'string', zh: '表格标识', en: 'Table id (stable across editions)', required: true },
  table_number: { type: 'integer', zh: '表号', en: 'Table number in the report', required: true },
  row: { type: 'string', zh: '行标识', en: 'Row id', required: true },
  row_label_zh: { type: 'string', zh: '行名称（中文）', en: 'Row label (Chinese)' },
  row_label_en: { type: 'string', zh: '行名称（英文）', en: 'Row label (English)' },
  column: { type: 'string', zh: '列标识', en: 'Column id', required: true },
  column_label_zh: { type: 'string', zh: '列名称（中文）', en: 'Column heading (Chinese)' },
  column_label_en: { type: 'string', zh: '列名称（英文）', en: 'Column heading (English)' },
  item: { type: 'integer', zh: '序号（文字表的条目）', en: 'Item number, in a list cell' },
  value: { type: 'number', zh: '数值（按报告所印精度）', en: 'Figure, with the precision the report prints' },
  unit: { type: 'string', zh: '单位', en: 'Unit (Chinese, with its scale: 亿元 = RMB 100 million)' },
  unit_en: { type: 'string', zh: '单位（英文）', en: 'Unit (English)' },
  qualifier_zh: { type: 'string', zh: '限定词（中文）', en: 'Qualifier (Chinese): 增长, 下降, 以上 …' },
  qualifier_en: { type: 'string', zh: '限定词（英文）', en: 'Qualifier (English): increase, decrease, over …' },
  period_zh: { type: 'string', zh: '时期（中文）', en: 'Period of the figure (Chinese), when the report gives one' },
  period_en: { type: 'string', zh: '时期（英文）', en: 'Period of the figure (English)' },
  text_zh: { type: 'string', zh: '原文（中文）', en: 'The cell as the report words it (Chinese)' },
  text_en: { type: 'string', zh: '原文（英文）', en: 'The cell as the report words it (English)' },
  note: { type: 'string', zh: '注释编号', en: 'Notes, numbered as in the workbook' },
  note_zh: { type: 'string', zh: '注释（中文）', en: 'Note text (Chinese)' },
  note_en: { type: 'string', zh: '注释（英文）', en: 'Note text (English)' },
};

const codesDescription = Object.entries(CODE_MEANING)
  .map(([code, m]) => `${code}: ${m.en} / ${m.zh}`)
  .join('; ');

function schema(fields: readonly Field[]) {
  return {
    fields: fields.map((name) => {
      const f = FIELD_INFO[name];
      return {
        name,
        type: f.type,
        title: `${f.zh} ${f.en}`,
        ...(name === 'value' ? { description: `Missing figures are given as codes: ${codesDescription}.` } : {}),
        ...(f.required ? { constraints: { required: true } } : {}),
      };
    }),
    // The Analysis Function's codes read as missing values, like an empty field.
    missingValues: ['', CODE.notAvailable, CODE.notApplicable],
  };
}

/** The file name of a table's CSV: its id, which stays the same from one edition to the next. */
export function csvName(table: Table): string {
  return `${table.id}.csv`;
}

/** The package descriptor for `tables` (in table-number order), as a JSON-ready object. */
export function dataPackage(meta: Meta, tables: Table[], fields: readonly Field[]): Record<string, unknown> {
  const edition = editionLabel(meta);
  // Every table's CSV has the same fields.
  const shared = schema(fields);
  return {
    profile: 'tabular-data-package',
    name: `tables-${meta.reviewYear}-${meta.planYear}`,
    title: `${meta.title.zh}（表格） ${meta.title.en}: tables`,
    description: [edition && `${edition.zh} ${edition.en}.`, meta.description && `${meta.description.zh} ${meta.description.en}`].filter(Boolean).join(' '),
    keywords: [...meta.keywords.zh, ...meta.keywords.en],
    created: editionInstant(meta).toISOString().replace('.000Z', 'Z'),
    contributors: [{ title: `${meta.issuer.zh} ${meta.issuer.en}`, role: 'publisher' }],
    resources: tables.map((t) => ({
      profile: 'tabular-data-resource',
      name: t.id,
      path: csvName(t),
      title: `${refLabel('table', t.number, 'zh', meta.style.numbering)} ${t.caption.zh} ${refLabel('table', t.number, 'en', meta.style.numbering)} ${t.caption.en}`,
      ...(t.source ? { sources: [{ title: `${t.source.zh} ${t.source.en}` }] } : {}),
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      schema: shared,
    })),
  };
}
