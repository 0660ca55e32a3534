/**
 * remark plugin: every directive is one baogao knows, in the form it takes
 * (`::table{#id}` on its own line, `:num[…]` in text), with its id. A typo in
 * a directive is an error at its position, not silently dropped text.
 */
import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

interface DirectiveNode {
  type: 'textDirective' | 'leafDirective' | 'containerDirective';
  name: string;
  attributes?: Record<string, string | null | undefined> | null;
  children: { type: string; value?: string }[];
  position?: import('unist').Position;
}

// A Map, not an object: a directive is named by the author, and `:toString` must not find Object.prototype's.
const FORMS = new Map<string, DirectiveNode['type']>([
  ['table', 'leafDirective'],
  ['figure', 'leafDirective'],
  ['ref', 'textDirective'],
  ['num', 'textDirective'],
]);
const SPELLING: Record<DirectiveNode['type'], string> = {
  leafDirective: '::name{#id} on a line of its own',
  textDirective: ':name[…] inside the text',
  containerDirective: ':::name … :::',
};

/** The label text of a directive: `:num[a/b/c]` → `a/b/c`. */
export function directiveLabel(node: { children: { type: string; value?: string }[] }): string {
  return node.children
    .map((c) => c.value ?? '')
    .join('')
    .trim();
}

/** Checks directive names, forms and ids; reports through the file's messages. */
export const remarkKnownDirectives: Plugin<[], Root> = () => (tree, file: VFile) => {
  visit(tree, (n, index, parent) => {
    const failAt = (place: import('unist').Position | undefined, reason: string) => {
      const m = file.message(reason, { place, ruleId: 'directive', source: 'baogao' });
      m.fatal = true;
    };
    // A leaf directive whose braces do not close stays a paragraph of text: report it, not a silent "never placed".
    if (n.type === 'paragraph') {
      const first = n.children[0];
      const start = n.position?.start.offset;
      const escaped = start !== undefined && String(file.value).charAt(start) === '\\';
      const m = first?.type === 'text' && !escaped ? /^::([A-Za-z][\w-]*)\S*/.exec(first.value) : null;
      if (m) failAt(n.position, `"${m[0]}" is not a directive: write it as ::${m[1]}{#the-id}, with both braces, on a line of its own`);
      return;
    }
    if (n.type !== 'textDirective' && n.type !== 'leafDirective' && n.type !== 'containerDirective') return;
    const node = n as unknown as DirectiveNode;
    const want = FORMS.get(node.name);
    const fail = (reason: string) => failAt(node.position, reason);
    // What follows a text directive tells whether its brackets or braces were left open.
    const next = parent && index !== undefined ? parent.children[index + 1] : undefined;
    const after = next?.type === 'text' ? next.value : '';
    if (want === 'textDirective' && node.type === 'textDirective' && directiveLabel(node) === '' && after.startsWith('[')) {
      return fail(`":${node.name}[" is not closed: add "]" after the target, as in :${node.name}[${node.name === 'num' ? 'table/row/column' : 'table-id'}]`);
    }
    if (want === 'textDirective' && node.type === 'textDirective' && after.startsWith('{')) {
      return fail(`the attributes after :${node.name}[…] could not be read: write them in closed braces, like {bare} or {dp=1}`);
    }
    if (!want) {
      const known = [...FORMS.keys()].join(', ');
      if (node.type === 'textDirective') fail(`unknown directive ":${node.name}" (known: ${known}); to write a colon before a word, escape it as "\\:"`);
      else fail(`unknown directive "${node.type === 'leafDirective' ? '::' : ':::'}${node.name}" (known: ${known})`);
      return;
    }
    if (node.type !== want) return fail(`"${node.name}" is written ${SPELLING[want].replace('name', node.name)}`);
    if (want === 'leafDirective' && !node.attributes?.id) fail(`::${node.name} needs an id: ::${node.name}{#the-id}`);
    if (want === 'textDirective' && directiveLabel(node) === '') fail(`:${node.name}[…] needs a target inside the brackets`);
  });
};
