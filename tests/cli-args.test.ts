import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { helpText } from '../src/cli/help.js';
import { COMMANDS, parseArgs, SPECS, suggest } from '../src/cli/parse-args.js';
import { run } from '../src/cli/run.js';
import { captureIo, copySample, edit } from './helpers.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('parseArgs', () => {
  it('defaults build to the sample edition, output/, both languages and all formats', () => {
    expect(parseArgs(['build'])).toEqual({
      ok: true,
      command: {
        kind: 'build',
        edition: 'content',
        out: 'output',
        langs: ['zh', 'en'],
        formats: ['html', 'pdf', 'xlsx', 'csv'],
        force: false,
        final: false,
        previous: undefined,
        debug: false,
      },
    });
  });

  it('reads options in both --x=v and --x v forms', () => {
    const r = parseArgs(['build', 'ed', '--out=o', '--lang', 'en', '--format', 'html,xlsx', '--force']);
    expect(r).toMatchObject({ ok: true, command: { edition: 'ed', out: 'o', langs: ['en'], formats: ['html', 'xlsx'], force: true } });
  });

  it('rejects unknown options with a suggestion', () => {
    expect(parseArgs(['build', '--fromat', 'pdf'])).toEqual({ ok: false, message: 'unknown option --fromat for "build"; did you mean --format?' });
    expect(parseArgs(['biuld'])).toMatchObject({ ok: false, message: expect.stringContaining('did you mean "build"') });
  });

  it('rejects unknown formats and languages, and missing values', () => {
    expect(parseArgs(['build', '--format', 'odt'])).toMatchObject({
      ok: false,
      message: expect.stringContaining('unknown format "odt"; choose from html, pdf, xlsx, csv, docx'),
    });
    expect(parseArgs(['build', '--format', 'html,docx'])).toMatchObject({ ok: true, command: { formats: ['html', 'docx'] } });
    expect(parseArgs(['build', '--lang', 'fr'])).toMatchObject({ ok: false, message: expect.stringContaining('unknown lang "fr"') });
    expect(parseArgs(['build', '--out'])).toEqual({ ok: false, message: '--out needs a value' });
    // `--out=` (an empty shell variable) must not mean the current folder.
    expect(parseArgs(['build', '--out='])).toEqual({ ok: false, message: '--out needs a value' });
    expect(parseArgs(['build', '--out', ''])).toEqual({ ok: false, message: '--out needs a value' });
  });

  it('parses check, new and help', () => {
    expect(parseArgs(['check', '--format', 'json', '--strict'])).toMatchObject({ ok: true, command: { kind: 'check', format: 'json', strict: true } });
    expect(parseArgs(['new', '2024', '--from', 'content'])).toMatchObject({ ok: true, command: { kind: 'new', year: 2024, from: 'content' } });
    expect(parseArgs(['new'])).toMatchObject({ ok: false });
    expect(parseArgs(['build', '--help'])).toEqual({ ok: true, command: { kind: 'help', topic: 'build' } });
    expect(parseArgs([])).toEqual({ ok: true, command: { kind: 'help', topic: undefined } });
  });

  it('rejects what util.parseArgs alone would let through', () => {
    // A forgotten value: the next option is not a folder name.
    expect(parseArgs(['build', '--out', '--force'])).toEqual({ ok: false, message: '--out needs a value' });
    expect(parseArgs(['build', '--force=yes'])).toEqual({ ok: false, message: '--force takes no value (got "yes")' });
    expect(parseArgs(['build', '-x'])).toEqual({ ok: false, message: 'unknown option -x for "build"' });
    expect(parseArgs(['check', '--out', 'o'])).toMatchObject({ ok: false, message: 'unknown option --out for "check"' });
    expect(parseArgs(['build', 'a', 'b'])).toEqual({ ok: false, message: 'unexpected argument "b": give one edition folder' });
    expect(parseArgs(['watch', '--port', '80a'])).toEqual({ ok: false, message: '--port takes a number, got "80a"' });
    expect(parseArgs(['build', '--force', '--final'])).toMatchObject({ ok: false, message: expect.stringContaining('contradict') });
  });

  it('reads -- as the end of options, an inline value that starts with a dash, and the last of a repeated option', () => {
    expect(parseArgs(['build', '--', '--odd-folder'])).toMatchObject({ ok: true, command: { edition: '--odd-folder' } });
    expect(parseArgs(['build', '--out=--odd'])).toMatchObject({ ok: true, command: { out: '--odd' } });
    expect(parseArgs(['build', '--out', '-o'])).toMatchObject({ ok: true, command: { out: '-o' } });
    expect(parseArgs(['watch', '--port', '1', '--port=2'])).toMatchObject({ ok: true, command: { port: 2 } });
  });

  it("answers -h and --help anywhere on a command line with that command's help, even beside a mistake", () => {
    for (const cmd of COMMANDS) {
      expect(parseArgs([cmd, '-h'])).toEqual({ ok: true, command: { kind: 'help', topic: cmd } });
      expect(parseArgs([cmd, '--bogus', '--help'])).toEqual({ ok: true, command: { kind: 'help', topic: cmd } });
    }
    expect(parseArgs(['help', 'watch'])).toEqual({ ok: true, command: { kind: 'help', topic: 'watch' } });
    expect(parseArgs(['-v'])).toEqual({ ok: true, command: { kind: 'version' } });
  });

  it("documents in each command's help exactly the options it accepts", () => {
    const common = ['help', 'debug'];
    for (const cmd of COMMANDS) {
      const text = helpText(cmd);
      expect(text, cmd).not.toBe(helpText());
      const documented = [...new Set([...text.matchAll(/(?<![\w-])--([a-z][a-z-]*)/g)].map((m) => m[1]))].sort();
      const accepted = Object.keys(SPECS[cmd])
        .filter((o) => !common.includes(o))
        .sort();
      expect(documented, cmd).toEqual(accepted);
    }
    for (const o of ['--help', '--debug', '--version']) expect(helpText()).toContain(o);
  });

  it('suggests only close words', () => {
    expect(suggest('chek', ['build', 'check'])).toBe('check');
    expect(suggest('zzzzzz', ['build', 'check'])).toBeUndefined();
  });
});

