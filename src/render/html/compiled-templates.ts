/**
 * Templates compiled ahead of use. Handlebars turns a template into
 * JavaScript at its first use; for the package's 5 kB of templates that was
 * 50–90 ms of a cold build, on the thread that lays out the Chinese page
 * while Chromium waits for it (issue 17). What Handlebars makes of a
 * template depends only on the template's text, the compile options and
 * Handlebars' version, so `npm run prepare` compiles the package's
 * templates once (`compiledModule`, scripts/bundle-cli.mjs) into
 * dist/templates.cjs, keyed by a hash of those three, and a build takes a
 * template from there when its key is there. An edition's own templates,
 * and any file edited since, have other keys and are compiled as before: the
 * file can only be used for the very text it was made from. The file is a
 * CommonJS module, loaded by require(): the compiled templates are code,
 * which Node compiles as it compiles baogao's own.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Handlebars from 'handlebars';
import { PACKAGE_ROOT } from '../../version.js';

/** Options of every template's compile (part of each key). */
export const COMPILE_OPTIONS = Object.freeze({ strict: false, noEscape: false });

/**
 * Handlebars writes into the options it is given (`data: true` and more), so it
 * gets a copy each time; had it this object, every key computed after the
 * first compile would differ from the keys the file was made with.
 */
const options = () => ({ ...COMPILE_OPTIONS });
const OPTIONS_KEY = JSON.stringify(COMPILE_OPTIONS);

/** Where `npm run prepare` writes the package's compiled templates. */
export const COMPILED_FILE = path.join(PACKAGE_ROOT, 'dist', 'templates.cjs');

type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

/** What the module exports. */
interface CompiledFile {
  handlebars: string;
  /** Key → the template's compiled form (the object Handlebars.precompile writes out). */
  specs: Record<string, TemplateSpecification>;
}

/** The key of a template's text under this Handlebars and these options. */
export function templateKey(source: string): string {
  return crypto.createHash('sha256').update(`${Handlebars.VERSION}\0${OPTIONS_KEY}\0${source}`).digest('hex');
}

let file = COMPILED_FILE;
let loaded: Map<string, TemplateSpecification> | undefined;

/** Takes the compiled templates from `other` from now on, or from COMPILED_FILE again (for the tests). */
export function useCompiledFile(other = COMPILED_FILE): void {
  file = other;
  loaded = undefined;
}

/** The compiled templates of the file, or none: a missing or broken file only means compiling. */
function compiledSpecs(): Map<string, TemplateSpecification> {
  if (loaded) return loaded;
  try {
    const data = createRequire(import.meta.url)(file) as CompiledFile;
    loaded = new Map(data.handlebars === Handlebars.VERSION ? Object.entries(data.specs) : []);
  } catch {
    loaded = new Map();
  }
  return loaded;
}

/** The compiled form of `source` in the file, if it holds it. */
export function compiledSpec(source: string): TemplateSpecification | undefined {
  return compiledSpecs().get(templateKey(source));
}

/** True when the compiled file holds `source`, which then needs no checking: it compiled when the file was made. */
export function isCompiled(source: string): boolean {
  return compiledSpec(source) !== undefined;
}

/**
 * The template of `source` for `hb`: from its compiled form `spec` (by
 * default looked up in the file), else compiled by Handlebars at its first
 * use. `source` must have been checked with templateSource (template-files.ts).
 */
export function compiledTemplate(hb: typeof Handlebars, source: string, spec = compiledSpec(source)): Handlebars.TemplateDelegate {
  return spec !== undefined ? (hb.template(spec) as Handlebars.TemplateDelegate) : hb.compile(source, options());
}

/** Every `.hbs` file under `dir` (the package's templates folder), compiled: key → the JavaScript of its spec. */
export function precompileTemplates(dir: string): Record<string, string> {
  const specs: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(d, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.hbs')) {
        const source = fs.readFileSync(file, 'utf8');
        specs[templateKey(source)] = Handlebars.precompile(source, options()) as string;
      }
    }
  };
  walk(dir);
  return specs;
}

/** The text of the module COMPILED_FILE is: the compiled templates (`precompileTemplates`) under this Handlebars' version. */
export function compiledModule(specs: Record<string, string>, handlebars = Handlebars.VERSION): string {
  const entries = Object.entries(specs).map(([key, spec]) => `    ${JSON.stringify(key)}: ${spec},\n`);
  return `// Compiled by baogao's npm run prepare (src/render/html/compiled-templates.ts); generated, do not edit.\nmodule.exports = {\n  handlebars: ${JSON.stringify(handlebars)},\n  specs: {\n${entries.join('')}  },\n};\n`;
}
