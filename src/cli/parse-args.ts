/**
 * Command-line parsing, kept pure (no I/O, no process) so it is unit-tested:
 * argv in, a command description or a usage error out. Node's
 * `util.parseArgs` splits the words into options and positionals; what it
 * cannot do is say "did you mean --format?" or reject `--out=` in the
 * author's terms, so it runs non-strict and its tokens are checked here.
 */
import { parseArgs as splitArgs } from 'node:util';
import type { Format } from '../build.js';
import type { Lang } from '../model.js';

export type Command =
  | { kind: 'help'; topic?: string }
  | { kind: 'version' }
  | { kind: 'build'; edition: string; out: string; langs: Lang[]; formats: Format[]; force: boolean; final: boolean; previous?: string; debug: boolean }
  | { kind: 'check'; edition: string; format: 'text' | 'json'; strict: boolean; previous?: string; debug: boolean }
  | { kind: 'watch'; edition: string; out?: string; port?: number; previous?: string; debug: boolean }
  | { kind: 'new'; year: number; from: string; to?: string; debug: boolean }
  | { kind: 'comments'; docx: string; edition: string; format: 'text' | 'json'; debug: boolean };

export type ParseResult = { ok: true; command: Command } | { ok: false; message: string };

type Spec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

const COMMON = { help: { type: 'boolean', short: 'h' }, debug: { type: 'boolean' } } as const satisfies Spec;
const STRING = { type: 'string' } as const;
const FLAG = { type: 'boolean' } as const;

/** Each command's options, in util.parseArgs' own configuration shape. */
export const SPECS = {
  build: { ...COMMON, out: STRING, lang: STRING, format: STRING, force: FLAG, final: FLAG, previous: STRING },
  check: { ...COMMON, format: STRING, strict: FLAG, previous: STRING },
  watch: { ...COMMON, out: STRING, port: STRING, previous: STRING },
  new: { ...COMMON, from: STRING, to: STRING },
  comments: { ...COMMON, format: STRING },
} as const satisfies Record<string, Spec>;
type CommandName = keyof typeof SPECS;
export const COMMANDS = Object.keys(SPECS) as CommandName[];

/** Edit distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/** The closest of `options` to `word`, if it is close enough to be a typo. */
export function suggest(word: string, options: string[]): string | undefined {
  const best = options.map((o) => [o, distance(word, o)] as const).sort((a, b) => a[1] - b[1])[0];
  return best && best[1] <= Math.max(2, Math.floor(word.length / 3)) ? best[0] : undefined;
}

function list<T extends string>(value: string, allowed: readonly T[], what: string): T[] | string {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = items.find((i) => !allowed.includes(i as T));
  if (bad) return `unknown ${what} "${bad}"; choose from ${allowed.join(', ')}`;
  return items.length ? (items as T[]) : `--${what} needs a value such as ${allowed.join(',')}`;
}

interface Words {
  opts: Record<string, string | true>;
  positional: string[];
}

/** Splits a command's words with util.parseArgs and checks each option against the command's spec. */
function split(command: CommandName, args: string[]): Words | { help: true } | { error: string } {
  const spec: Spec = SPECS[command];
  const { tokens } = splitArgs({ args, options: spec, strict: false, allowPositionals: true, tokens: true });
  // Help wins over every other mistake on the line: it is what the author asked for.
  if (tokens.some((t) => t.kind === 'option' && t.name === 'help')) return { help: true };
  const words: Words = { opts: {}, positional: [] };
  for (const t of tokens) {
    if (t.kind === 'positional') words.positional.push(t.value);
    if (t.kind !== 'option') continue;
    const type = Object.hasOwn(spec, t.name) ? spec[t.name].type : undefined;
    if (!type) {
      const s = t.rawName.startsWith('--') ? suggest(t.name, Object.keys(spec)) : undefined;
      return { error: `unknown option ${t.rawName} for "${command}"${s ? `; did you mean --${s}?` : ''}` };
    }
    const name = `--${t.name}`;
    if (type === 'boolean') {
      if (t.value !== undefined) return { error: `${name} takes no value (got "${t.value}")` };
      words.opts[t.name] = true;
      continue;
    }
    // util.parseArgs takes the next word whatever it is; `--out --force` is a forgotten value, not a folder.
    const dashed = t.value !== undefined && !t.inlineValue && t.value.startsWith('--');
    if (t.value === undefined || t.value.trim() === '' || dashed) return { error: `${name} needs a value` };
    words.opts[t.name] = t.value;
  }
  return words;
}

