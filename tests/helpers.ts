/** Test helpers: temporary copies of the sample edition and a captured CLI. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Io } from '../src/cli/run.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SAMPLE = path.join(ROOT, 'content');
export const TEMPLATES = path.join(ROOT, 'templates');

const temps = new Set<string>();

/**
 * Removes the temporary folders made so far. tests/remove-temps.ts calls it
 * after each test file: vitest ends its forks without a process 'exit' event,
 * so a handler there never ran and every run left hundreds of folders in /tmp.
 */
export function removeTemps(): void {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
  temps.clear();
}

/** A fresh temporary folder, removed after the test file (removeTemps). */
export function tempDir(prefix = 'baogao-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.add(dir);
  return dir;
}

/** Copies the sample edition into a temp folder and returns its path. */
export function copySample(): string {
  const dir = path.join(tempDir(), 'edition');
  fs.cpSync(SAMPLE, dir, { recursive: true });
  return dir;
}

/** Replaces the first occurrence of `from` in a file; fails loudly if absent. */
export function edit(file: string, from: string | RegExp, to: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`edit: ${String(from)} not found in ${file}`);
  fs.writeFileSync(file, next);
}

/** 1-based line of the first occurrence of `needle` in a file. */
export function lineOf(file: string, needle: string): number {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`lineOf: ${needle} not in ${file}`);
  return i + 1;
}

/** An Io that records what the CLI prints. */
export function captureIo(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (s) => stdout.push(s), err: (s) => stderr.push(s) };
}
