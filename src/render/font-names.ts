/**
 * Renames a WOFF2 font. The @fontsource slices are cut from variable fonts
 * and keep the name of the instance they were cut from, so a PDF lists the
 * bold 宋 as "NotoSerifSCExtraLight-Bold" and the 黑体 as "NotoSansSCThin-Regular":
 * a print shop's preflight shows names that are not what is printed. The
 * name table is replaced (family, style, full and PostScript names); every
 * other table is kept byte for byte, and the font's data is compressed
 * again (Brotli, fixed quality, so the bytes are the same on every build).
 */
import zlib from 'node:zlib';

/** Known table tags of the WOFF2 directory, by index (WOFF2 §5.1); `name` is 5. */
const NAME_TAG = 5;

export interface FontNames {
  family: string;
  style: string;
}

function readBase128(buf: Buffer, at: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 5; i++) {
    const b = buf[at + i];
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) return [value, at + i + 1];
  }
  throw new Error('bad UIntBase128 in WOFF2 directory');
}

function base128(n: number): number[] {
  const out = [n & 0x7f];
  for (n = Math.floor(n / 128); n > 0; n = Math.floor(n / 128)) out.unshift((n & 0x7f) | 0x80);
  return out;
}

/** A name table (format 0) of Windows Unicode records: 1 family, 2 style, 4 full name, 6 PostScript name. */
function nameTable({ family, style }: FontNames): Buffer {
  const ps = `${family.replace(/[^A-Za-z0-9]/g, '')}-${style.replace(/[^A-Za-z0-9]/g, '')}`;
  const records: [number, string][] = [
    [1, family],
    [2, style],
    [4, `${family} ${style}`],
    [6, ps],
  ];
  const strings = records.map(([, s]) => Buffer.from(s, 'utf16le').swap16());
  const head = Buffer.alloc(6 + 12 * records.length);
  head.writeUInt16BE(0, 0);
  head.writeUInt16BE(records.length, 2);
  head.writeUInt16BE(head.length, 4);
  let offset = 0;
  records.forEach(([id], i) => {
    const at = 6 + 12 * i;
    head.writeUInt16BE(3, at);
    head.writeUInt16BE(1, at + 2);
    head.writeUInt16BE(0x409, at + 4);
    head.writeUInt16BE(id, at + 6);
    head.writeUInt16BE(strings[i].length, at + 8);
    head.writeUInt16BE(offset, at + 10);
    offset += strings[i].length;
  });
  return Buffer.concat([head, ...strings]);
}

/** The WOFF2 font with the given names; throws on a file it does not understand (a collection, metadata). */
export function renameWoff2(font: Buffer, names: FontNames): Buffer {
  if (font.toString('latin1', 0, 4) !== 'wOF2') throw new Error('not a WOFF2 font');
  const numTables = font.readUInt16BE(12);
  const compressed = font.readUInt32BE(20);
  if (font.readUInt32BE(28) || font.readUInt32BE(40)) throw new Error('WOFF2 with metadata or private data');
  const entries: { bytes: number[]; tag: number; length: number; orig: number }[] = [];
  let at = 48;
  for (let i = 0; i < numTables; i++) {
    const start = at;
    const flags = font[at++];
    const tag = flags & 0x3f;
    if (tag === 63) at += 4;
    const version = flags >> 6;
    let orig: number;
    [orig, at] = readBase128(font, at);
    let length = orig;
    const transformed = tag === 10 || tag === 11 ? version === 0 : version !== 0;
    if (transformed) [length, at] = readBase128(font, at);
    entries.push({ bytes: [...font.subarray(start, at)], tag, length, orig });
  }
  const data = zlib.brotliDecompressSync(font.subarray(at, at + compressed));
  const name = nameTable(names);
  const parts: Buffer[] = [];
  const directory: number[] = [];
  let offset = 0;
  let sfnt = 12 + 16 * numTables;
  for (const e of entries) {
    const table = data.subarray(offset, offset + e.length);
    offset += e.length;
    if (e.tag === NAME_TAG) {
      parts.push(name);
      directory.push(e.bytes[0], ...base128(name.length));
      sfnt += (name.length + 3) & ~3;
    } else {
      parts.push(table);
      directory.push(...e.bytes);
      sfnt += (e.orig + 3) & ~3;
    }
  }
  const stream = zlib.brotliCompressSync(Buffer.concat(parts), {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_FONT },
  });
  const header = Buffer.from(font.subarray(0, 48));
  const body = Buffer.concat([header, Buffer.from(directory), stream]);
  const padded = Buffer.concat([body, Buffer.alloc((4 - (body.length % 4)) % 4)]);
  padded.writeUInt32BE(padded.length, 8);
  padded.writeUInt32BE(sfnt, 16);
  padded.writeUInt32BE(stream.length, 20);
  return padded;
}
