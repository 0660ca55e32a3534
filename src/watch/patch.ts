/**
 * What changed between two versions of a page, in the parts the page can
 * swap in place: its chapter sections (`<section … id="chapter-…">`). When
 * anything else differs (contents, cover, draft mark, the head) the page
 * must reload.
 */

export type PagePatch = { reload: true } | { parts: [string, string][] };

interface Split {
  /** The page with every chapter section replaced by its id. */
  skeleton: string;
  sections: Map<string, string>;
}

const OPEN = /<section\b[^>]*\bid="(chapter-[^"]+)"[^>]*>/g;
const TAG = /<(\/?)section\b[^>]*>/g;

/** Cuts a page into its chapter sections and the rest; nested sections (footnotes) stay inside theirs. */
export function splitPage(html: string): Split {
  const sections = new Map<string, string>();
  let skeleton = '';
  let at = 0;
  OPEN.lastIndex = 0;
  for (let m = OPEN.exec(html); m; m = OPEN.exec(html)) {
    let depth = 0;
    let end = -1;
    TAG.lastIndex = m.index;
    for (let t = TAG.exec(html); t; t = TAG.exec(html)) {
      depth += t[1] ? -1 : 1;
      if (depth === 0) {
        end = t.index + t[0].length;
        break;
      }
    }
    if (end < 0) break;
    skeleton += `${html.slice(at, m.index)}\0${m[1]}\0`;
    sections.set(m[1], html.slice(m.index, end));
    at = end;
    OPEN.lastIndex = end;
  }
  return { skeleton: skeleton + html.slice(at), sections };
}

/** The sections of `after` that differ from `before`, or a reload when the rest differs. */
export function diffPage(before: string | undefined, after: string): PagePatch {
  if (before === undefined) return { reload: true };
  if (before === after) return { parts: [] };
  const a = splitPage(before);
  const b = splitPage(after);
  if (a.skeleton !== b.skeleton) return { reload: true };
  const parts: [string, string][] = [];
  for (const [id, html] of b.sections) if (a.sections.get(id) !== html) parts.push([id, html]);
  return { parts };
}
