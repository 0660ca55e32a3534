/** Helpers for the checker tests: load an edition folder and run the checks on it. */
import fs from 'node:fs';
import { expect } from 'vitest';
import { runChecks } from '../../src/check/index.js';
import type { FigureStatusEntry } from '../../src/check/rule.js';
import { clearSourceCache } from '../../src/model/text-places.js';
import type { Finding } from '../../src/diagnostics.js';
import { loadEdition } from '../../src/load/index.js';
import type { Edition } from '../../src/model.js';

export interface Checked {
  edition: Edition;
  findings: Finding[];
  stats: Record<string, number>;
  figures: FigureStatusEntry[];
}

/** Loads `dir` (which must load without errors) and runs every rule. */
export function checkDir(dir: string, previousDir?: string): Checked {
  clearSourceCache();
  const loaded = loadEdition(dir);
  const loadErrors = loaded.findings.filter((f) => f.severity === 'error');
  expect(loadErrors.map((f) => `${f.place.file}:${f.place.line} ${f.message}`)).toEqual([]);
  const previous = previousDir ? loadEdition(previousDir).edition : undefined;
  if (previousDir) expect(previous).toBeDefined();
  const stats: Record<string, number> = {};
  const figures: FigureStatusEntry[] = [];
  const findings = runChecks(loaded.edition!, { previous, stats, figures });
  return { edition: loaded.edition!, findings, stats, figures };
}

/** The findings of one rule. */
export const byRule = (c: Checked, ruleId: string) => c.findings.filter((f) => f.ruleId === ruleId);

/** Line and column (1-based, UTF-16) of `needle` in a file, plus `offset` characters into it. */
export function where(file: string, needle: string, offset = 0): { line: number; column: number } {
  const text = fs.readFileSync(file, 'utf8');
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`where: ${needle} not in ${file}`);
  const at = i + offset;
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return { line: text.slice(0, lineStart).split('\n').length, column: at - lineStart + 1 };
}

/** `file:line:column` of a finding, for readable failures. */
export const at = (f: Finding) => `${f.place.file}:${f.place.line}:${f.place.column}`;
