/**
 * Charts as inline SVG, rendered at build time by Apache ECharts' server-side
 * SVG renderer: no client JavaScript, labels in the page's language and font,
 * and greys with value labels so that a black-and-white print reads the same.
 */
// Only the parts a chart uses, not the whole of ECharts: the bundle
// (scripts/bundle-cli.mjs) tree-shakes them into one chunk, which loads in
// ~30 ms where `import 'echarts'` read ~400 ES modules in ~480 ms (issue 17).
import { init, use } from 'echarts/core';
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { Figure, Lang, Precision } from '../model.js';
import { formatQuantity } from '../quantity/format.js';
import { smartText } from './typography.js';

/** Chart labels are small: in Chinese the 黑体 stand-in reads better there than the thin 仿宋. */
const FONT: Record<Lang, string> = {
  zh: "'Noto Sans SC', sans-serif",
  en: "'Source Serif 4', 'Noto Serif SC', serif",
};
/** Distinct in grayscale: black, mid grey, light grey with a dark outline. */
const GREYS = ['#222222', '#7a7a7a', '#c8c8c8', '#4d4d4d', '#a3a3a3'];

use([BarChart, LineChart, GridComponent, SVGRenderer]);

/**
 * zrender names the SVG's classes and ids from process-wide counters
 * (`zr3-cls-12`), so a second build in the same process (watch, tests) would
 * differ byte for byte. They are renamed after the chart and numbered in order
 * of appearance: the same in every build, and distinct between the charts of a page.
 */
function stableIds(svg: string, prefix: string): string {
  const names = new Map<string, string>();
  return svg.replace(/\bzr\d+-([A-Za-z]+)-?\d+\b/g, (token, kind: string) => {
    if (!names.has(token)) names.set(token, `${prefix}-${kind}${names.size}`);
    return names.get(token)!;
  });
}

/** What the chart shows, in words: its caption and every value (the Word image's alternative text). */
export function chartDescription(f: Figure, lang: Lang): string {
  return `${f.caption[lang]}: ${f.points.map((p) => `${p.label[lang]} ${formatQuantity(p.value, lang)}`).join('; ')}`;
}

/**
 * The SVG as an image with a name: `role="img"` and `aria-label` (what it
 * shows, in words), which Chromium also writes as the Figure's /Alt in the
 * tagged PDF. zrender's attributes that HTML does not allow on inline SVG
 * (baseProfile, version) are dropped.
 */
function asImage(svg: string, alt: string): string {
  return svg.replace(/^<svg\b([^>]*)>/, (_m, attrs: string) => {
    const kept = attrs.replace(/\s(?:baseProfile|version|xmlns:xlink|aria-label|role)="[^"]*"/g, '');
    return `<svg${kept} role="img" aria-label="${escapeAttr(alt)}">`;
  });
}

function escapeAttr(s: string): string {
  return s.replace(/[&<>"]/g, (c) => `&#${c.codePointAt(0)};`);
}

/** The figure as an SVG string for the given language; `alt` says what it shows. */
export function renderChart(f: Figure, lang: Lang, alt: string, precision?: Precision): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: 640, height: 360 });
  try {
    const values = f.points.map((p) => Number(p.value.digits));
    const labels = f.points.map((p) => formatQuantity(p.value, lang, { precision }));
    const series: BarSeriesOption | LineSeriesOption =
      f.kind === 'bar'
        ? {
            type: 'bar',
            barMaxWidth: 72,
            data: values.map((v, i) => ({ value: v, itemStyle: { color: GREYS[i % GREYS.length], borderColor: '#000', borderWidth: 1 } })),
            label: { show: true, position: 'top', formatter: (p: { dataIndex: number }) => labels[p.dataIndex], fontSize: 15, color: '#000' },
          }
        : {
            type: 'line',
            data: values,
            lineStyle: { color: '#000', width: 2 },
            itemStyle: { color: '#000' },
            symbolSize: 8,
            label: { show: true, formatter: (p: { dataIndex: number }) => labels[p.dataIndex], fontSize: 15, color: '#000' },
          };
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: FONT[lang], color: '#000' },
      grid: { left: 64, right: 24, top: 36, bottom: 56 },
      xAxis: {
        type: 'category',
        data: f.points.map((p) => smartText(p.label[lang], lang)),
        axisLabel: { fontSize: 14, color: '#000', interval: 0, width: 180, overflow: 'break' },
        axisLine: { lineStyle: { color: '#000' } },
        axisTick: { show: false },
      },
      yAxis: {
        type: 'value',
        name: smartText(f.axis[lang], lang),
        nameTextStyle: { fontSize: 13, color: '#000', align: 'left' },
        axisLabel: { fontSize: 13, color: '#000' },
        splitLine: { lineStyle: { color: '#d0d0d0', type: 'dashed' } },
      },
      series: [series],
    });
    return asImage(stableIds(chart.renderToSVGString(), `chart-${f.id}-${lang}`), alt);
  } finally {
    chart.dispose();
  }
}
