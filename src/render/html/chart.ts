/**
 * Charts as inline SVG, rendered at build time by Apache ECharts' server-side
 * SVG renderer: no client JavaScript, labels in the page's language and font,
 * and greys with value labels so that a black-and-white print reads the same.
 */
import * as echarts from 'echarts';
import type { Figure, Lang } from '../../model.js';
import { formatQuantity } from '../../quantity/format.js';

const FONT: Record<Lang, string> = {
  zh: "'Noto Serif SC', serif",
  en: "'Source Serif 4', 'Noto Serif SC', serif",
};
/** Distinct in grayscale: black, mid grey, light grey with a dark outline. */
const GREYS = ['#222222', '#7a7a7a', '#c8c8c8', '#4d4d4d', '#a3a3a3'];

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

/** What the chart shows, in words: its caption and every value (the SVG's aria label, the Word image's alternative text). */
export function chartDescription(f: Figure, lang: Lang): string {
  return `${f.caption[lang]}: ${f.points.map((p) => `${p.label[lang]} ${formatQuantity(p.value, lang)}`).join('; ')}`;
}

/** The figure as an SVG string for the given language. */
export function renderChart(f: Figure, lang: Lang): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 640, height: 360 });
  try {
    const values = f.points.map((p) => Number(p.value.digits));
    const labels = f.points.map((p) => formatQuantity(p.value, lang));
    const series: echarts.SeriesOption =
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
      aria: { enabled: true, label: { description: chartDescription(f, lang) } },
      textStyle: { fontFamily: FONT[lang], color: '#000' },
      grid: { left: 64, right: 24, top: 36, bottom: 56 },
      xAxis: {
        type: 'category',
        data: f.points.map((p) => p.label[lang]),
        axisLabel: { fontSize: 14, color: '#000', interval: 0, width: 180, overflow: 'break' },
        axisLine: { lineStyle: { color: '#000' } },
        axisTick: { show: false },
      },
      yAxis: {
        type: 'value',
        name: f.axis[lang],
        nameTextStyle: { fontSize: 13, color: '#000', align: 'left' },
        axisLabel: { fontSize: 13, color: '#000' },
        splitLine: { lineStyle: { color: '#d0d0d0', type: 'dashed' } },
      },
      series: [series],
    });
    return stableIds(chart.renderToSVGString(), `chart-${f.id}-${lang}`);
  } finally {
    chart.dispose();
  }
}
