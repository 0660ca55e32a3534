/**
 * The runner around the commands: prints progress and findings, maps
 * failures to exit codes (0 ok, 1 content errors, 2 usage/environment), and
 * never shows a stack trace for an expected error unless --debug.
 */
import path from 'node:path';
import { undoAll } from '../cleanup.js';
import { BaogaoError, type Io } from '../diagnostics.js';
import { formatFindings, summarize } from '../report/format-findings.js';
import { PACKAGE_ROOT, VERSION } from '../version.js';
import { loadBuild, loadCheckCommand } from './cached-script.js';
import { helpText } from './help.js';
import { parseArgs, type Command } from './parse-args.js';
import { trace } from '../trace.js';

export type { Io };

const defaultIo: Io = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) };

function step(io: Io) {
  return (name: string, ms: number) => io.err(`  ${name.padEnd(8)} ${ms.toFixed(0).padStart(6)} ms`);
}

async function execute(cmd: Command, io: Io): Promise<number> {
  trace('cli: command starts');
  const templates = path.join(PACKAGE_ROOT, 'templates');
  switch (cmd.kind) {
    case 'help':
      io.out(helpText(cmd.topic));
      return 0;
    case 'version':
      io.out(VERSION);
      return 0;
    case 'build': {
      io.err(`baogao build ${cmd.edition} → ${cmd.out}`);
      // Chromium's start is what a cold build waits for: it begins before the build's script loads.
      const printWorker =
        cmd.formats.includes('pdf') && cmd.langs.length
          ? (await import('../render/pdf/print-worker-start.js')).startPrintWorker({ out: cmd.out, langs: cmd.langs, inputs: [cmd.edition, templates] })
          : undefined;
      let build: Awaited<ReturnType<typeof loadBuild>>['build'];
      try {
        ({ build } = await loadBuild());
      } catch (e) {
        await printWorker?.close();
        throw e;
      }
      const r = await build({ ...cmd, templates, onStep: step(io), printWorker });
      // A build shows what needs attention; notes are for `baogao check`.
      const shown = r.findings.filter((f) => f.severity !== 'info');
      if (shown.length) io.err(formatFindings(shown));
      const openCount = r.open.length;
      io.err(
        `${r.draft ? `DRAFT written (征求意见稿: ${openCount} item${openCount === 1 ? '' : 's'} open; build --final refuses until none is)` : 'done'}: ${r.files.filter((f) => !f.startsWith('assets/fonts/')).join(', ')} (${summarize(r.findings)})`,
      );
      return 0;
    }
    case 'check': {
      const { runCheck } = await loadCheckCommand();
      trace('check: imported');
      return runCheck(cmd, io);
    }
    case 'watch': {
      const { runWatch } = await import('../watch/index.js');
      return runWatch({ edition: cmd.edition, out: cmd.out, port: cmd.port, previous: cmd.previous, templates }, io);
    }
    case 'new': {
      const { runNew } = await import('../new-edition/index.js');
      return runNew(cmd, io);
    }
    case 'comments': {
      const { runComments } = await import('../review/index.js');
      return runComments(cmd, io);
    }
    default:
      io.err(`baogao ${(cmd as Command).kind} is not available in this version`);
      return 2;
  }
}

/** Exit codes of a command stopped by a signal: 128 + the signal's number, as shells report it. */
const SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type Signal = keyof typeof SIGNALS;

/**
 * While a command runs, SIGINT, SIGTERM and SIGHUP stop it cleanly: what it
 * holds is undone (browser closed, staging folder, profile and lock
 * removed), one line says so, and the process exits with 130, 143 or 129.
 * A second signal while undoing exits at once. Returns the uninstaller and
 * whether a signal came, so the runner stays silent about the errors the
 * interruption causes (a browser that was closed under a print job).
 */
function handleSignals(io: Io, exit: (code: number) => void): { uninstall: () => void; interrupted: () => Signal | undefined } {
  let got: Signal | undefined;
  const handlers = (Object.keys(SIGNALS) as Signal[]).map((sig) => {
    const handler = () => {
      if (got) return exit(SIGNALS[sig]);
      got = sig;
      io.err(`baogao: interrupted (${sig}); nothing was written, temporary files removed`);
      void undoAll().finally(() => exit(SIGNALS[sig]));
    };
    process.on(sig, handler);
    return [sig, handler] as const;
  });
  return { uninstall: () => handlers.forEach(([sig, h]) => process.off(sig, h)), interrupted: () => got };
}

/** Runs baogao with the given arguments; returns the exit code. */
export async function run(argv: string[], io: Io = defaultIo, exit: (code: number) => void = (code) => process.exit(code)): Promise<number> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    io.err(`baogao: ${parsed.message}\nRun "baogao --help" for usage.`);
    return 2;
  }
  const debug = 'debug' in parsed.command && parsed.command.debug;
  // watch stops on Ctrl-C by its own handler; every other command through this one.
  const signals = parsed.command.kind === 'watch' ? undefined : handleSignals(io, exit);
  try {
    const code = await execute(parsed.command, io);
    return signals?.interrupted() ? new Promise<number>(() => undefined) : code;
  } catch (e) {
    const sig = signals?.interrupted();
    // The process is about to exit with the signal's code; the error is the interruption's echo.
    if (sig) return new Promise<number>(() => undefined);
    if (e instanceof BaogaoError) {
      if (e.findings.length) io.err(formatFindings(e.findings));
      io.err(`baogao: ${e.message}${e.findings.length ? ` (${summarize(e.findings)})` : ''}`);
      if (debug) io.err(e.stack ?? '');
      return e.exitCode;
    }
    io.err(`baogao: unexpected error: ${(e as Error).message}`);
    io.err(debug ? ((e as Error).stack ?? '') : 'Run again with --debug for details, and report it with the edition that caused it.');
    return 2;
  } finally {
    if (!signals?.interrupted()) signals?.uninstall();
  }
}
