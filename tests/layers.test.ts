/**
 * The layer check (`npm run lint:deps`) on a copy of src/ with imports planted
 * that break each kind of rule: it must name every one by file, line and the
 * layer imported, and fail. CI runs the same check on the real src/.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
let copy: string;
let result: { status: number | null; stderr: string; stdout: string };

/** Puts `line` before the first line of a file of the copy. */
function plant(file: string, line: string): void {
  const at = path.join(copy, file);
  fs.writeFileSync(at, `${line}\n${fs.readFileSync(at, 'utf8')}`);
}

beforeAll(() => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'baogao-layers-'));
  fs.cpSync(path.join(ROOT, 'src'), path.join(copy, 'src'), { recursive: true });
  for (const f of ['.dependency-cruiser.cjs', 'tsconfig.json', 'package.json']) fs.copyFileSync(path.join(ROOT, f), path.join(copy, f));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  plant('src/render/html/to-hast.ts', "import '../../load/resolve.js';"); // a stage into another
  plant('src/quantity/format.ts', "import type { Finding } from '../report/check-json.js';"); // sideways between shared layers
  plant('src/watch/index.ts', "import type { Io as Io2 } from '../cli/run.js';"); // a command up to the cli, and round a cycle
  plant('src/check/todo.ts', "import { tableArithmeticRule } from './table-arithmetic.js';"); // a rule into a rule
  plant('src/check/link-compare.ts', "import type { LinkResult } from './link.js';"); // a cycle inside one folder: allowed
  fs.writeFileSync(path.join(copy, 'src/stray.ts'), 'export const stray = 1;\n'); // a module in no layer
  const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts/check-layers.mjs'), copy], { encoding: 'utf8' });
  result = { status: run.status, stderr: run.stderr, stdout: run.stdout };
}, 120_000);

afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

describe('npm run lint:deps', () => {
  it('fails and names each planted import by file:line and the layer it reaches', () => {
    expect(result.status).toBe(1);
    const lines = result.stderr.split('\n');
    expect(lines).toContain('src/render/html/to-hast.ts:1 imports ../../load/resolve.js, which is layer load (a stage)');
    expect(lines).toContain('src/quantity/format.ts:1 imports ../report/check-json.js, which is layer findings (findings and their output)');
    expect(lines).toContain('src/watch/index.ts:1 imports ../cli/run.js, which is layer cli (the command line)');
    expect(lines).toContain('src/check/todo.ts:1 imports ./table-arithmetic.js, which is a check rule');
    expect(lines).toContain('src/stray.ts: in no layer');
    expect(
      lines.some((l) =>
        /^src\/cli\/run\.ts:\d+ imports \.\.\/watch\/index\.js, round the cycle src\/cli\/run\.ts → src\/watch\/index\.ts → src\/cli\/run\.ts$/.test(l),
      ),
    ).toBe(true);
  });

  it('says which layers the offender may import', () => {
    const i = result.stderr.split('\n').indexOf('src/render/html/to-hast.ts:1 imports ../../load/resolve.js, which is layer load (a stage)');
    const why = result.stderr.split('\n')[i + 1];
    expect(why).toMatch(/^ {2}layer render\/html: render\/html \(a stage\) may import only render\/html, render, model, /);
    expect(why).not.toMatch(/\bload\b/);
  });

  it('reports nothing else: a cycle inside check/ is allowed and the rest of the copy keeps to the layers', () => {
    const offenders = result.stderr.split('\n').filter((l) => /^src\//.test(l));
    expect(offenders).toHaveLength(6);
    expect(result.stderr).toMatch(/lint:deps: 6 offenders against the layers/);
  });
});