/** The typed command from its checked words. */
function toCommand(kind: CommandName, { opts, positional }: Words): ParseResult {
  const debug = opts.debug === true;
  const str = (k: string) => (typeof opts[k] === 'string' ? opts[k] : undefined);
  const fail = (message: string): ParseResult => ({ ok: false, message });
  if (kind === 'new') {
    if (!/^\d{4}$/.test(positional[0] ?? '')) return fail('baogao new needs the plan year of the new edition, e.g. baogao new 2024');
    if (positional.length > 1) return fail(`unexpected argument "${positional[1]}"`);
    return { ok: true, command: { kind, year: Number(positional[0]), from: str('from') ?? 'content', to: str('to'), debug } };
  }
  if (kind === 'comments') {
    const [docx, edition, extra] = positional;
    if (!docx) return fail('baogao comments needs the reviewed Word file, e.g. baogao comments returned/report.docx content');
    if (extra !== undefined) return fail(`unexpected argument "${extra}": give the Word file and one edition folder`);
    const format = str('format') ?? 'text';
    if (format !== 'text' && format !== 'json') return fail(`unknown --format "${format}"; choose text or json`);
    return { ok: true, command: { kind, docx, edition: edition ?? 'content', format, debug } };
  }
  if (positional.length > 1) return fail(`unexpected argument "${positional[1]}": give one edition folder`);
  const edition = positional[0] ?? 'content';
  const previous = str('previous');
  if (kind === 'build') {
    const langs = list(str('lang') ?? 'zh,en', ['zh', 'en'] as const, 'lang');
    if (typeof langs === 'string') return fail(langs);
    const formats = list(str('format') ?? 'html,pdf,xlsx,csv', ['html', 'pdf', 'xlsx', 'csv', 'docx'] as const, 'format');
    if (typeof formats === 'string') return fail(formats);
    const force = opts.force === true;
    const final = opts.final === true;
    if (force && final)
      return fail('--force and --final contradict each other: --final builds the print version only when nothing is open, --force writes a draft anyway');
    return { ok: true, command: { kind, edition, out: str('out') ?? 'output', langs, formats, force, final, previous, debug } };
  }
  if (kind === 'check') {
    const format = str('format') ?? 'text';
    if (format !== 'text' && format !== 'json') return fail(`unknown --format "${format}"; choose text or json`);
    return { ok: true, command: { kind, edition, format, strict: opts.strict === true, previous, debug } };
  }
  const port = str('port');
  if (port !== undefined && !/^\d+$/.test(port)) return fail(`--port takes a number, got "${port}"`);
  return { ok: true, command: { kind, edition, out: str('out'), port: port ? Number(port) : undefined, previous, debug } };
}

/** Parses `argv` (without node and the script). */
export function parseArgs(argv: string[]): ParseResult {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help')
    return { ok: true, command: { kind: 'help', topic: first === 'help' ? rest[0] : undefined } };
  if (first === '--version' || first === '-v') return { ok: true, command: { kind: 'version' } };
  if (!Object.hasOwn(SPECS, first)) {
    const s = suggest(first, COMMANDS);
    return { ok: false, message: `unknown command "${first}"${s ? `; did you mean "${s}"?` : ''} (commands: ${COMMANDS.join(', ')})` };
  }
  const kind = first as CommandName;
  const words = split(kind, rest);
  if ('help' in words) return { ok: true, command: { kind: 'help', topic: kind } };
  if ('error' in words) return { ok: false, message: words.error };
  return toCommand(kind, words);
}
