/**
 * Chromium's print, opened without reading it whole. pdf-lib's load parses
 * every object of the file (1,600 for the sample's Chinese print, most of
 * them structure elements and font data that finishing never touches) and
 * its save writes every one out again: together a tenth of a second per
 * language, on the build's critical path for the last one. Here the cross-
 * reference table is read, an object is parsed by pdf-lib's own parser when
 * something looks it up, and saving copies the bytes of every object nobody
 * looked at as Chromium wrote them.
 *
 * Only the one form Skia writes is taken this way: a single classic
 * cross-reference section, no object streams, no encryption, no earlier
 * revision. Anything else is loaded whole by pdf-lib (print.ts falls back).
 */
import { PDFContext, PDFDict, PDFDocument, PDFName, PDFObjectParser, PDFRef, type PDFObject } from 'pdf-lib';

interface Entry {
  num: number;
  gen: number;
  /** Where the object's bytes start and end (the next object, or the cross-reference table). */
  start: number;
  end: number;
}

/** What a lazily opened print keeps: its bytes and where each object is. */
interface Source {
  bytes: Uint8Array;
  /** Bytes before the first object: the header line and its binary comment. */
  head: number;
  entries: Map<number, Entry>;
  /** The entries in file order. */
  order: Entry[];
  loaded: Set<PDFRef>;
  deleted: Set<PDFRef>;
}

const sources = new WeakMap<PDFDocument, Source>();

const latin1 = (bytes: Uint8Array, from: number, to: number) => Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('latin1');

/** The cross-reference table and trailer at `startxref`, or undefined if the file is not in the one expected form. */
function readXref(bytes: Uint8Array): { entries: Entry[]; trailer: number } | undefined {
  const tail = latin1(bytes, Math.max(0, bytes.length - 64), bytes.length);
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!m) return undefined;
  const at = Number(m[1]);
  if (latin1(bytes, at, Math.min(bytes.length, at + 4)) !== 'xref') return undefined;
  const text = latin1(bytes, at, bytes.length);
  const found: Entry[] = [];
  const re = /(\d+) (\d+)\r?\n/y;
  let pos = 4;
  for (;;) {
    while (/\s/.test(text[pos] ?? '')) pos++;
    if (text.startsWith('trailer', pos)) break;
    re.lastIndex = pos;
    const sub = re.exec(text);
    if (!sub) return undefined;
    pos = re.lastIndex;
    const [first, count] = [Number(sub[1]), Number(sub[2])];
    for (let i = 0; i < count; i++, pos += 20) {
      const line = text.slice(pos, pos + 20);
      if (!/^\d{10} \d{5} [nf](?: \r| \n|\r\n)$/.test(line)) return undefined;
      if (line[17] === 'n') found.push({ num: first + i, gen: Number(line.slice(11, 16)), start: Number(line.slice(0, 10)), end: 0 });
    }
  }
  const order = [...found].sort((a, b) => a.start - b.start);
  order.forEach((e, i) => (e.end = i + 1 < order.length ? order[i + 1].start : at));
  return { entries: found, trailer: at + pos + 'trailer'.length };
}

/** Skips `N G obj` at `start`: where the object's value begins. */
function afterHeader(bytes: Uint8Array, start: number, e: Entry): number {
  const head = /^\s*(\d+)\s+(\d+)\s+obj/.exec(latin1(bytes, start, Math.min(bytes.length, start + 32)));
  if (!head || Number(head[1]) !== e.num || Number(head[2]) !== e.gen) throw new Error(`object ${e.num} ${e.gen} is not where the cross-reference table says`);
  return start + head[0].length;
}

/** The context's objects, each parsed the first time it is looked up. */
class LazyObjects extends Map<PDFRef, PDFObject> {
  constructor(
    private readonly src: Source,
    private readonly ctx: PDFContext,
  ) {
    super();
  }

