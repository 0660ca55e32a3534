/**
 * The frame of check.html around its chapters: the summary, the legend of
 * statuses with their counts, and the findings, errors first, each linked to
 * the figure or block it is about.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { sortFindings, type FigureStatus, type Finding } from '../../diagnostics.js';
import { placeKey } from '../../model/text-places.js';
import { openItems } from '../../report/open-items.js';
import type { Edition } from '../../model.js';
import { STATUSES, type Anchors } from './status.js';

const LEGEND: Record<FigureStatus, { zh: string; en: string }> = {
  mismatch: { zh: '不一致', en: 'mismatch' },
  verified: { zh: '已与表格核对', en: 'verified against a table' },
  'cross-checked': { zh: '已与另一语言核对', en: 'checked against the other language' },
  'data-linked': { zh: '数据引用', en: 'data-linked (taken from a table)' },
  unchecked: { zh: '未核对', en: 'unchecked' },
};

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** A link to `href` when the place was rendered, else the place as text. */
const where = (text: string, href: string | undefined, className?: string): Element | ElementContent =>
  href ? h('a', { className, href }, text) : className ? h('span', { className }, text) : { type: 'text', value: text };

/** The page's header: summary, open items, re-graded rules, legend. */
export function header(edition: Edition, findings: Finding[], counts: Record<FigureStatus, number>): Element {
  const open = findings.filter((f) => !f.acknowledged);
  const count = (s: Finding['severity']) => open.filter((f) => f.severity === s).length;
  const acknowledged = findings.length - open.length;
  const todo = openItems(findings).length;
  const marked = STATUSES.reduce((n, s) => n + counts[s], 0);
  const summary = `${count('error')} errors, ${count('warning')} warnings, ${count('info')} notes${acknowledged ? `, ${acknowledged} acknowledged` : ''}`;
  const graded = edition.meta.severity.flatMap((s, i) => [...(i ? [', '] : []), h('span', { className: ['rule'] }, s.rule), ` → ${s.severity}`]);
  return h('header', [
    h('h1', '检查报告 · Check report'),
    h('p', [`${edition.dir} — `, h('span', { className: ['summary'] }, summary), `; ${marked} figures marked`]),
    todo ? h('p', { className: ['open-items'] }, `征求意见稿 · DRAFT: ${todo} items still open (TODO); build --final refuses until they are done.`) : [],
    graded.length ? h('p', { className: ['severities'] }, ['Severity set in edition.yaml: ', ...graded]) : [],
    h(
      'ul',
      { className: ['legend'] },
      STATUSES.map((s) => h('li', [h('span', { className: ['fig', `s-${s}`] }, `${LEGEND[s].zh} · ${LEGEND[s].en}`), ` ${counts[s]}`])),
    ),
  ]);
}

function findingItem(f: Finding, anchors: Anchors): Element {
  const ack = f.acknowledged;
  return h('li', { className: ['finding', f.severity, ...(ack ? ['acknowledged'] : [])], dataRule: f.ruleId }, [
    where(placeKey(f.place), anchors.href(f.place), 'where'),
    ' ',
    h('span', { className: ['sev'] }, `${ack ? 'acknowledged ' : ''}${f.severity}`),
    ...(f.severityFrom ? [' ', h('span', { className: ['graded'] }, `(${f.severityFrom} by default)`)] : []),
    ' ',
    h('span', { className: ['msg'] }, f.message),
    ' ',
    h('span', { className: ['rule'] }, f.ruleId),
    f.other ? h('div', { className: ['other'] }, [`↳ ${f.other.label ?? ''} `, where(placeKey(f.other), anchors.href(f.other))]) : [],
    ack ? h('div', { className: ['ack'] }, [`✓ acknowledged at ${placeKey(ack.place)}: `, h('span', { className: ['reason'] }, ack.reason)]) : [],
  ]);
}

/**
 * The findings, errors first, then warnings, then notes: what blocks printing
 * comes first. Built after the chapters, whose anchors the links point to.
 */
export function findingsSection(findings: Finding[], anchors: Anchors): Element {
  const sorted = sortFindings(findings).sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return h('section', { id: 'findings' }, [
    h('h2', 'Findings'),
    sorted.length
      ? h(
          'ol',
          { className: ['findings'] },
          sorted.map((f) => findingItem(f, anchors)),
        )
      : h('p', { className: ['no-findings'] }, 'No findings.'),
  ]);
}
