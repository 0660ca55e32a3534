/**
 * The invisible trace from the Word document back to the sources: each unit
 * is wrapped in a bookmark named `_bg_<key>_<hash>`. Word hides bookmarks
 * whose names start with an underscore (as it hides its own `_Toc…`), keeps
 * them through editing, tracked changes and comments, and so do WPS and
 * LibreOffice. The hash is of the text as built, so that `baogao comments`
 * can tell a comment on text that has since changed in the sources.
 */
import { createHash } from 'node:crypto';
import { unitText, type Unit } from './units.js';

const PREFIX = '_bg_';

export function textHash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 8);
}

/** Word limits bookmark names to 40 characters of letters, digits and underscores; unit keys are far shorter. */
export function bookmarkName(u: Unit): string {
  return `${PREFIX}${u.key}_${textHash(unitText(u))}`;
}

export function parseBookmark(name: string): { key: string; hash: string } | undefined {
  const m = /^_bg_([A-Za-z0-9_]+)_([0-9a-f]{8})$/.exec(name);
  return m ? { key: m[1], hash: m[2] } : undefined;
}
