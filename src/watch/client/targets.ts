/** Finds the elements of this page that show a finding's place, and marks them. */
import { pageKind, type FindingView, type Target } from './state';

function byId(id: string): Element[] {
  return Array.from(document.querySelectorAll(`[id="${CSS.escape(id)}"]`));
}

/** A chapter's blocks: its children, less the preview's own elements. */
function elementChildren(node: Element): Element[] {
  return Array.from(node.children).filter((c) => c.id !== 'baogao-watch' && c.id !== 'baogao-overlay');
}

export function resolve(t: Target | undefined): Element[] {
  const kind = pageKind();
  if (!t) return [];
  const nums = document.querySelectorAll(`span.num[data-place="${CSS.escape(t.place)}"]`);
  if (nums.length) return Array.from(nums);
  if (t.table) {
    const tables = byId(`table-${t.table}`);
    if (t.row === undefined) return tables;
    const rows: Element[] = [];
    for (const tb of tables) {
      const tr = tb.querySelector(`tr[data-row="${CSS.escape(t.row)}"]`);
      if (!tr) continue;
      const cell = t.column !== undefined ? tr.children[t.column] : undefined;
      rows.push(cell ?? tr);
    }
    return rows.length ? rows : tables;
  }
  if (t.figure) return byId(`figure-${t.figure}`);
  if (t.cover) return Array.from(document.querySelectorAll('.cover, .bi-header'));
  if (t.chapter !== undefined && t.block !== undefined) {
    const at = t.pages?.[kind] ?? t.block;
    if (kind === 'bilingual') return byId(`${t.chapter}-b${at + 1}`);
    const sec = byId(`chapter-${t.chapter}`)[0];
    if (!sec) return [];
    const blocks = elementChildren(sec);
    return blocks[at] ? [blocks[at]] : [sec];
  }
  return [];
}

export function pageFor(f: FindingView): string {
  return f.target?.lang === 'en' ? '/en/index.html' : '/zh/index.html';
}

/** Outlines the finding's place and scrolls to it; false when this page does not show it. */
export function highlight(f: FindingView): boolean {
  const found = resolve(f.target);
  document.querySelectorAll('.baogao-target').forEach((e) => e.classList.remove('baogao-target'));
  if (!found.length) return false;
  for (const e of found) {
    e.classList.add('baogao-target');
    e.classList.remove('baogao-flash');
    // Reading the layout restarts the flash's transition.
    void (e as HTMLElement).offsetWidth;
    e.classList.add('baogao-flash');
    setTimeout(() => e.classList.remove('baogao-flash'), 2500);
  }
  found[0].scrollIntoView({ block: 'center', behavior: 'smooth' });
  return true;
}
