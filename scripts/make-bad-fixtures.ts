/**
 * The bad-input corpus: `tests/fixtures/bad/<case>/`, one small edition per
 * case, each made from the valid base edition `tests/fixtures/bad/_base/` by a
 * few edits. Run `node bin/run-ts.mjs scripts/make-bad-fixtures.ts` after
 * changing a case or the base; then `UPDATE=1 npx vitest run
 * tests/bad-input.test.ts` records each case's `expected.txt`.
 *
 * Cases that would put binary, huge or non-file things in git (non-UTF-8
 * bytes, a 5 MB paragraph, a folder named like a file, a symlink out of the
 * edition) are committed as a `recipe.json` only: the test copies the base and
 * applies the recipe at test time ({@link materialize}).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const BAD_DIR = fileURLToPath(new URL('../tests/fixtures/bad/', import.meta.url));
export const BASE_DIR = path.join(BAD_DIR, '_base');

/** One edit of the base edition. Paths are relative to the edition folder. */
export type Op =
  /** Replaces `find` (which must occur exactly once, or at least once with `all`); `pattern`: `find` is a RegExp source. */
  | { op: 'replace'; file: string; find: string; with: string; all?: boolean; pattern?: boolean }
  | { op: 'write'; file: string; text: string }
  | { op: 'delete'; file: string }
  | { op: 'copy'; from: string; to: string }
  /** Every text file gets CRLF line endings. */
  | { op: 'crlf' }
  /** Prefixes a UTF-8 byte order mark. */
  | { op: 'bom'; file: string }
  // Test-time only: these are never committed as files.
  /** Replaces `find` by raw bytes (e.g. the GBK encoding of the same words). */
  | { op: 'bytes'; file: string; find: string; hex: string }
  /** Replaces `find` by itself repeated until the replacement is `bytes` bytes long. */
  | { op: 'repeat'; file: string; find: string; bytes: number }
  /** Replaces a file by a folder of the same name (with a file inside). */
  | { op: 'folder'; file: string }
  /** Moves `file` (or folder) outside the edition, next to it, and symlinks it back. */
  | { op: 'symlink-out'; file: string }
  /** Replaces `file` by a symlink to the absolute path `to` (/dev/zero, /etc/passwd). */
  | { op: 'symlink-to'; file: string; to: string }
  /** Replaces `file` by a symlink to itself. */
  | { op: 'symlink-loop'; file: string }
  /** Replaces `file` by a named pipe (FIFO): reading it would wait forever. */
  | { op: 'fifo'; file: string }
  /** Every text file gets CR-only line endings (classic Mac OS). */
  | { op: 'cr' }
  /** Writes table `id` with `rows` parts and a total off by 100: a sum over a thousand rows. */
  | { op: 'big-table'; id: string; rows: number };

/**
 * What the build is run against besides the edition: an output folder that
 * is the edition, inside it, empty, a file, or locked by a running build.
 * These are usage errors (exit code 2).
 */
export type OutSetup = 'equal' | 'inside' | 'empty' | 'file' | 'locked';

export interface BadCase {
  name: string;
  /** What is wrong, and what the author should see. */
  about: string;
  ops: Op[];
  /** The output folder the build is given, when it is the problem. */
  out?: OutSetup;
}

const TEST_TIME: Op['op'][] = ['bytes', 'repeat', 'folder', 'symlink-out', 'symlink-to', 'symlink-loop', 'fifo', 'big-table'];

/** Whether a case can only be created at test time. */
export function isRecipe(c: BadCase): boolean {
  return c.out !== undefined || c.ops.some((o) => TEST_TIME.includes(o.op));
}

const nest = (unit: string, n: number) => unit.repeat(n);

const TAX = 'tables/tax.yaml';
const IND = 'tables/indicators.yaml';
const ZH1 = 'zh/01-review.md';
const EN1 = 'en/01-review.md';
const ZH2 = 'zh/02-plan.md';
const EN2 = 'en/02-plan.md';
const both = (find: string, zh: string, en = zh): Op[] => [
  { op: 'replace', file: ZH2, find, with: zh },
  { op: 'replace', file: EN2, find, with: en },
];

