/**
 * Shared by the DOCX tests: builds the Word copies with the CLI, as an editor
 * would, and reads their XML parts back as DOMs (jszip + xmldom).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { run } from '../../src/cli/run.js';
import { captureIo, SAMPLE, tempDir } from '../helpers.js';

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** Builds `edition` with `--format docx` into a fresh folder and returns it. */
export async function buildDocx(edition = SAMPLE, extra: string[] = []): Promise<string> {
  const out = path.join(tempDir('baogao-docx-'), 'out');
  const io = captureIo();
  const code = await run(['build', edition, '--format', 'docx', '--out', out, ...extra], io);
  if (code !== 0) throw new Error(`build failed (${code}):\n${io.stderr.join('\n')}`);
  return out;
}

export interface Package {
  zip: JSZip;
  part: (name: string) => Promise<Document>;
}

export async function openDocx(file: string | Buffer): Promise<Package> {
  const zip = await JSZip.loadAsync(typeof file === 'string' ? fs.readFileSync(file) : file);
  return {
    zip,
    part: async (name) => {
      const entry = zip.file(name);
      if (!entry) throw new Error(`no part ${name}`);
      return new DOMParser().parseFromString(await entry.async('string'), 'text/xml');
    },
  };
}

/** Elements `w:name` under `root`, in document order. */
export function all(root: Document | Element, name: string): Element[] {
  return Array.from(root.getElementsByTagNameNS(W, name));
}

export const wAttr = (e: Element, name: string) => e.getAttributeNS(W, name);

/** The text of a paragraph or cell: its w:t. */
export function text(e: Element): string {
  return all(e, 't')
    .map((t) => t.textContent ?? '')
    .join('');
}

/** The style id of a paragraph. */
export function styleOf(p: Element): string | undefined {
  const s = all(p, 'pStyle')[0];
  return s ? (wAttr(s, 'val') ?? undefined) : undefined;
}
