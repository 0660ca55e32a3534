import { describe, expect, it } from 'vitest';
import { Collector } from '../src/diagnostics.js';
import { blocksOf, blockSignature } from '../src/markdown/blocks.js';
import { parseMarkdown } from '../src/markdown/parse.js';

function parse(text: string) {
  const out = new Collector();
  const tree = parseMarkdown(text, 'x.md', out);
  return { tree, findings: out.findings };
}

describe('remark-known-directives', () => {
  it('accepts the four directives in their forms', () => {
    const { findings, tree } = parse('段落:num[a/b/c]{bare}与:ref[t]。\n\n::table{#t}\n\n::figure{#f}\n');
    expect(findings).toEqual([]);
    expect(blocksOf(tree).map(blockSignature)).toEqual(['paragraph', 'table#t', 'figure#f']);
  });

  it('rejects an unknown text directive at its position, suggesting an escape', () => {
    const { findings } = parse('第一行\n\nNote:this is wrong');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', ruleId: 'markdown/directive', place: { line: 3, column: 5 } });
    expect(findings[0].message).toContain('\\:');
  });

  it('rejects a directive in the wrong form and one without an id', () => {
    const { findings } = parse('文字:table[x]\n\n::table\n');
    expect(findings.map((f) => f.place.line)).toEqual([1, 3]);
    expect(findings[1].message).toContain('needs an id');
  });

  it('rejects an unclosed container directive', () => {
    const { findings } = parse(':::note\n内容\n');
    expect(findings[0].message).toContain(':::note');
  });
});

describe('remark-literal-colons', () => {
  const textOf = (tree: ReturnType<typeof parse>['tree']) => JSON.stringify(tree.children[0]);

  it.each([
    ['zh', '三次产业结构调整为2.8:50.9:46.3。'],
    ['en', 'The structure of the three industries became 2.8:50.9:46.3.'],
  ])('loads a ratio in %s as the text it is, without escaping', (_lang, text) => {
    const { findings, tree } = parse(text);
    expect(findings).toEqual([]);
    const p = tree.children[0];
    expect(p.type === 'paragraph' && p.children).toEqual([expect.objectContaining({ type: 'text', value: text })]);
  });

  it('keeps times and a colon after a digit as text, and the directives that can begin', () => {
    const { findings, tree } = parse('会议10:30开始，比例1:a2，见:ref[t]和a:num[t/r/c]。');
    expect(findings).toEqual([]);
    const p = tree.children[0];
    const kinds = p.type === 'paragraph' ? p.children.map((c) => (c.type === 'textDirective' ? `:${c.name}` : c.type)) : [];
    expect(kinds).toEqual(['text', ':ref', 'text', ':num', 'text']);
    expect(textOf(tree)).toContain('会议10:30开始，比例1:a2，见');
  });

  it('still rejects an unknown directive after a letter or a Chinese character', () => {
    expect(parse('见:abc。').findings[0]?.message).toContain('unknown directive ":abc"');
  });
});

describe('remark-no-raw-html', () => {
  it('turns raw HTML into text and warns at its position', () => {
    const { tree, findings } = parse('前文\n\n<script>alert(1)</script>\n');
    expect(findings[0]).toMatchObject({ severity: 'warning', ruleId: 'markdown/raw-html', place: { line: 3, column: 1 } });
    expect(JSON.stringify(tree)).not.toContain('"type":"html"');
  });
});

describe('CJK emphasis (remark-cjk-friendly)', () => {
  it('bolds a figure between Chinese characters and around a directive', () => {
    const { tree } = parse('总额**:num[a/b/c]{bare}**亿元，下降**6.0%**。');
    const para = tree.children[0] as { children: { type: string }[] };
    expect(para.children.filter((c) => c.type === 'strong')).toHaveLength(2);
  });
});

describe('remark-no-images', () => {
  it('refuses images: remote, javascript:, and paths leading out of the edition', () => {
    const out = new Collector();
    parseMarkdown('文字\n\n![a](http://example.com/a.png)\n\n![b](javascript:alert(1))\n\n![c](../../secret.png)\n', '/ed/zh/01.md', out);
    expect(out.findings.map((f) => [f.place.line, f.ruleId])).toEqual([
      [3, 'markdown/image'],
      [5, 'markdown/image'],
      [7, 'markdown/image'],
    ]);
    expect(out.findings[0].message).toContain('http://example.com/a.png');
    expect(out.findings[2].message).toContain('leads outside the edition folder');
  });
});