export const CASES: BadCase[] = [
  // ── YAML syntax ──
  {
    name: 'yaml-unclosed-flow',
    about: 'a { … } mapping without its closing brace',
    ops: [{ op: 'replace', file: TAX, find: 'en: Tax Revenue of Key Industries }', with: 'en: Tax Revenue of Key Industries' }],
  },
  {
    name: 'yaml-bad-indent',
    about: 'a row key indented by three spaces instead of four',
    ops: [{ op: 'replace', file: IND, find: '    target: 6%', with: '   target: 6%' }],
  },
  {
    name: 'yaml-tab-indent',
    about: 'a tab used for indentation (pasted from a word processor)',
    ops: [{ op: 'replace', file: IND, find: '    actual: 0.34%', with: '\tactual: 0.34%' }],
  },
  {
    name: 'yaml-duplicate-key',
    about: 'the same key twice in one row',
    ops: [{ op: 'replace', file: TAX, find: '    tax: 280.01\n', with: '    tax: 280.01\n    tax: 280.10\n' }],
  },
  { name: 'yaml-empty-file', about: 'a table file with nothing in it', ops: [{ op: 'write', file: TAX, text: '' }] },

  // ── wrong types ──
  {
    name: 'type-year-not-number',
    about: 'review_year written in words',
    ops: [{ op: 'replace', file: 'edition.yaml', find: 'review_year: 2022', with: 'review_year: twenty-twenty-two' }],
  },
  {
    name: 'type-chapters-not-list',
    about: 'chapters: a single string instead of a list',
    ops: [{ op: 'replace', file: 'edition.yaml', find: 'chapters: [01-review, 02-plan]', with: 'chapters: 01-review' }],
  },
  {
    name: 'type-caption-not-bilingual',
    about: 'a caption without its English',
    ops: [{ op: 'replace', file: IND, find: 'caption: { zh: 主要指标完成情况, en: Performance on the Main Indicators }', with: 'caption: 主要指标完成情况' }],
  },
  {
    name: 'type-column-kind',
    about: 'a column kind that does not exist',
    ops: [{ op: 'replace', file: TAX, find: 'id: share, kind: number', with: 'id: share, kind: percent' }],
  },
  {
    name: 'type-number-as-text',
    about: 'a number column holding a bilingual text',
    ops: [{ op: 'replace', file: TAX, find: 'tax: 134.36', with: 'tax: { zh: 一百三十四, en: one hundred and thirty-four }' }],
  },
  {
    name: 'number-two-points',
    about: 'a number like 1,480.5.2 in a number column',
    ops: [{ op: 'replace', file: TAX, find: 'tax: 134.36', with: 'tax: 1,480.5.2' }],
  },
  {
    name: 'value-two-points',
    about: 'a figure like 1,480.5.2亿元 in a value column',
    ops: [{ op: 'replace', file: IND, find: 'actual: 1480亿元', with: 'actual: 1,480.5.2亿元' }],
  },
  { name: 'table-zero-rows', about: 'a table with rows: []', ops: [{ op: 'replace', file: IND, find: 'rows:[\\s\\S]*$', pattern: true, with: 'rows: []\n' }] },

  // ── unknown keys and columns ──
  { name: 'unknown-key', about: 'a misspelt key in a table file', ops: [{ op: 'replace', file: TAX, find: 'caption:', with: 'captoin:' }] },
  {
    name: 'unknown-key-edition',
    about: 'a key edition.yaml does not know',
    ops: [{ op: 'replace', file: 'edition.yaml', find: 'plan_year: 2023', with: 'plan_year: 2023\nplan_yaer: 2023' }],
  },
  {
    name: 'unknown-column',
    about: 'a row cell naming a column that does not exist',
    ops: [{ op: 'replace', file: TAX, find: '    share: 16.97', with: '    shares: 16.97' }],
  },
  {
    name: 'unknown-note',
    about: 'a label cell pointing at an undeclared note',
    ops: [{ op: 'replace', file: TAX, find: 'en: Trade services }', with: 'en: Trade services, note: estimate }' }],
  },
  {
    name: 'relation-unknown-row',
    about: 'a sum relation naming a total row that does not exist',
    ops: [{ op: 'replace', file: TAX, find: 'total: total,', with: 'total: sum,' }],
  },

  // ── duplicate ids ──
  { name: 'duplicate-row-id', about: 'two rows with the same id', ops: [{ op: 'replace', file: TAX, find: '  - id: finance', with: '  - id: trade' }] },
  {
    name: 'duplicate-column-id',
    about: 'two columns with the same id',
    ops: [{ op: 'replace', file: TAX, find: '{ id: share, kind: number', with: '{ id: tax, kind: number' }],
  },
  { name: 'duplicate-table-id', about: 'tax.yaml and tax.yml both define table "tax"', ops: [{ op: 'copy', from: TAX, to: 'tables/tax.yml' }] },
  {
    name: 'table-id-not-file-name',
    about: 'a table whose id differs from its file name',
    ops: [{ op: 'replace', file: TAX, find: 'id: tax\n', with: 'id: taxes\n' }],
  },

  // ── references ──
  { name: 'ref-missing-table', about: '::table naming a table that does not exist (both languages)', ops: both('::table{#tax}', '::table{#taxes}') },
  { name: 'ref-missing-ref', about: ':ref naming a table that does not exist', ops: [{ op: 'replace', file: ZH2, find: ':ref[tax]', with: ':ref[taxes]' }] },
  {
    name: 'ref-num-missing-table',
    about: ':num naming a table that does not exist',
    ops: [{ op: 'replace', file: ZH2, find: ':num[tax/total/tax]', with: ':num[taxes/total/tax]' }],
  },
  {
    name: 'ref-num-missing-row',
    about: ':num naming a row that does not exist',
    ops: [{ op: 'replace', file: EN2, find: ':num[tax/total/tax]', with: ':num[tax/all/tax]' }],
  },
  {
    name: 'ref-num-missing-column',
    about: ':num naming a column that does not exist',
    ops: [{ op: 'replace', file: ZH2, find: ':num[tax/total/share]', with: ':num[tax/total/percent]' }],
  },
  { name: 'ref-num-not-a-path', about: ':num without its column', ops: [{ op: 'replace', file: ZH2, find: ':num[tax/total/tax]', with: ':num[tax/total]' }] },
  { name: 'ref-num-bad-dp', about: ':num{dp=one}', ops: [{ op: 'replace', file: ZH2, find: '{dp=1}', with: '{dp=one}' }] },
  {
    name: 'ref-figure-missing-cell',
    about: 'a figure point naming a cell that does not exist',
    ops: [{ op: 'replace', file: 'figures/revenue.yaml', find: 'value: indicators/revenue/actual', with: 'value: indicators/revenue/growth' }],
  },
  { name: 'table-placed-twice', about: 'the same table placed twice', ops: both('::table{#tax}', '::table{#tax}\n\n::table{#tax}') },
  {
    name: 'table-never-placed',
    about: 'a table file that no chapter places',
    ops: [
      { op: 'copy', from: TAX, to: 'tables/spare.yaml' },
      { op: 'replace', file: 'tables/spare.yaml', find: 'id: tax\n', with: 'id: spare\n' },
    ],
  },

  // ── chapters and structure ──
  { name: 'chapter-zh-without-en', about: 'a Chinese chapter without its English twin', ops: [{ op: 'delete', file: EN2 }] },
  {
    name: 'chapter-listed-missing',
    about: 'edition.yaml lists a chapter that has no files',
    ops: [{ op: 'replace', file: 'edition.yaml', find: '[01-review, 02-plan]', with: '[01-review, 02-plan, 03-tasks]' }],
  },
  {
    name: 'chapter-unlisted',
    about: 'chapter files that edition.yaml does not list',
    ops: [
      { op: 'copy', from: ZH2, to: 'zh/03-tasks.md' },
      { op: 'copy', from: EN2, to: 'en/03-tasks.md' },
    ],
  },
  {
    name: 'blocks-extra-paragraph',
    about: 'the English chapter has one paragraph more',
    ops: [{ op: 'replace', file: EN1, find: '\n::table{#indicators}', with: '\nA sentence the Chinese does not have.\n\n::table{#indicators}' }],
  },
  {
    name: 'blocks-heading-level',
    about: 'an English heading one level deeper than the Chinese',
    ops: [{ op: 'replace', file: EN2, find: '# II.', with: '## II.' }],
  },
  {
    name: 'blocks-missing-table',
    about: 'the English chapter lacks a table placement',
    ops: [{ op: 'replace', file: EN1, find: '\n::figure{#revenue}\n', with: '' }],
  },

  // ── directives ──
  {
    name: 'directive-unknown-leaf',
    about: '::chart instead of ::figure',
    ops: [
      { op: 'replace', file: ZH1, find: '::figure{#revenue}', with: '::chart{#revenue}' },
      { op: 'replace', file: EN1, find: '::figure{#revenue}', with: '::chart{#revenue}' },
    ],
  },
  { name: 'directive-unknown-text', about: ':cite in text', ops: [{ op: 'replace', file: ZH1, find: '见:ref[indicators]', with: '见:cite[indicators]' }] },
  {
    name: 'directive-object-name',
    about: 'directives named like Object.prototype members (:toString, ::constructor): CI’s random mutations found the first crashing the renderer',
    ops: [
      { op: 'replace', file: ZH2, find: '# 二、2023年主要任务', with: ':toString# 二、2023年主要任务' },
      { op: 'replace', file: EN1, find: '::figure{#revenue}', with: '::constructor{#revenue}' },
    ],
  },
  {
    name: 'directive-unclosed-label',
    about: ':num[… without the closing bracket',
    ops: [{ op: 'replace', file: ZH2, find: ':num[tax/total/tax]', with: ':num[tax/total/tax' }],
  },
  {
    name: 'directive-unclosed-attributes',
    about: ':num[…]{dp=1 without the closing brace',
    ops: [{ op: 'replace', file: ZH2, find: '{dp=1}', with: '{dp=1' }],
  },
  { name: 'directive-unclosed-leaf', about: '::table{#tax without the closing brace (both languages)', ops: both('::table{#tax}', '::table{#tax') },
  {
    name: 'directive-unclosed-container',
    about: 'a ::: container that is never closed',
    ops: [{ op: 'replace', file: ZH1, find: '::figure{#revenue}', with: ':::note\n::figure{#revenue}' }],
  },
  {
    name: 'directive-wrong-form',
    about: ':table[…] in text instead of ::table{#…} on its own line',
    ops: [{ op: 'replace', file: ZH1, find: '见:ref[indicators]', with: '见:table[indicators]' }],
  },
  {
    name: 'directive-no-id',
    about: '::figure without an id (both languages)',
    ops: [
      { op: 'replace', file: ZH1, find: '::figure{#revenue}', with: '::figure' },
      { op: 'replace', file: EN1, find: '::figure{#revenue}', with: '::figure' },
    ],
  },

  // ── files ──
  { name: 'file-empty-chapter', about: 'an empty English chapter file', ops: [{ op: 'write', file: EN2, text: '' }] },
  { name: 'file-no-edition-yaml', about: 'an edition folder without edition.yaml', ops: [{ op: 'delete', file: 'edition.yaml' }] },
  {
    name: 'file-bom',
    about: 'files saved with a UTF-8 BOM (Windows Notepad): the BOM is dropped and the edition loads; the raw-HTML warning keeps its column',
    ops: [
      { op: 'bom', file: 'edition.yaml' },
      { op: 'bom', file: TAX },
      { op: 'bom', file: ZH1 },
      { op: 'bom', file: EN1 },
      { op: 'replace', file: ZH1, find: '# 一、', with: '# 一、<br>' },
    ],
  },
  {
    name: 'file-bom-positions',
    about: 'a BOM does not shift the column of an error on the first line',
    ops: [
      { op: 'bom', file: ZH1 },
      { op: 'replace', file: ZH1, find: '# 一、2022年', with: '# 一、:cite[x]2022年' },
    ],
  },
  {
    name: 'file-crlf',
    about: 'every file with CRLF line endings: loads; the raw-HTML warning keeps its line and column',
    ops: [{ op: 'replace', file: EN2, find: 'see :ref[tax].', with: 'see :ref[tax].<br>' }, { op: 'crlf' }],
  },
  {
    name: 'file-crlf-positions',
    about: 'CRLF line endings: errors still give the right line and column',
    ops: [
      { op: 'crlf' },
      { op: 'replace', file: TAX, find: '    share: 16.97', with: '    shares: 16.97' },
      { op: 'replace', file: ZH2, find: ':ref[tax]', with: ':ref[taxes]' },
    ],
  },
  {
    name: 'file-4mb-paragraph',
    about: 'a 4 MB paragraph (a conversion that lost every line break)',
    ops: [{ op: 'repeat', file: ZH2, find: '重点产业实现税收总收入', bytes: 4 * 1024 * 1024 }],
  },
  {
    name: 'file-gbk-chapter',
    about: 'a chapter saved in GBK instead of UTF-8',
    ops: [{ op: 'bytes', file: ZH1, find: '计划执行情况', hex: 'bcc6bbaed6b4d0d0c7e9bff6' }],
  },
  {
    name: 'file-gbk-table',
    about: 'a table saved in GBK instead of UTF-8',
    ops: [{ op: 'bytes', file: IND, find: '主要指标完成情况', hex: 'd6f7d2aad6b8b1eacdeab3c9c7e9bff6' }],
  },
  { name: 'file-folder-chapter', about: 'a folder named like a chapter file', ops: [{ op: 'folder', file: ZH2 }] },
  { name: 'file-folder-table', about: 'a folder named like a table file', ops: [{ op: 'folder', file: TAX }] },
  { name: 'file-symlink-out-table', about: 'a table file that is a symlink to a file outside the edition', ops: [{ op: 'symlink-out', file: TAX }] },
  { name: 'file-symlink-out-chapter', about: 'a chapter file that is a symlink to a file outside the edition', ops: [{ op: 'symlink-out', file: EN2 }] },
  { name: 'file-symlink-out-folder', about: 'the tables folder is a symlink to a folder outside the edition', ops: [{ op: 'symlink-out', file: 'tables' }] },

  // ── special files: refused before they are read, never shown ──
  {
    name: 'file-fifo-chapter',
    about: 'a named pipe (FIFO) in place of a chapter: refused at once instead of waiting forever',
    ops: [{ op: 'fifo', file: ZH2 }],
  },
  { name: 'file-fifo-table', about: 'a named pipe (FIFO) in place of a table', ops: [{ op: 'fifo', file: TAX }] },
  { name: 'file-symlink-dev-zero', about: 'a table symlinked to /dev/zero: refused, nothing read', ops: [{ op: 'symlink-to', file: TAX, to: '/dev/zero' }] },
  {
    name: 'file-symlink-etc-passwd',
    about: 'a chapter symlinked to /etc/passwd: refused, and not a line of it shown',
    ops: [{ op: 'symlink-to', file: EN2, to: '/etc/passwd' }],
  },
  { name: 'file-symlink-loop', about: 'a chapter that is a symlink to itself', ops: [{ op: 'symlink-loop', file: ZH2 }] },
  {
    name: 'file-symlink-dangling',
    about: 'a table that is a symlink to a file that does not exist',
    ops: [{ op: 'symlink-to', file: TAX, to: '/nonexistent/baogao/tax.yaml' }],
  },
  {
    name: 'file-too-large',
    about: 'a 6 MB table file (over the 5 MB limit)',
    ops: [
      { op: 'replace', file: TAX, find: 'id: tax\n', with: '# pad\nid: tax\n' },
      { op: 'repeat', file: TAX, find: '# pad\n', bytes: 6 * 1024 * 1024 },
    ],
  },
  {
    name: 'file-cr',
    about: 'every file with CR-only line endings (classic Mac OS): normalised, loads; the raw-HTML warning keeps its line',
    ops: [{ op: 'replace', file: EN2, find: 'see :ref[tax].', with: 'see :ref[tax].<br>' }, { op: 'cr' }],
  },
  {
    name: 'file-cr-positions',
    about: 'CR-only line endings: errors give the line and column an editor shows',
    ops: [
      { op: 'cr' },
      { op: 'replace', file: TAX, find: '    share: 16.97', with: '    shares: 16.97' },
      { op: 'replace', file: ZH2, find: ':ref[tax]', with: ':ref[taxes]' },
    ],
  },

  // ── names that are properties of every object ──
  {
    name: 'ref-num-constructor',
    about: ':num[…/constructor]: a column named like an object property',
    ops: [{ op: 'replace', file: ZH2, find: ':num[tax/total/tax]', with: ':num[tax/total/constructor]' }],
  },
  {
    name: 'ref-num-tostring-row',
    about: ':num[tax/toString/tax]: a row named like an object property',
    ops: [{ op: 'replace', file: EN2, find: ':num[tax/total/tax]', with: ':num[tax/toString/tax]' }],
  },
  {
    name: 'ref-num-hasownproperty',
    about: ':num[tax/hasOwnProperty/valueOf]',
    ops: [{ op: 'replace', file: ZH2, find: ':num[tax/total/tax]', with: ':num[tax/hasOwnProperty/valueOf]' }],
  },
  {
    name: 'unknown-column-constructor',
    about: 'a row cell under the key "constructor"',
    ops: [{ op: 'replace', file: TAX, find: '    share: 16.97', with: '    share: 16.97\n    constructor: 1' }],
  },

  // ── YAML and Markdown bombs ──
  {
    name: 'yaml-alias-bomb',
    about: 'a "billion laughs" table: aliases expanding into each other',
    ops: [
      {
        op: 'replace',
        file: TAX,
        find: 'relations:',
        with: `laughs:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n${['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']
          .map(
            (k, i, all) =>
              `  ${k}: &${k} [${Array(9)
                .fill(`*${i === 0 ? 'a' : all[i - 1]}`)
                .join(', ')}]`,
          )
          .join('\n')}\nrelations:`,
      },
    ],
  },
  {
    name: 'yaml-merge-bomb',
    about: 'merge keys (<<) nesting anchors into each other',
    ops: [
      {
        op: 'replace',
        file: 'edition.yaml',
        find: 'chapters:',
        with: `x1: &x1 { a: 1, b: 2 }\n${Array.from({ length: 12 }, (_, i) => `x${i + 2}: &x${i + 2} { <<: [*x${i + 1}, *x${i + 1}], k${i}: [*x${i + 1}, *x${i + 1}, *x${i + 1}] }`).join('\n')}\nchapters:`,
      },
    ],
  },
  {
    name: 'markdown-nested-quotes',
    about: 'a quote nested 10,000 deep',
    ops: [{ op: 'replace', file: ZH1, find: '\n::table{#indicators}', with: `\n${nest('> ', 10000)}深\n\n::table{#indicators}` }],
  },
  {
    name: 'markdown-nested-lists',
    about: 'a list nested 10,000 deep on one line',
    ops: [{ op: 'replace', file: EN1, find: '\n::table{#indicators}', with: `\n${nest('- ', 10000)}deep\n\n::table{#indicators}` }],
  },
  {
    name: 'markdown-nested-brackets',
    about: 'brackets [ nested 10,000 deep',
    ops: [{ op: 'replace', file: ZH2, find: '见:ref[tax]', with: `见${nest('[', 10000)}x${nest(']', 10000)}:ref[tax]` }],
  },
  {
    name: 'markdown-nested-emphasis',
    about: 'emphasis nested 100 deep',
    ops: [{ op: 'replace', file: ZH2, find: '见:ref[tax]', with: `见${nest('*a ', 100)}x${nest(' a*', 100)}:ref[tax]` }],
  },

  // ── dates ──
  {
    name: 'date-impossible-month',
    about: 'date: 2023-13-45 (no 13th month)',
    ops: [{ op: 'replace', file: 'edition.yaml', find: 'date: 2023-01-05', with: 'date: 2023-13-45' }],
  },
  {
    name: 'date-impossible-day',
    about: 'date: 2023-02-30 (February has 28 days in 2023)',
    ops: [{ op: 'replace', file: 'edition.yaml', find: 'date: 2023-01-05', with: 'date: 2023-02-30' }],
  },

  // ── GFM footnotes: refused, never dropped in silence ──
  {
    name: 'markdown-footnote',
    about: 'a GFM footnote [^1] with its definition',
    ops: [{ op: 'replace', file: ZH1, find: '见:ref[indicators]。', with: '见:ref[indicators]。[^1]\n\n[^1]: 快报数。' }],
  },

  // ── a table of thousands of rows: one message of bounded size ──
  {
    name: 'table-1000-rows-sum',
    about: 'a 1,000-row table whose total is off by 100: the message shows the first terms, the last and the count',
    ops: [{ op: 'big-table', id: 'big', rows: 1000 }, ...both('::table{#tax}', '::table{#tax}\n\n::table{#big}')],
  },

  // ── the output folder ──
  { name: 'out-equal-edition', about: '--out names the edition folder itself', ops: [], out: 'equal' },
  { name: 'out-inside-edition', about: '--out names a folder inside the edition', ops: [], out: 'inside' },
  { name: 'out-empty', about: '--out= with an empty value', ops: [], out: 'empty' },
  { name: 'out-is-file', about: '--out names a file', ops: [], out: 'file' },
  { name: 'out-locked', about: 'another build is writing to the same --out (its lock is held)', ops: [], out: 'locked' },

  // ── hostile text: escaped, with a warning ──
  {
    name: 'raw-html-script',
    about: 'raw <script> and an <img onerror> in Markdown: loads with warnings, printed as text',
    ops: [
      { op: 'replace', file: ZH2, find: '\n::table{#tax}', with: '\n<script>alert("zh")</script>\n\n::table{#tax}' },
      { op: 'replace', file: EN2, find: '\n::table{#tax}', with: '\n<script>alert("en")</script>\n\n::table{#tax}' },
      { op: 'replace', file: EN1, find: 'year on year,', with: 'year on year<img src=x onerror=alert(document.cookie)>,' },
    ],
  },
];

