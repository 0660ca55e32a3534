/**
 * The Word edition's content as source units: every paragraph, heading, table
 * cell, caption and note the document prints, with the runs it is made of and
 * where each run comes from. The DOCX renderer lays these out; `baogao
 * comments` rebuilds them from the current sources to trace a reviewer's
 * comment back to a file:line, so both sides must come from this one function.
 */
import path from 'node:path';
import type { PhrasingContent, RootContent } from 'mdast';
import { lookupCell, numText } from '../../model/cells.js';
import { isFigureOnly } from '../../model/figure-emphasis.js';
import { blocksOf } from '../../markdown/blocks.js';
import { directiveLabel } from '../../markdown/remark-known-directives.js';
import type { Edition, Figure, Lang, Place, Table } from '../../model.js';
import { lineColumn, sourceText } from '../../source-text.js';
import { noteMarkers, printedNoteMarker, refLabel, type Numbering } from '../../model/labels.js';

/** One run of text and where it comes from. */
export interface Piece {
  text: string;
  bold?: boolean;
  italic?: boolean;
  superscript?: boolean;
  place: Place;
  /** Source offset of the run's first character when the run is the source text itself, character for character. */
  offset?: number;
  /** The table cell a `:num` figure is taken from. */
  other?: Place;
}

/** One bookmarked stretch of the document: a paragraph, a heading, one paragraph of a table cell. */
export interface Unit {
  /** Stable within an edition's structure: `p2_5_0` (chapter 2, block 5, paragraph 0), `t3_r4_1` (table 3, row 4, column 1). */
  key: string;
  pieces: Piece[];
  place: Place;
}

export type DocBlock =
  | { kind: 'heading'; depth: number; id: string; unit: Unit }
  | { kind: 'paragraph'; unit: Unit; list?: 'bullet' | 'ordered'; ordinal?: number }
  | { kind: 'table'; table: Table; caption: Unit; headers: Unit[]; rows: { cells: Unit[][]; kinds: string[] }[]; notes: Unit[]; source?: Unit }
  | { kind: 'figure'; figure: Figure; image: Unit; caption: Unit; note?: Unit };

export interface Cover {
  titleLines: Unit[];
  /** The session line, when the report prints one. */
  session?: Unit;
  issuer: Unit;
}

export function unitText(u: Unit): string {
  return u.pieces.map((p) => p.text).join('');
}

function unit(key: string, place: Place, text: string): Unit {
  return { key, place, pieces: [{ text, place }] };
}

/** Where a metadata value is written in edition.yaml, under its top-level key (the model keeps no places for metadata). */
function metaPlace(edition: Edition, key: string, value: string): Place {
  const file = path.join(edition.dir, 'edition.yaml');
  const src = sourceText(file);
  const from = src ? Math.max(0, src.text.search(new RegExp(`^${key}:`, 'm'))) : 0;
  // The whole value, else its start (a value YAML writes escaped or folded differs further on).
  const at = !src || !value.trim() ? -1 : ([value.trim(), value.trim().slice(0, 12)].map((probe) => src.text.indexOf(probe, from)).find((i) => i >= 0) ?? -1);
  if (!src || at < 0) return { file, line: 1, column: 1 };
  return { file, ...lineColumn(src, at) };
}

export function coverUnits(edition: Edition, lang: Lang): Cover {
  const m = edition.meta;
  return {
    titleLines: m.titleLines[lang].map((l, i) => unit(`m_t${i}`, metaPlace(edition, 'title_lines', l), l)),
    session: m.session ? unit('m_s', metaPlace(edition, 'session', m.session[lang]), m.session[lang]) : undefined,
    issuer: unit('m_i', metaPlace(edition, 'issuer', m.issuer[lang]), m.issuer[lang]),
  };
}

