/**
 * Renaming a WOFF2 slice: the name table says what the font is, and every
 * other table is unchanged (the font still draws the same glyphs).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renameWoff2 } from '../../src/render/font-names.js';

const require = createRequire(import.meta.url);
const dir = path.join(path.dirname(require.resolve('@fontsource/noto-serif-sc/700.css')), 'files');
const file = fs.readdirSync(dir).find((f) => /-700-normal\.woff2$/.test(f))!;

/** The decompressed font data and the name table's strings (Windows records), read independently of the writer. */
function read(font: Buffer) {
  const numTables = font.readUInt16BE(12);
  let at = 48;
  const tables: { tag: number; length: number }[] = [];
  const b128 = () => {
    let v = 0;
    for (;;) {
      const b = font[at++];
      v = v * 128 + (b & 127);
      if (!(b & 128)) return v;
    }
  };
  for (let i = 0; i < numTables; i++) {
    const flags = font[at++];
    const tag = flags & 63;
    if (tag === 63) at += 4;
    const orig = b128();
    const transformed = tag === 10 || tag === 11 ? flags >> 6 === 0 : flags >> 6 !== 0;
    tables.push({ tag, length: transformed ? b128() : orig });
  }
  const data = zlib.brotliDecompressSync(font.subarray(at, at + font.readUInt32BE(20)));
  let offset = 0;
  const parts = tables.map((t) => {
    const bytes = data.subarray(offset, offset + t.length);
    offset += t.length;
    return { tag: t.tag, bytes };
  });
  const name = parts.find((p) => p.tag === 5)!.bytes;
  const count = name.readUInt16BE(2);
  const storage = name.readUInt16BE(4);
  const names: Record<number, string> = {};
  for (let i = 0; i < count; i++) {
    const r = 6 + 12 * i;
    if (name.readUInt16BE(r) !== 3) continue;
    const len = name.readUInt16BE(r + 8);
    const off = storage + name.readUInt16BE(r + 10);
    names[name.readUInt16BE(r + 6)] = Buffer.from(name.subarray(off, off + len))
      .swap16()
      .toString('utf16le');
  }
  return { names, others: parts.filter((p) => p.tag !== 5), length: font.readUInt32BE(8) };
}

describe('renameWoff2', () => {
  const original = fs.readFileSync(path.join(dir, file));
  const renamed = renameWoff2(original, { family: 'Noto Serif SC', style: 'Bold' });

  it('names the font for its face and style', () => {
    expect(read(original).names[6]).toBe('NotoSerifSCExtraLight-Bold');
    expect(read(renamed).names).toMatchObject({ 1: 'Noto Serif SC', 2: 'Bold', 4: 'Noto Serif SC Bold', 6: 'NotoSerifSC-Bold' });
  });

  it('keeps every other table byte for byte, and a consistent header', () => {
    const before = read(original).others;
    const after = read(renamed).others;
    expect(after.map((p) => p.tag)).toEqual(before.map((p) => p.tag));
    after.forEach((p, i) => expect(p.bytes.equals(before[i].bytes)).toBe(true));
    expect(read(renamed).length).toBe(renamed.length);
    expect(renamed.length % 4).toBe(0);
  });

  it('gives the same bytes every time', () => {
    expect(renameWoff2(original, { family: 'Noto Serif SC', style: 'Bold' }).equals(renamed)).toBe(true);
  });
});
