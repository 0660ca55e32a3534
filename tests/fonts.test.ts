/**
 * The characters the fonts are chosen by: read by code unit for speed, they
 * must be the code points the string iterator gives, astral characters and
 * unpaired surrogates included, added to the set of the pages before.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { codePoints } from '../src/render/fonts.js';
import { SAMPLE } from './helpers.js';

const byIterator = (texts: string[]) => new Set(texts.flatMap((t) => [...t].map((ch) => ch.codePointAt(0)!)));

describe('codePoints', () => {
  it('gives the code points of the string iterator', () => {
    const texts = ['𠀀𪚥 (U+20000, U+2A6A5)', 'lone \ud800 high, lone \udc00 low, pair \ud83d\ude00', 'aaab', '', '\ud800'];
    expect([...codePoints(texts)].sort()).toEqual([...byIterator(texts)].sort());
  });

  it('on every chapter of the sample, page by page into one set', () => {
    const dir = path.join(SAMPLE, 'zh');
    const texts = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
    const into = new Set<number>();
    for (const t of texts) codePoints([t], into);
    expect([...into].sort()).toEqual([...byIterator(texts)].sort());
    expect(into.size).toBeGreaterThan(1000);
  });
});

describe('the faces index kept beside the renamed slices', () => {
  const used = new Set([...'静安区国民经济和社会发展 Jing’an 2023'].map((c) => c.codePointAt(0)!));
  const fresh = async () => {
    vi.resetModules();
    return import('../src/render/fonts.js');
  };

  it('chooses the same font files whether it is read from the sheets, kept, or found broken', async () => {
    const { FONT_CACHE, fontFilesFor } = await fresh();
    const kept = () => (fs.existsSync(FONT_CACHE) ? fs.readdirSync(FONT_CACHE).filter((f) => /^faces-.*\.json$/.test(f)) : []);
    for (const f of kept()) fs.rmSync(path.join(FONT_CACHE, f));
    const fromSheets = fontFilesFor(used);
    expect(fromSheets.length).toBeGreaterThan(3);
    expect(kept()).toHaveLength(1);
    expect((await fresh()).fontFilesFor(used)).toEqual(fromSheets);
    for (const broken of ['{"lists": 3}', '{"lists": [], "faces": []}', 'not json']) {
      fs.writeFileSync(path.join(FONT_CACHE, kept()[0]), broken);
      expect((await fresh()).fontFilesFor(used)).toEqual(fromSheets);
    }
  });
});
