import { html, type SafeHtml } from '../pages/html.js';

/** One series of a bar chart: its name (legend, table header) and one value per category. */
export interface ChartSeries {
  name: string;
  values: number[];
}

export interface BarChartOptions {
  /** Unique on the page: the ids of the title and description derive from it. */
  id: string;
  title: string;
  /** What the chart shows, for screen readers (the SVG's <desc>). */
  desc: string;
  /** The x axis: one label per category (e.g. months). */
  categories: string[];
  series: ChartSeries[];
  /** The header of the category column in the data table. */
  categoryHeader: string;
  /** The summary of the <details> that holds the data table. */
  tableSummary: string;
}

const WIDTH = 720;
const HEIGHT = 260;
const MARGIN = { top: 16, right: 12, bottom: 48, left: 44 };
/** Series fills: the console's accent and warning colours, which follow light and dark mode. */
const STYLE =
  '.chart .s0{fill:var(--accent)}.chart .s1{fill:var(--warn)}.chart .s2{fill:var(--ok)}.chart .grid{stroke:var(--border)}.chart text{font-size:12px}';

/** The smallest "nice" top of the y axis at or above `max`, even, so the middle gridline is a whole number. */
export function niceMax(max: number): number {
  if (max <= 4) return 4;
  if (max <= 10) return Math.ceil(max / 2) * 2;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 4, 6, 8]) if (step * power >= max) return step * power;
  return 10 * power;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * A bar chart drawn on the server as SVG (no script): grouped bars per category, a legend, gridlines
 * with their values, and the same figures as a table in a <details> for screen readers and for anyone
 * who wants the numbers. The SVG is one image (role="img") named by its <title> and <desc>.
 */
export function barChart(o: BarChartOptions): SafeHtml {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const max = niceMax(Math.max(0, ...o.series.flatMap((s) => s.values)));
  const y = (v: number) => MARGIN.top + plotH - (v / max) * plotH;
  const groupW = plotW / Math.max(1, o.categories.length);
  const barW = Math.min(24, (groupW * 0.8) / Math.max(1, o.series.length));
  const ticks = [0, max / 2, max];
  const grid = ticks.map(
    (t) =>
      html`<line class="grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${round(y(t))}" y2="${round(y(t))}"/><text x="${MARGIN.left - 6}" y="${round(y(t) + 4)}" text-anchor="end">${t}</text>`,
  );
  const bars = o.categories.map((label, c) => {
    const x0 = MARGIN.left + c * groupW + (groupW - barW * o.series.length) / 2;
    const rects = o.series.map((s, i) => {
      const v = s.values[c] ?? 0;
      const top = y(v);
      const x = round(x0 + i * barW);
      return html`<rect class="s${i % 3}" x="${x}" y="${round(top)}" width="${round(barW - 2)}" height="${round(MARGIN.top + plotH - top)}"/>${
        v > 0 ? html`<text x="${round(x + (barW - 2) / 2)}" y="${round(top - 3)}" text-anchor="middle">${v}</text>` : ''
      }`;
    });
    return html`<g>${rects}<text x="${round(MARGIN.left + c * groupW + groupW / 2)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${label}</text></g>`;
  });
  const legend = o.series.map((s, i) => {
    const x = MARGIN.left + i * 160;
    return html`<rect class="s${i % 3}" x="${x}" y="${HEIGHT - 18}" width="12" height="12"/><text x="${x + 18}" y="${HEIGHT - 8}">${s.name}</text>`;
  });
  const table = html`<table>
<thead><tr><th scope="col">${o.categoryHeader}</th>${o.series.map((s) => html`<th scope="col" class="num">${s.name}</th>`)}</tr></thead>
<tbody>${o.categories.map(
    (label, c) => html`<tr><th scope="row">${label}</th>${o.series.map((s) => html`<td class="num">${s.values[c] ?? 0}</td>`)}</tr>`,
  )}</tbody>
</table>`;
  return html`<figure class="chart" id="${o.id}">
<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-labelledby="${o.id}-title ${o.id}-desc" focusable="false">
<title id="${o.id}-title">${o.title}</title>
<desc id="${o.id}-desc">${o.desc}</desc>
<style>${STYLE}</style>
<g aria-hidden="true">${grid}${bars}${legend}</g>
</svg>
<details><summary>${o.tableSummary}</summary>${table}</details>
</figure>`;
}
