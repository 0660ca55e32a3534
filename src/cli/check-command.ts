/**
 * `baogao check`: load and check the edition, print the findings (text or
 * JSON) and what was examined; exit 1 when an error stands (or, with
 * --strict, a warning). The bundle also builds this module on its own, as a
 * script whose compiled code is kept (cached-script.ts): `check` is the
 * command an editor runs again and again.
 */
import { BaogaoError, type Io } from '../diagnostics.js';
import { loadAndCheck } from '../pipeline.js';
import { linkingSummary } from '../check/link.js';
import { checkJson, examinedLine } from '../report/check-json.js';
import { formatFindings, summarize } from '../report/format-findings.js';
import { failing } from '../report/open-items.js';
import { trace } from '../trace.js';
import type { Command } from './parse-args.js';

export async function runCheck(cmd: Extract<Command, { kind: 'check' }>, io: Io): Promise<number> {
  const checked = await loadAndCheck({ edition: cmd.edition, previous: cmd.previous, onStep: (name) => trace(`check: ${name} done`) }).catch((e: unknown) => {
    // A tool reading the JSON gets the load errors as findings, as the text format shows them.
    if (!(e instanceof BaogaoError) || cmd.format !== 'json') throw e;
    io.out(JSON.stringify(checkJson(cmd.edition, e.findings, {}), null, 2));
    io.err(`baogao: ${e.message}`);
    return e.exitCode;
  });
  if (typeof checked === 'number') return checked;
  const { findings, stats, edition } = checked;
  const linking = linkingSummary(edition);
  if (cmd.format === 'json') io.out(JSON.stringify({ ...checkJson(cmd.edition, findings, stats), linking }, null, 2));
  else {
    if (findings.length) io.out(formatFindings(findings));
    io.out(
      `${cmd.edition}: ${summarize(findings)}; ${examinedLine(stats)}; prose figures linked ${linking.linked} of ${linking.figures} (${linking.figures - linking.linked} not linked), data references ${linking.references}`,
    );
  }
  trace('check: printed');
  return failing(findings, cmd.strict).length ? 1 : 0;
}