/** The runs of a paragraph's inline content. Soft line breaks become spaces, keeping the run the source's length. */
function inlinePieces(nodes: PhrasingContent[], edition: Edition, lang: Lang, file: string, style: Pick<Piece, 'bold' | 'italic'> = {}): Piece[] {
  const out: Piece[] = [];
  for (const n of nodes) {
    const place: Place = { file, line: n.position?.start.line ?? 1, column: n.position?.start.column ?? 1 };
    const start = n.position?.start.offset;
    const end = n.position?.end.offset;
    if (n.type === 'text' || n.type === 'inlineCode') {
      const text = n.value.replace(/\n/g, lang === 'zh' ? '' : ' ');
      const literal = n.type === 'text' && start !== undefined && end !== undefined && end - start === text.length;
      out.push({ text, ...style, place, offset: literal ? start : undefined });
    } else if (n.type === 'strong') {
      // Bold figures as the edition chooses for the language (English drops them), as in the HTML.
      const bold = edition.meta.style.boldFigures[lang] || !isFigureOnly(n.children, lang);
      out.push(...inlinePieces(n.children, edition, lang, file, bold ? { ...style, bold: true } : style));
    } else if (n.type === 'emphasis') out.push(...inlinePieces(n.children, edition, lang, file, { ...style, italic: lang === 'en' }));
    else if (n.type === 'delete' || n.type === 'link') out.push(...inlinePieces(n.children, edition, lang, file, style));
    else if (n.type === 'break') out.push({ text: lang === 'zh' ? '' : ' ', place });
    else if (n.type === 'textDirective') {
      const label = directiveLabel(n);
      if (n.name === 'ref') {
        const t = edition.tables.find((x) => x.id === label);
        const f = edition.figures.find((x) => x.id === label);
        const numbering = edition.meta.style.numbering;
        out.push({ text: t ? refLabel('table', t.number, lang, numbering) : f ? refLabel('figure', f.number, lang, numbering) : label, ...style, place });
      } else
        out.push({
          text: numText(edition.tables, n, lang, edition.meta.style.precision),
          ...style,
          place,
          other: lookupCell(edition.tables, label).cell?.place,
        });
    }
  }
  return out.filter((p) => p.text !== '');
}

