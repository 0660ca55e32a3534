/** The `baogao watch` command in a terminal: the address, the keys, Ctrl-C. */
import type { Io } from '../diagnostics.js';
import { startWatch } from './preview.js';
import { previewFolder, type WatchOptions } from './watch-types.js';

/**
 * The `baogao watch` command: starts the preview, prints its address, and
 * runs until Ctrl-C (or SIGTERM, or `q`). Keys when the terminal is
 * interactive: p builds the PDF, x the Excel annex, r rebuilds.
 */
export async function runWatch(opts: Omit<WatchOptions, 'io'>, io: Io): Promise<number> {
  io.err(
    `baogao watch ${opts.edition} → ${opts.out ?? previewFolder(opts.edition)} (preview folder)${opts.previous ? `; previous edition ${opts.previous}` : ''}`,
  );
  const w = await startWatch({ ...opts, io });
  io.out(`Preview: ${w.url}  (中文 ${w.url}zh/  ·  English ${w.url}en/  ·  对照 ${w.url}bilingual.html)`);
  const stdin = process.stdin;
  const keys = stdin.isTTY === true;
  io.err(keys ? 'Keys: p build the PDF · x build the Excel annex · r rebuild · q or Ctrl-C stop' : 'Ctrl-C stops.');

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (why: string) => {
      if (stopping) return;
      stopping = true;
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
      if (keys) {
        stdin.off('data', onKey);
        stdin.setRawMode(false);
        stdin.pause();
      }
      io.err(`\n${why}: stopping the preview`);
      const busy = Object.entries(w.state().artifacts).filter(([, a]) => a?.status === 'building');
      if (busy.length)
        io.err(`the ${busy.map(([f]) => (f === 'pdf' ? 'PDF' : 'Excel')).join(' and ')} build still running finishes first; Ctrl-C again stops at once`);
      w.close().then(
        () => resolve(0),
        () => resolve(0),
      );
    };
    const onSigint = () => stop('Ctrl-C');
    const onSigterm = () => stop('SIGTERM');
    const onKey = (data: Buffer) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\u0003' || ch === 'q' || ch === '\u0004') return stop(ch === 'q' ? 'q' : 'Ctrl-C');
        if (ch === 'p') void w.buildArtifact('pdf');
        else if (ch === 'x') void w.buildArtifact('xlsx');
        else if (ch === 'r') void w.rebuild();
      }
    };
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigterm);
    if (keys) {
      stdin.setRawMode(true);
      stdin.resume();
      stdin.on('data', onKey);
    }
  });
}
