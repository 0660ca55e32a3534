/**
 * A rebuild onto the same folder prints again only the pages whose print
 * would change (src/render/pdf/print-store.ts), and what it writes is what a
 * build into a fresh folder writes, byte for byte.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../../src/build.js';
import type { Lang } from '../../src/model.js';
import { printCount } from '../../src/render/pdf/index.js';
import { keptPrintsLookFresh, STORE_DIR, type PrintRecord } from '../../src/render/pdf/print-store.js';
import { tempDir } from '../helpers.js';
import { sharedSampleBuild, type SharedBuild } from '../sample-build.js';

const LANGS: Lang[] = ['zh', 'en'];
let shared: SharedBuild;
const tmp = tempDir('baogao-print-store-');

/** Builds the PDFs of `edition` into `out`; returns how many prints Chromium made and the files listed. */
async function pdfBuild(edition: string, out: string, extra: Partial<BuildOptions> = {}): Promise<{ prints: number; files: string[] }> {
  const before = printCount();
  const { files } = await build({ edition, out, langs: LANGS, formats: ['pdf'], force: false, templates: shared.templates, ...extra });
  return { prints: printCount() - before, files };
}

const pdfOf = (out: string, lang: Lang) => fs.readFileSync(path.join(out, lang, 'report.pdf'));

/** A copy of the shared build's output folder, with the prints it kept. */
function rebuildTarget(name: string): string {
  const out = path.join(tmp, name);
  fs.cpSync(shared.out, out, { recursive: true });
  return out;
}

beforeAll(async () => {
  shared = await sharedSampleBuild();
}, 900_000);

describe('kept prints', () => {
  it('are kept beside the outputs, one record and one print per language, and not listed as outputs', async () => {
    for (const lang of LANGS) {
      const record = JSON.parse(fs.readFileSync(path.join(shared.out, STORE_DIR, `${lang}-1.json`), 'utf8')) as PrintRecord;
      // What the page read: itself, its style sheets and the font slices its text uses.
      expect(Object.keys(record.reads)).toContain(`${lang}/.print-pass.html`);
      expect(Object.keys(record.reads)).toContain('assets/print.css');
      expect(Object.keys(record.reads).some((f) => f.startsWith('assets/fonts/') && f.endsWith('.woff2'))).toBe(true);
      expect(fs.statSync(path.join(shared.out, STORE_DIR, `${lang}-1.pdf`)).size).toBeGreaterThan(10_000);
    }
  });

  it('make an unchanged rebuild print nothing, and write the same PDFs', async () => {
    const out = rebuildTarget('unchanged');
    const { prints, files } = await pdfBuild(shared.edition, out);
    expect(prints).toBe(0);
    expect(files.some((f) => f.startsWith('.baogao'))).toBe(false);
    for (const lang of LANGS) expect(pdfOf(out, lang).equals(pdfOf(shared.out, lang)), lang).toBe(true);
  }, 300_000);

  it('reprint only the language whose page changed; the result is a fresh build’s', async () => {
    const edition = path.join(tmp, 'edited');
    fs.cpSync(shared.edition, edition, { recursive: true });
    const chapter = path.join(edition, 'en', fs.readdirSync(path.join(edition, 'en')).filter((f) => f.endsWith('.md'))[1]);
    const text = fs.readFileSync(chapter, 'utf8');
    expect(text).toMatch(/\bfurther\b/);
    fs.writeFileSync(chapter, text.replace(/\bfurther\b/, 'more'));

    const out = rebuildTarget('edited-out');
    const rebuilt = await pdfBuild(edition, out);
    expect(rebuilt.prints).toBe(1);
    expect(pdfOf(out, 'zh').equals(pdfOf(shared.out, 'zh'))).toBe(true);
    expect(pdfOf(out, 'en').equals(pdfOf(shared.out, 'en'))).toBe(false);

    const fresh = path.join(tmp, 'edited-fresh');
    expect((await pdfBuild(edition, fresh)).prints).toBe(2);
    for (const lang of LANGS) expect(pdfOf(out, lang).equals(pdfOf(fresh, lang)), lang).toBe(true);
  }, 600_000);

  it('reprint both languages when a style sheet both read changes', async () => {
    const edition = path.join(tmp, 'restyled');
    fs.cpSync(shared.edition, edition, { recursive: true });
    // An edition's own templates/ overrides the package's file by file.
    fs.mkdirSync(path.join(edition, 'templates'));
    const css = fs.readFileSync(path.join(shared.templates, 'print.css'), 'utf8');
    fs.writeFileSync(path.join(edition, 'templates', 'print.css'), `${css}\n/* restyled */\n`);
    const { prints } = await pdfBuild(edition, rebuildTarget('restyled-out'));
    expect(prints).toBe(2);
  }, 600_000);

  it.each([
    ['a truncated print', (dir: string) => fs.truncateSync(path.join(dir, 'zh-1.pdf'), 1000)],
    ['a damaged record', (dir: string) => fs.writeFileSync(path.join(dir, 'zh-1.json'), '{ not json')],
    [
      'a record made under another browser or version',
      (dir: string) => {
        const file = path.join(dir, 'zh-1.json');
        const r = JSON.parse(fs.readFileSync(file, 'utf8')) as PrintRecord;
        fs.writeFileSync(file, JSON.stringify({ ...r, env: '0'.repeat(64) }));
      },
    ],
  ])(
    'are printed again, without an error, after %s',
    async (_what, damage) => {
      const out = rebuildTarget(`damaged-${_what.replace(/\W+/g, '-')}`);
      damage(path.join(out, STORE_DIR));
      const { prints } = await pdfBuild(shared.edition, out);
      expect(prints).toBe(1);
      expect(pdfOf(out, 'zh').equals(pdfOf(shared.out, 'zh'))).toBe(true);
      // The store is whole again for the next build.
      expect((await pdfBuild(shared.edition, out)).prints).toBe(0);
    },
    600_000,
  );

  it('are guessed current only when newer than every input', () => {
    const out = rebuildTarget('guess');
    const edition = path.join(tmp, 'guess-edition');
    fs.cpSync(shared.edition, edition, { recursive: true });
    const later = new Date(Date.now() + 60_000);
    for (const lang of LANGS) fs.utimesSync(path.join(out, STORE_DIR, `${lang}-1.json`), later, later);
    expect(keptPrintsLookFresh(out, LANGS, [edition, shared.templates])).toBe(true);
    fs.utimesSync(path.join(edition, 'edition.yaml'), new Date(Date.now() + 120_000), new Date(Date.now() + 120_000));
    expect(keptPrintsLookFresh(out, LANGS, [edition, shared.templates])).toBe(false);
    expect(keptPrintsLookFresh(path.join(tmp, 'nowhere'), LANGS, [edition])).toBe(false);
  });
});
