/**
 * Where each template file comes from. An edition may hold a `templates/`
 * folder of its own (its cover, its CSS): a file there overrides the
 * package's file of the same name, and every file it leaves out is the
 * package's. So another body gives its own cover by writing one partial,
 * without forking the package.
 */
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { BaogaoError } from '../../diagnostics.js';
import { PACKAGE_ROOT } from '../../version.js';

/** The package's own templates: the fallback of every file. */
export const PACKAGE_TEMPLATES = path.join(PACKAGE_ROOT, 'templates');

/** The file `rel` (`layout.hbs`, `partials/cover.hbs`, `report.css`) of `dir`, or the package's when `dir` has none. */
export function templateFile(dir: string, rel: string): string {
  const own = path.join(dir, rel);
  if (fs.existsSync(own)) {
    // An edition's template is read like its other files: never through a symlink out of its folder.
    const real = fs.realpathSync(own);
    const root = fs.realpathSync(dir);
    if (real !== root && !real.startsWith(root + path.sep)) throw new BaogaoError(`${own} leads out of its templates folder`, [], 1);
    return own;
  }
  return path.join(PACKAGE_TEMPLATES, rel);
}

/** The partials' names of `dir` and of the package, each from the folder that holds it. */
export function partialFiles(dir: string): Map<string, string> {
  const names = new Set<string>();
  for (const d of new Set([PACKAGE_TEMPLATES, dir])) {
    const folder = path.join(d, 'partials');
    if (fs.existsSync(folder)) for (const n of fs.readdirSync(folder)) if (n.endsWith('.hbs')) names.add(n);
  }
  return new Map([...names].sort().map((n) => [n.slice(0, -4), templateFile(dir, `partials/${n}`)]));
}

/**
 * A template's text, parsed once here so that a syntax error names its file
 * and line, in the author's terms; not when `known` says the text is one
 * that compiled before (compiled-templates.ts).
 */
export function templateSource(file: string, known?: (text: string) => boolean): string {
  const text = fs.readFileSync(file, 'utf8');
  if (known?.(text)) return text;
  try {
    Handlebars.parse(text);
  } catch (e) {
    const line = /line (\d+)/.exec(String((e as Error).message))?.[1];
    const place = { file, line: Number(line ?? 1), column: 1 };
    const message = `is not a valid Handlebars template: ${String((e as Error).message).split('\n')[0]}`;
    throw new BaogaoError(`${file}:${place.line}: ${message}`, [{ severity: 'error', ruleId: 'templates', message, place }], 1);
  }
  return text;
}
