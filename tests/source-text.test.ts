import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFinding } from '../src/report/format-findings.js';
import { lineColumn, lineText, sourceText } from '../src/source-text.js';
import { tempDir } from './helpers.js';

describe('sourceText', () => {
  it('maps offsets to line:column and back to line text, CRLF included', () => {
    const file = path.join(tempDir(), 'a.md');
    fs.writeFileSync(file, '第一行\r\nsecond\n\nfourth');
    const s = sourceText(file)!;
    expect(lineColumn(s, s.text.indexOf('second'))).toEqual({ line: 2, column: 1 });
    expect(lineColumn(s, s.text.indexOf('urth'))).toEqual({ line: 4, column: 3 });
    expect([1, 2, 3, 4, 5].map((n) => lineText(s, n))).toEqual(['第一行', 'second', '', 'fourth', undefined]);
  });

  it('reads a file again once it changed, so code frames follow the edit (baogao watch)', () => {
    const file = path.join(tempDir(), 'b.yaml');
    fs.writeFileSync(file, 'tax: 280.01\n');
    const finding = { severity: 'error' as const, ruleId: 'x', message: 'm', place: { file, line: 1, column: 6 } };
    expect(formatFinding(finding)).toContain('tax: 280.01');
    fs.writeFileSync(file, 'tax: 1,480.5.2\n');
    expect(formatFinding(finding)).toContain('tax: 1,480.5.2');
  });
});
