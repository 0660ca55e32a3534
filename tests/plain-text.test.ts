import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byCodeUnit, countText } from '../src/plain-text.js';

describe('counts and ordering without ICU', () => {
  it("writes a count as toLocaleString('en') does", () => {
    for (const n of [0, 7, 999, 1000, 1230, 999_999, 1_000_000, 12_345_678]) expect(countText(n)).toBe(n.toLocaleString('en'));
    fc.assert(fc.property(fc.nat(), (n) => countText(n) === n.toLocaleString('en')));
  });

  it('orders by code unit, whatever the locale', () => {
    expect(['b.md', 'B.md', 'a-1.md', 'a_1.md', '表.yaml'].sort(byCodeUnit)).toEqual(['B.md', 'a-1.md', 'a_1.md', 'b.md', '表.yaml']);
  });
});