  override get(ref: PDFRef): PDFObject | undefined {
    const have = super.get(ref);
    if (have !== undefined || this.src.deleted.has(ref)) return have;
    const e = this.src.entries.get(ref.objectNumber);
    if (!e || e.gen !== ref.generationNumber) return undefined;
    const parser = PDFObjectParser.forBytes(this.src.bytes, this.ctx);
    (parser as unknown as { bytes: { moveTo(offset: number): void } }).bytes.moveTo(afterHeader(this.src.bytes, e.start, e));
    const obj = parser.parseObject();
    this.src.loaded.add(ref);
    super.set(ref, obj);
    return obj;
  }

  override has(ref: PDFRef): boolean {
    return super.has(ref) || (!this.src.deleted.has(ref) && this.src.entries.get(ref.objectNumber)?.gen === ref.generationNumber);
  }

  override delete(ref: PDFRef): boolean {
    this.src.deleted.add(ref);
    return super.delete(ref);
  }

  /** The object held for `ref` (parsed, assigned or new), without parsing it. */
  held(ref: PDFRef): PDFObject | undefined {
    return super.get(ref);
  }

  /** Every object held, without parsing the rest. */
  allHeld(): [PDFRef, PDFObject][] {
    return [...super.entries()];
  }

  /** Every object, as pdf-lib's enumerateIndirectObjects expects: all of them parsed, then. */
  override entries(): MapIterator<[PDFRef, PDFObject]> {
    for (const e of this.src.order) this.get(PDFRef.of(e.num, e.gen));
    return super.entries();
  }
}

type DocumentConstructor = new (context: PDFContext, ignoreEncryption: boolean, updateMetadata: boolean) => PDFDocument;

/** Opens a print lazily, or returns undefined when it is not in Skia's form. */
export function openLazily(bytes: Uint8Array): PDFDocument | undefined {
  const xref = readXref(bytes);
  if (!xref || !xref.entries.length) return undefined;
  const ctx = PDFContext.create();
  const trailer = PDFObjectParser.forBytes(bytes.subarray(xref.trailer), ctx).parseObject();
  if (!(trailer instanceof PDFDict)) return undefined;
  // An earlier revision, a cross-reference stream or encryption: pdf-lib's full load.
  if (['Prev', 'XRefStm', 'Encrypt'].some((k) => trailer.has(PDFName.of(k)))) return undefined;
  const order = [...xref.entries].sort((a, b) => a.start - b.start);
  const src: Source = { bytes, head: order[0].start, entries: new Map(xref.entries.map((e) => [e.num, e])), order, loaded: new Set(), deleted: new Set() };
  (ctx as unknown as { indirectObjects: Map<PDFRef, PDFObject> }).indirectObjects = new LazyObjects(src, ctx);
  ctx.largestObjectNumber = Math.max(...xref.entries.map((e) => e.num));
  const ref = (k: string) => {
    const v = trailer.get(PDFName.of(k));
    return v instanceof PDFRef ? v : undefined;
  };
  ctx.trailerInfo = { Root: ref('Root'), Info: ref('Info'), ID: trailer.get(PDFName.of('ID')) };
  if (!ctx.trailerInfo.Root) return undefined;
  const doc = new (PDFDocument as unknown as DocumentConstructor)(ctx, false, false);
  sources.set(doc, src);
  return doc;
}

/** True for a document opened by {@link openLazily}. */
export function isLazy(doc: PDFDocument): boolean {
  return sources.has(doc);
}

/** How many of a lazily opened document's objects have been parsed so far, of how many. */
export function parsedCount(doc: PDFDocument): { parsed: number; total: number } | undefined {
  const src = sources.get(doc);
  return src && { parsed: src.loaded.size, total: src.entries.size };
}

/**
 * The objects whose bytes contain one of `needles`, parsed: a search in the
 * file rather than a parse of all of it, for the few objects a fix needs
 * (struct-ids.ts: the structure elements that carry an /ID). The objects of
 * a document that is not lazy are all of them.
 */
