/**
 * A reviewer's edits, made to a .docx the way Word stores them (ECMA-376
 * Part 1, 17.13.4 comments, 17.13.5 revisions): a comments part with its
 * relationship and content type; commentRangeStart / commentRangeEnd around
 * the commented text and a commentReference run after it; w:ins and w:del
 * around runs. The body is edited as a DOM, splitting runs as Word does.
 */
import { DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import JSZip from 'jszip';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const W14 = 'http://schemas.microsoft.com/office/word/2010/wordml';
const REL_COMMENTS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments';
const CT_COMMENTS = 'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml';

export interface Review {
  comments?: { anchor: string; author: string; text: string; date?: string }[];
  insertions?: { after: string; author: string; text: string; date?: string }[];
  deletions?: { text: string; author: string; date?: string }[];
  /** A new paragraph typed after the one holding `after`: its mark and its text are both tracked insertions. */
  paragraphs?: { after: string; author: string; text: string; date?: string }[];
}

function el(doc: Document, name: string, attrs: Record<string, string> = {}, ...kids: Element[]): Element {
  const e = doc.createElementNS(W, `w:${name}`);
  for (const [k, v] of Object.entries(attrs)) e.setAttributeNS(W, `w:${k}`, v);
  for (const k of kids) e.appendChild(k);
  return e;
}

function textRun(doc: Document, text: string, tag = 't', rPr?: Element): Element {
  const t = el(doc, tag);
  t.setAttributeNS('http://www.w3.org/XML/1998/namespace', 'xml:space', 'preserve');
  t.appendChild(doc.createTextNode(text));
  const r = el(doc, 'r');
  if (rPr) r.appendChild(rPr.cloneNode(true));
  r.appendChild(t);
  return r;
}

/**
 * Splits the one run whose text contains `needle` into before / needle / after
 * (keeping its formatting) and returns the needle's run.
 */
function isolate(doc: Document, needle: string): Element {
  const ts = Array.from(doc.getElementsByTagNameNS(W, 't')).filter((t) => (t.textContent ?? '').includes(needle));
  if (ts.length !== 1) throw new Error(`word-edits: "${needle}" occurs in ${ts.length} runs, not one`);
  const t = ts[0];
  const run = t.parentNode as Element;
  const rPr = Array.from(run.childNodes).find((n) => (n as Element).localName === 'rPr') as Element | undefined;
  const text = t.textContent ?? '';
  const at = text.indexOf(needle);
  const parent = run.parentNode!;
  const middle = textRun(doc, needle, 't', rPr);
  if (at > 0) parent.insertBefore(textRun(doc, text.slice(0, at), 't', rPr), run);
  parent.insertBefore(middle, run);
  if (at + needle.length < text.length) parent.insertBefore(textRun(doc, text.slice(at + needle.length), 't', rPr), run);
  parent.removeChild(run);
  return middle;
}

function commentsPart(comments: NonNullable<Review['comments']>): string {
  const body = comments
    .map(
      (c, i) =>
        `<w:comment w:id="${i}" w:author="${c.author}" w:date="${c.date ?? '2023-01-02T09:30:00Z'}" w:initials="${[...c.author][0]}">` +
        `<w:p w14:paraId="${(0x10000000 + i).toString(16).toUpperCase()}"><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>` +
        `<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r><w:r><w:t xml:space="preserve">${c.text}</w:t></w:r></w:p></w:comment>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="${W}" xmlns:w14="${W14}">${body}</w:comments>`;
}

/** Returns the .docx with the review's comments, insertions and deletions made in it. */
export async function applyReview(docx: Buffer, review: Review): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  const doc = new DOMParser().parseFromString(await zip.file('word/document.xml')!.async('string'), 'text/xml');
  let revision = 900;
  (review.comments ?? []).forEach((c, i) => {
    const run = isolate(doc, c.anchor);
    const parent = run.parentNode!;
    parent.insertBefore(el(doc, 'commentRangeStart', { id: String(i) }), run);
    const end = el(doc, 'commentRangeEnd', { id: String(i) });
    parent.insertBefore(end, run.nextSibling);
    const ref = el(doc, 'r', {}, el(doc, 'rPr', {}, el(doc, 'rStyle', { val: 'CommentReference' })), el(doc, 'commentReference', { id: String(i) }));
    parent.insertBefore(ref, end.nextSibling);
  });
  for (const ins of review.insertions ?? []) {
    const run = isolate(doc, ins.after);
    const wrap = el(doc, 'ins', { id: String(revision++), author: ins.author, date: ins.date ?? '2023-01-02T10:00:00Z' }, textRun(doc, ins.text));
    run.parentNode!.insertBefore(wrap, run.nextSibling);
  }
  for (const del of review.deletions ?? []) {
    const run = isolate(doc, del.text);
    const wrap = el(doc, 'del', { id: String(revision++), author: del.author, date: del.date ?? '2023-01-02T10:05:00Z' }, textRun(doc, del.text, 'delText'));
    run.parentNode!.replaceChild(wrap, run);
  }
  for (const para of review.paragraphs ?? []) {
    const p = isolate(doc, para.after).parentNode as Element;
    const mark = { id: String(revision++), author: para.author, date: para.date ?? '2023-01-02T10:10:00Z' };
    const added = el(
      doc,
      'p',
      {},
      el(doc, 'pPr', {}, el(doc, 'rPr', {}, el(doc, 'ins', mark))),
      el(doc, 'ins', { ...mark, id: String(revision++) }, textRun(doc, para.text)),
    );
    p.parentNode!.insertBefore(added, p.nextSibling);
  }
  zip.file('word/document.xml', new XMLSerializer().serializeToString(doc));
  if (review.comments?.length) {
    zip.file('word/comments.xml', commentsPart(review.comments));
    const relsName = 'word/_rels/document.xml.rels';
    const rels = await zip.file(relsName)!.async('string');
    zip.file(relsName, rels.replace('</Relationships>', `<Relationship Id="rIdReview1" Type="${REL_COMMENTS}" Target="comments.xml"/></Relationships>`));
    const types = await zip.file('[Content_Types].xml')!.async('string');
    zip.file('[Content_Types].xml', types.replace('</Types>', `<Override PartName="/word/comments.xml" ContentType="${CT_COMMENTS}"/></Types>`));
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
