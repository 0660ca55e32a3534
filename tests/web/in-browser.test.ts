/**
 * The published pages in Chromium: on a phone (320 and 390 px) nothing but a
 * table's or the chart's own region scrolls sideways (WCAG 1.4.10 reflow);
 * on a desktop the lines stay readable (at most 40 Chinese, 80 English
 * characters); axe-core finds no accessibility violation.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBrowser } from '../../src/render/pdf/find-browser.js';
import { sharedSampleBuild } from '../sample-build.js';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PAGES = ['zh/index.html', 'en/index.html', 'bilingual.html'];
let out: string;
let browser: Browser;

beforeAll(async () => {
  ({ out } = await sharedSampleBuild());
  const { path: executablePath } = await ensureBrowser();
  const root = process.getuid?.() === 0;
  browser = await puppeteer.launch({ executablePath, headless: true, pipe: true, args: root ? ['--no-sandbox'] : [] });
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

async function open(rel: string, width: number) {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 800 });
  await page.goto(pathToFileURL(path.join(out, rel)).href, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page;
}

describe.each(PAGES)('%s', (rel) => {
  it.each([320, 390])('fits a %i px wide screen without scrolling the page sideways', async (width) => {
    const page = await open(rel, width);
    try {
      const { scrollWidth, wide } = await page.evaluate(() => {
        // What sticks out of the viewport, outside a scrolling region: the culprit when the page is too wide.
        const vw = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('body *')]
          .filter((el) => !el.closest('.scroll-region') && el.getBoundingClientRect().right > vw + 1)
          .slice(0, 5)
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
        return { scrollWidth: document.documentElement.scrollWidth, wide };
      });
      expect(wide).toEqual([]);
      expect(scrollWidth).toBeLessThanOrEqual(width);
    } finally {
      await page.close();
    }
  });

  it('has no axe-core violation', async () => {
    const page = await open(rel, 1280);
    try {
      await page.addScriptTag({ content: AXE });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
        const result = await axe.run(document);
        return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
      expect(violations).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('the chart on a phone', () => {
  it('keeps its labels at 11 px or more, scrolling in its own region', async () => {
    const page = await open('zh/index.html', 390);
    try {
      const sizes = await page.evaluate(() =>
        [...document.querySelectorAll('.chart svg text')].map((t) => {
          const svg = t.closest('svg')!;
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          return parseFloat(getComputedStyle(t).fontSize) * scale;
        }),
      );
      expect(sizes.length).toBeGreaterThan(3);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
    } finally {
      await page.close();
    }
  });
});

describe.each([
  ['zh/index.html', 40],
  ['en/index.html', 80],
] as const)('%s on a desktop', (rel, most) => {
  it(`sets paragraphs at most ${most} characters to the line`, async () => {
    const page = await open(rel, 1600);
    try {
      const perLine = await page.evaluate((han) => {
        const ctx = document.createElement('canvas').getContext('2d')!;
        const out: number[] = [];
        for (const p of [...document.querySelectorAll('main p')].slice(0, 40)) {
          const text = p.textContent ?? '';
          if (text.length < 200) continue;
          const style = getComputedStyle(p);
          const width = p.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          // Chinese counts Han characters (one em each); English, characters of the paragraph's own average width.
          ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const each = han ? parseFloat(style.fontSize) + (parseFloat(style.letterSpacing) || 0) : ctx.measureText(text).width / text.length;
          out.push(width / each);
        }
        return out;
      }, rel.startsWith('zh'));
      expect(perLine.length).toBeGreaterThan(5);
      expect(Math.max(...perLine)).toBeLessThanOrEqual(most);
      expect(Math.max(...perLine)).toBeGreaterThan(most * 0.6);
    } finally {
      await page.close();
    }
  });
});