describe('run (exit codes)', () => {
  it('exits 2 on a usage error, without a stack trace', async () => {
    const io = captureIo();
    expect(await run(['build', '--bogus'], io)).toBe(2);
    expect(io.stderr.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('exits 1 on a content error, printing path:line:column', async () => {
    const dir = copySample();
    edit(path.join(dir, 'tables/industry-tax.yaml'), /tax: 280\.01/, 'tax: 28o.01');
    const io = captureIo();
    expect(await run(['check', dir], io)).toBe(1);
    const text = [...io.stdout, ...io.stderr].join('\n');
    expect(text).toMatch(new RegExp(`${path.join(dir, 'tables/industry-tax.yaml').replace(/[/.]/g, '\\$&')}:\\d+:\\d+  error  "28o.01" is not a number`));
    expect(text).not.toMatch(/\n\s+at /);
  });

  it('exits 2 from the real command, with the suggestion on stderr', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/baogao.mjs'), 'check', '--fromat', 'json'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('baogao: unknown option --fromat for "check"; did you mean --format?\nRun "baogao --help" for usage.\n');
  });

  it('prints help and the version', async () => {
    const io = captureIo();
    expect(await run(['--help'], io)).toBe(0);
    expect(io.stdout.join('\n')).toContain('baogao build');
    expect(await run(['--version'], io)).toBe(0);
  });

  it('answers help for a word that is no command, even one Object.prototype has, with the general help', async () => {
    for (const topic of ['toString', 'constructor', '__proto__', 'nonsense']) {
      const io = captureIo();
      expect(await run(['help', topic], io)).toBe(0);
      const printed = io.stdout.join('\n');
      expect(printed).toContain('baogao build');
      expect(printed).not.toContain('[native code]');
    }
  });
});
