/**
 * Writes an OOXML package (.xlsx, .docx) so that the same parts always give
 * the same bytes: the entries in a fixed order, with one fixed date and one
 * compression level, and no directory entries. exceljs and docx stamp every
 * entry with the time of the build.
 *
 * The bytes are those JSZip writes for the same entries (its DOS platform,
 * pako at level 6; tests/xlsx/bytes-and-readers.test.ts holds the two
 * equal), without JSZip: it computed every part's CRC in JavaScript twice,
 * once zipping and once unzipping, and ran each byte through a chain of
 * stream workers, a fifth of a second of the build on the 2-core machine.
 * Deflating stays with pako: zlib's output can differ from CPU to CPU, the
 * pure-JavaScript deflater's cannot.
 */
import zlib from 'node:zlib';
import pako from 'pako';

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

let table: Int32Array | undefined;

/** CRC-32 of the zip format, by table: for a Node without zlib.crc32 (before 20.15). */
export function crc32ByTable(data: Uint8Array): number {
  table ??= Int32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c;
  });
  let c = -1;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

const native = (zlib as { crc32?: (d: Uint8Array) => number }).crc32;
const crc32 = native ? (data: Uint8Array) => native(data) >>> 0 : crc32ByTable;

/** The files of a zip archive by name (directories left out), each read when asked for, from the central directory. */
function zipIndex(zip: Uint8Array): Map<string, () => Uint8Array> {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip archive: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, () => Uint8Array>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('not a zip archive: a broken central directory');
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    const local = buf.readUInt32LE(at + 42);
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    if (name.endsWith('/')) continue;
    if (method !== 0 && method !== 8) throw new Error(`${name}: zip compression method ${method} is not read here`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out.set(name, () => (method === 0 ? data : zlib.inflateRawSync(data)));
  }
  return out;
}

/** A DOS date and time from the UTC fields, as JSZip writes them (so the bytes do not depend on the time zone). */
function dosStamp(date: Date): [number, number] {
  const time = (((date.getUTCHours() << 6) | date.getUTCMinutes()) << 5) | (date.getUTCSeconds() / 2);
  const day = ((((date.getUTCFullYear() - 1980) << 4) | (date.getUTCMonth() + 1)) << 5) | date.getUTCDate();
  return [time, day];
}

/**
 * Writes the parts as a zip archive, deflated, dated `date`, in the order of
 * `names`; each part is let go of once it is deflated, so that a large
 * workbook is never held raw and deflated at once.
 */
function writeZip(names: string[], take: (name: string) => Uint8Array, date: Date, fix?: PartFix): Buffer {
  const [time, day] = dosStamp(date);
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    if (!/^[\x20-\x7e]+$/.test(name)) throw new Error(`${name}: a part name outside ASCII`);
    const raw = take(name);
    const data = fix && /\.(xml|rels)$/.test(name) ? Buffer.from(fix(name, Buffer.from(raw).toString('utf8')), 'utf8') : raw;
    const packed = pako.deflateRaw(data, { level: 6 });
    // Version needed, flags, method, time, date, CRC, sizes, name and extra lengths: the local
    // header and the central record share them.
    const common = Buffer.alloc(26);
    common.writeUInt16LE(0x000a, 0);
    common.writeUInt16LE(0, 2);
    common.writeUInt16LE(8, 4);
    common.writeUInt16LE(time, 6);
    common.writeUInt16LE(day, 8);
    common.writeUInt32LE(crc32(data), 10);
    common.writeUInt32LE(packed.length, 14);
    common.writeUInt32LE(data.length, 18);
    common.writeUInt16LE(name.length, 22);
    common.writeUInt16LE(0, 24);
    const nameBytes = Buffer.from(name, 'latin1');
    chunks.push(Buffer.from([0x50, 0x4b, 0x03, 0x04]), common, nameBytes, Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength));
    // Made by DOS 2.0; no comment, disk 0, no attributes; where the local header starts.
    const record = Buffer.alloc(14);
    record.writeUInt32LE(offset, 10);
    central.push(Buffer.from([0x50, 0x4b, 0x01, 0x02, 0x14, 0x00]), common, record, nameBytes);
    offset += 4 + common.length + nameBytes.length + packed.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, dir, end]);
}

/**
 * Returns the package of `parts` (a zip archive, or its files by name, which
 * the call takes: the map is emptied) with every entry dated `date`. `fix`
 * may rewrite the XML parts on the way (see xlsx/package-fixes.ts).
 */
export function stableZip(parts: Uint8Array | Map<string, Uint8Array>, date: Date, fix?: PartFix): Buffer {
  if (!(parts instanceof Map)) {
    // Inflated one at a time, as they are written.
    const index = zipIndex(parts);
    return writeZip([...index.keys()].sort(order), (name) => index.get(name)!(), date, fix);
  }
  const take = (name: string) => {
    const data = parts.get(name)!;
    parts.delete(name);
    return data;
  };
  return writeZip([...parts.keys()].sort(order), take, date, fix);
}
