/**
 * The findings panel at the bottom right: counts, links to the pages, the
 * PDF and Excel buttons, and one link per finding. Every text goes in with
 * textContent: nothing of the edition is parsed as HTML here.
 */
import shadowCss from './shadow.css';
import { el, pageKind, SEVERITY_WORDS, type WatchState } from './state';
import { pageFor } from './targets';

export interface Panel {
  host: HTMLElement;
  render(state: WatchState, current: number | null): void;
  disconnected(): void;
}

/** A host element with its own shadow root and the panel's styles in it. */
export function shadowHost(id: string): { host: HTMLElement; root: ShadowRoot | HTMLElement } {
  const host = el('div');
  host.id = id;
  const root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
  root.appendChild(el('style', null, shadowCss));
  return { host, root };
}

export function createPanel(opts: { show(i: number): boolean; refresh(): void }): Panel {
  const { host, root } = shadowHost('baogao-watch');
  const panel = el('section', 'panel');
  panel.setAttribute('aria-label', 'baogao watch');
  const head = el('div', 'head');
  const counts = el('span', 'counts');
  const metaLine = el('span', 'meta', 'connecting…');
  const toggle = el('button', 'toggle', '▾');
  toggle.title = 'fold / unfold';
  head.append(el('span', 'name', 'baogao'), counts, metaLine, toggle);
  const body = el('div', 'body');
  const bar = el('div', 'bar');
  const artifact = el('div', 'artifact');
  artifact.hidden = true;
  const list = el('ol');
  body.append(bar, artifact, list);
  panel.append(head, body);
  root.appendChild(panel);
  try {
    if (localStorage.getItem('baogao-watch-collapsed') === '1') panel.classList.add('collapsed');
  } catch {
    // Storage refused (private mode): the panel starts unfolded.
  }
  head.addEventListener('click', () => {
    panel.classList.toggle('collapsed');
    try {
      localStorage.setItem('baogao-watch-collapsed', panel.classList.contains('collapsed') ? '1' : '0');
    } catch {
      // As above.
    }
  });

  const buttons = { pdf: el('button', null, 'PDF'), xlsx: el('button', null, 'Excel') };
  buttons.pdf.title = 'build the PDF now (key p in the terminal)';
  buttons.xlsx.title = 'build the Excel annex now (key x in the terminal)';
  for (const [format, button] of Object.entries(buttons)) {
    button.addEventListener('click', (ev) => {
      ev.stopPropagation();
      button.disabled = true;
      fetch(`/build?format=${format}`, { method: 'POST' }).then(
        (r) => r.json().then(() => opts.refresh()),
        () => opts.refresh(),
      );
    });
  }

  function renderBar(state: WatchState): void {
    bar.textContent = '';
    const here = location.pathname.replace(/index\.html$/, '');
    for (const p of state.pages ?? []) {
      const a = el('a', null, p.label);
      a.href = p.href;
      if (p.href.replace(/index\.html$/, '') === here) a.setAttribute('aria-current', 'page');
      bar.appendChild(a);
    }
    bar.append(el('span', 'sep'), buttons.pdf, buttons.xlsx);
  }

  function renderArtifacts(state: WatchState): void {
    const arts = state.artifacts ?? {};
    artifact.textContent = '';
    artifact.hidden = Object.keys(arts).length === 0;
    artifact.className = 'artifact';
    buttons.pdf.disabled = arts.pdf?.status === 'building';
    buttons.xlsx.disabled = arts.xlsx?.status === 'building';
    for (const [k, a] of Object.entries(arts)) {
      if (!a) continue;
      const line = el('div');
      if (a.status === 'failed') artifact.className = 'artifact failed';
      line.appendChild(el('span', null, `${k === 'pdf' ? 'PDF' : 'Excel'}: ${a.message} `));
      for (const f of a.files ?? []) {
        const link = el('a', null, f);
        link.href = `/${f}`;
        link.target = '_blank';
        line.appendChild(link);
      }
      artifact.appendChild(line);
    }
  }

  function renderCounts(state: WatchState): void {
    counts.textContent = '';
    for (const s of ['error', 'warning', 'info'] as const) {
      const n = state.counts[s] || 0;
      const span = el('span', `count ${s}${n === 0 ? ' zero' : ''}`, String(n));
      span.title = `${n} ${SEVERITY_WORDS[s][n === 1 ? 0 : 1]}`;
      counts.append(span, document.createTextNode(' '));
    }
    const bits = [`build ${state.build}`];
    if (state.ms !== undefined && state.ms !== null) bits.push(`${state.ms} ms`);
    if (state.draft) bits.push('DRAFT');
    if (state.broken) bits.push('last save has errors');
    metaLine.textContent = bits.join(' · ');
  }

  function renderList(state: WatchState, current: number | null): void {
    list.textContent = '';
    if (!state.findings.length) {
      list.appendChild(el('li', 'empty', 'No findings: every check passed.'));
      return;
    }
    state.findings.forEach((f, i) => {
      const li = el('li');
      const a = el('a', i === current ? 'current' : null);
      a.href = pageKind() === 'other' ? `${pageFor(f)}#baogao-finding-${i}` : `#baogao-finding-${i}`;
      a.append(
        el('span', `sev ${f.severity}`, SEVERITY_WORDS[f.severity]?.[0] ?? f.severity),
        el('span', 'where', `${f.file}:${f.line}:${f.column}`),
        el('span', 'rule', f.ruleId),
        el('span', 'msg', f.message),
      );
      a.addEventListener('click', (ev) => {
        if (pageKind() === 'other') return;
        ev.preventDefault();
        if (!opts.show(i)) a.title = 'not shown on this page';
      });
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  return {
    host,
    render(state, current) {
      renderCounts(state);
      renderBar(state);
      renderArtifacts(state);
      renderList(state, current);
    },
    disconnected() {
      metaLine.textContent = 'disconnected: is baogao watch still running?';
    },
  };
}
