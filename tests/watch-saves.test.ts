/**
 * `baogao watch` as an editor saves: by rename (write a temporary file, move
 * it over: vim, gedit, `sed -i`), twice in a row; a file deleted and created
 * again; a file that is new. It previews into a folder of its own, takes
 * --previous, and writes check.html as the build does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewFolder, startWatch, type WatchHandle } from '../src/watch/index.js';
import { captureIo, copySample, SAMPLE, TEMPLATES, tempDir } from './helpers.js';

const WAIT = 60_000;

async function until<T>(what: string, fn: () => T | undefined | null | false): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() - t0 > WAIT) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Saves `file` the way vim and `sed -i` do: a new file beside it, renamed over it. */
function saveByRename(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.swp`);
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

describe('baogao watch follows how editors save', () => {
  let dir: string;
  let w: WatchHandle;
  const io = captureIo();
  const page = async (rel: string) => (await fetch(new URL(rel, w.url))).text();

  beforeAll(async () => {
    dir = copySample();
    // No --out: the preview picks its own folder.
    w = await startWatch({ edition: dir, port: 0, templates: TEMPLATES, io, debounceMs: 20, previous: SAMPLE });
  }, WAIT);

  afterAll(async () => {
    await w?.close();
    fs.rmSync(previewFolder(dir), { recursive: true, force: true });
  });

  it('previews into a folder of its own, never a build output/ folder, and writes check.html', async () => {
    const out = previewFolder(dir);
    expect(path.relative(process.cwd(), out).startsWith('..')).toBe(true);
    expect(fs.existsSync(path.join(out, 'zh/index.html'))).toBe(true);
    const check = new JSDOM(fs.readFileSync(path.join(out, 'check.html'), 'utf8')).window.document;
    expect(check.querySelector('h1')?.textContent).toContain('Check report');
    // --previous reached the checks: the sample's own targets (2022) differ from its plan (2023), row by row.
    expect(w.state().findings.some((f) => f.ruleId === 'carry-over')).toBe(true);
  });

  it('sees two saves by rename of the same file in a row', async () => {
    const file = path.join(dir, 'zh', '02-targets.md');
    const original = fs.readFileSync(file, 'utf8');
    const first = w.state().build;
    saveByRename(file, original.replace('根据上述总体要求', '根据上述总体要求（第一次保存）'));
    await until('the first save', () => w.state().build > first);
    expect(await page('/zh/index.html')).toContain('（第一次保存）');
    const second = w.state().build;
    saveByRename(file, original.replace('根据上述总体要求', '根据上述总体要求（第二次保存）'));
    await until('the second save', () => w.state().build > second);
    const html = await page('/zh/index.html');
    expect(html).toContain('（第二次保存）');
    expect(html).not.toContain('（第一次保存）');
  });

  it('sees a file deleted and created again, and a new file', async () => {
    const file = path.join(dir, 'figures', 'budget-revenue.yaml');
    const text = fs.readFileSync(file, 'utf8');
    const b0 = w.state().build;
    fs.rmSync(file);
    await until('the deletion', () => w.state().broken !== undefined || w.state().build > b0);
    fs.writeFileSync(file, text.replace('区级一般公共预算收入完成情况', '区级一般公共预算收入完成情况（重建）'));
    await until('the file created again', () => !w.state().broken && w.state().build > b0);
    expect(await page('/zh/index.html')).toContain('（重建）');

    // A new file in a new folder: an editor's glossary of this year, say, arrives as a new table.
    const b1 = w.state().build;
    const extra = path.join(dir, 'tables', 'extra.yaml');
    fs.writeFileSync(
      extra,
      fs
        .readFileSync(path.join(dir, 'tables', 'belt-tax.yaml'), 'utf8')
        .replace('id: belt-tax', 'id: extra')
        .replace(/\nacknowledged:[\s\S]*$/, '\n'),
    );
    await until('the new file', () => w.state().build > b1);
    expect(w.state().findings.some((f) => f.file.endsWith('extra.yaml'))).toBe(true);
    fs.rmSync(extra);
  });
});

describe('watch refuses an --out that would mix with the edition', () => {
  it('names the problem', async () => {
    const dir = copySample();
    await expect(startWatch({ edition: dir, out: path.join(dir, '..'), port: 0, templates: TEMPLATES, io: captureIo() })).rejects.toThrow(
      /would hold the edition/,
    );
    void tempDir;
  });
});
