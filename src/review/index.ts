/**
 * `baogao comments <reviewed.docx> [edition]`: the comments and tracked
 * changes of a returned Word copy, each traced to the source place it
 * concerns and listed like the check's findings (or as JSON). A comment on
 * text that has changed in the sources since the copy was built is a warning.
 */
import fs from 'node:fs';
import { BaogaoError, sortFindings, usageError, type Finding, type Io } from '../diagnostics.js';
import { loadEdition } from '../load/index.js';
import type { Edition, Lang } from '../model.js';
import { formatFindings } from '../report/format-findings.js';
import { readReviewedCopy, type ReviewEntry } from './read-docx.js';
import { Tracer, type Traced } from './trace.js';

export interface CommentsOptions {
  docx: string;
  edition: string;
  format: 'text' | 'json';
}

/** Version of the JSON shape in docs/review.md; fields are only ever added. */
export const COMMENTS_JSON_VERSION = 1;

export interface ListedEntry extends ReviewEntry {
  trace: Traced;
}

const quote = (s: string, lang: Lang) => (lang === 'zh' ? `“${s}”` : `"${s}"`);
const short = (s: string) => (s.length > 40 ? `${[...s].slice(0, 38).join('')}…` : s).replace(/\s+/g, ' ');

const NOTE: Record<Traced['status'], string> = {
  same: '',
  moved: '',
  changed: ' (this text has changed in the sources since the copy was built: check the comment still applies)',
  gone: ' (this text is no longer in the sources)',
  untraced: ' (outside the report text: not traced to a source)',
};

function toFinding(e: ListedEntry, docx: string, lang: Lang): Finding {
  const who = e.author || 'an unnamed reviewer';
  const message =
    e.kind === 'comment'
      ? `comment by ${who}${e.quoted ? ` on ${quote(short(e.quoted), lang)}` : ''}: ${e.text.replace(/\n/g, ' / ')}`
      : `${e.kind} by ${who}: ${quote(e.text, lang)}`;
  const severity = e.trace.status === 'same' || e.trace.status === 'moved' ? 'info' : 'warning';
  const place = e.trace.place ?? { file: docx, line: 1, column: 1 };
  return {
    severity,
    ruleId: `review/${e.kind}`,
    message: message + NOTE[e.trace.status],
    place,
    other: e.trace.other && { ...e.trace.other, label: 'figure from the table cell' },
  };
}

/** The language of the copy: as recorded when it was built, else the one whose units its bookmarks match best. */
function copyLanguage(recorded: string | undefined, entries: ReviewEntry[], tracers: Record<Lang, Tracer>): Lang {
  if (recorded === 'zh' || recorded === 'en') return recorded;
  const score = (l: Lang) => entries.filter((e) => tracers[l].trace(e.anchor).status === 'same').length;
  return score('en') > score('zh') ? 'en' : 'zh';
}

/** Reads and traces a reviewed copy against an edition. */
export async function listComments(docx: string, edition: Edition): Promise<{ lang: Lang; status?: string; entries: ListedEntry[] }> {
  if (!fs.existsSync(docx)) throw usageError(`${docx}: no such file`);
  const copy = await readReviewedCopy(fs.readFileSync(docx), docx);
  if (copy.bookmarks === 0)
    throw usageError(`${docx} holds none of the places baogao marks in its Word copies: it was not made with "baogao build --format docx", or it was retyped`);
  const tracers = { zh: new Tracer(edition, 'zh'), en: new Tracer(edition, 'en') };
  const lang = copyLanguage(copy.lang, copy.entries, tracers);
  const entries = copy.entries.map((e) => ({ ...e, trace: tracers[lang].trace(e.anchor) }));
  return { lang, status: copy.status, entries };
}

export async function runComments(opts: CommentsOptions, io: Io): Promise<number> {
  const loaded = loadEdition(opts.edition);
  if (!loaded.edition) throw new BaogaoError(`${opts.edition} could not be loaded`, sortFindings(loaded.findings));
  // Comments come back while the editors are already revising: an edition in mid-edit still traces.
  const errors = loaded.findings.filter((f) => f.severity === 'error').length;
  if (errors)
    io.err(
      `baogao: note: ${opts.edition} has ${errors} error${errors === 1 ? '' : 's'} (baogao check lists them); comments are traced to the sources as they stand`,
    );
  const { lang, status, entries } = await listComments(opts.docx, loaded.edition);
  if (opts.format === 'json') {
    const json = {
      version: COMMENTS_JSON_VERSION,
      docx: opts.docx,
      edition: opts.edition,
      language: lang,
      status: status ?? null,
      entries: entries.map((e) => ({
        kind: e.kind,
        id: e.id,
        author: e.author,
        date: e.date ?? null,
        text: e.text,
        quoted: e.quoted ?? null,
        replyTo: e.replyTo ?? null,
        place: e.trace.place ?? null,
        other: e.trace.other ?? null,
        status: e.trace.status,
        changed: e.trace.status === 'changed' || e.trace.status === 'gone',
      })),
    };
    io.out(JSON.stringify(json, null, 2));
    return 0;
  }
  const findings = sortFindings(entries.map((e) => toFinding(e, opts.docx, lang)));
  if (findings.length) io.out(formatFindings(findings));
  const n = (k: ReviewEntry['kind']) => entries.filter((e) => e.kind === k).length;
  const plural = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  const stale = entries.filter((e) => e.trace.status === 'changed' || e.trace.status === 'gone').length;
  io.out(
    `${opts.docx} (${lang}${status ? `, built ${status}` : ''}): ${plural(n('comment'), 'comment')}, ${plural(n('insertion'), 'insertion')}, ${plural(n('deletion'), 'deletion')}` +
      `; ${stale} on text changed since the copy was built`,
  );
  return 0;
}
