/** The error overlay of a save that broke the edition, and the index page's list of pages. */
import { shadowHost } from './panel';
import { el, where, type ErrorView, type WatchState } from './state';

let overlayHost: HTMLElement | null = null;

function excerptOf(f: ErrorView): HTMLPreElement {
  const pre = el('pre');
  const width = String(f.excerpt[f.excerpt.length - 1].line).length;
  for (const l of f.excerpt) {
    const row = el('span', l.line === f.line ? 'hit' : null);
    row.appendChild(el('span', 'ln', `${String(l.line).padStart(width)} | `));
    row.appendChild(document.createTextNode((l.from > 0 ? '…' : '') + l.text));
    pre.append(row, document.createTextNode('\n'));
    if (l.line === f.line) {
      const pad = ' '.repeat(width + 3 + (l.from > 0 ? 1 : 0) + Math.max(0, f.column - 1 - l.from));
      pre.append(el('span', 'caret', `${pad}^`), document.createTextNode('\n'));
    }
  }
  return pre;
}

export function renderOverlay(state: WatchState): void {
  const broken = state.broken;
  if (!broken) {
    overlayHost?.remove();
    overlayHost = null;
    return;
  }
  if (!overlayHost) {
    const { host, root } = shadowHost('baogao-overlay');
    root.appendChild(el('div', 'overlay'));
    document.body.appendChild(host);
    overlayHost = host;
  }
  const shown = overlayHost;
  const box = (shown.shadowRoot ?? shown).querySelector('.overlay')!;
  box.textContent = '';
  box.setAttribute('role', 'alert');
  box.appendChild(el('h2', null, 'The last save broke the edition · 最近一次保存有错误'));
  box.appendChild(
    el(
      'p',
      null,
      state.build > 0
        ? `This page is the last good build (build ${state.build}). Fix the place below and save: the page reloads by itself.`
        : 'Nothing could be built yet. Fix the place below and save: the page reloads by itself.',
    ),
  );
  for (const f of broken.errors) {
    const div = el('div', 'err');
    div.append(el('div', 'where', where(f)), el('div', 'msg', `${f.message}  (${f.ruleId})`));
    if (f.excerpt?.length) div.appendChild(excerptOf(f));
    box.appendChild(div);
  }
  if (broken.more) box.appendChild(el('p', null, `… and ${broken.more} more (see the terminal).`));
}

/** The index page (/): the edition's title and its pages. */
export function renderIndex(state: WatchState): void {
  const box = document.getElementById('baogao-index');
  if (!box) return;
  const title = box.querySelector('[data-slot="title"]');
  const list = box.querySelector('[data-slot="pages"]');
  if (!title || !list) return;
  title.textContent = state.title ? `${state.title.zh} · ${state.title.en}` : state.edition;
  document.title = `baogao watch · ${state.edition}`;
  list.textContent = '';
  for (const p of state.pages ?? []) {
    const li = el('li');
    const a = el('a', null, p.label);
    a.href = p.href;
    li.appendChild(a);
    if (p.note) li.appendChild(el('span', 'note', ` — ${p.note}`));
    list.appendChild(li);
  }
}
