/**
 * Rule `glossary`: where a glossary term occurs in Chinese, the aligned
 * English uses its glossary rendering. Sample and mutated copies.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize, renderingPattern, writtenPattern } from '../../src/check/glossary.js';
import { copySample, edit, SAMPLE } from '../helpers.js';
import { at, byRule, checkDir, where } from './check-helpers.js';

const RULE = 'glossary';

describe('glossary on the sample', () => {
  const c = checkDir(SAMPLE);

  it('raises nothing: the translation follows the glossary', () => {
    expect(byRule(c, RULE).map((f) => `${at(f)} ${f.message}`)).toEqual([]);
  });

  it('examines every occurrence of the terms no other term contains', () => {
    const terms = c.edition.glossary.map((t) => t.zh);
    const standalone = terms.filter((t) => !terms.some((u) => u !== t && u.includes(t)));
    const prose = c.edition.meta.chapterOrder.map((id) => fs.readFileSync(path.join(SAMPLE, 'zh', `${id}.md`), 'utf8')).join('\n');
    const occurrences = standalone.reduce((n, t) => n + prose.split(t).length - 1, 0);
    expect(occurrences).toBeGreaterThan(50);
    expect(c.stats[RULE]).toBeGreaterThanOrEqual(occurrences);
  });
});

describe('glossary tolerance', () => {
  it.each([
    ['"Six Increases" Plan', 'implemented the “Six Increases” plan in depth'],
    ['Global Service Providers', "the Global Service Provider's list"],
    ['Nanjing Road West High-End Services Belt', 'the Nanjing Road West high end services belt'],
    ["Jing'an Remote Services", 'Jing’an Remote Services'],
    ['Block', 'Blocks 119 and 120'],
  ])('%s is found in: %s', (rendering, text) => {
    expect(renderingPattern(rendering).test(normalize(text))).toBe(true);
  });

  it('but not inside another word', () => {
    expect(renderingPattern('Daning').test('the daningtown')).toBe(false);
  });
});

describe('the rendering as written: capitals and quotation marks', () => {
  it.each([
    ['"Six Increases" Plan', 'implemented the “Six Increases” Plan in depth', true],
    ['"Six Increases" Plan', 'implemented the Six Increases Plan in depth', false],
    ['"Six Increases" Plan', 'implemented the “Six Increases” plan in depth', false],
    ['Shibei Functional Area', "The Shibei Functional Area's companies", true],
    ['Shibei Functional Area', 'The Shibei functional area continued', false],
    ['residual waste', 'Residual waste disposal reached', true],
    ['"public-welfare sports delivery"', '"Public-welfare sports delivery" services', true],
    ["Jing'an Remote Services", 'Jing’an Remote Services', true],
  ])('%s in: %s → %s', (rendering, text, ok) => {
    expect(writtenPattern(rendering).test(text)).toBe(ok);
  });

  // writtenPattern tests the letter-or-digit boundaries outside its regular expression (one
  // compiled \p{L} instead of a hundred); it must accept exactly what the one-pattern form does.
  it('accepts exactly what the single Unicode pattern accepts', () => {
    const whole = (en: string) => {
      let first = true;
      const parts = [...en.trim()].map((c) => {
        if (/["“”„«»]/.test(c)) return '["“”„«»]';
        if (/['‘’]/.test(c)) return "['‘’]";
        if (/[\s\-‐‑–—]/.test(c)) return '[\\s\\-‐‑–—]+';
        if (first && /\p{L}/u.test(c)) {
          first = false;
          return `[${c.toLowerCase()}${c.toUpperCase()}]`;
        }
        return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      });
      const body = parts.join('').replace(/(\[\\s\\-‐‑–—\]\+)+/g, '[\\s\\-‐‑–—]+');
      return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?:s|es|['’]s)?(?![\\p{L}\\p{N}])`, 'u');
    };
    const terms = ['"Six Increases" Plan', 'Shibei Functional Area', "Jing'an", 'AI', 'ab', '𠀀x', 'e-commerce', '5G'];
    const piece = fc.constantFrom('a', 'A', 'b', 's', 'es', "'s", '’s', ' ', '-', '—', '"', '“', '”', '1', '5G', 'I', 'x', '𠀀', '中', '.', ...terms);
    fc.assert(
      fc.property(fc.constantFrom(...terms), fc.array(piece, { maxLength: 12 }), (term, pieces) => {
        const text = pieces.join('');
        expect(writtenPattern(term).test(text)).toBe(whole(term).test(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('a term written with other capitals, or without the quotation marks of a programme name, is a warning', () => {
    for (const [from, to, term] of [
      ['The Shibei Functional Area continued', 'The Shibei functional area continued', '市北功能区'],
      ['advance the "Five Major Projects" across', 'advance the Five Major Projects across', '五大工程'],
    ]) {
      const dir = copySample();
      const file = path.join(dir, 'en', from.startsWith('The Shibei') ? '01-review.md' : '02-targets.md');
      edit(file, from, to);
      const found = byRule(checkDir(dir), RULE);
      expect(
        found.map((f) => f.message),
        term,
      ).toEqual([expect.stringContaining(`${term} is rendered`)]);
      expect(found[0].message).toContain('other capitals or quotation marks');
    }
  });

  it('dry waste for 干垃圾 is a warning: the glossary fixes Shanghai’s residual waste', () => {
    const dir = copySample();
    edit(path.join(dir, 'en', '03-tasks.md'), 'residual waste disposal kept within', 'dry waste disposal kept within');
    expect(byRule(checkDir(dir), RULE).map((f) => f.expected)).toEqual(['residual waste']);
  });
});

describe('glossary mutations', () => {
  it('English prose renders a place differently: warning at the Chinese term', () => {
    const dir = copySample();
    edit(path.join(dir, 'en', '01-review.md'), 'Suhe Bay MixC World, a park-style', 'the Suhe Bay Wanxiang Tiandi, a park-style');
    const zh = path.join(dir, 'zh', '01-review.md');
    const pos = where(zh, '苏河湾万象天地开业');
    const found = byRule(checkDir(dir), RULE);
    expect(found.map(at)).toEqual([`${zh}:${pos.line}:${pos.column}`]);
    expect(found[0].severity).toBe('warning');
    expect(found[0].expected).toBe('Suhe Bay MixC World');
    expect(found[0].other?.file).toBe(path.join(dir, 'en', '01-review.md'));
  });

  it('a programme name changed in an English heading: warning at the heading term', () => {
    const dir = copySample();
    edit(path.join(dir, 'en', '01-review.md'), 'advancing the "Six Increases" Plan', 'advancing the Six Growth Plan');
    const zh = path.join(dir, 'zh', '01-review.md');
    const pos = where(zh, '坚定不移推进“六增计划”', '坚定不移推进“'.length);
    expect(byRule(checkDir(dir), RULE).map(at)).toEqual([`${zh}:${pos.line}:${pos.column}`]);
  });

  it('a table list item renders a term differently: warning at the exact character in the YAML', () => {
    const dir = copySample();
    const file = path.join(dir, 'tables', 'greening-tasks.yaml');
    edit(file, 'along the "One River and Two Elevated Roads"', 'along the river and the two viaducts');
    const pos = where(file, '一河两高架');
    expect(byRule(checkDir(dir), RULE).map(at)).toEqual([`${file}:${pos.line}:${pos.column}`]);
  });

  it('the glossary itself changed: every block using the term is reported', () => {
    const dir = copySample();
    edit(path.join(dir, 'glossary.yaml'), '{ zh: 张园, en: Zhangyuan }', '{ zh: 张园, en: Zhang Garden }');
    const found = byRule(checkDir(dir), RULE);
    const zhFiles = fs.readdirSync(path.join(dir, 'zh')).map((f) => fs.readFileSync(path.join(dir, 'zh', f), 'utf8'));
    const blocks = zhFiles.flatMap((t) => t.split(/\n\n+/)).filter((b) => b.includes('张园')).length;
    expect(blocks).toBeGreaterThan(0);
    expect(found).toHaveLength(blocks);
    expect(found.every((f) => f.expected === 'Zhang Garden')).toBe(true);
  });
});
