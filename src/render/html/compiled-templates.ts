/**
 * Templates compiled ahead of use. Handlebars turns a template into
 * JavaScript at its first use; for the package's 5 kB of templates that was
 * 50–90 ms of a cold build, on the thread that lays out the Chinese page
 * while Chromium waits for it (issue 17). What Handlebars makes of a
 * template depends only on the template's text, the compile options and
 * Handlebars' version, so `npm run prepare` compiles the package's
 * templates once (`precompileTemplates`, scripts/bundle-cli.mjs) into
 * dist/templates.json, keyed by a hash of those three, and a build takes a
 * template from there when its key is there. An edition's own templates,
 * and any file edited since, have other keys and are compiled as before: the
 * file can only be used for the very text it was made from.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { PACKAGE_ROOT } from '../../version.js';

/** Options of every template's compile (part of each key). */
export const COMPILE_OPTIONS = { strict: false, noEscape: false } as const;

/** Where `npm run prepare` writes the package's compiled templates. */
export const COMPILED_FILE = path.join(PACKAGE_ROOT, 'dist', 'templates.json');

interface CompiledFile {
  handlebars: string;
  /** Key → the template's compiled form: the JavaScript of its spec object (Handlebars.precompile). */
  specs: Record<string, string>;
}

/** The key of a template's text under this Handlebars and these options. */
export function templateKey(source: string): string {
  return crypto.createHash('sha256').update(`${Handlebars.VERSION}\0${JSON.stringify(COMPILE_OPTIONS)}\0${source}`).digest('hex');
}

let file = COMPILED_FILE;
let loaded: Map<string, string> | undefined;

/** Takes the compiled templates from `other` from now on, or from COMPILED_FILE again (for the tests). */
export function useCompiledFile(other = COMPILED_FILE): void {
  file = other;
  loaded = undefined;
}

/** The compiled templates of the file, or none: a missing or unreadable file only means compiling. */
function compiledSpecs(): Map<string, string> {
  if (loaded) return loaded;
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as CompiledFile;
    loaded = new Map(data.handlebars === Handlebars.VERSION ? Object.entries(data.specs) : []);
  } catch {
    loaded = new Map();
  }
  return loaded;
}

/** True when the compiled file holds `source`, which then needs no checking: it compiled when the file was made. */
export function isCompiled(source: string): boolean {
  return compiledSpecs().has(templateKey(source));
}

/**
 * The template of `source` for `hb`: from the compiled file when it holds
 * this text's key, else compiled by Handlebars at its first use.
 * `source` must have been checked with templateSource (template-files.ts).
 */
export function compiledTemplate(hb: typeof Handlebars, source: string): Handlebars.TemplateDelegate {
  const spec = compiledSpecs().get(templateKey(source));
  if (spec !== undefined) {
    // The spec is an object literal of functions that Handlebars wrote from our own template.
    const template = hb.template(new Function(`return ${spec};`)() as TemplateSpecification);
    return template as Handlebars.TemplateDelegate;
  }
  return hb.compile(source, COMPILE_OPTIONS);
}

type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

/** Every `.hbs` file under `dir` (the package's templates folder), compiled: what COMPILED_FILE holds. */
export function precompileTemplates(dir: string): CompiledFile {
  const specs: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(d, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.hbs')) {
        const source = fs.readFileSync(file, 'utf8');
        specs[templateKey(source)] = Handlebars.precompile(source, COMPILE_OPTIONS) as string;
      }
    }
  };
  walk(dir);
  return { handlebars: Handlebars.VERSION, specs };
}
