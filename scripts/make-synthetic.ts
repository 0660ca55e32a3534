/**
 * A synthetic edition N times the sample (default 10×), for the scaling
 * benchmark: every chapter, table and figure repeated N times with new ids
 * (`01-review-x3`, `main-indicators-x3`), and every reference rewritten to
 * its copy, so that the result loads and checks like the sample does. Never
 * committed: it is written to a temporary folder.
 *
 *   node bin/run-ts.mjs scripts/make-synthetic.ts [factor] [out-dir]
 *   node bin/run-ts.mjs scripts/make-synthetic.ts --rows 10000 [out-dir]
 *
 * `--rows N` instead writes the sample with one more table of N rows and a
 * sum relation over all of them, placed at the end of the last chapter: the input of the bench's row-scaling table, where every
 * stage must stay linear in the size of one table.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const SAMPLE_DIR = fileURLToPath(new URL('../content/', import.meta.url));

const ids = (dir: string) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((n) => /\.ya?ml$/.test(n))
        .map((n) => n.replace(/\.ya?ml$/, ''))
    : [];

/** Rewrites every reference in Markdown to the copy's ids. */
function rewriteMarkdown(text: string, rename: (id: string) => string): string {
  return text
    .replace(/(::(?:table|figure)\{#)([\w-]+)\}/g, (_m, head: string, id: string) => `${head}${rename(id)}}`)
    .replace(/(:ref\[)([^\]]+)\]/g, (_m, head: string, id: string) => `${head}${rename(id.trim())}]`)
    .replace(/(:num\[)([\w-]+)\//g, (_m, head: string, id: string) => `${head}${rename(id)}/`);
}

/** Rewrites the table part of `value: table/row/column` in a figure file. */
function rewriteFigure(text: string, rename: (id: string) => string): string {
  return text.replace(
    /^(\s*value:\s*)([\w-]+)\/([\w-]+)\/([\w-]+)\s*$/gm,
    (_m, head: string, t: string, r: string, c: string) => `${head}${rename(t)}/${r}/${c}`,
  );
}

/**
 * Writes an edition `factor` times `from` into `to` (created; must not exist)
 * and returns `to`.
 */
export function makeSynthetic(factor: number, to: string, from = SAMPLE_DIR): string {
  if (fs.existsSync(to)) throw new Error(`${to} exists`);
  const tables = ids(path.join(from, 'tables'));
  const figures = ids(path.join(from, 'figures'));
  const known = new Set([...tables, ...figures]);
  const editionYaml = fs.readFileSync(path.join(from, 'edition.yaml'), 'utf8');
  const chaptersLine = /^chapters:\s*\[([^\]]*)\]\s*$/m.exec(editionYaml);
  if (!chaptersLine) throw new Error('edition.yaml: expected chapters: [a, b, …] on one line');
  const chapters = chaptersLine[1]
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

  for (const sub of ['zh', 'en', 'tables', 'figures']) fs.mkdirSync(path.join(to, sub), { recursive: true });
  const copyName = (id: string, k: number) => `${id}-x${k + 1}`;
  for (let k = 0; k < factor; k++) {
    const rename = (id: string) => (known.has(id) ? copyName(id, k) : id);
    for (const ch of chapters) {
      for (const lang of ['zh', 'en']) {
        const text = fs.readFileSync(path.join(from, lang, `${ch}.md`), 'utf8');
        fs.writeFileSync(path.join(to, lang, `${copyName(ch, k)}.md`), rewriteMarkdown(text, rename));
      }
    }
    for (const t of tables) {
      const text = fs.readFileSync(path.join(from, 'tables', `${t}.yaml`), 'utf8');
      fs.writeFileSync(path.join(to, 'tables', `${copyName(t, k)}.yaml`), text.replace(/^id:\s*[\w-]+\s*$/m, `id: ${copyName(t, k)}`));
    }
    for (const f of figures) {
      const text = fs.readFileSync(path.join(from, 'figures', `${f}.yaml`), 'utf8');
      fs.writeFileSync(path.join(to, 'figures', `${copyName(f, k)}.yaml`), rewriteFigure(text.replace(/^id:\s*[\w-]+\s*$/m, `id: ${copyName(f, k)}`), rename));
    }
  }
  const allChapters = Array.from({ length: factor }, (_, k) => chapters.map((c) => copyName(c, k))).flat();
  fs.writeFileSync(path.join(to, 'edition.yaml'), editionYaml.replace(chaptersLine[0], `chapters: [${allChapters.join(', ')}]`));
  for (const extra of ['glossary.yaml']) if (fs.existsSync(path.join(from, extra))) fs.copyFileSync(path.join(from, extra), path.join(to, extra));
  return to;
}

/**
 * Writes the sample into `to` plus a table `synthetic-rows` of `rows` rows:
 * parts in 亿元 with one decimal and their exact total, so the table
 * checks clean and the arithmetic rule runs over every row.
 */
export function makeRows(rows: number, to: string, from = SAMPLE_DIR): string {
  if (fs.existsSync(to)) throw new Error(`${to} exists`);
  fs.cpSync(from, to, { recursive: true, filter: (src) => path.basename(src) !== 'output' });
  // Tenths as integers, so the total is exact.
  const tenths = Array.from({ length: rows }, (_, i) => 10 + ((i * 7919) % 9000));
  const total = tenths.reduce((a, b) => a + b, 0);
  const fmt = (t: number) => `${Math.floor(t / 10)}.${t % 10}`;
  const lines = [
    'id: synthetic-rows',
    'caption: { zh: 合成数据表, en: Synthetic Data Table }',
    'columns:',
    '  - { id: name, kind: label, header: { zh: 项目, en: Item } }',
    '  - { id: amount, kind: number, unit: 亿元, header: { zh: 金额（亿元）, en: Amount (RMB 100 million) } }',
    'rows:',
  ];
  tenths.forEach((t, i) => lines.push(`  - id: r${i + 1}`, `    name: { zh: 项目${i + 1}, en: Item ${i + 1} }`, `    amount: ${fmt(t)}`));
  lines.push('  - id: total', '    name: { zh: 合计, en: Total }', `    amount: ${fmt(total)}`);
  lines.push('relations:', '  - { kind: sum, total: total, columns: [amount] }', '');
  fs.writeFileSync(path.join(to, 'tables', 'synthetic-rows.yaml'), lines.join('\n'));
  const editionYaml = fs.readFileSync(path.join(to, 'edition.yaml'), 'utf8');
  const chapters =
    /^chapters:\s*\[([^\]]*)\]\s*$/m
      .exec(editionYaml)?.[1]
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean) ?? [];
  const last = chapters[chapters.length - 1];
  if (!last) throw new Error('edition.yaml: expected chapters: [a, b, …] on one line');
  for (const lang of ['zh', 'en']) fs.appendFileSync(path.join(to, lang, `${last}.md`), '\n::table{#synthetic-rows}\n');
  return to;
}

if (process.argv[1] && process.argv[2] === '--rows' && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const rows = Number(process.argv[3] ?? 10000);
  const to = process.argv[4] ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'baogao-synthetic-')), `edition-${rows}-rows`);
  makeRows(rows, to);
  console.log(to);
} else if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const factor = Number(process.argv[2] ?? 10);
  const to = process.argv[3] ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'baogao-synthetic-')), `edition-${factor}x`);
  makeSynthetic(factor, to);
  console.log(to);
}
