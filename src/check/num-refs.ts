/**
 * The `:num` data references of a block, at their offsets in its flat text
 * (flatten() writes one OBJECT per directive or inline code, in document
 * order), with the cell each one cites.
 */
import type { Nodes } from 'mdast';
import { lookupCell } from '../model/cells.js';
import { directiveLabel } from '../markdown/remark-known-directives.js';
import type { Cell, Table } from '../model.js';
import { OBJECT, type FlatText } from '../model/text-places.js';

export interface NumRef {
  at: number;
  node: Extract<Nodes, { type: 'textDirective' }>;
  label: string;
  table?: Table;
  cell?: Cell;
}

export function numRefsOf(node: Nodes, flat: FlatText, tables: Table[]): NumRef[] {
  const objects: Nodes[] = [];
  const walk = (n: Nodes): void => {
    if (n.type === 'textDirective' || n.type === 'inlineCode' || n.type === 'leafDirective') objects.push(n);
    else if ('children' in n) (n.children as Nodes[]).forEach(walk);
  };
  walk(node);
  const offsets = [...flat.text.matchAll(new RegExp(OBJECT, 'gu'))].map((m) => m.index ?? 0);
  return objects.flatMap((n, i) => {
    if (n.type !== 'textDirective' || n.name !== 'num') return [];
    const label = directiveLabel(n);
    return [{ at: offsets[i], node: n, label, ...lookupCell(tables, label) }];
  });
}
