/**
 * Rewrites an .xlsx package so that the same workbook always gives the same
 * bytes. exceljs stamps every zip entry with the time of the build; here the
 * entries are copied in a fixed order, with one fixed date and one fixed
 * compression level, and without directory entries.
 */
import JSZip from 'jszip';

/** Entries that conventionally open the package; the rest follow in path order. */
const FIRST = ['[Content_Types].xml', '_rels/.rels'];

function order(a: string, b: string): number {
  const ia = FIRST.indexOf(a);
  const ib = FIRST.indexOf(b);
  if (ia !== -1 || ib !== -1) return (ia === -1 ? FIRST.length : ia) - (ib === -1 ? FIRST.length : ib);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rewrites the text of one XML part, by its path in the package. */
export type PartFix = (name: string, xml: string) => string;

/**
 * Returns the package with every entry dated `date`. JSZip writes DOS dates
 * from the UTC fields, so the bytes do not depend on the machine's time zone.
 * `fix` may rewrite the XML parts on the way (see package-fixes.ts).
 */
export async function stableZip(xlsx: Buffer | Uint8Array, date: Date, fix?: PartFix): Promise<Buffer> {
  const src = await JSZip.loadAsync(xlsx);
  const names = Object.keys(src.files)
    .filter((n) => !src.files[n].dir)
    .sort(order);
  const out = new JSZip();
  for (const name of names) {
    const entry = src.files[name];
    if (fix && /\.(xml|rels)$/.test(name)) out.file(name, fix(name, await entry.async('string')), { date, createFolders: false });
    else out.file(name, await entry.async('uint8array'), { date, createFolders: false, binary: true });
  }
  return out.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    platform: 'DOS',
    streamFiles: false,
  });
}
