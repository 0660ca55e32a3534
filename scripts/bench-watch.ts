/**
 * `baogao watch` from save to page, for `npm run bench`: a copy of the
 * sample is watched (the real watchers, debounce, pipeline and server), one
 * paragraph of its largest Chinese chapter is saved `runs` times, and each
 * save is timed from the write to the moment a page connected to the event
 * stream has what it needs to show the edit: the changed chapter (`patch`),
 * or, where the page must reload, the page fetched again.
 *
 *   node bin/run-ts.mjs scripts/bench-watch.ts [--runs 21] [--against DIR]
 *
 * `--against DIR` measures another checkout too (e.g. the code before a
 * change, with its node_modules), alternating with this one in the same run.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface SaveToPage {
  /** Save to page, per save, in ms (sorted). */
  ms: number[];
  median: number;
  /** The server's own rebuild time (what the panel shows), median. */
  rebuildMedian: number;
  /**
   * CPU time (user + system) the process spent from save to page, median: on
   * a shared machine the wall time also holds the waits for a core, this not.
   */
  cpuMedian: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The events of the preview's stream, as a page's EventSource gets them. */
function listen(url: string, onEvent: (event: string, data: { build: number; ms?: number; pages?: Record<string, unknown> }) => void): () => void {
  let buffer = '';
  const req = http.get(url, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) onEvent(event, JSON.parse(data) as { build: number; ms?: number; pages?: Record<string, unknown> });
      }
    });
  });
  req.on('error', () => undefined);
  return () => req.destroy();
}

/** Times `runs` saves of one paragraph, in this process, with the `startWatch` of the checkout at `root`. */
export async function measureSaveToPage(opts: { root: string; runs: number }): Promise<SaveToPage> {
  const { startWatch } = (await import(pathToFileURL(path.join(opts.root, 'src/watch/index.ts')).href)) as typeof import('../src/watch/index.js');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'baogao-bench-watch-'));
  const dir = path.join(tmp, 'edition');
  fs.cpSync(path.join(opts.root, 'content'), dir, { recursive: true });
  const zh = path.join(dir, 'zh');
  const file = fs
    .readdirSync(zh)
    .filter((n) => n.endsWith('.md'))
    .map((n) => path.join(zh, n))
    .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  const text = fs.readFileSync(file, 'utf8');
  // The first paragraph of plain prose: a line of text, not a heading, list, table or directive.
  const para = text.split('\n').find((l) => /^[^#:\-*|>\s]/.test(l) && l.length > 40);
  if (!para) throw new Error(`no paragraph to edit in ${file}`);
  const w = await startWatch({ edition: dir, out: path.join(tmp, 'out'), port: 0, templates: path.join(opts.root, 'templates') });
  let waiting: ((d: { build: number; ms?: number; reload: boolean }) => void) | undefined;
  let last = w.state().build;
  const stop = listen(new URL('__baogao/events', w.url).href, (event, d) => {
    if ((event === 'patch' || event === 'reload') && d.build > last && waiting) {
      last = d.build;
      const page = d.pages?.['/zh/index.html'] as { reload?: true } | undefined;
      waiting({ build: d.build, ms: d.ms, reload: event === 'reload' || page?.reload === true });
    }
  });
  await new Promise((r) => setTimeout(r, 200));
  const ms: number[] = [];
  const rebuild: number[] = [];
  const cpu: number[] = [];
  try {
    // Edits alternate between two words the report already uses, so no font slice is added.
    for (let i = 0; i < opts.runs; i++) {
      const seen = new Promise<{ build: number; ms?: number; reload: boolean }>((resolve) => (waiting = resolve));
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      fs.writeFileSync(file, text.replace(para, `${para.slice(0, 10)}${i % 2 ? '发展' : '工作'}${para.slice(10)}`));
      const d = await seen;
      waiting = undefined;
      // A page that must reload shows the edit once it has fetched itself again.
      if (d.reload) await (await fetch(new URL('zh/index.html', w.url))).text();
      ms.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      rebuild.push(d.ms ?? 0);
      // Quiet time between saves, as between an editor's saves.
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    stop();
    await w.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  ms.sort((a, b) => a - b);
  return { ms, median: median(ms), rebuildMedian: median(rebuild), cpuMedian: median(cpu) };
}

/** One measurement in a fresh process, so that no other measurement's caches or JIT help it. */
export function inChild(root: string, runs: number): SaveToPage {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/run-ts.mjs'), path.join(ROOT, 'scripts/bench-watch.ts'), '--child', root, String(runs)], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`bench-watch child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as SaveToPage;
}

/** The rows this script prints: save-to-page median (target ≤ 100 ms), and, with `against`, the other checkout's beside it. */
export function watchRows(runs: number, against?: string): string[] {
  const rounds = 2;
  const mine: SaveToPage[] = [];
  const theirs: SaveToPage[] = [];
  for (let i = 0; i < rounds; i++) {
    process.stderr.write(`watch save-to-page, round ${i + 1} of ${rounds}\n`);
    if (against) theirs.push(inChild(against, runs));
    mine.push(inChild(ROOT, runs));
  }
  const all = (xs: SaveToPage[]) => xs.flatMap((x) => x.ms);
  const row = (name: string, xs: SaveToPage[], target: string) =>
    `| ${name} | ${median(all(xs)).toFixed(0)} ms | ${median(xs.map((x) => x.rebuildMedian)).toFixed(0)} ms | ${median(xs.map((x) => x.cpuMedian)).toFixed(0)} ms | ${Math.min(...all(xs)).toFixed(0)}–${Math.max(...all(xs)).toFixed(0)} ms | ${target} |`;
  return [
    '',
    `| watch, one-paragraph save in the largest chapter (${rounds} fresh processes × ${runs} saves) | save-to-page median | rebuild median | CPU time, save to page | range | target |`,
    '|---|--:|--:|--:|--:|---|',
    row('watch save-to-page', mine, '≤ 100 ms'),
    ...(against ? [row(`watch save-to-page, ${against}`, theirs, '')] : []),
  ];
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') {
  console.log(JSON.stringify(await measureSaveToPage({ root: argv[1], runs: Number(argv[2]) })));
  process.exit(0);
} else if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = (name: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
  console.log(
    [`- load average (1 min): ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`, ...watchRows(Number(at('runs') ?? 21), at('against'))].join(
      '\n',
    ),
  );
}
