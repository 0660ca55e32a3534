/**
 * `baogao watch` never serves a file the loader refused: a chapter replaced
 * by a symlink to /etc/passwd is an error in the state, and its excerpt
 * (which the page shows under the error) holds nothing of the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWatch, type WatchHandle, type WatchState } from '../src/watch/index.js';
import { captureIo, TEMPLATES, tempDir } from './helpers.js';

const BASE = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures/bad/_base');

describe('baogao watch with a chapter symlinked out of the edition', () => {
  let w: WatchHandle;
  let dir: string;
  beforeAll(async () => {
    dir = path.join(tempDir(), 'edition');
    fs.cpSync(BASE, dir, { recursive: true });
    fs.rmSync(path.join(dir, 'en', '02-plan.md'));
    fs.symlinkSync('/etc/passwd', path.join(dir, 'en', '02-plan.md'));
    w = await startWatch({ edition: dir, out: path.join(tempDir(), 'out'), port: 0, templates: TEMPLATES, io: captureIo(), debounceMs: 20 });
  });
  afterAll(async () => {
    await w?.close();
  });

  it('reports the refused file and shows none of its lines', async () => {
    const res = await fetch(new URL('__baogao/state', w.url));
    const text = await res.text();
    const state = JSON.parse(text) as WatchState;
    const errors = [...(state.broken?.errors ?? []), ...state.findings.filter((f) => f.severity === 'error')];
    const refused = errors.find((e) => e.file.endsWith(path.join('en', '02-plan.md')));
    expect(refused?.message).toMatch(/leads outside the edition folder/);
    expect(text).not.toMatch(/root:.*:0:0:/);
    const passwdFirstLine = fs.readFileSync('/etc/passwd', 'utf8').split('\n')[0];
    expect(text).not.toContain(passwdFirstLine);
  });
});