function replaceOnce(text: string, find: string, by: string, all: boolean | undefined, where: string): string {
  const n = text.split(find).length - 1;
  if (n === 0 || (n > 1 && !all)) throw new Error(`${where}: "${find}" occurs ${n} times`);
  return text.split(find).join(by);
}

function textFiles(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = path.join(rel, e.name);
    return e.isDirectory() ? textFiles(dir, r) : /\.(ya?ml|md)$/.test(e.name) ? [r] : [];
  });
}

/** Applies `ops` to the edition in `dir` (a copy of the base). */
export function applyOps(dir: string, ops: Op[]): void {
  const at = (f: string) => path.join(dir, f);
  for (const o of ops) {
    switch (o.op) {
      case 'replace': {
        const text = fs.readFileSync(at(o.file), 'utf8');
        if (!o.pattern) fs.writeFileSync(at(o.file), replaceOnce(text, o.find, o.with, o.all, o.file));
        else if (!new RegExp(o.find).test(text)) throw new Error(`${o.file}: /${o.find}/ does not match`);
        else fs.writeFileSync(at(o.file), text.replace(new RegExp(o.find, o.all ? 'g' : ''), o.with));
        break;
      }
      case 'write':
        fs.writeFileSync(at(o.file), o.text);
        break;
      case 'delete':
        fs.rmSync(at(o.file));
        break;
      case 'copy':
        fs.copyFileSync(at(o.from), at(o.to));
        break;
      case 'crlf':
        for (const f of textFiles(dir)) fs.writeFileSync(at(f), fs.readFileSync(at(f), 'utf8').replace(/\r?\n/g, '\r\n'));
        break;
      case 'cr':
        for (const f of textFiles(dir)) fs.writeFileSync(at(f), fs.readFileSync(at(f), 'utf8').replace(/\r?\n/g, '\r'));
        break;
      case 'bom':
        fs.writeFileSync(at(o.file), `\ufeff${fs.readFileSync(at(o.file), 'utf8')}`);
        break;
      case 'bytes': {
        const text = fs.readFileSync(at(o.file), 'utf8');
        const i = text.indexOf(o.find);
        if (i < 0) throw new Error(`${o.file}: "${o.find}" not found`);
        fs.writeFileSync(at(o.file), Buffer.concat([Buffer.from(text.slice(0, i)), Buffer.from(o.hex, 'hex'), Buffer.from(text.slice(i + o.find.length))]));
        break;
      }
      case 'repeat': {
        const unit = Buffer.byteLength(o.find);
        fs.writeFileSync(at(o.file), replaceOnce(fs.readFileSync(at(o.file), 'utf8'), o.find, o.find.repeat(Math.ceil(o.bytes / unit)), false, o.file));
        break;
      }
      case 'folder':
        fs.rmSync(at(o.file));
        fs.mkdirSync(at(o.file));
        fs.writeFileSync(path.join(at(o.file), 'README.md'), 'a folder where a file should be\n');
        break;
      case 'symlink-to':
        fs.rmSync(at(o.file), { force: true });
        fs.symlinkSync(o.to, at(o.file));
        break;
      case 'symlink-loop':
        fs.rmSync(at(o.file), { force: true });
        fs.symlinkSync(path.basename(o.file), at(o.file));
        break;
      case 'fifo':
        fs.rmSync(at(o.file), { force: true });
        execFileSync('mkfifo', [at(o.file)]);
        break;
      case 'big-table': {
        const rows = Array.from(
          { length: o.rows },
          (_, i) => `  - { id: r${i + 1}, name: { zh: 项目${i + 1}, en: Item ${i + 1} }, amount: ${1 + (i % 9)}.${i % 10} }`,
        );
        const total = Array.from({ length: o.rows }, (_, i) => (1 + (i % 9)) * 10 + (i % 10)).reduce((a, b) => a + b, 0) + 1000;
        fs.writeFileSync(
          at(`tables/${o.id}.yaml`),
          [
            `id: ${o.id}`,
            'caption: { zh: 大表, en: A Large Table }',
            'columns:',
            '  - { id: name, kind: label, header: { zh: 项目, en: Item } }',
            '  - { id: amount, kind: number, unit: 亿元, header: { zh: 金额（亿元）, en: Amount (RMB 100 million) } }',
            'rows:',
            ...rows,
            `  - { id: total, name: { zh: 合计, en: Total }, amount: ${Math.floor(total / 10)}.${total % 10} }`,
            'relations:',
            '  - { kind: sum, total: total, columns: [amount] }',
            '',
          ].join('\n'),
        );
        break;
      }
      case 'symlink-out': {
        const outside = path.join(path.dirname(dir), 'outside', o.file);
        fs.mkdirSync(path.dirname(outside), { recursive: true });
        fs.renameSync(at(o.file), outside);
        fs.symlinkSync(outside, at(o.file));
        break;
      }
    }
  }
}

