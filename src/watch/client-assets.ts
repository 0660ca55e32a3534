/**
 * The static assets `baogao watch` adds to the served pages: the panel's
 * script and stylesheet, the index page and the not-found page. They are
 * constants: nothing from the edition is ever concatenated into them. The
 * script fetches the build state as JSON and puts every text into the page
 * with `textContent`, so an edition's text is never parsed as HTML here.
 */

/** Added before `</head>` of every served page; `BUILD` is replaced by the build number (an integer). */
export const INJECT_TEMPLATE = '<meta name="baogao-build" content="BUILD"><link rel="stylesheet" href="/__baogao/panel.css"><script src="/__baogao/client.js" defer></script>';

/** The tag with the build number, for one page. */
export function injectTag(build: number): string {
  return INJECT_TEMPLATE.replace('BUILD', String(Math.trunc(build)));
}

export const PANEL_CSS = `/* baogao watch: the findings panel, the error overlay and the highlight. */
.baogao-flash { outline: 3px solid #e8a317 !important; outline-offset: 3px; background-color: rgba(255, 214, 102, 0.45) !important; transition: background-color 0.4s; }
.baogao-target { outline: 2px dashed #e8a317 !important; outline-offset: 3px; }
@media print { #baogao-watch, #baogao-overlay { display: none !important; } }
#baogao-watch, #baogao-overlay { all: initial; }
#baogao-watch { position: fixed; right: 12px; bottom: 12px; z-index: 2147483646; }
#baogao-overlay { position: fixed; left: 0; right: 0; top: 0; z-index: 2147483647; }
`;

/** Styles inside the panel's shadow root (isolated from the report's stylesheet). */
export const SHADOW_CSS = `
:host { font: 13px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans SC", sans-serif; color: #1d232b; }
.panel { width: min(460px, calc(100vw - 24px)); max-height: 70vh; display: flex; flex-direction: column; background: #fff; border: 1px solid #c6ccd4; border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.18); overflow: hidden; }
.panel.collapsed .body { display: none; }
.head { display: flex; align-items: center; gap: 8px; padding: 6px 10px; background: #f3f5f8; border-bottom: 1px solid #dde2e8; cursor: pointer; user-select: none; }
.head .name { font-weight: 600; }
.head .meta { color: #59636e; flex: 1; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.count { border-radius: 9px; padding: 0 7px; font-weight: 600; font-variant-numeric: tabular-nums; }
.count.error { background: #fde2e1; color: #a4161a; }
.count.warning { background: #fff1c7; color: #7a5200; }
.count.info { background: #e3eefc; color: #174a8b; }
.count.zero { background: #e9f6ec; color: #21613a; }
.body { overflow: auto; }
.bar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 6px 10px; border-bottom: 1px solid #eef0f3; }
.bar a { color: #174a8b; text-decoration: none; }
.bar a[aria-current="page"] { font-weight: 600; text-decoration: underline; }
.bar .sep { flex: 1; }
button { font: inherit; padding: 2px 9px; border: 1px solid #b5bec8; border-radius: 5px; background: #fff; cursor: pointer; }
button:disabled { opacity: .55; cursor: progress; }
.artifact { padding: 4px 10px; color: #3d4650; border-bottom: 1px solid #eef0f3; }
.artifact a { color: #174a8b; margin-right: 8px; }
.artifact.failed { color: #a4161a; }
ol { list-style: none; margin: 0; padding: 0; }
li a { display: block; padding: 5px 10px; color: inherit; text-decoration: none; border-bottom: 1px solid #f1f3f5; }
li a:hover, li a:focus { background: #f5f8fc; outline: none; }
li a.current { background: #fff6dc; }
.sev { display: inline-block; min-width: 54px; font-weight: 600; font-size: 11px; text-transform: uppercase; }
.sev.error { color: #a4161a; } .sev.warning { color: #8a5d00; } .sev.info { color: #174a8b; }
.where { color: #59636e; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 11.5px; }
.rule { color: #8a939d; font-size: 11px; margin-left: 4px; }
.msg { display: block; margin-top: 1px; }
.empty { padding: 10px; color: #21613a; }
.overlay { max-height: 80vh; overflow: auto; background: #fff7f7; border-bottom: 3px solid #c62828; box-shadow: 0 6px 24px rgba(0,0,0,.2); padding: 12px 18px; }
.overlay h2 { margin: 0 0 4px; font-size: 16px; color: #a4161a; }
.overlay p { margin: 0 0 10px; color: #3d4650; }
.err { margin: 10px 0; }
.err .where { font-size: 12.5px; color: #1d232b; font-weight: 600; }
.err .msg { margin: 2px 0 4px; }
pre { margin: 0; padding: 6px 8px; background: #fff; border: 1px solid #f0c9c9; border-radius: 4px; overflow: auto; font: 12px/1.5 ui-monospace, Menlo, Consolas, "Noto Sans Mono CJK SC", monospace; }
pre .ln { color: #8a939d; user-select: none; }
pre .hit { background: #fde2e1; display: inline-block; min-width: 100%; }
pre .caret { color: #c62828; font-weight: 700; }
`;

