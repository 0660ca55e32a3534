/**
 * YAML with positions. Every error points at the key the author must edit,
 * and numbers keep the digits they were written with (80.70 stays "80.70").
 */
import { isMap, isNode, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type * as z from 'zod/mini';
import type { Collector } from '../diagnostics.js';
import type { Place } from '../model.js';

export type YamlPath = readonly (string | number)[];

/** A parsed YAML file that can tell where any of its keys is. */
export interface YamlFile {
  file: string;
  data: unknown;
  /** The place of the node at `path`, or of its nearest existing ancestor. */
  placeOf(path: YamlPath): Place;
}

/**
 * Parses YAML text. Syntax errors are reported to `out` (all of them) and
 * give `undefined`.
 */
export function parseYaml(text: string, file: string, out: Collector): YamlFile | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const at = (offset: number): Place => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  if (doc.errors.length > 0) {
    // After the first syntax error the parser is lost: what it reports next is mostly that error again.
    // Every duplicate key is a mistake of its own.
    const shown = doc.errors.filter((e, i) => i === 0 || e.code === 'DUPLICATE_KEY');
    for (const e of shown) out.error('load/yaml', at(e.pos[0]), yamlMessage(e.message, e.code, text.slice(e.pos[0])));
    return undefined;
  }
  keepWrittenNumbers(doc, text);
  const placeOf = (path: YamlPath): Place => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return at(keyOffset(doc, path.slice(0, n)) ?? node.range[0]);
    }
    return at(0);
  };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // Aliases that expand into each other (a "billion laughs" file) would take all memory; the yaml library stops them.
    const where = firstAlias(doc) ?? 0;
    out.error(
      'load/yaml',
      at(where),
      `aliases (*name) expand to too much data (${(e as Error).message.replace(/\.$/, '')}); write the values out instead of repeating anchors`,
    );
    return undefined;
  }
  return { file, data, placeOf };
}

/** How many times aliases may be expanded in one file: an edition needs none, a hand-written shortcut a few. */
const MAX_ALIAS_COUNT = 100;

/** The offset of the first alias (`*name`) of a document. */
function firstAlias(doc: Document): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Alias(_, node) {
      found = node.range?.[0];
      return visit.BREAK;
    },
  });
  return found;
}

/** The offset of the key of a map entry, so messages point at `tax:` not at its value. */
function keyOffset(doc: Document, path: YamlPath): number | undefined {
  if (path.length === 0) return undefined;
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const last = path[path.length - 1];
  const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
  return isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
}

/**
 * Numbers become strings holding their source text: YAML would read 80.70 as
 * 80.7, and a report must print the precision it was given.
 */
function keepWrittenNumbers(doc: Document, text: string): void {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'number' && node.range) node.value = text.slice(node.range[0], node.range[1]).trim();
    },
  });
}

/** `from`: the text from the error's offset on, which for a duplicate key starts with the key. */
function yamlMessage(message: string, code: string, from: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const key = /^["']?([^"':\n]{1,40})["']?\s*:/.exec(from)?.[1];
  if (code === 'DUPLICATE_KEY') return `duplicate key${key ? ` "${key.trim()}"` : ''}: ${first}`;
  const hint = YAML_HINTS[code];
  return `YAML syntax: ${first}${hint ? ` (${hint})` : ''}`;
}

/** What the parser's terse messages usually mean in an edition file. */
const YAML_HINTS: Record<string, string> = {
  MISSING_CHAR: 'check the indentation of this line against the lines above',
  BAD_INDENT: 'check the indentation, and that every { or [ above is closed on its line',
};

/**
 * Validates parsed data with a zod schema. Every issue is reported at its key,
 * in the author's terms; returns the typed data or undefined.
 */
export function validate<S extends z.ZodMiniType>(y: YamlFile, schema: S, out: Collector): z.infer<S> | undefined {
  const r = schema.safeParse(y.data);
  if (r.success) return r.data;
  for (const issue of r.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const where = path.length ? `${path.join('.')}: ` : '';
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : undefined;
    const place = keys?.length ? y.placeOf([...path, keys[0]]) : y.placeOf(path);
    out.error('load/schema', place, `${where}${issueMessage(issue, valueAt(y.data, path))}`);
  }
  return undefined;
}

/** The value at `path` in the parsed data; `present` is false when a key on the way is absent. */
function valueAt(data: unknown, path: YamlPath): { present: boolean; value?: unknown } {
  let cur = data;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, key)) return { present: false };
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return { present: true, value: cur };
}

/** A written value as the author sees it: `"twenty"`, `a list`, `a mapping`. */
function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- lists and mappings are described above; what is left is a YAML scalar
  const s = String(v);
  return `"${s.length > 40 ? `${s.slice(0, 40)}…` : s}"`;
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping (key: value, or { zh: …, en: … })',
  array: 'a list',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
};

// zod 4 leaves the offending value out of its issues, so the caller looks it up in the data.
function issueMessage(issue: z.core.$ZodIssue, at: { present: boolean; value?: unknown }): string {
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_type') {
    const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
    return !at.present || at.value === undefined ? `missing (expected ${expected})` : `expected ${expected}, got ${describeValue(at.value)}`;
  }
  return issue.message;
}
