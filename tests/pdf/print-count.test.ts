/**
 * PrintCount: the build's work that no print waits for (the check report, the
 * workbook) waits for a core the prints leave free, and Chromium closes when
 * no page is printing. A page whose language fails before it reaches
 * Chromium must free its place too, or the build would wait for ever.
 */
import { describe, expect, it } from 'vitest';
import { PrintCount } from '../../src/render/pdf/print-count.js';

/** Whether the promise has settled once the queued callbacks have run. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setImmediate(r));
  return done;
}

describe('PrintCount', () => {
  it('on two cores, lets work start once one of two pages has printed', async () => {
    let none = 0;
    const count = new PrintCount(2, () => none++);
    expect(await settled(count.coreFree())).toBe(true);
    const zh = count.start();
    expect(await settled(count.coreFree())).toBe(true);
    const en = count.start();
    const free = count.coreFree();
    expect(await settled(free)).toBe(false);
    en();
    expect(await settled(free)).toBe(true);
    expect(none).toBe(0);
    zh();
    expect(none).toBe(1);
  });

  it('counts a page once, however often its end is reported (a failure after the print)', async () => {
    let none = 0;
    const count = new PrintCount(1, () => none++);
    const zh = count.start();
    const en = count.start();
    zh();
    zh();
    expect(await settled(count.coreFree())).toBe(false);
    expect(none).toBe(0);
    en();
    expect(await settled(count.coreFree())).toBe(true);
    expect(none).toBe(1);
  });

  it('on many cores never makes the work wait', async () => {
    const count = new PrintCount(8, () => undefined);
    count.start();
    count.start();
    expect(await settled(count.coreFree())).toBe(true);
  });
});
