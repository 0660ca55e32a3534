/**
 * The last touches on the package's XML parts, on the way through
 * stableZip: what the `docx` package cannot be told, and what it makes
 * differ from one build to the next.
 *
 * - Dates: the core properties carry the edition's date, not the clock.
 * - Ids: the package numbers bookmarks, `_Toc` anchors and watermark shapes
 *   from process-wide counters, so a second build in the same process (watch,
 *   tests) would differ, and its `_Toc` bookmarks can take ids that the body's
 *   bookmarks already hold. They are renumbered in order of appearance.
 * - The font table names each face with its English name, character set and
 *   family, which is what Word, WPS and LibreOffice substitute by when a
 *   reviewer's machine lacks the face.
 * - Mirror margins, for duplex printing with the binding on the left.
 */
import type { Lang } from '../../model.js';
import { FACES, type Face } from './styles.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function fontEntry(f: Face): string {
  const panose = f.panose ? `<w:panose1 w:val="${f.panose}"/>` : '';
  const pitch = f.family === 'modern' ? 'fixed' : 'variable';
  return `<w:font w:name="${esc(f.name)}"><w:altName w:val="${esc(f.altName)}"/>${panose}<w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${pitch}"/></w:font>`;
}

/** The font table is the root of its part: everything after its opening tag is replaced. */
function fontTable(xml: string): string {
  const open = /<w:fonts\b[^>]*>/.exec(xml);
  if (!open) return xml;
  const head = open[0].replace(/\s*\/>$/, '>');
  return `${xml.slice(0, open.index)}${head}${Object.values(FACES).map(fontEntry).join('')}</w:fonts>`;
}

/** Bookmark ids in order of appearance; an end closes the latest start of its old id. */
function renumberBookmarks(xml: string): string {
  const open = new Map<string, number[]>();
  let next = 0;
  return xml.replace(/<w:bookmark(Start|End)\b([^>]*?)w:id="(\d+)"/g, (all, kind: string, between: string, id: string) => {
    if (kind === 'Start') {
      const n = next++;
      open.set(id, [...(open.get(id) ?? []), n]);
      return `<w:bookmarkStart${between}w:id="${n}"`;
    }
    const stack = open.get(id) ?? [];
    const n = stack.pop() ?? next++;
    return `<w:bookmarkEnd${between}w:id="${n}"`;
  });
}

/** `_Toc255` → `_Toc1`, the same name wherever it occurs (bookmark, hyperlink anchor, PAGEREF). */
function renameTocAnchors(xml: string): string {
  const names = new Map<string, string>();
  return xml.replace(/\b_Toc\d+\b/g, (name) => {
    if (!names.has(name)) names.set(name, `_Toc${names.size + 1}`);
    return names.get(name)!;
  });
}

export function finishPart(name: string, xml: string, ctx: { when: Date; lang: Lang }): string {
  const iso = ctx.when.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (name === 'docProps/core.xml') {
    return xml
      .replace(/(<dcterms:(created|modified)[^>]*>)[^<]*/g, `$1${iso}`)
      .replace('</cp:coreProperties>', `<dc:language>${ctx.lang === 'zh' ? 'zh-CN' : 'en'}</dc:language></cp:coreProperties>`);
  }
  if (name === 'word/fontTable.xml') return fontTable(xml);
  // CT_Settings orders mirrorMargins before defaultTabStop.
  if (name === 'word/settings.xml' && !xml.includes('<w:mirrorMargins')) return xml.replace('<w:defaultTabStop', '<w:mirrorMargins/><w:defaultTabStop');
  if (/^word\/(document|header\d+|footer\d+)\.xml$/.test(name)) {
    const part = /(\d+)\.xml$/.exec(name)?.[1] ?? '0';
    let shape = 0;
    return renameTocAnchors(renumberBookmarks(xml))
      .replace(/<wp:docPr id="\d+"/g, () => `<wp:docPr id="${++shape}"`)
      .replace(/PowerPlusWaterMarkObject[\w-]*/g, `PowerPlusWaterMarkObject${part}`);
  }
  return xml;
}
