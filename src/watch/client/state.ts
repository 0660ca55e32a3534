/**
 * The shapes the server sends (src/watch/index.ts `WatchState`, the `patch`
 * event): repeated here because the page's code is type-checked against the
 * DOM, not against Node, and imports nothing from the server's side.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Target {
  place: string;
  lang?: 'zh' | 'en';
  table?: string;
  row?: string;
  column?: number;
  figure?: string;
  cover?: boolean;
  chapter?: string;
  block?: number;
  pages?: Partial<Record<PageKind, number>>;
}

export interface FindingView {
  severity: Severity;
  ruleId: string;
  message: string;
  file: string;
  line: number;
  column: number;
  target: Target;
}

export interface ErrorView extends FindingView {
  excerpt: { line: number; from: number; text: string }[];
}

export interface ArtifactState {
  status: 'building' | 'done' | 'failed';
  message: string;
  files: string[];
}

export interface WatchState {
  edition: string;
  title?: { zh: string; en: string };
  build: number;
  ms?: number;
  draft: boolean;
  counts: Record<Severity, number>;
  findings: FindingView[];
  broken?: { at: string; errors: ErrorView[]; more: number };
  pages: { href: string; label: string; note?: string }[];
  artifacts: Partial<Record<'pdf' | 'xlsx', ArtifactState>>;
}

/** The `patch` event: per page, the chapter sections that changed, or `reload` when more than they did. */
export interface PatchEvent {
  build: number;
  ms: number;
  pages: Record<string, { reload: true } | { parts: [string, string][] }>;
}

export type PageKind = 'zh' | 'en' | 'bilingual' | 'other';

export const SEVERITY_WORDS: Record<Severity, [string, string]> = { error: ['error', 'errors'], warning: ['warning', 'warnings'], info: ['note', 'notes'] };

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string | null, text?: string | number): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

export const where = (f: { file: string; line: number; column: number }) => `${f.file}:${f.line}:${f.column}`;

export function pageKind(): PageKind {
  const p = location.pathname;
  if (/\/bilingual\.html$/.test(p)) return 'bilingual';
  const m = /\/(zh|en)\/(index\.html)?$/.exec(p);
  return m ? (m[1] as 'zh' | 'en') : 'other';
}
