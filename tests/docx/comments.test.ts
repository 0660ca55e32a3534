/**
 * A review round end to end: the zh copy is built, a reviewer's comment,
 * tracked insertion and deletion are made in its XML as Word stores them, and
 * `baogao comments` traces each to its source file:line:column. Then the
 * sources change, and the listing says which comments concern changed text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/parse-args.js';
import { run } from '../../src/cli/run.js';
import { captureIo, copySample, edit, tempDir } from '../helpers.js';
import { sharedSampleBuild } from '../sample-build.js';
import { buildDocx } from './fixture.js';
import { applyReview, type Review } from './word-edits.js';

/** Where `needle` starts in `file` (1-based line and column), read from the source text itself. */
function placeOf(file: string, needle: string, after = false, skip = 0): { file: string; line: number; column: number } {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in ${file}`);
  return { file, line: i + 1, column: lines[i].indexOf(needle) + 1 + skip + (after ? needle.length : 0) };
}

interface Entry {
  kind: string;
  author: string;
  text: string;
  quoted: string | null;
  place: { file: string; line: number; column: number };
  status: string;
  changed: boolean;
}

async function comments(docx: string, edition: string, format: 'json' | 'text' = 'json') {
  const io = captureIo();
  const code = await run(['comments', docx, edition, '--format', format], io);
  return { code, io, json: format === 'json' && code === 0 ? (JSON.parse(io.stdout.join('\n')) as { language: string; entries: Entry[] }) : undefined };
}

const REVIEW: Review = {
  comments: [
    { anchor: '降幅较最低点收窄', author: '王芳（区统计局）', text: '请核对降幅收窄的口径。' },
    { anchor: '中环两翼创新创意集聚带', author: '李强（区财政局）', text: '此处名称与市里文件一致吗？' },
    { anchor: '发展计划草案的报告', author: '办公室', text: '标题按会议通知。' },
  ],
  insertions: [{ after: '位列中心城区第一', author: '张伟', text: '，连续三年保持领先' }],
  deletions: [{ text: '为近三年来最高', author: '张伟' }],
  paragraphs: [{ after: '落实常态化疫情防控举措', author: '赵敏', text: '新增一段：加强社区防控力量配备。' }],
};

let sample: string;
let review: string;
let belt: string;
let reviewed: string;

beforeAll(async () => {
  const shared = await sharedSampleBuild();
  sample = shared.edition;
  review = path.join(sample, 'zh', '01-review.md');
  belt = path.join(sample, 'tables', 'belt-tax.yaml');
  const out = shared.out;
  reviewed = path.join(tempDir('baogao-review-'), '审阅稿.docx');
  fs.writeFileSync(reviewed, await applyReview(fs.readFileSync(path.join(out, 'zh', 'report.docx')), REVIEW));
});

describe('baogao comments', () => {
  it('lists each comment and tracked change with its author, its text and the source place it concerns', async () => {
    const { code, json } = await comments(reviewed, sample);
    expect(code).toBe(0);
    expect(json!.language).toBe('zh');
    const by = (kind: string) => json!.entries.filter((e) => e.kind === kind);
    // In the order of the document: the cover, the prose, the table.
    expect(by('comment').map((e) => ({ author: e.author, text: e.text, quoted: e.quoted, place: e.place, status: e.status }))).toEqual([
      // The cover: the title line in edition.yaml.
      {
        author: '办公室',
        text: '标题按会议通知。',
        quoted: '发展计划草案的报告',
        place: placeOf(path.join(sample, 'edition.yaml'), '- 发展计划草案的报告', false, 2),
        status: 'same',
      },
      { author: '王芳（区统计局）', text: '请核对降幅收窄的口径。', quoted: '降幅较最低点收窄', place: placeOf(review, '降幅较最低点收窄'), status: 'same' },
      // A table cell: the YAML line of the cell, at its key.
      {
        author: '李强（区财政局）',
        text: '此处名称与市里文件一致吗？',
        quoted: '中环两翼创新创意集聚带',
        place: { ...placeOf(belt, '中环两翼创新创意集聚带'), column: placeOf(belt, '中环两翼创新创意集聚带').column - 'belt: { zh: '.length },
        status: 'same',
      },
    ]);
    expect(
      by('insertion')
        .slice(0, 1)
        .map((e) => ({ author: e.author, text: e.text, place: e.place })),
    ).toEqual([{ author: '张伟', text: '，连续三年保持领先', place: placeOf(review, '位列中心城区第一', true) }]);
    // A paragraph the reviewer added: at the end of the paragraph before it.
    const before = placeOf(review, '落实常态化疫情防控举措');
    const end = fs.readFileSync(review, 'utf8').split('\n')[before.line - 1].length + 1;
    expect(
      by('insertion')
        .slice(1)
        .map((e) => ({ author: e.author, text: e.text, place: e.place, status: e.status })),
    ).toEqual([{ author: '赵敏', text: '新增一段：加强社区防控力量配备。', place: { file: review, line: before.line, column: end }, status: 'same' }]);
    expect(by('deletion').map((e) => ({ author: e.author, text: e.text, place: e.place }))).toEqual([
      { author: '张伟', text: '为近三年来最高', place: placeOf(review, '为近三年来最高') },
    ]);
  });

  it('prints them like the check: file:line:column, the author and text, the source line with a caret', async () => {
    const { code, io } = await comments(reviewed, sample, 'text');
    expect(code).toBe(0);
    const out = io.stdout.join('\n');
    const p = placeOf(review, '降幅较最低点收窄');
    expect(out).toContain(`${review}:${p.line}:${p.column}  info  comment by 王芳（区统计局） on “降幅较最低点收窄”: 请核对降幅收窄的口径。  review/comment`);
    expect(out).toContain(`${p.line} | `);
    expect(out).toMatch(/insertion by 张伟: “，连续三年保持领先”\s+review\/insertion/);
    expect(out).toMatch(/3 comments, 2 insertions, 1 deletion; 0 on text changed since the copy was built$/);
  });

  it('flags a comment on text changed in the sources since the copy was built, and keeps exact places for moved text', async () => {
    const edition = copySample();
    const out = await buildDocx(edition);
    const copy = path.join(path.dirname(out), 'returned.docx');
    fs.writeFileSync(copy, await applyReview(fs.readFileSync(path.join(out, 'zh', 'report.docx')), REVIEW));
    const file = path.join(edition, 'zh', '01-review.md');
    // The commented paragraph is reworded; a new paragraph above the deleted words' one moves it down, unchanged.
    edit(file, '降幅较最低点收窄', '降幅比最低点收窄');
    edit(file, /\n\n(有力落实助企纾困稳增长政策。)/, '\n\n新增的一段。\n\n$1');
    const { json, io } = await comments(copy, edition);
    // The Chinese chapter now has a paragraph more than the English: an untranslated TODO (Chinese first), not an error; it still traces.
    expect(io.stderr.join('\n')).not.toContain('error (baogao check lists them)');
    const [changed, cell] = json!.entries.filter((e) => e.kind === 'comment' && e.author !== '办公室');
    expect(changed.status).toBe('changed');
    expect(changed.changed).toBe(true);
    expect(changed.place).toEqual({ file, line: placeOf(file, '经济运行总体企稳向好').line, column: 1 });
    expect(cell.status).toBe('same');
    const deletion = json!.entries.find((e) => e.kind === 'deletion')!;
    expect(deletion.status).toBe('moved');
    expect(deletion.place).toEqual(placeOf(file, '为近三年来最高'));
    const text = await comments(copy, edition, 'text');
    expect(text.io.stdout.join('\n')).toMatch(/warning  comment by 王芳（区统计局）.*has changed in the sources since the copy was built/);
  });

  it('refuses a file that is not a Word document, or a Word document baogao did not build, naming the file (exit 2)', async () => {
    const dir = tempDir();
    const notDocx = path.join(dir, 'notes.docx');
    fs.writeFileSync(notDocx, 'plain text');
    const a = await comments(notDocx, sample, 'text');
    expect(a.code).toBe(2);
    expect(a.io.stderr.join('\n')).toContain(`${notDocx} is not a Word document`);
    const { Document, Packer, Paragraph } = await import('docx');
    const foreign = path.join(dir, 'retyped.docx');
    fs.writeFileSync(foreign, await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('各位代表：')] }] })));
    const b = await comments(foreign, sample, 'text');
    expect(b.code).toBe(2);
    expect(b.io.stderr.join('\n')).toContain('was not made with "baogao build --format docx"');
    const c = await comments(path.join(dir, 'missing.docx'), sample, 'text');
    expect(c.code).toBe(2);
  });

  it('parses its arguments: the reviewed file first, then the edition (default content)', () => {
    expect(parseArgs(['comments', 'r.docx'])).toEqual({
      ok: true,
      command: { kind: 'comments', docx: 'r.docx', edition: 'content', format: 'text', debug: false },
    });
    expect(parseArgs(['comments', 'r.docx', 'editions/2024', '--format', 'json'])).toMatchObject({
      ok: true,
      command: { edition: 'editions/2024', format: 'json' },
    });
    expect(parseArgs(['comments'])).toMatchObject({ ok: false, message: expect.stringContaining('needs the reviewed Word file') });
    expect(parseArgs(['comments', 'r.docx', '--format', 'xml'])).toMatchObject({ ok: false });
  });
});
