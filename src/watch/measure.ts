/**
 * How fast `baogao watch` shows a one-paragraph edit: a copy of the edition
 * is watched (the real server, cache and renderer), one paragraph of its
 * largest Chinese chapter is changed `runs` times, and each rebuild (load,
 * check, HTML written) is timed. For `npm run bench`:
 *
 *   const r = await measureParagraphEdit({ edition: 'content', templates });
 *   // r.ms: sorted rebuild times; r.median
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startWatch } from './index.js';

export interface EditMeasurement {
  /** Rebuild time of each edit, in ms, sorted. */
  ms: number[];
  median: number;
  min: number;
  /** The file that was edited (in the copy). */
  file: string;
}

/** Times `runs` one-paragraph edits of a copy of `edition`. */
export async function measureParagraphEdit(opts: { edition: string; templates: string; runs?: number }): Promise<EditMeasurement> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'baogao-measure-'));
  try {
    const dir = path.join(tmp, 'edition');
    fs.cpSync(opts.edition, dir, { recursive: true });
    const zh = path.join(dir, 'zh');
    const file = fs
      .readdirSync(zh)
      .filter((n) => n.endsWith('.md'))
      .map((n) => path.join(zh, n))
      .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
    const text = fs.readFileSync(file, 'utf8');
    // The first paragraph that is plain prose: a line of text followed by a blank line.
    const para = text.split('\n').find((l) => /^[^#:\-*|>\s]/.test(l) && l.length > 40);
    if (!para) throw new Error(`no paragraph to edit in ${file}`);
    const w = await startWatch({ edition: dir, out: path.join(tmp, 'out'), port: 0, templates: opts.templates, debounceMs: 60_000 });
    const ms: number[] = [];
    try {
      // Edits alternate between two words the report already uses, so no font slice is added.
      for (let i = 0; i < (opts.runs ?? 10); i++) {
        fs.writeFileSync(file, text.replace(para, `${para.slice(0, 10)}${i % 2 ? '发展' : '工作'}${para.slice(10)}`));
        const r = await w.rebuild();
        if (!r.ok) throw new Error(`the edited edition did not build (${file})`);
        ms.push(r.ms);
      }
    } finally {
      await w.close();
    }
    ms.sort((a, b) => a - b);
    return { ms, median: ms[Math.floor(ms.length / 2)], min: ms[0], file: path.relative(dir, file) };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
