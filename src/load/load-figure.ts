/**
 * Turns a validated figure file into the model. A point's value is a table
 * cell (`table/row/column`) or a number the report states; nothing else may
 * be charted.
 */
import type { Collector } from '../diagnostics.js';
import type { Figure, FigurePoint, Table } from '../model.js';
import { isDecimal } from '../quantity/decimal.js';
import { lookupCell } from '../model/cells.js';
import type { FigureData } from './schemas.js';
import type { YamlFile } from './yaml-doc.js';

/**
 * Builds a {@link Figure}; table references are resolved against `tables`.
 * A reference to a table in `unreadable` (its file has its own error) is not reported.
 */
export function loadFigure(data: FigureData, y: YamlFile, tables: Table[], out: Collector, unreadable: ReadonlySet<string> = new Set()): Figure {
  const points: FigurePoint[] = [];
  data.points.forEach((p, i) => {
    const place = y.placeOf(['points', i, 'value']);
    if (isDecimal(p.value)) {
      points.push({ label: p.label, value: { digits: p.value, unit: data.unit }, place });
      return;
    }
    const { cell, problem, pending } = lookupCell(tables, p.value);
    // A point whose cell is still [x] is left out of the chart until the figure is filled in.
    if (pending) return;
    if (problem || !cell?.quantity) {
      if (unreadable.has(p.value.split('/')[0])) return;
      out.error('reference/missing', place, `"${p.value}" is neither a number nor a table cell: ${problem}`);
      return;
    }
    points.push({ label: p.label, value: cell.quantity, ref: p.value, place });
  });
  return {
    id: data.id,
    file: y.file,
    number: 0,
    kind: data.kind,
    caption: data.caption,
    unit: data.unit,
    axis: data.axis ?? { zh: data.unit, en: data.unit },
    points,
    note: data.note,
    stale: data.stale,
    place: y.placeOf([]),
  };
}
