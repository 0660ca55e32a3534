/**
 * Reads a Word copy that a reviewer returned: every comment and every tracked
 * insertion and deletion, each anchored to the baogao bookmark it falls in and
 * to its character offset in the text as it was built (deleted text counts,
 * inserted text does not). Reads the XML the way Word, WPS and LibreOffice
 * store it (ECMA-376 Part 1, 17.13): comments.xml with commentRangeStart/End
 * and commentReference in the body, w:ins / w:del (and moves) around runs.
 */
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { usageError } from '../diagnostics.js';
import { parseBookmark } from '../render/docx/bookmarks.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const W14 = 'http://schemas.microsoft.com/office/word/2010/wordml';
const W15 = 'http://schemas.microsoft.com/office/word/2012/wordml';

/** A place in the copy: the bookmark (`_bg_…`) it is in, and the offset in that bookmark's text as built. */
export interface Anchor {
  bookmark?: string;
  offset: number;
}

export interface ReviewEntry {
  kind: 'comment' | 'insertion' | 'deletion';
  id: string;
  author: string;
  date?: string;
  text: string;
  /** A comment's commented text, as built. */
  quoted?: string;
  /** The id of the comment this one answers. */
  replyTo?: string;
  anchor: Anchor;
}

export interface ReviewedCopy {
  lang?: string;
  status?: string;
  /** How many baogao bookmarks the copy still holds (none: not a copy baogao built). */
  bookmarks: number;
  entries: ReviewEntry[];
}

function parse(xml: string, part: string, file: string): Element {
  try {
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    if (!doc.documentElement) throw new Error('empty');
    return doc.documentElement;
  } catch (e) {
    throw usageError(`${file}: ${part} is not well-formed XML (${(e as Error).message.split('\n')[0]}); open and save it again in Word or WPS`);
  }
}

const isW = (n: Node, name: string): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === W && (n as Element).localName === name;
const attr = (e: Element, name: string, ns = W) => e.getAttributeNS(ns, name) || undefined;
const children = (n: Node): Node[] => Array.from({ length: n.childNodes.length }, (_, i) => n.childNodes[i]);

/** The text of w:t (or w:delText) descendants, in order. */
function textOf(n: Node, tag = 't'): string {
  if (isW(n, tag)) return n.textContent ?? '';
  return children(n)
    .map((c) => textOf(c, tag))
    .join('');
}

interface CommentInfo {
  author: string;
  date?: string;
  text: string;
  paraIds: string[];
}

function readComments(root: Element | undefined): Map<string, CommentInfo> {
  const out = new Map<string, CommentInfo>();
  if (!root) return out;
  for (const c of children(root).filter((n): n is Element => isW(n, 'comment'))) {
    const paras = children(c).filter((n): n is Element => isW(n, 'p'));
    out.set(attr(c, 'id') ?? '', {
      author: attr(c, 'author') ?? '',
      date: attr(c, 'date'),
      text: paras
        .map((p) => textOf(p).trim())
        .join('\n')
        .trim(),
      paraIds: paras.map((p) => attr(p, 'paraId', W14) ?? '').filter(Boolean),
    });
  }
  return out;
}

/** Reply threads (Word 2013+): commentsExtended.xml links a comment's last paragraph to its parent's. */
function readReplies(root: Element | undefined, comments: Map<string, CommentInfo>): Map<string, string> {
  const byPara = new Map<string, string>();
  for (const [id, c] of comments) for (const p of c.paraIds) byPara.set(p, id);
  const replies = new Map<string, string>();
  if (!root) return replies;
  const all = root.getElementsByTagNameNS(W15, 'commentEx');
  for (let i = 0; i < all.length; i++) {
    const e = all[i];
    const self = byPara.get(attr(e, 'paraId', W15) ?? '');
    const parent = byPara.get(attr(e, 'paraIdParent', W15) ?? '');
    if (self && parent) replies.set(self, parent);
  }
  return replies;
}

/** Walks the body in document order, keeping the open baogao bookmarks and each one's offset. */
class Walker {
  readonly entries: ReviewEntry[] = [];
  bookmarks = 0;
  private open: { id: string; name: string }[] = [];
  private offsets = new Map<string, number>();
  /**
   * Entries met before any bookmark of their paragraph: they take the next one's start, or the end of the
   * paragraph's last one; in a paragraph without any (one the reviewer inserted), the end of the one before.
   */
  private unplaced: Anchor[] = [];
  private lastInParagraph?: string;
  private lastClosed?: string;
  private ranges = new Map<string, { anchor: Anchor; quote: string[] }>();
  private quoting = new Set<string>();

  constructor(
    private readonly comments: Map<string, CommentInfo>,
    private readonly replies: Map<string, string>,
  ) {}

  private here(): Anchor {
    const top = this.open[this.open.length - 1];
    if (top) return { bookmark: top.name, offset: this.offsets.get(top.name) ?? 0 };
    const a: Anchor = { offset: 0 };
    this.unplaced.push(a);
    return a;
  }

