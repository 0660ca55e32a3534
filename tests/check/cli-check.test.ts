/**
 * `baogao check` through the CLI runner: the documented JSON schema
 * (docs/check.md), the summary line, and the exit codes (1 on errors, 0 on
 * warnings unless --strict).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/check/index.js';
import { run } from '../../src/cli/run.js';
import type { CheckJson } from '../../src/report/check-json.js';
import { captureIo, copySample, edit, lineOf, SAMPLE } from '../helpers.js';

async function check(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await run(['check', ...args], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('baogao check --format json', () => {
  it('prints the documented schema for the sample and exits 0', async () => {
    const { code, out } = await check([SAMPLE, '--format', 'json']);
    const json = JSON.parse(out) as CheckJson;
    expect(Object.keys(json)).toEqual(['version', 'edition', 'summary', 'examined', 'findings', 'linking']);
    const linking = (json as CheckJson & { linking: { figures: number; linked: number; references: number } }).linking;
    expect(linking.figures).toBeGreaterThan(100);
    expect(linking.references).toBeGreaterThan(5);
    expect(linking.linked).toBeLessThanOrEqual(linking.figures);
    expect(json.version).toBe(1);
    expect(json.edition).toBe(SAMPLE);
    expect(json.summary.errors).toBe(0);
    expect(code).toBe(0);
    expect(json.findings.length).toBe(json.summary.errors + json.summary.warnings + json.summary.notes + json.summary.acknowledged);
    expect(Object.keys(json.examined)).toEqual(RULES.map((r) => r.id));
    for (const id of ['table-arithmetic', 'counts', 'glossary', 'typography', 'todo']) expect(json.examined[id], id).toBeGreaterThan(0);
    for (const f of json.findings) {
      expect(Object.keys(f).slice(0, 4)).toEqual(['severity', 'ruleId', 'message', 'place']);
      expect(Object.keys(f.place)).toEqual(['file', 'line', 'column']);
      expect(['error', 'warning', 'info']).toContain(f.severity);
    }
  });

  it('--strict passes on the sample (its rounding acknowledged) and fails once a warning is not', async () => {
    expect((await check([SAMPLE, '--strict'])).code).toBe(0);
    const dir = copySample();
    edit(path.join(dir, 'tables', 'belt-tax.yaml'), /\n  - rule: table-arithmetic\n    at: total\/tax\n[^\n]*/, '');
    const { out } = await check([dir, '--format', 'json']);
    expect((JSON.parse(out) as CheckJson).summary.warnings).toBe(1);
    expect((await check([dir, '--format', 'json'])).code).toBe(0);
    expect((await check([dir, '--format', 'json', '--strict'])).code).toBe(1);
  });

  it('a mutated total exits 1 with the error at the total cell', async () => {
    const dir = copySample();
    const file = path.join(dir, 'tables', 'industry-tax.yaml');
    edit(file, 'tax: 638.89', 'tax: 648.89');
    const { code, out } = await check([dir, '--format', 'json']);
    expect(code).toBe(1);
    const json = JSON.parse(out) as CheckJson;
    const e = json.findings.find((f) => f.ruleId === 'table-arithmetic' && f.severity === 'error');
    expect(e?.place).toEqual({ file, line: lineOf(file, 'tax: 648.89'), column: 5 });
    expect(e?.expected).toBe('638.89');
    expect(e?.other?.file).toBe(file);
  });

  it('--previous runs the carry-over rule', async () => {
    const { out } = await check([SAMPLE, '--format', 'json', '--previous', SAMPLE]);
    const json = JSON.parse(out) as CheckJson;
    expect(json.examined['carry-over']).toBeGreaterThan(0);
    expect(json.findings.some((f) => f.ruleId === 'carry-over')).toBe(true);
  });
});

describe('baogao check (text)', () => {
  it('ends with the summary line: counts per severity and figures examined per rule', async () => {
    const { code, out } = await check([SAMPLE]);
    expect(code).toBe(0);
    const last = out.trim().split('\n').pop()!;
    expect(last).toMatch(/^.+: 0 errors, \d+ warnings?, \d+ notes?(, \d+ acknowledged)?; figures examined: /);
    for (const r of RULES) expect(last).toMatch(new RegExp(`${r.id} \\d+`));
    expect(last).toMatch(/; prose figures linked \d+ of \d+ \(\d+ not linked\), data references \d+$/);
  });
});