/**
 * The panel's script. Plain ES2017 in one closure; builds every element with
 * createElement and fills it with textContent.
 */
export const CLIENT_JS = `(function () {
  'use strict';
  if (window.__baogaoWatch) return;
  window.__baogaoWatch = true;
  var meta = document.querySelector('meta[name="baogao-build"]');
  var pageBuild = meta ? Number(meta.getAttribute('content')) : -1;
  var state = null;
  var current = null;
  var SEV = { error: ['error', 'errors'], warning: ['warning', 'warnings'], info: ['note', 'notes'] };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function where(f) { return f.file + ':' + f.line + ':' + f.column; }
  function pageKind() {
    var p = location.pathname;
    if (/\\/bilingual\\.html$/.test(p)) return 'bilingual';
    var m = /\\/(zh|en)\\/(index\\.html)?$/.exec(p);
    return m ? m[1] : 'other';
  }
  function byId(id) {
    var all = document.querySelectorAll('[id="' + CSS.escape(id) + '"]');
    return Array.prototype.slice.call(all);
  }
  function elementChildren(node) {
    return Array.prototype.filter.call(node.children, function (c) { return c.id !== 'baogao-watch' && c.id !== 'baogao-overlay'; });
  }

  /** The elements of this page that show the place of a finding. */
  function resolve(t) {
    var kind = pageKind();
    if (!t) return [];
    var nums = document.querySelectorAll('span.num[data-place="' + CSS.escape(t.place) + '"]');
    if (nums.length) return Array.prototype.slice.call(nums);
    if (t.table) {
      var tables = byId('table-' + t.table);
      if (t.row === undefined) return tables;
      var rows = [];
      tables.forEach(function (tb) {
        var tr = tb.querySelector('tr[data-row="' + CSS.escape(t.row) + '"]');
        if (!tr) return;
        if (t.column !== undefined && tr.children[t.column]) rows.push(tr.children[t.column]);
        else rows.push(tr);
      });
      return rows.length ? rows : tables;
    }
    if (t.figure) return byId('figure-' + t.figure);
    if (t.cover) return Array.prototype.slice.call(document.querySelectorAll('.cover, .bi-header'));
    if (t.chapter !== undefined && t.block !== undefined) {
      var at = t.pages && t.pages[kind] !== undefined ? t.pages[kind] : t.block;
      if (kind === 'bilingual') return byId(t.chapter + '-b' + (at + 1));
      var sec = byId('chapter-' + t.chapter)[0];
      if (!sec) return [];
      var blocks = elementChildren(sec);
      return blocks[at] ? [blocks[at]] : [sec];
    }
    return [];
  }

  function pageFor(f) {
    var t = f.target || {};
    return t.lang === 'en' ? '/en/index.html' : '/zh/index.html';
  }

  function show(i) {
    if (!state) return false;
    var f = state.findings[i];
    if (!f) return false;
    var kind = pageKind();
    if (kind === 'other') { location.href = pageFor(f) + '#baogao-finding-' + i; return true; }
    var found = resolve(f.target);
    document.querySelectorAll('.baogao-target').forEach(function (e) { e.classList.remove('baogao-target'); });
    if (!found.length) return false;
    found.forEach(function (e) {
      e.classList.add('baogao-target');
      e.classList.remove('baogao-flash');
      void e.offsetWidth;
      e.classList.add('baogao-flash');
      setTimeout(function () { e.classList.remove('baogao-flash'); }, 2500);
    });
    found[0].scrollIntoView({ block: 'center', behavior: 'smooth' });
    current = i;
    renderList();
    return true;
  }

  // ---- the panel -----------------------------------------------------------
  var host = el('div');
  host.id = 'baogao-watch';
  var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
  var style = el('style');
  style.textContent = ${JSON.stringify(SHADOW_CSS)};
  root.appendChild(style);
  var panel = el('section', 'panel');
  panel.setAttribute('aria-label', 'baogao watch');
  var head = el('div', 'head');
  var name = el('span', 'name', 'baogao');
  var counts = el('span', 'counts');
  var metaLine = el('span', 'meta', 'connecting…');
  var toggle = el('button', 'toggle', '▾');
  toggle.title = 'fold / unfold';
  head.appendChild(name); head.appendChild(counts); head.appendChild(metaLine); head.appendChild(toggle);
  var body = el('div', 'body');
  var bar = el('div', 'bar');
  var artifact = el('div', 'artifact');
  artifact.hidden = true;
  var list = el('ol');
  body.appendChild(bar); body.appendChild(artifact); body.appendChild(list);
  panel.appendChild(head); panel.appendChild(body);
  root.appendChild(panel);
  try { if (localStorage.getItem('baogao-watch-collapsed') === '1') panel.classList.add('collapsed'); } catch (e) {}
  head.addEventListener('click', function () {
    panel.classList.toggle('collapsed');
    try { localStorage.setItem('baogao-watch-collapsed', panel.classList.contains('collapsed') ? '1' : '0'); } catch (e) {}
  });

  var pdfButton = el('button', null, 'PDF');
  var xlsxButton = el('button', null, 'Excel');
  pdfButton.title = 'build the PDF now (key p in the terminal)';
  xlsxButton.title = 'build the Excel annex now (key x in the terminal)';
  [['pdf', pdfButton], ['xlsx', xlsxButton]].forEach(function (pair) {
    pair[1].addEventListener('click', function (ev) {
      ev.stopPropagation();
      pair[1].disabled = true;
      fetch('/build?format=' + pair[0], { method: 'POST' }).then(function (r) { return r.json(); }).then(function () { refresh(); }, function () { refresh(); });
    });
  });

  function renderBar() {
    bar.textContent = '';
    var links = (state && state.pages) || [];
    var here = location.pathname.replace(/index\\.html$/, '');
    links.forEach(function (p) {
      var a = el('a', null, p.label);
      a.href = p.href;
      if (p.href.replace(/index\\.html$/, '') === here) a.setAttribute('aria-current', 'page');
      bar.appendChild(a);
    });
    bar.appendChild(el('span', 'sep'));
    bar.appendChild(pdfButton);
    bar.appendChild(xlsxButton);
  }

  function renderArtifacts() {
    var arts = (state && state.artifacts) || {};
    var keys = Object.keys(arts);
    artifact.textContent = '';
    artifact.hidden = keys.length === 0;
    artifact.className = 'artifact';
    pdfButton.disabled = !!(arts.pdf && arts.pdf.status === 'building');
    xlsxButton.disabled = !!(arts.xlsx && arts.xlsx.status === 'building');
    keys.forEach(function (k) {
      var a = arts[k];
      var line = el('div');
      if (a.status === 'failed') artifact.className = 'artifact failed';
      line.appendChild(el('span', null, (k === 'pdf' ? 'PDF' : 'Excel') + ': ' + a.message + ' '));
      (a.files || []).forEach(function (f) {
        var link = el('a', null, f);
        link.href = '/' + f;
        link.target = '_blank';
        line.appendChild(link);
      });
      artifact.appendChild(line);
    });
  }

  function renderCounts() {
    counts.textContent = '';
    var c = state.counts;
    ['error', 'warning', 'info'].forEach(function (s) {
      var n = c[s] || 0;
      var span = el('span', 'count ' + s + (n === 0 ? ' zero' : ''), String(n));
      span.title = n + ' ' + SEV[s][n === 1 ? 0 : 1];
      counts.appendChild(span);
      counts.appendChild(document.createTextNode(' '));
    });
    var bits = ['build ' + state.build];
    if (state.ms !== undefined && state.ms !== null) bits.push(state.ms + ' ms');
    if (state.draft) bits.push('DRAFT');
    if (state.broken) bits.push('last save has errors');
    metaLine.textContent = bits.join(' · ');
  }

  function renderList() {
    list.textContent = '';
    if (!state) return;
    if (!state.findings.length) {
      list.appendChild(el('li', 'empty', 'No findings: every check passed.'));
      return;
    }
    state.findings.forEach(function (f, i) {
      var li = el('li');
      var a = el('a', i === current ? 'current' : null);
      a.href = pageKind() === 'other' ? pageFor(f) + '#baogao-finding-' + i : '#baogao-finding-' + i;
      a.appendChild(el('span', 'sev ' + f.severity, SEV[f.severity] ? SEV[f.severity][0] : f.severity));
      a.appendChild(el('span', 'where', where(f)));
      a.appendChild(el('span', 'rule', f.ruleId));
      a.appendChild(el('span', 'msg', f.message));
      a.addEventListener('click', function (ev) {
        if (pageKind() === 'other') return;
        ev.preventDefault();
        if (!show(i)) a.title = 'not shown on this page';
      });
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  // ---- the error overlay ---------------------------------------------------
  var overlayHost = null;
  function renderOverlay() {
    var broken = state && state.broken;
    if (!broken) {
      if (overlayHost) { overlayHost.remove(); overlayHost = null; }
      return;
    }
    if (!overlayHost) {
      overlayHost = el('div');
      overlayHost.id = 'baogao-overlay';
      var sr = overlayHost.attachShadow ? overlayHost.attachShadow({ mode: 'open' }) : overlayHost;
      var st = el('style');
      st.textContent = ${JSON.stringify(SHADOW_CSS)};
      sr.appendChild(st);
      sr.appendChild(el('div', 'overlay'));
      document.body.appendChild(overlayHost);
    }
    var box = (overlayHost.shadowRoot || overlayHost).querySelector('.overlay');
    box.textContent = '';
    box.setAttribute('role', 'alert');
    box.appendChild(el('h2', null, 'The last save broke the edition · 最近一次保存有错误'));
    box.appendChild(el('p', null, state.build > 0
      ? 'This page is the last good build (build ' + state.build + '). Fix the place below and save: the page reloads by itself.'
      : 'Nothing could be built yet. Fix the place below and save: the page reloads by itself.'));
    broken.errors.forEach(function (f) {
      var div = el('div', 'err');
      div.appendChild(el('div', 'where', where(f)));
      div.appendChild(el('div', 'msg', f.message + '  (' + f.ruleId + ')'));
      if (f.excerpt && f.excerpt.length) {
        var pre = el('pre');
        var width = String(f.excerpt[f.excerpt.length - 1].line).length;
        f.excerpt.forEach(function (l) {
          var row = el('span', l.line === f.line ? 'hit' : null);
          var num = String(l.line);
          while (num.length < width) num = ' ' + num;
          row.appendChild(el('span', 'ln', num + ' | '));
          row.appendChild(document.createTextNode((l.from > 0 ? '…' : '') + l.text));
          pre.appendChild(row);
          pre.appendChild(document.createTextNode('\\n'));
          if (l.line === f.line) {
            var pad = '';
            for (var k = 0; k < width + 3 + (l.from > 0 ? 1 : 0) + Math.max(0, f.column - 1 - l.from); k++) pad += ' ';
            pre.appendChild(el('span', 'caret', pad + '^'));
            pre.appendChild(document.createTextNode('\\n'));
          }
        });
        div.appendChild(pre);
      }
      box.appendChild(div);
    });
    if (broken.more) box.appendChild(el('p', null, '… and ' + broken.more + ' more (see the terminal).'));
  }

  // ---- the index page ------------------------------------------------------
  function renderIndex() {
    var box = document.getElementById('baogao-index');
    if (!box || !state) return;
    var title = box.querySelector('[data-slot="title"]');
    var list2 = box.querySelector('[data-slot="pages"]');
    title.textContent = state.title ? state.title.zh + ' · ' + state.title.en : state.edition;
    document.title = 'baogao watch · ' + state.edition;
    list2.textContent = '';
    (state.pages || []).forEach(function (p) {
      var li = el('li');
      var a = el('a', null, p.label);
      a.href = p.href;
      li.appendChild(a);
      if (p.note) li.appendChild(el('span', 'note', ' — ' + p.note));
      list2.appendChild(li);
    });
  }

  function apply(s) {
    state = s;
    renderCounts(); renderBar(); renderArtifacts(); renderList(); renderOverlay(); renderIndex();
  }

  function refresh() {
    return fetch('/__baogao/state', { cache: 'no-store' }).then(function (r) { return r.json(); }).then(apply);
  }

  function keepScroll() {
    try { sessionStorage.setItem('baogao-scroll:' + location.pathname, String(window.scrollY)); } catch (e) {}
  }
  function restoreScroll() {
    try {
      var y = sessionStorage.getItem('baogao-scroll:' + location.pathname);
      if (y !== null) { sessionStorage.removeItem('baogao-scroll:' + location.pathname); window.scrollTo(0, Number(y)); }
    } catch (e) {}
  }

  function connect() {
    var es = new EventSource('/__baogao/events');
    es.addEventListener('reload', function (ev) {
      var d = JSON.parse(ev.data);
      if (d.build !== pageBuild) { keepScroll(); location.reload(); }
    });
    es.addEventListener('state', function (ev) { apply(JSON.parse(ev.data)); });
    es.addEventListener('fonts', function (ev) {
      var d = JSON.parse(ev.data);
      document.querySelectorAll('link[rel="stylesheet"]').forEach(function (l) {
        var href = l.getAttribute('href') || '';
        if (/fonts\\.css(\\?|$)/.test(href)) l.setAttribute('href', href.replace(/\\?.*$/, '') + '?v=' + d.build);
      });
    });
    es.onerror = function () { metaLine.textContent = 'disconnected: is baogao watch still running?'; };
    es.onopen = function () { refresh(); };
  }

  function start() {
    document.body.appendChild(host);
    restoreScroll();
    refresh().then(function () {
      if (state && pageBuild >= 0 && state.build !== pageBuild && !state.broken) { keepScroll(); location.reload(); return; }
      var m = /^#baogao-finding-(\\d+)$/.exec(location.hash);
      if (m) show(Number(m[1]));
    });
    connect();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
`;

