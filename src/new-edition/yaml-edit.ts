/**
 * Edits an editor's YAML file without reformatting it: each change is spliced
 * into the original text at the node the `yaml` Document API locates, so
 * comments, flow maps, quoting and line breaks elsewhere stay as written.
 * Every edit is verified by parsing the result again.
 */
import { isMap, isScalar, parseDocument, Scalar, type Document, type Node } from 'yaml';

type Path = readonly (string | number)[];

interface Splice {
  start: number;
  end: number;
  text: string;
}

/** Writes `value` as a YAML scalar in the style of `like` where that is safe. */
function scalarSource(value: string, like: Scalar['type']): string {
  if (like === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  // Plain only for text with no YAML indicator anywhere (block or flow context).
  const plainSafe = like === 'PLAIN' && value !== '' && value.trim() === value && !/[:#,[\]{}&*!|>'"%@`?\\\n]/.test(value) && !/^[-]/.test(value);
  // JSON strings are valid YAML double-quoted scalars.
  return plainSafe ? value : JSON.stringify(value);
}

export class YamlFileEditor {
  readonly doc: Document;
  private readonly splices: Splice[] = [];
  private readonly expected: { path: Path; value: unknown }[] = [];

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.doc = parseDocument(text, { keepSourceTokens: false });
    if (this.doc.errors.length) throw new Error(`${file}: ${this.doc.errors[0].message.split('\n')[0]}`);
  }

  /** The scalar at `path`, if there is one. */
  scalar(path: Path): Scalar | undefined {
    const node = this.doc.getIn(path, true);
    return isScalar(node) ? node : undefined;
  }

  /** The string value at `path`, if it is a scalar. */
  string(path: Path): string | undefined {
    const s = this.scalar(path);
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a scalar of the core schema holds a string, number or boolean
    return s && s.value !== null && s.value !== undefined ? String(s.value) : undefined;
  }

  /** Replaces the scalar at `path` with `value`, keeping its quoting style where safe. Returns false when there is no scalar there. */
  setString(path: Path, value: string): boolean {
    const node = this.scalar(path);
    if (!node?.range) return false;
    if (String(node.value) === value) return true;
    const [start, end] = node.range;
    const raw = this.text.slice(start, end);
    let text: string;
    if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
      // Keep the block header and indentation: re-indent the new lines like the first old one.
      const header = /^[|>][-+0-9]*[^\n]*\n/.exec(raw)?.[0] ?? '|\n';
      const indent = /\n([ \t]*)/.exec(raw)?.[1] ?? '  ';
      text = `${header}${value
        .split('\n')
        .map((l) => (l ? indent + l : l))
        .join('\n')}`;
      if (!raw.endsWith('\n')) text = text.replace(/\n$/, '');
    } else {
      text = scalarSource(value, node.type);
    }
    this.splices.push({ start, end, text });
    this.expected.push({ path, value });
    return true;
  }

  /** Applies `fn` to the string at `path`; no edit when it returns the same text. */
  mapString(path: Path, fn: (s: string) => string): boolean {
    const old = this.string(path);
    if (old === undefined) return false;
    const next = fn(old);
    return next === old || this.setString(path, next);
  }

  /** Appends `# comment` at the end of the line of the node at `path`. */
  commentAfter(path: Path, comment: string): void {
    const node = this.doc.getIn(path, true) as Node | undefined;
    if (!node?.range) return;
    const eol = this.lineEnd(node.range[1]);
    const line = this.text.slice(this.text.lastIndexOf('\n', eol - 1) + 1, eol);
    if (line.includes(' #')) return;
    this.splices.push({ start: eol, end: eol, text: `  # ${comment}` });
  }

  /**
   * Inserts `key: value  # comment` as a top-level line right after the
   * line of top-level key `after`, or sets it if the key already exists.
   */
  setTopLevel(key: string, value: boolean | string, after: string, comment?: string): void {
    const root = this.doc.contents;
    if (!isMap(root)) throw new Error(`${this.file}: the file is not a map of keys`);
    if (root.has(key)) {
      const node = this.scalar([key]);
      if (node?.range) {
        this.splices.push({ start: node.range[0], end: node.range[1], text: String(value) });
        this.expected.push({ path: [key], value });
      }
      return;
    }
    const pair = root.items.find((p) => isScalar(p.key) && p.key.value === after);
    const anchor = (pair?.value as Node | undefined)?.range?.[1] ?? 0;
    const at = pair ? this.lineEnd(anchor) + 1 : 0;
    const line = `${key}: ${typeof value === 'string' ? scalarSource(value, 'PLAIN') : String(value)}${comment ? `  # ${comment}` : ''}\n`;
    this.splices.push({ start: Math.min(at, this.text.length), end: Math.min(at, this.text.length), text: at > this.text.length ? `\n${line}` : line });
    this.expected.push({ path: [key], value });
  }

  private lineEnd(offset: number): number {
    const i = this.text.indexOf('\n', offset);
    return i < 0 ? this.text.length : i;
  }

  /** The edited text, verified: it parses and holds every value that was set. */
  result(): string {
    let out = this.text;
    for (const s of [...this.splices].sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, s.start) + s.text + out.slice(s.end);
    const check = parseDocument(out);
    if (check.errors.length) throw new Error(`${this.file}: editing produced invalid YAML (${check.errors[0].message.split('\n')[0]})`);
    for (const e of this.expected) {
      const got = check.getIn(e.path);
      if (String(got) !== String(e.value)) throw new Error(`${this.file}: editing ${e.path.join('.')} gave ${String(got)} instead of ${String(e.value)}`);
    }
    return out;
  }
}

/**
 * The `yaml` serializer's flow-collection padding (`{ a }` vs `[a]`) that
 * reproduces `text` unchanged, for files that must be re-serialized whole.
 */
export function serializerOptions(text: string): { lineWidth: number; flowCollectionPadding: boolean } {
  for (const flowCollectionPadding of [true, false]) {
    const opts = { lineWidth: 0, flowCollectionPadding };
    if (parseDocument(text).toString(opts) === text) return opts;
  }
  return { lineWidth: 0, flowCollectionPadding: true };
}
