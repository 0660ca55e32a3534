/**
 * No content reaches "unexpected error": random Markdown and YAML mutations
 * of the sample edition (characters the formats treat specially, anchors,
 * directives, object property names, line endings, deletions and
 * duplications) must give exit code 0, or 1 with an error at a
 * file:line:column: `check` of the sample, and a forced HTML + XLSX build of
 * the corpus's small base edition (so the renderers are fed the mutations
 * too). The run counts are modest (the machine has 2 cores); `FC_RUNS=N`
 * scales them, a failure prints fast-check's seed and the shrunk mutation,
 * and `FC_SEED=<seed>` replays it.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/run.js';
import { BASE_DIR } from '../scripts/make-bad-fixtures.js';
import { captureIo, copySample, tempDir } from './helpers.js';

/** A copy of an edition to mutate, its files and their original text. */
function subject(edition: string) {
  const files = [
    'edition.yaml',
    'glossary.yaml',
    ...['zh', 'en', 'tables', 'figures'].flatMap((d) => fs.readdirSync(path.join(edition, d)).map((n) => `${d}/${n}`)),
  ].sort();
  return { edition, files, original: new Map(files.map((f) => [f, fs.readFileSync(path.join(edition, f), 'utf8')])) };
}

/** Pieces that mean something to YAML, Markdown, the directives or JavaScript objects. */
const PIECES = [
  '[',
  ']',
  '{',
  '}',
  ':',
  '#',
  '*',
  '**',
  '_',
  '>',
  '- ',
  '1. ',
  '|',
  '\\',
  '`',
  '"',
  "'",
  '\t',
  '\r',
  '\r\n',
  '\n',
  '\n\n',
  '   ',
  '&a ',
  '*a',
  '<<: *a',
  '!!binary ',
  '? ',
  '---\n',
  '...\n',
  '%YAML 1.1\n',
  ':num[',
  ':num[main-indicators/gdp/target]',
  ':num[x/constructor/toString]',
  ':ref[',
  '::table{#',
  ':::',
  '::figure{#revenue}',
  '{dp=',
  '{bare}',
  '[^1]',
  '[^1]: 注\n',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  '<b>',
  '<script>',
  '![x](%E0%A4%A)',
  '[x](javascript:1)',
  '0',
  '9',
  '.',
  ',',
  '%',
  '亿元',
  '万元',
  '-12.5%',
  '1e999',
  '0x10',
  'NaN',
  '2023-02-30',
  'null',
  '~',
  'true',
  '。',
  '，',
  '（',
  '）',
  '\u200b',
  '\ufeff',
  '\u0000',
];

type Mutation = { kind: 'insert'; at: number; text: string } | { kind: 'delete'; at: number; length: number } | { kind: 'duplicate-line'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 4 }).map((a) => a.join('')),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }) },
);

function apply(text: string, m: Mutation): string {
  const at = text.length ? m.at % text.length : 0;
  if (m.kind === 'insert') return text.slice(0, at) + m.text + text.slice(at);
  if (m.kind === 'delete') return text.slice(0, at) + text.slice(at + m.length);
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const end = text.indexOf('\n', at);
  const line = text.slice(start, end < 0 ? text.length : end + 1);
  return text.slice(0, start) + line + (line.endsWith('\n') ? '' : '\n') + text.slice(start);
}

/** Counterexamples CI's runs have found, replayed before the random ones. */
const FOUND: [string, Mutation[]][] = [
  // A directive named like an Object.prototype member reached the renderer's lookup of directive forms.
  ['zh/02-plan.md', [{ kind: 'insert', at: 0, text: ':toString' }]],
];

const findingLine = /^\S+:\d+:\d+ {2}error {2}/m;

/** Mutates one file of `subj` per run and runs `command` on the edition: exit 0, or 1 with a file:line error. */
async function property(
  subj: ReturnType<typeof subject>,
  numRuns: number,
  command: (edition: string) => string[],
  examples: [string, Mutation[]][] = [],
): Promise<void> {
  const { edition, files, original } = subj;
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...files), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (file, mutations) => {
      const target = path.join(edition, file);
      fs.writeFileSync(target, mutations.reduce(apply, original.get(file)!));
      try {
        const io = captureIo();
        const code = await run(command(edition), io);
        const printed = [...io.stdout, ...io.stderr].join('\n');
        expect(printed).not.toContain('unexpected error');
        expect([0, 1]).toContain(code);
        if (code === 1) expect(printed).toMatch(findingLine);
      } finally {
        fs.writeFileSync(target, original.get(file)!);
      }
    }),
    { numRuns, seed, endOnFailure: false, examples },
  );
}

describe('random mutations', () => {
  it('of the sample give exit 0, or 1 with a file:line error; never an unexpected error', async () => {
    await property(subject(copySample()), Number(process.env.FC_RUNS) || 20, (ed) => ['check', ed]);
  }, 600_000);

  it('of the small base edition of the bad-input corpus, built to HTML and XLSX with --force: the renderers never crash either', async () => {
    const root = tempDir();
    const dir = path.join(root, 'base');
    fs.cpSync(BASE_DIR, dir, { recursive: true });
    const out = path.join(root, 'out');
    await property(subject(dir), (Number(process.env.FC_RUNS) || 20) * 3, (ed) => ['build', ed, '--force', '--format', 'html,xlsx', '--out', out], FOUND);
  }, 600_000);
});
