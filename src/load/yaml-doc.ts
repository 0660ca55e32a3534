/**
 * YAML with positions. Every error points at the key the author must edit,
 * and numbers keep the digits they were written with (80.70 stays "80.70").
 */
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { z } from 'zod';
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
    for (const e of doc.errors) out.error('load/yaml', at(e.pos[0]), yamlMessage(e.message, e.code));
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
  return { file, data: doc.toJS({ maxAliasCount: 100 }), placeOf };
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

function yamlMessage(message: string, code: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return code === 'DUPLICATE_KEY' ? `duplicate key: ${first}` : `YAML syntax: ${first}`;
}

/**
 * Validates parsed data with a zod schema. Every issue is reported at its key,
 * in the author's terms; returns the typed data or undefined.
 */
export function validate<S extends z.ZodType>(y: YamlFile, schema: S, out: Collector): z.infer<S> | undefined {
  const r = schema.safeParse(y.data);
  if (r.success) return r.data;
  for (const issue of r.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const where = path.length ? `${path.join('.')}: ` : '';
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : undefined;
    const place = keys?.length ? y.placeOf([...path, keys[0]]) : y.placeOf(path);
    out.error('load/schema', place, `${where}${issueMessage(issue)}`);
  }
  return undefined;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_type') {
    const got = issue.input === undefined ? 'nothing' : Array.isArray(issue.input) ? 'a list' : typeof issue.input;
    return issue.input === undefined ? `missing (expected ${issue.expected})` : `expected ${issue.expected}, got ${got}`;
  }
  return issue.message;
}

export { isMap, isSeq, type Node };
