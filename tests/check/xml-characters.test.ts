/**
 * Rule `xml-characters`: a character XML forbids in a table text is an error
 * at the character (or at the YAML escape that wrote it), `check` exits 1,
 * and a build forced past it still writes a workbook whose XML parses.
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { captureIo, copySample, edit, SAMPLE, tempDir } from '../helpers.js';
import { at, byRule, checkDir, where } from './check-helpers.js';

const RULE = 'xml-characters';

describe('xml-characters', () => {
  it('the sample has none, and every table text was looked at', () => {
    const c = checkDir(SAMPLE);
    expect(byRule(c, RULE)).toEqual([]);
    expect(c.stats[RULE]).toBeGreaterThan(300);
  });

  it('a raw control character in a cell: error at the character', () => {
    const dir = copySample();
    const file = path.join(dir, 'tables', 'main-indicators.yaml');
    edit(file, 'en: In step with the city as a whole', 'en: In step with the\u0007 city as a whole');
    const found = byRule(checkDir(dir), RULE);
    const w = where(file, '\u0007');
    expect(found.map(at)).toEqual([`${file}:${w.line}:${w.column}`]);
    expect(found[0].severity).toBe('error');
    expect(found[0].message).toContain('U+0007');
  });

  it('an escape in a double-quoted scalar (U+FFFE, U+0001): error at the escape', () => {
    const dir = copySample();
    const file = path.join(dir, 'tables', 'main-indicators.yaml');
    edit(file, 'actual: { zh: "-1.9%（前三季度）"', 'actual: { zh: "-1.9%（前三\\uFFFE季度）"');
    edit(file, 'en: "Meet the municipal target (within 9,600)"', 'en: "Meet the municipal\\x01 target (within 9,600)"');
    const found = byRule(checkDir(dir), RULE);
    expect(found.map(at).sort()).toEqual([where(file, '\\uFFFE'), where(file, '\\x01')].map((w) => `${file}:${w.line}:${w.column}`).sort());
    expect(found.map((f) => f.message).join(' ')).toMatch(/U\+FFFE.*U\+0001|U\+0001.*U\+FFFE/);
  });

  it('check exits 1; a forced build writes a workbook whose every XML part parses', async () => {
    const dir = copySample();
    const file = path.join(dir, 'tables', 'main-indicators.yaml');
    edit(file, 'en: In step with the city as a whole', 'en: "In step with the\\uFFFE city as a whole"');
    const io = captureIo();
    expect(await run(['check', dir], io)).toBe(1);
    expect(io.stdout.join('\n') + io.stderr.join('\n')).toContain(`${file}:`);
    const out = tempDir();
    const code = await run(['build', dir, '--out', out, '--format', 'xlsx', '--force'], captureIo());
    expect(code).toBe(0);
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(out, 'tables.xlsx')));
    const parts = Object.keys(zip.files).filter((n) => n.endsWith('.xml'));
    expect(parts.length).toBeGreaterThan(10);
    for (const name of parts) {
      const doc = new JSDOM(await zip.files[name].async('string'), { contentType: 'application/xml' }).window.document;
      expect(doc.getElementsByTagName('parsererror').length, name).toBe(0);
    }
    const strings = await zip.files['xl/sharedStrings.xml'].async('string');
    expect(strings).toContain('In step with the\uFFFD city');
  });
});
