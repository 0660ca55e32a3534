/**
 * Command-line parsing, kept pure (no I/O, no process) so it is unit-tested:
 * argv in, a command description or a usage error out.
 */
import type { Format } from '../build.js';
import type { Lang } from '../model.js';

export type Command =
  | { kind: 'help'; topic?: string }
  | { kind: 'version' }
  | { kind: 'build'; edition: string; out: string; langs: Lang[]; formats: Format[]; force: boolean; final: boolean; previous?: string; debug: boolean }
  | { kind: 'check'; edition: string; format: 'text' | 'json'; strict: boolean; previous?: string; out: string; debug: boolean }
  | { kind: 'watch'; edition: string; out?: string; port?: number; previous?: string; debug: boolean }
  | { kind: 'new'; year: number; from: string; to?: string; debug: boolean }
  | { kind: 'comments'; docx: string; edition: string; format: 'text' | 'json'; debug: boolean };

export type ParseResult = { ok: true; command: Command } | { ok: false; message: string };

interface OptionSpec {
  name: string;
  value: boolean;
}

const COMMON: OptionSpec[] = [
  { name: 'help', value: false },
  { name: 'debug', value: false },
];
const SPECS: Record<string, OptionSpec[]> = {
  build: [...COMMON, { name: 'out', value: true }, { name: 'lang', value: true }, { name: 'format', value: true }, { name: 'force', value: false }, { name: 'final', value: false }, { name: 'previous', value: true }],
  check: [...COMMON, { name: 'format', value: true }, { name: 'strict', value: false }, { name: 'previous', value: true }, { name: 'out', value: true }],
  watch: [...COMMON, { name: 'out', value: true }, { name: 'port', value: true }, { name: 'previous', value: true }],
  new: [...COMMON, { name: 'from', value: true }, { name: 'to', value: true }],
  comments: [...COMMON, { name: 'format', value: true }],
};
export const COMMANDS = Object.keys(SPECS);

/** Edit distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
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
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = items.find((i) => !allowed.includes(i as T));
  if (bad) return `unknown ${what} "${bad}"; choose from ${allowed.join(', ')}`;
  return items.length ? (items as T[]) : `--${what} needs a value such as ${allowed.join(',')}`;
}

/** Parses `argv` (without node and the script). */
export function parseArgs(argv: string[]): ParseResult {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') return { ok: true, command: { kind: 'help', topic: first === 'help' ? rest[0] : undefined } };
  if (first === '--version' || first === '-v') return { ok: true, command: { kind: 'version' } };
  const specs = SPECS[first];
  if (!specs) {
    const s = suggest(first, COMMANDS);
    return { ok: false, message: `unknown command "${first}"${s ? `; did you mean "${s}"?` : ''} (commands: ${COMMANDS.join(', ')})` };
  }
  const opts: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '-h') return { ok: true, command: { kind: 'help', topic: first } };
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const spec = specs.find((s) => s.name === name);
    if (!spec) {
      const s = suggest(name, specs.map((x) => x.name));
      return { ok: false, message: `unknown option --${name} for "${first}"${s ? `; did you mean --${s}?` : ''}` };
    }
    if (spec.value) {
      const v = inline ?? rest[++i];
      if (v === undefined || v.trim() === '' || v.startsWith('--')) return { ok: false, message: `--${name} needs a value` };
      opts[name] = v;
    } else opts[name] = true;
  }
  if (opts.help) return { ok: true, command: { kind: 'help', topic: first } };
  const debug = opts.debug === true;
  const str = (k: string) => (typeof opts[k] === 'string' ? (opts[k] as string) : undefined);
  if (first === 'new') {
    const year = Number(positional[0]);
    if (!/^\d{4}$/.test(positional[0] ?? '')) return { ok: false, message: 'baogao new needs the plan year of the new edition, e.g. baogao new 2024' };
    if (positional.length > 1) return { ok: false, message: `unexpected argument "${positional[1]}"` };
    return { ok: true, command: { kind: 'new', year, from: str('from') ?? 'content', to: str('to'), debug } };
  }
  if (first === 'comments') {
    const [docx, edition, extra] = positional;
    if (!docx) return { ok: false, message: 'baogao comments needs the reviewed Word file, e.g. baogao comments returned/report.docx content' };
    if (extra !== undefined) return { ok: false, message: `unexpected argument "${extra}": give the Word file and one edition folder` };
    const format = str('format') ?? 'text';
    if (format !== 'text' && format !== 'json') return { ok: false, message: `unknown --format "${format}"; choose text or json` };
    return { ok: true, command: { kind: 'comments', docx, edition: edition ?? 'content', format, debug } };
  }
  if (positional.length > 1) return { ok: false, message: `unexpected argument "${positional[1]}": give one edition folder` };
  const edition = positional[0] ?? 'content';
  const out = str('out') ?? 'output';
  if (first === 'build') {
    const langs = list(str('lang') ?? 'zh,en', ['zh', 'en'] as const, 'lang');
    if (typeof langs === 'string') return { ok: false, message: langs };
    const formats = list(str('format') ?? 'html,pdf,xlsx,csv', ['html', 'pdf', 'xlsx', 'csv', 'docx'] as const, 'format');
    if (typeof formats === 'string') return { ok: false, message: formats };
    if (opts.force && opts.final) return { ok: false, message: '--force and --final contradict each other: --final builds the print version only when nothing is open, --force writes a draft anyway' };
    return { ok: true, command: { kind: 'build', edition, out, langs, formats, force: opts.force === true, final: opts.final === true, previous: str('previous'), debug } };
  }
  if (first === 'check') {
    const format = str('format') ?? 'text';
    if (format !== 'text' && format !== 'json') return { ok: false, message: `unknown --format "${format}"; choose text or json` };
    return { ok: true, command: { kind: 'check', edition, format, strict: opts.strict === true, previous: str('previous'), out, debug } };
  }
  const port = str('port');
  if (port !== undefined && !/^\d+$/.test(port)) return { ok: false, message: `--port takes a number, got "${port}"` };
  return { ok: true, command: { kind: 'watch', edition, out: str('out'), port: port ? Number(port) : undefined, previous: str('previous'), debug } };
}
