/**
 * One folder per test run for builds that many test files read. The build
 * itself is made lazily by the first worker that asks (tests/sample-build.ts),
 * so a run of unit tests alone never pays for a PDF.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    sharedRoot: string;
  }
}

export default function setup(project: TestProject): () => void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'baogao-shared-'));
  project.provide('sharedRoot', root);
  return () => fs.rmSync(root, { recursive: true, force: true });
}
