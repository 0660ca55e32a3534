/**
 * The preview's script in every served page: it keeps the page in step with
 * the edition. On a save the server sends the chapter sections that changed
 * (`patch`); they replace their old selves in place, so the page neither
 * reloads nor loses its place. A page that changed elsewhere (contents,
 * cover, draft mark) reloads, scrolled back to where it was.
 */
import { renderIndex, renderOverlay } from './overlay';
import { createPanel } from './panel';
import { pageKind, type PatchEvent, type WatchState } from './state';
import { highlight, pageFor } from './targets';

declare global {
  interface Window {
    __baogaoWatch?: boolean;
  }
}

function main(): void {
  if (window.__baogaoWatch) return;
  window.__baogaoWatch = true;
  const meta = document.querySelector('meta[name="baogao-build"]');
  // -1: a page of the preview itself (index, not found), not of a build.
  let pageBuild = meta ? Number(meta.getAttribute('content')) : -1;
  let state: WatchState | null = null;
  let current: number | null = null;

  function show(i: number): boolean {
    const f = state?.findings[i];
    if (!f) return false;
    if (pageKind() === 'other') {
      location.href = `${pageFor(f)}#baogao-finding-${i}`;
      return true;
    }
    if (!highlight(f)) return false;
    current = i;
    if (state) panel.render(state, current);
    return true;
  }

  const panel = createPanel({ show, refresh: () => void refresh() });

  function apply(s: WatchState): void {
    state = s;
    panel.render(s, current);
    renderOverlay(s);
    renderIndex(s);
  }

  function refresh(): Promise<void> {
    return fetch('/__baogao/state', { cache: 'no-store' })
      .then((r) => r.json())
      .then(apply);
  }

  const scrollKey = `baogao-scroll:${location.pathname}`;
  function reload(): void {
    try {
      sessionStorage.setItem(scrollKey, String(window.scrollY));
    } catch {
      // No storage: the page reloads at its top.
    }
    location.reload();
  }
  function restoreScroll(): void {
    try {
      const y = sessionStorage.getItem(scrollKey);
      if (y === null) return;
      sessionStorage.removeItem(scrollKey);
      window.scrollTo(0, Number(y));
    } catch {
      // As above.
    }
  }

  /** This page's entry in a patch: `/zh/` is `/zh/index.html`. */
  function patchFor(d: PatchEvent) {
    const p = location.pathname;
    return d.pages[p] ?? d.pages[p.endsWith('/') ? `${p}index.html` : p];
  }

  function onPatch(d: PatchEvent): void {
    if (pageBuild < 0 || d.build === pageBuild) return;
    const mine = patchFor(d);
    if (!mine || 'reload' in mine) return reload();
    for (const [id, html] of mine.parts) {
      const old = document.getElementById(id);
      if (!old) return reload();
      // The report's own HTML, as the server would send the whole page: made by the renderer, sanitised there.
      const t = document.createElement('template');
      t.innerHTML = html;
      old.replaceWith(t.content);
    }
    pageBuild = d.build;
    meta?.setAttribute('content', String(d.build));
  }

  function connect(): void {
    const es = new EventSource('/__baogao/events');
    const data = <T>(ev: Event): T => JSON.parse((ev as MessageEvent<string>).data) as T;
    es.addEventListener('patch', (ev) => onPatch(data<PatchEvent>(ev)));
    // A build on disk that no patch brought (a client connected late, or a full rebuild): reload.
    es.addEventListener('reload', (ev) => {
      const d = data<{ build: number }>(ev);
      if (pageBuild >= 0 && d.build !== pageBuild) reload();
    });
    es.addEventListener('state', (ev) => apply(data<WatchState>(ev)));
    es.addEventListener('fonts', (ev) => {
      const d = data<{ build: number }>(ev);
      document.querySelectorAll('link[rel="stylesheet"]').forEach((l) => {
        const href = l.getAttribute('href') ?? '';
        if (/fonts\.css(\?|$)/.test(href)) l.setAttribute('href', `${href.replace(/\?.*$/, '')}?v=${d.build}`);
      });
    });
    es.onerror = () => panel.disconnected();
    es.onopen = () => void refresh();
  }

  function start(): void {
    document.body.appendChild(panel.host);
    restoreScroll();
    void refresh().then(() => {
      if (state && pageBuild >= 0 && state.build !== pageBuild && !state.broken) return reload();
      const m = /^#baogao-finding-(\d+)$/.exec(location.hash);
      if (m) show(Number(m[1]));
    });
    connect();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}

main();
