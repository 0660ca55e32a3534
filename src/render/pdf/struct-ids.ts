/**
 * Tagged PDF structure elements carry an /ID that Chromium takes from its
 * DOM node counter, which depends on how many pages the renderer loaded
 * before (a one-pass print and a two-pass print of the same page differ).
 * Renumbering them in their own order makes the bytes depend on the content
 * only.
 */
import { PDFArray, PDFDict, PDFName, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';
import { objectsContaining } from './lazy-pdf.js';

const isElem = (obj: PDFObject): obj is PDFDict => obj instanceof PDFDict && obj.get(PDFName.of('Type')) === PDFName.of('StructElem');

/** The /Headers arrays of a structure element's table attributes, or of an attribute object itself. */
function headerLists(obj: PDFObject, doc: PDFDocument): PDFArray[] {
  if (!(obj instanceof PDFDict)) return [];
  const own = obj.lookup(PDFName.of('Headers'));
  if (own instanceof PDFArray) return [own];
  if (!isElem(obj)) return [];
  const attrs = obj.lookup(PDFName.of('A'));
  const list = attrs instanceof PDFArray ? attrs.asArray().map((a) => doc.context.lookup(a)) : [attrs];
  return list.flatMap((a) =>
    a instanceof PDFDict && a.lookup(PDFName.of('Headers')) instanceof PDFArray ? [a.lookup(PDFName.of('Headers')) as PDFArray] : [],
  );
}

/** Rewrites every StructElem /ID and the IDTree keys to node00000001, node00000002 … in the old order. */
export function renumberStructIds(doc: PDFDocument): void {
  // Only the objects that name an id: the elements that carry one, and the table cells that
  // name their header cells by it (/A << /O /Table /Headers [ … ] >>).
  const objects = objectsContaining(doc, ['/ID', '/Headers']).map(([, obj]) => obj);
  const elems: [PDFDict, string][] = [];
  for (const obj of objects) {
    if (!isElem(obj)) continue;
    const id = obj.get(PDFName.of('ID'));
    if (id instanceof PDFString) elems.push([obj, id.decodeText()]);
  }
  // The old ids are zero-padded counters, so string order is creation order; keeping
  // that order keeps the IDTree (a name tree, sorted by key) sorted.
  const old = [...new Set(elems.map(([, id]) => id))].sort();
  const map = new Map(old.map((id, i) => [id, `node${String(i + 1).padStart(8, '0')}`]));
  for (const [dict, id] of elems) dict.set(PDFName.of('ID'), PDFString.of(map.get(id)!));
  // Each list once: an attribute object is found both by itself and through its element.
  for (const headers of new Set(objects.flatMap((obj) => headerLists(obj, doc)))) renameStrings(headers, 1, map);
  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'));
  if (root instanceof PDFDict) renameKeys(root.lookup(PDFName.of('IDTree')), map, doc);
}

/** Replaces the mapped strings of an array, every `step`-th element. */
function renameStrings(arr: PDFArray, step: number, map: Map<string, string>): void {
  for (let i = 0; i < arr.size(); i += step) {
    const k = arr.lookup(i);
    const text = k instanceof PDFString ? k.decodeText() : undefined;
    if (text !== undefined && map.has(text)) arr.set(i, PDFString.of(map.get(text)!));
  }
}

function renameKeys(node: PDFObject | undefined, map: Map<string, string>, doc: PDFDocument): void {
  if (!(node instanceof PDFDict)) return;
  for (const key of ['Names', 'Limits']) {
    const arr = node.lookup(PDFName.of(key));
    if (arr instanceof PDFArray) renameStrings(arr, key === 'Names' ? 2 : 1, map);
  }
  const kids = node.lookup(PDFName.of('Kids'));
  if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) renameKeys(doc.context.lookup(kids.get(i)), map, doc);
}
