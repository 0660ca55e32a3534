/**
 * Whole commands as a user types them, each a fresh process, against a bare
 * `node -e 0` measured in the same rounds: the runs are interleaved so that
 * other load on the machine weighs on the baseline and the commands alike.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SAMPLE_DIR } from '../make-synthetic.js';
import { atMost, median, progress, ROOT, type Section } from './measure.js';

/** The newest or oldest modification time under `dir`, as bin/baogao.mjs compares them. */
function mtime(dir: string, pick: (a: number, b: number) => number): number | undefined {
  if (!fs.existsSync(dir)) return undefined;
  const times = fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => fs.statSync(path.join(e.parentPath, e.name)).mtimeMs);
  return times.length ? times.reduce(pick) : undefined;
}

/**
 * bin/baogao.mjs runs dist/ only while it is newer than every source; else it
 * compiles through tsx at every start. Timing that would time a developer's
 * stale checkout, not the command: compile first, as `npm install` does.
 */
export function ensureCompiled(): void {
  const newestSrc = mtime(path.join(ROOT, 'src'), Math.max);
  const oldestDist = mtime(path.join(ROOT, 'dist'), Math.min);
  if (newestSrc !== undefined && oldestDist !== undefined && newestSrc <= oldestDist) return;
  progress('  dist/ is older than src/: compiling (npm run prepare)\n');
  const r = spawnSync('npm', ['run', '--silent', 'prepare'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('bench: npm run prepare failed');
}

export function commandStarts(runs: number): Section {
  ensureCompiled();
  const bin = path.join(ROOT, 'bin/baogao.mjs');
  const cases: { name: string; args: string[]; limit?: number; target?: string }[] = [
    { name: '`node -e 0` (baseline)', args: ['-e', '0'] },
    { name: '`baogao --version`', args: [bin, '--version'], limit: 3, target: 'CLI start: `baogao --version` ÷ `node -e 0`' },
    { name: '`baogao check content`', args: [bin, 'check', SAMPLE_DIR], limit: 8, target: '`baogao check content` (process) ÷ `node -e 0`' },
  ];
  const ms: number[][] = cases.map(() => []);
  for (let i = 0; i < runs; i++) {
    progress(`  command start-up: round ${i + 1}/${runs}\n`);
    cases.forEach(({ name, args }, k) => {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
      // check exits 1 when the sample has errors; anything else is a failure of the command.
      if (r.status !== 0 && !(r.status === 1 && args.includes('check'))) throw new Error(`bench: ${name} exited ${r.status}`);
      ms[k].push(performance.now() - t0);
    });
  }
  const base = median(ms[0]);
  return {
    lines: [
      `| command (fresh process, median of ${runs}, interleaved) | time | ÷ \`node -e 0\` | target |`,
      '|---|--:|--:|---|',
      ...cases.map(
        ({ name, limit }, k) => `| ${name} | ${median(ms[k]).toFixed(0)} ms | ${(median(ms[k]) / base).toFixed(2)}× | ${limit ? `≤ ${limit}×` : ''} |`,
      ),
      '',
    ],
    targets: cases.flatMap(({ target, limit }, k) => (target && limit ? [atMost(target, median(ms[k]) / base, limit)] : [])),
  };
}
