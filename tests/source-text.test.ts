import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Collector } from '../src/diagnostics.js';
import { readSource } from '../src/load/read-source.js';
import { formatFinding } from '../src/report/format-findings.js';
import { lineColumn, lineText, sourceText } from '../src/source-text.js';
import { tempDir } from './helpers.js';

describe('sourceText', () => {
  it('maps offsets to line:column and back to line text, CRLF included', () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.md');
    fs.writeFileSync(file, '第一行\r\nsecond\n\nfourth');
    expect(readSource(file, dir, new Collector())).toBeDefined();
    const s = sourceText(file)!;
    expect(lineColumn(s, s.text.indexOf('second'))).toEqual({ line: 2, column: 1 });
    expect(lineColumn(s, s.text.indexOf('urth'))).toEqual({ line: 4, column: 3 });
    expect([1, 2, 3, 4, 5].map((n) => lineText(s, n))).toEqual(['第一行', 'second', '', 'fourth', undefined]);
  });

  it('shows the text the loader read last, so code frames follow the edit (baogao watch)', () => {
    const dir = tempDir();
    const file = path.join(dir, 'b.yaml');
    const finding = { severity: 'error' as const, ruleId: 'x', message: 'm', place: { file, line: 1, column: 6 } };
    fs.writeFileSync(file, 'tax: 280.01\n');
    readSource(file, dir, new Collector());
    expect(formatFinding(finding)).toContain('tax: 280.01');
    fs.writeFileSync(file, 'tax: 1,480.5.2\n');
    readSource(file, dir, new Collector());
    expect(formatFinding(finding)).toContain('tax: 1,480.5.2');
  });

  it('never shows a file the loader did not accept: not a file it refused, not one it never read', () => {
    const dir = tempDir();
    const inside = path.join(dir, 'edition');
    fs.mkdirSync(inside);
    const secret = path.join(dir, 'secret.txt');
    fs.writeFileSync(secret, 'password: hunter2\n');
    const link = path.join(inside, 'c.md');
    fs.symlinkSync(secret, link);
    const out = new Collector();
    expect(readSource(link, inside, out)).toBeUndefined();
    expect(out.findings.map((f) => f.ruleId)).toEqual(['load/file']);
    expect(formatFinding(out.findings[0])).not.toContain('hunter2');
    expect(formatFinding({ ...out.findings[0], place: { file: secret, line: 1, column: 1 } })).not.toContain('hunter2');
  });

  it('a file accepted once and refused later is shown no more', () => {
    const dir = tempDir();
    const file = path.join(dir, 'd.md');
    fs.writeFileSync(file, '第一段\n');
    readSource(file, dir, new Collector());
    expect(sourceText(file)?.text).toBe('第一段\n');
    fs.rmSync(file);
    fs.symlinkSync('/etc/passwd', file);
    readSource(file, dir, new Collector());
    expect(sourceText(file)).toBeUndefined();
  });
});
