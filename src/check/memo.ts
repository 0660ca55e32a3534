/**
 * What the check remembers between runs of `watch`: the findings, statuses
 * and counts a rule produced for one text (a block, a cell), keyed by
 * everything they depend on: the text, where its characters are in the file,
 * and what the rule reads beside it (the glossary, the link to a table cell,
 * the edition's precision). A save then re-checks the texts it changed and
 * replays the rest. `build` checks once and gains nothing, so the memo must
 * cost it next to nothing: a key is a string built from what the rule had
 * computed anyway.
 *
 * Two generations are kept: what this run used and what the previous run
 * made. What no run asked for since is dropped, so the memo holds about one
 * edition's worth.
 */
import type { Place } from '../model.js';
import type { FlatText } from '../model/text-places.js';
import { sourceText } from '../source-text.js';
import type { RuleContext } from './rule.js';

type Event =
  | { kind: 'report'; f: Parameters<RuleContext['report']>[0] }
  | { kind: 'status'; a: Parameters<NonNullable<RuleContext['status']>> }
  | { kind: 'examined'; n: number };

export class CheckMemo {
  private current = new Map<string, unknown>();
  private previous = new Map<string, unknown>();
  private versions = new Map<string, { value: string; version: number }>();
  /** The names whose value this run has already compared. */
  private seenVersions = new Set<string>();

  /** Called by the check stage before each run. */
  nextRun(): void {
    this.previous = this.current;
    this.current = new Map();
    this.seenVersions.clear();
  }

  recall<T>(key: string, compute: () => T): T {
    if (this.current.has(key)) return this.current.get(key) as T;
    const value = this.previous.has(key) ? (this.previous.get(key) as T) : compute();
    this.current.set(key, value);
    return value;
  }

  /**
   * A short stand-in for `value` in keys: the same number while `value` stays
   * the same, a new one when it changes. For what many keys share (a glossary,
   * a YAML file's text), so that no key repeats it whole.
   */
  versionOf(name: string, value: string): number {
    const known = this.versions.get(name);
    if (known && (known.value === value || this.seenVersions.has(name))) return known.version;
    this.seenVersions.add(name);
    const version = (known?.version ?? 0) + 1;
    this.versions.set(name, { value, version });
    return version;
  }

  /** The version of `file`'s text: YAML places are found by searching the source, so a table text's results depend on its file. */
  fileVersion(file: string): number {
    if (this.seenVersions.has(`file:${file}`)) return this.versions.get(`file:${file}`)!.version;
    return this.versionOf(`file:${file}`, sourceText(file)?.text ?? '');
  }
}

/**
 * Runs `check` for one text through the memo: the first time its calls of
 * report, status and examined are recorded, later with the same key they are
 * replayed. Without a memo (`build`, a rule run alone in a test) it runs
 * directly, and `key` is never built.
 */
export function remembered(ctx: RuleContext, key: () => string, check: (ctx: RuleContext) => void): void {
  if (!ctx.memo) return check(ctx);
  const events = ctx.memo.recall(key(), () => {
    const out: Event[] = [];
    check({
      edition: ctx.edition,
      previous: ctx.previous,
      report: (f) => void out.push({ kind: 'report', f }),
      examined: (n = 1) => void out.push({ kind: 'examined', n }),
      // Always recorded, so that a run that wants statuses can replay a run that did not.
      status: (...a) => void out.push({ kind: 'status', a }),
    });
    return out;
  });
  for (const e of events) {
    if (e.kind === 'report') ctx.report(e.f);
    else if (e.kind === 'examined') ctx.examined(e.n);
    else ctx.status?.(...e.a);
  }
}

/** What decides where each character of a flat text is: its text nodes' offsets and positions. */
export function flatKey(flat: FlatText): string {
  let key = flat.text;
  for (const s of flat.segments) {
    const p = s.node.position?.start;
    key += `\u0000${s.start}+${s.node.value.length}@${p?.line}:${p?.column}`;
  }
  return key;
}

export const placeKeyOf = (p: Place): string => `${p.file}:${p.line}:${p.column}`;