  private original(text: string): void {
    const top = this.open[this.open.length - 1];
    if (top) this.offsets.set(top.name, (this.offsets.get(top.name) ?? 0) + text.length);
    for (const id of this.quoting) this.ranges.get(id)?.quote.push(text);
  }

  private comment(id: string, anchor: Anchor, quoted?: string): void {
    const c = this.comments.get(id);
    if (!c || this.entries.some((e) => e.kind === 'comment' && e.id === id)) return;
    this.entries.push({ kind: 'comment', id, author: c.author, date: c.date, text: c.text, quoted, replyTo: this.replies.get(id), anchor });
  }

  walk(n: Node, change?: 'ins' | 'del'): void {
    if (n.nodeType !== 1) return;
    const e = n as Element;
    if (e.namespaceURI !== W) return children(e).forEach((c) => this.walk(c, change));
    switch (e.localName) {
      case 'p':
        this.lastInParagraph = undefined;
        children(e).forEach((c) => this.walk(c, change));
        {
          const target = this.lastInParagraph ?? this.lastClosed;
          for (const a of this.unplaced.splice(0)) if (target) Object.assign(a, { bookmark: target, offset: this.offsets.get(target) ?? 0 });
        }
        return;
      case 'sdt':
        // The contents (a content control) hold no units: what is written there is not traced to the text before it.
        this.lastClosed = undefined;
        children(e).forEach((c) => this.walk(c, change));
        this.lastClosed = undefined;
        return;
      case 'bookmarkStart': {
        const name = attr(e, 'name') ?? '';
        if (!parseBookmark(name)) return;
        this.bookmarks++;
        this.open.push({ id: attr(e, 'id') ?? '', name });
        this.offsets.set(name, 0);
        for (const a of this.unplaced.splice(0)) Object.assign(a, { bookmark: name, offset: 0 });
        return;
      }
      case 'bookmarkEnd': {
        const i = this.open.findIndex((b) => b.id === attr(e, 'id'));
        if (i >= 0) this.lastInParagraph = this.lastClosed = this.open.splice(i, 1)[0].name;
        return;
      }
      case 'commentRangeStart': {
        const id = attr(e, 'id') ?? '';
        this.ranges.set(id, { anchor: this.here(), quote: [] });
        this.quoting.add(id);
        return;
      }
      case 'commentRangeEnd': {
        const id = attr(e, 'id') ?? '';
        this.quoting.delete(id);
        const r = this.ranges.get(id);
        if (r) this.comment(id, r.anchor, r.quote.join(''));
        return;
      }
      case 'commentReference': {
        const id = attr(e, 'id') ?? '';
        this.comment(id, this.ranges.get(id)?.anchor ?? this.here());
        return;
      }
      case 'rPr':
      case 'pPr':
        // A w:ins or w:del here marks a paragraph mark inserted or deleted (Enter, or two paragraphs joined): no text.
        return;
      case 'ins':
      case 'moveTo':
      case 'del':
      case 'moveFrom': {
        const kind = e.localName === 'ins' || e.localName === 'moveTo' ? 'insertion' : 'deletion';
        const text = kind === 'insertion' ? textOf(e) : textOf(e, 'delText') || textOf(e);
        if (text) this.entries.push({ kind, id: attr(e, 'id') ?? '', author: attr(e, 'author') ?? '', date: attr(e, 'date'), text, anchor: this.here() });
        children(e).forEach((c) => this.walk(c, kind === 'insertion' ? 'ins' : 'del'));
        return;
      }
      case 't':
        if (change !== 'ins') this.original(e.textContent ?? '');
        return;
      case 'delText':
        if (change === 'del') this.original(e.textContent ?? '');
        return;
      default:
        children(e).forEach((c) => this.walk(c, change));
    }
  }
}

/** Reads the comments and tracked changes of a .docx file's bytes. */
export async function readReviewedCopy(bytes: Buffer, file: string): Promise<ReviewedCopy> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw usageError(`${file} is not a Word document (.docx): it could not be opened as one. A .doc or .wps file must first be saved as .docx`);
  }
  const read = async (name: string) => {
    const entry = zip.file(name);
    return entry ? parse(await entry.async('string'), name, file) : undefined;
  };
  const body = await read('word/document.xml');
  if (!body) throw usageError(`${file} is not a Word document (.docx): it has no word/document.xml`);
  const comments = readComments(await read('word/comments.xml'));
  const replies = readReplies(await read('word/commentsExtended.xml'), comments);
  const walker = new Walker(comments, replies);
  walker.walk(body);
  const custom = await read('docProps/custom.xml');
  const prop = (name: string) => {
    const props = custom ? Array.from(custom.getElementsByTagName('property')) : [];
    return props.find((p) => p.getAttribute('name') === name)?.textContent ?? undefined;
  };
  return { lang: prop('baogao-language'), status: prop('baogao-status'), bookmarks: walker.bookmarks, entries: walker.entries };
}
