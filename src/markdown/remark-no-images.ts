/**
 * remark plugin: the narrative holds no images. Charts are data (`::figure`),
 * and an image would be a file the report cannot check, print reliably or
 * keep inside the edition: a remote one is never fetched when printing, and a
 * path leading out of the edition folder is never read. Each is an error at
 * the image, naming what it points to.
 */
import path from 'node:path';
import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';

/** decodeURI that keeps a malformed escape (`%E0%A4%A`) as written instead of throwing. */
function safeDecode(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

export const remarkNoImages: Plugin<[], Root> = () => (tree, file) => {
  // Chapter files live in <edition>/<lang>/; paths are judged against the edition folder.
  const chapterDir = path.dirname(file.path ?? '.');
  const editionDir = path.resolve(chapterDir, '..');
  visit(tree, ['image', 'imageReference', 'definition'], (node) => {
    if (node.type === 'definition' && !/\.(png|jpe?g|gif|svg|webp)$/i.test(node.url)) return;
    const url = 'url' in node ? String(node.url) : '';
    const remote = /^[a-z][a-z0-9+.-]*:|^\/\//i.test(url);
    const target = remote ? url : path.resolve(chapterDir, safeDecode(url));
    const outside = !remote && !target.startsWith(editionDir + path.sep);
    const why = remote
      ? `a remote image (${url}) is never fetched`
      : outside
        ? `${url} leads outside the edition folder (to ${target})`
        : `images are not part of the edition format`;
    const m = file.message(`${why}; place charts with ::figure{#id} and a figures/<id>.yaml data file`, {
      place: node.position,
      ruleId: 'image',
      source: 'baogao',
    });
    m.fatal = true;
  });
};
