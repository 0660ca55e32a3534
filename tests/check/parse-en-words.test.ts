/**
 * The words before an English figure are looked up in the vocabulary's
 * tables. Author's prose can hold any word, including the names of
 * Object.prototype's members: found by the hostile-mutation test as
 * "[constructor" before a figure, which crashed the zh-vs-en rule.
 */
import { describe, expect, it } from 'vitest';
import { scanEn } from '../../src/quantity/parse-en.js';
import { senseOf } from '../../src/quantity/vocabulary.js';

const PROTOTYPE_WORDS = Object.getOwnPropertyNames(Object.prototype);

describe('English figures after words that are names of Object members', () => {
  it.each(PROTOTYPE_WORDS)('"%s" before a figure is neither qualifier nor direction', (word) => {
    const [figure] = scanEn(`rose ${word} 5% in the year`);
    expect(figure).toBeDefined();
    expect(figure.qualifier).toBeUndefined();
    expect(figure.direction).toBeUndefined();
  });

  it('still reads real qualifiers and directions', () => {
    const [figure] = scanEn('a growth of over 8% in the year');
    expect(figure.qualifier).toBe('over');
    expect(senseOf(figure.qualifier!)).toBeDefined();
    expect(figure.direction).toBe('up');
  });
});