export function objectsContaining(doc: PDFDocument, needles: string[]): [PDFRef, PDFObject][] {
  const src = sources.get(doc);
  if (!src) return doc.context.enumerateIndirectObjects();
  const buf = Buffer.from(src.bytes.buffer, src.bytes.byteOffset, src.bytes.byteLength);
  const hits = new Set<Entry>();
  for (const needle of needles) {
    for (let at = buf.indexOf(needle, src.head, 'latin1'); at !== -1; at = buf.indexOf(needle, at + needle.length, 'latin1')) {
      // The object the hit lies in: the last one starting before it.
      let lo = 0;
      let hi = src.order.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (src.order[mid].start <= at) lo = mid;
        else hi = mid - 1;
      }
      if (src.order[lo].start <= at && at < src.order[lo].end) hits.add(src.order[lo]);
    }
  }
  const out: [PDFRef, PDFObject][] = [];
  for (const e of [...hits].sort((a, b) => a.num - b.num)) {
    const ref = PDFRef.of(e.num, e.gen);
    const obj = doc.context.lookup(ref);
    if (obj) out.push([ref, obj]);
  }
  return out;
}

function serialize(ref: PDFRef, obj: PDFObject): Buffer {
  const head = `${ref.objectNumber} ${ref.generationNumber} obj\n`;
  const tail = '\nendobj\n';
  const out = Buffer.alloc(head.length + obj.sizeInBytes() + tail.length);
  out.write(head, 0, 'latin1');
  obj.copyBytesInto(out, head.length);
  out.write(tail, out.length - tail.length, 'latin1');
  return out;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Writes a lazily opened document: Chromium's bytes for every object no one
 * looked up, pdf-lib's serialization for the ones parsed (they may have been
 * changed) and for new ones, then one cross-reference table for all.
 */
export function saveLazily(doc: PDFDocument): Uint8Array {
  const src = sources.get(doc);
  if (!src) throw new Error('saveLazily: the document was not opened by openLazily');
  const ctx = doc.context;
  const objects = (ctx as unknown as { indirectObjects: LazyObjects }).indirectObjects;
  const parts: Uint8Array[] = [src.bytes.subarray(0, src.head)];
  let size = src.head;
  const at = new Map<number, [number, number]>();
  const put = (num: number, gen: number, bytes: Uint8Array) => {
    at.set(num, [size, gen]);
    parts.push(bytes);
    size += bytes.length;
  };
  for (const e of src.order) {
    const ref = PDFRef.of(e.num, e.gen);
    if (src.deleted.has(ref)) continue;
    const obj = objects.held(ref);
    put(e.num, e.gen, obj ? serialize(ref, obj) : src.bytes.subarray(e.start, e.end));
  }
  const added = objects
    .allHeld()
    .filter(([ref]) => src.entries.get(ref.objectNumber)?.gen !== ref.generationNumber)
    .sort(([a], [b]) => a.objectNumber - b.objectNumber);
  for (const [ref, obj] of added) put(ref.objectNumber, ref.generationNumber, serialize(ref, obj));
  const max = Math.max(0, ...at.keys());
  // Free entries form a list through their offset fields, from object 0.
  const free = [0, ...Array.from({ length: max }, (_, i) => i + 1).filter((n) => !at.has(n))];
  const next = new Map(free.map((n, i) => [n, free[i + 1] ?? 0]));
  let xref = `xref\n0 ${max + 1}\n`;
  for (let n = 0; n <= max; n++) {
    const used = at.get(n);
    xref += used ? `${pad(used[0], 10)} ${pad(used[1], 5)} n \n` : `${pad(next.get(n)!, 10)} ${n === 0 ? '65535' : '00001'} f \n`;
  }
  const { Root, Info, ID } = ctx.trailerInfo;
  const trailer = ctx.obj({ Size: max + 1, Root, Info, ID });
  const end = `${xref}trailer\n${trailer.toString()}\nstartxref\n${size}\n%%EOF\n`;
  parts.push(Buffer.from(end, 'latin1'));
  return Buffer.concat(parts);
}
