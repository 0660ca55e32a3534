/**
 * The characters the fonts are chosen by: read by code unit for speed, they
 * must be the code points the string iterator gives, astral characters and
 * unpaired surrogates included, added to the set of the pages before.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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