/**
 * Makes the edition of a case in `dir` (which must not exist): a copy of the
 * base with the case's edits. For a committed case, `dir` is its fixture
 * folder; for a recipe case, a temporary folder.
 */
export function materialize(c: BadCase, dir: string): void {
  fs.cpSync(BASE_DIR, dir, { recursive: true });
  applyOps(dir, c.ops);
}

/** Rewrites every case folder (keeping each `expected.txt`) and the corpus README. */
function main(): void {
  const names = new Set(CASES.map((c) => c.name));
  if (names.size !== CASES.length) throw new Error('duplicate case names');
  for (const entry of fs.readdirSync(BAD_DIR, { withFileTypes: true })) {
    if (entry.isDirectory() && !entry.name.startsWith('_') && !names.has(entry.name)) fs.rmSync(path.join(BAD_DIR, entry.name), { recursive: true });
  }
  for (const c of CASES) {
    const dir = path.join(BAD_DIR, c.name);
    const expectedFile = path.join(dir, 'expected.txt');
    const expected = fs.existsSync(expectedFile) ? fs.readFileSync(expectedFile) : undefined;
    fs.rmSync(dir, { recursive: true, force: true });
    if (isRecipe(c)) {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(
        path.join(dir, 'recipe.json'),
        `${JSON.stringify({ about: c.about, base: '_base', ops: c.ops, ...(c.out ? { out: c.out } : {}) }, null, 2)}\n`,
      );
    } else materialize(c, dir);
    if (expected) fs.writeFileSync(expectedFile, expected);
  }
  // The corpus is bytes, not text: git must not turn the CRLF cases into LF (or the others into CRLF).
  fs.writeFileSync(path.join(BAD_DIR, '.gitattributes'), '# The bad-input corpus is kept byte for byte: CRLF and BOM cases must stay as they are.\n* -text\n');
  const rows = CASES.map((c) => `| \`${c.name}\` | ${c.about}${isRecipe(c) ? ' *(made at test time from `recipe.json`)*' : ''} |`);
  fs.writeFileSync(
    path.join(BAD_DIR, 'README.md'),
    `# The bad-input corpus\n\nGenerated by \`scripts/make-bad-fixtures.ts\` from \`_base/\`; \`tests/bad-input.test.ts\` builds each case\nand expects the line(s) of its \`expected.txt\` (paths relative to the case folder) in the output,\nexit code 1 (0 for the cases that must load), no stack trace, and the output folder untouched.\nRecord new expectations with \`UPDATE=1 npx vitest run tests/bad-input.test.ts\`, then read them.\n\nDecisions: a UTF-8 BOM is dropped silently (Windows editors add it; it is not content), and CRLF\nline endings load with the same line and column numbers as LF. Raw HTML in Markdown is a warning and\nis printed as text, never executed.\n\n| case | what is wrong |\n|---|---|\n${rows.join('\n')}\n`,
  );
  console.log(`${CASES.length} cases written to ${path.relative(process.cwd(), BAD_DIR)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
