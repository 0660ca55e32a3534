/**
 * The package's templates compiled ahead (src/render/html/compiled-templates.ts):
 * pages rendered from the compiled file are the pages Handlebars renders from
 * the text, and the file is used only for the very text it was made from.
 */
import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadEdition } from '../src/load/index.js';
import type { Edition } from '../src/model.js';
import { compiledModule, isCompiled, precompileTemplates, templateKey, useCompiledFile } from '../src/render/html/compiled-templates.js';
import { renderHtml } from '../src/render/html/index.js';
import { SAMPLE, TEMPLATES, tempDir } from './helpers.js';

let edition: Edition;
beforeAll(() => {
  edition = loadEdition(SAMPLE).edition!;
});
afterEach(() => useCompiledFile());

/** The HTML pages of the sample rendered with `templates`, by relative path. */
function pages(templates = TEMPLATES): Map<string, string> {
  const out = tempDir();
  const { files } = renderHtml(edition, out, { templates, langs: ['zh', 'en'], draft: false, version: 'test' });
  return new Map(files.filter((f) => f.endsWith('.html')).map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]));
}

/** A compiled-templates module holding `specs` (or the text given), as `npm run prepare` writes it. */
function writeCompiled(specs: Record<string, string> | string, handlebars?: string): string {
  const file = path.join(tempDir(), 'templates.cjs');
  fs.writeFileSync(file, typeof specs === 'string' ? specs : compiledModule(specs, handlebars));
  return file;
}

const layoutText = () => fs.readFileSync(path.join(TEMPLATES, 'layout.hbs'), 'utf8');

/** The text of every template of the package. */
const packageTemplates = () =>
  fs
    .readdirSync(TEMPLATES, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.hbs'))
    .map((f) => fs.readFileSync(path.join(TEMPLATES, f), 'utf8'));
const title = (html: string) => new JSDOM(html).window.document.title;

describe('compiled templates', () => {
  it('render the same pages, byte for byte, as the templates compiled from their text', () => {
    useCompiledFile(path.join(tempDir(), 'none.cjs'));
    expect(isCompiled(layoutText())).toBe(false);
    const fromText = pages();
    useCompiledFile(writeCompiled(precompileTemplates(TEMPLATES)));
    const fromFile = pages();
    // Every one of them was taken from the file, before the pages and after them.
    expect(packageTemplates().length).toBeGreaterThan(5);
    for (const text of packageTemplates()) expect(isCompiled(text)).toBe(true);
    expect([...fromFile.keys()].sort()).toEqual(['bilingual.html', 'en/index.html', 'zh/index.html']);
    for (const [rel, html] of fromText) expect(fromFile.get(rel), rel).toBe(html);
  });

  it('are what the pages are made of when the file holds their key', () => {
    // The layout's key, holding another template's compiled form: proof that the file is read.
    const compiled = precompileTemplates(TEMPLATES);
    const other = precompileTemplates(writeTemplate('<title>compiled ahead</title>'));
    compiled[templateKey(layoutText())] = Object.values(other)[0];
    useCompiledFile(writeCompiled(compiled));
    expect(title(pages().get('zh/index.html')!)).toBe('compiled ahead');
  });

  it('are not used for a template whose text differs from the one compiled', () => {
    useCompiledFile(writeCompiled(precompileTemplates(TEMPLATES)));
    // An edition's own layout: its text has another key, so it is compiled from the text.
    const own = path.join(tempDir(), 'templates');
    fs.mkdirSync(own);
    fs.writeFileSync(path.join(own, 'layout.hbs'), layoutText().replace('<title>', '<title>own '));
    expect(isCompiled(fs.readFileSync(path.join(own, 'layout.hbs'), 'utf8'))).toBe(false);
    expect(title(pages(own).get('zh/index.html')!)).toMatch(/^own /);
    // Compiling it from its text changed no key: the package's templates are still found.
    for (const text of packageTemplates().filter((t) => t !== layoutText())) expect(isCompiled(text)).toBe(true);
    // The partials it left out are the package's, taken from the file.
    expect(pages(own).get('en/index.html')).toBe(pages().get('en/index.html')!.replace('<title>', '<title>own '));
  });

  it('are ignored when the file is unreadable or from another Handlebars', () => {
    useCompiledFile(path.join(tempDir(), 'none.cjs'));
    const reference = pages();
    for (const bad of [writeCompiled('module.exports = { not javascript'), writeCompiled(precompileTemplates(TEMPLATES), '0.0.1')]) {
      useCompiledFile(bad);
      expect(isCompiled(layoutText())).toBe(false);
      expect(pages().get('zh/index.html')).toBe(reference.get('zh/index.html'));
    }
  });
});

/** A templates folder holding one template (its only .hbs file). */
function writeTemplate(text: string): string {
  const dir = path.join(tempDir(), 'one');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'layout.hbs'), text);
  return dir;
}
