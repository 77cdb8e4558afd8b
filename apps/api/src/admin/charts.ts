import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

// Small inline SVG charts: no library, no script, nothing fetched. Presentation attributes only
// (the dashboard's CSP allows no inline style). Every bar and point carries a <title> with its value.

type Svg = HtmlEscapedString | Promise<HtmlEscapedString>;

const WIDTH = 360;
const HEIGHT = 140;
const PAD = { left: 44, right: 8, top: 8, bottom: 22 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

/** One stacked series of a bar chart. */
export interface BarSeries {
  name: string;
  colour: string;
}

/** Stacked bars, one per bucket (answers per day, split by door). */
export function stackedBarChart(
  label: string,
  buckets: { label: string; values: number[] }[],
  series: BarSeries[],
): Svg {
  const max = Math.max(1, ...buckets.map((b) => b.values.reduce((a, v) => a + v, 0)));
  const slot = PLOT_W / Math.max(1, buckets.length);
  const barW = Math.max(1, slot * 0.7);
  const bars = buckets.map((b, i) => {
    let y = PAD.top + PLOT_H;
    const x = PAD.left + i * slot + (slot - barW) / 2;
    return b.values.map((v, s) => {
      const h = (v / max) * PLOT_H;
      y -= h;
      const name = series[s]?.name ?? '';
      return v === 0
        ? ''
        : html`<rect class="bar" x="${fixed(x)}" y="${fixed(y)}" width="${fixed(barW)}" height="${fixed(h)}" fill="${series[s]?.colour ?? '#888'}"><title>${b.label} ${name}: ${v}</title></rect>`;
    });
  });
  return frame(
    label,
    axis(max, (v) => String(Math.round(v))),
    bars,
    xLabels(buckets.map((b) => b.label)),
    legend(series),
  );
}

/** A line over the buckets; a null value (nothing to measure that day) leaves a gap. */
export function lineChart(
  label: string,
  points: { label: string; value: number | null }[],
  format: (v: number) => string,
  options: { max?: number; colour?: string } = {},
): Svg {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const max = options.max ?? Math.max(Number.EPSILON, ...values);
  const step = PLOT_W / Math.max(1, points.length - 1);
  const xy = (i: number, v: number) => [
    PAD.left + (points.length === 1 ? PLOT_W / 2 : i * step),
    PAD.top + PLOT_H - (v / max) * PLOT_H,
  ];
  // Consecutive measured points are joined; a gap starts a new segment.
  const segments: string[][] = [[]];
  points.forEach((p, i) => {
    if (p.value === null) segments.push([]);
    else {
      const [x, y] = xy(i, p.value);
      segments.at(-1)?.push(`${fixed(x as number)},${fixed(y as number)}`);
    }
  });
  const colour = options.colour ?? '#4e79a7';
  const lines = segments
    .filter((s) => s.length > 1)
    .map((s) => html`<polyline points="${s.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"></polyline>`);
  const dots = points.map((p, i) => {
    if (p.value === null) return '';
    const [x, y] = xy(i, p.value);
    return html`<circle class="point" cx="${fixed(x as number)}" cy="${fixed(y as number)}" r="3" fill="${colour}"><title>${p.label}: ${format(p.value)}</title></circle>`;
  });
  const empty =
    values.length === 0
      ? html`<text x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle" fill="#777" font-size="12">no data in this period</text>`
      : '';
  return frame(label, axis(max, format), [lines, dots, empty], xLabels(points.map((p) => p.label)), '');
}

function frame(label: string, ...parts: unknown[]): Svg {
  return html`<svg class="chart" role="img" aria-label="${label}" viewBox="0 0 ${WIDTH} ${HEIGHT + 16}" width="${WIDTH}" height="${HEIGHT + 16}" xmlns="http://www.w3.org/2000/svg">${parts}</svg>`;
}

function axis(max: number, format: (v: number) => string) {
  const bottom = PAD.top + PLOT_H;
  return html`<line x1="${PAD.left}" y1="${bottom}" x2="${WIDTH - PAD.right}" y2="${bottom}" stroke="#bbb"></line>
<line x1="${PAD.left}" y1="${PAD.top}" x2="${WIDTH - PAD.right}" y2="${PAD.top}" stroke="#eee"></line>
<text x="${PAD.left - 4}" y="${PAD.top + 4}" text-anchor="end" font-size="10" fill="#555">${format(max)}</text>
<text x="${PAD.left - 4}" y="${bottom}" text-anchor="end" font-size="10" fill="#555">${format(0)}</text>`;
}

// The first and last bucket's labels, under the axis.
function xLabels(labels: string[]) {
  const y = PAD.top + PLOT_H + 14;
  const first = labels[0];
  const last = labels.length > 1 ? labels.at(-1) : undefined;
  return html`${first === undefined ? '' : html`<text x="${PAD.left}" y="${y}" font-size="10" fill="#555">${first}</text>`}${last === undefined ? '' : html`<text x="${WIDTH - PAD.right}" y="${y}" text-anchor="end" font-size="10" fill="#555">${last}</text>`}`;
}

function legend(series: BarSeries[]) {
  const y = HEIGHT + 10;
  return series.map(
    (s, i) =>
      html`<rect x="${PAD.left + i * 80}" y="${y - 8}" width="10" height="10" fill="${s.colour}"></rect><text x="${PAD.left + i * 80 + 14}" y="${y + 1}" font-size="10" fill="#333">${s.name}</text>`,
  );
}

const fixed = (n: number) => n.toFixed(1);
