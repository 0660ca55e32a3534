/**
 * The report's chart as a PNG for Word: the same ECharts SVG as the HTML and
 * the PDF, rasterised by resvg (a prebuilt binary inside its npm package) at
 * print resolution, with the npm font slices its labels need, never the
 * machine's fonts, so the pixels are the same on every machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import type { Figure, Lang } from '../../model.js';
import { chartDescription, renderChart } from '../chart.js';
import { codePoints, fontFilesFor } from '../fonts.js';
import { woffToSfnt } from './woff.js';

/** Width in pixels: the 156 mm text block at 300 dpi is 1843 px. */
export const CHART_PX = 1920;

/** The chart's PNG and its size in pixels. */
export function chartPng(f: Figure, lang: Lang): { png: Buffer; width: number; height: number } {
  const svg = renderChart(f, lang, chartDescription(f, lang));
  const text = [...svg.matchAll(/>([^<]+)</g)].map((m) => m[1]);
  const files = fontFilesFor(codePoints(text), /^(noto-serif-sc|noto-sans-sc|source-serif-4)-.*-(400|700)-normal\.woff2$/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baogao-fonts-'));
  try {
    const fontFiles = files.map((woff2) => {
      const out = path.join(dir, path.basename(woff2).replace(/\.woff2$/, '.otf'));
      fs.writeFileSync(out, woffToSfnt(fs.readFileSync(woff2.replace(/\.woff2$/, '.woff'))));
      return out;
    });
    const resvg = new Resvg(svg, {
      fitTo: { mode: 'width', value: CHART_PX },
      background: '#ffffff',
      font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'Noto Serif SC', serifFamily: 'Noto Serif SC' },
      logLevel: 'off',
    });
    const image = resvg.render();
    return { png: Buffer.from(image.asPng()), width: image.width, height: image.height };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