function blockUnits(node: RootContent, key: string, edition: Edition, lang: Lang, file: string): DocBlock[] {
  const place: Place = { file, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
  if (node.type === 'heading') {
    const id = String(node.data?.hProperties?.id ?? '');
    return [{ kind: 'heading', depth: Math.min(node.depth, 4), id, unit: { key, place, pieces: inlinePieces(node.children, edition, lang, file) } }];
  }
  if (node.type === 'paragraph') return [{ kind: 'paragraph', unit: { key, place, pieces: inlinePieces(node.children, edition, lang, file) } }];
  if (node.type === 'list') {
    return node.children.flatMap((item, i) =>
      item.children.flatMap((child, j) =>
        child.type === 'paragraph'
          ? [
              {
                kind: 'paragraph' as const,
                list: node.ordered ? ('ordered' as const) : ('bullet' as const),
                ordinal: (node.start ?? 1) + i,
                unit: { key: `${key}_${i}_${j}`, place, pieces: inlinePieces(child.children, edition, lang, file) },
              },
            ]
          : [],
      ),
    );
  }
  if (node.type === 'blockquote') return node.children.flatMap((c, i) => blockUnits(c, `${key}_${i}`, edition, lang, file));
  if (node.type === 'code') return [{ kind: 'paragraph', unit: unit(key, place, node.value) }];
  return [];
}

export function tableBlock(t: Table, lang: Lang, numbering: Numbering): DocBlock & { kind: 'table' } {
  const k = `t${t.number}`;
  const markers = noteMarkers(t);
  return {
    kind: 'table',
    table: t,
    caption: {
      key: `${k}_c`,
      place: t.place,
      pieces: [
        { text: `${refLabel('table', t.number, lang, numbering)} `, place: t.place },
        { text: t.caption[lang], place: t.place },
      ],
    },
    headers: t.columns.map((c, j) => unit(`${k}_h${j}`, c.place, c.header[lang])),
    rows: t.rows.map((r, i) => ({
      kinds: t.columns.map((c) => c.kind),
      cells: t.columns.map((c, j) => {
        const cell = r.cells[c.id];
        const key = `${k}_r${i}_${j}`;
        if (!cell) return [unit(key, r.place, '')];
        if (cell.items?.length) return cell.items.map((it, n) => unit(`${key}_${n}`, it.place, it.text[lang]));
        const u = unit(key, cell.place, cell.text[lang]);
        const marker = cell.note ? markers.get(cell.note) : undefined;
        if (marker) u.pieces.push({ text: marker, superscript: true, place: t.notes.find((n) => n.id === cell.note)!.place });
        return [u];
      }),
    })),
    notes: t.notes.map((n, i) => {
      // The marker of the cells the note belongs to, unless the note's text spells it (标*的指标…).
      const marker = printedNoteMarker(markers.get(n.id)!, n.text[lang]);
      const lead = [{ text: lang === 'zh' ? '注：' : 'Note: ', place: n.place }, ...(marker ? [{ text: `${marker} `, place: n.place }] : [])];
      return { key: `${k}_n${i}`, place: n.place, pieces: [...lead, { text: n.text[lang], place: n.place }] };
    }),
    source: t.source ? unit(`${k}_s`, t.place, t.source[lang]) : undefined,
  };
}

function figureBlock(f: Figure, lang: Lang, numbering: Numbering): DocBlock & { kind: 'figure' } {
  const k = `f${f.number}`;
  return {
    kind: 'figure',
    figure: f,
    image: unit(`${k}_i`, f.place, ''),
    caption: {
      key: `${k}_c`,
      place: f.place,
      pieces: [
        { text: `${refLabel('figure', f.number, lang, numbering)} `, place: f.place },
        { text: f.caption[lang], place: f.place },
      ],
    },
    note: f.note ? unit(`${k}_n`, f.place, f.note[lang]) : undefined,
  };
}

/** The body of the document in one language: chapter by chapter, block by block (the bilingual alignment's blocks). */
export function bodyBlocks(edition: Edition, lang: Lang): DocBlock[] {
  // A table never placed has no number; the checker reports it, and no output invents one.
  const placed = new Set(edition.tables.filter((t) => t.number > 0));
  return edition.chapters.flatMap((ch, c) => {
    const doc = ch.docs[lang];
    return blocksOf(doc.tree).flatMap((node, b): DocBlock[] => {
      if (node.type === 'leafDirective') {
        const id = node.attributes?.id;
        const t = node.name === 'table' ? edition.tables.find((x) => x.id === id) : undefined;
        const f = node.name === 'figure' ? edition.figures.find((x) => x.id === id) : undefined;
        if (t && placed.has(t)) return [tableBlock(t, lang, edition.meta.style.numbering)];
        return f ? [figureBlock(f, lang, edition.meta.style.numbering)] : [];
      }
      return blockUnits(node, `p${c + 1}_${b}`, edition, lang, doc.file);
    });
  });
}

/** Every unit of the document by key, for tracing comments. */
export function unitsByKey(edition: Edition, lang: Lang): Map<string, Unit> {
  const cover = coverUnits(edition, lang);
  const all: Unit[] = [...cover.titleLines, ...(cover.session ? [cover.session] : []), cover.issuer];
  for (const b of bodyBlocks(edition, lang)) {
    if (b.kind === 'heading' || b.kind === 'paragraph') all.push(b.unit);
    else if (b.kind === 'table') all.push(b.caption, ...b.headers, ...b.rows.flatMap((r) => r.cells.flat()), ...b.notes, ...(b.source ? [b.source] : []));
    else all.push(b.image, b.caption, ...(b.note ? [b.note] : []));
  }
  return new Map(all.map((u) => [u.key, u]));
}