/** The index page: links to both languages and the bilingual view, filled in by the script. */
export const INDEX_HTML = `<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>baogao watch</title>
<style>
body { font: 16px/1.6 system-ui, -apple-system, "Segoe UI", "Noto Sans SC", sans-serif; margin: 3rem auto; max-width: 46rem; padding: 0 1rem; color: #1d232b; }
h1 { font-size: 1.3rem; }
li { margin: .4rem 0; }
a { color: #174a8b; }
.note { color: #59636e; }
p.help { color: #59636e; }
</style>
</head>
<body>
<main id="baogao-index">
<h1 data-slot="title">baogao watch</h1>
<ul data-slot="pages"></ul>
<p class="help">The pages reload by themselves when a file of the edition is saved. The panel at the bottom right lists the check's findings: click one to see its place. 保存文件后页面自动刷新；右下角列出检查结果，点击可定位。</p>
</main>
</body>
</html>
`;

/** A page that is not (yet) in the output folder. */
export const NOT_FOUND_HTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Not found · baogao watch</title>
<style>body { font: 16px/1.6 system-ui, sans-serif; margin: 3rem auto; max-width: 40rem; padding: 0 1rem; color: #1d232b; } a { color: #174a8b; }</style>
</head>
<body>
<h1>Not found · 未找到</h1>
<p>This page is not in the build. <a href="/">Back to the index</a>.</p>
</body>
</html>
`;
