/**
 * What the time series chart draws over or under its series: thresholds (lines, dashed lines,
 * coloured areas) and annotations (a dashed line or a shaded region, with a marker at the
 * bottom); and the hover tooltip (the nearest series, every series, or none), built with DOM
 * text nodes only.
 */
import type uPlot from 'uplot';
import type { ChartAnnotation, ChartThresholds, TimeSeriesChartProps, TimeSeriesChartSeries } from './time-series-chart';
import { seriesColor, withAlpha } from './time-series-palette';

/** Threshold areas, drawn under the series. */
export function drawThresholdAreas(u: uPlot, th: ChartThresholds | undefined): void {
  if (th === undefined || !th.style.includes('area')) return;
  const { ctx, bbox } = u;
  const steps = th.steps;
  ctx.save();
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if (s === undefined) continue;
    const lo = Number.isFinite(s.value) ? u.valToPos(s.value, 'y', true) : bbox.top + bbox.height;
    const next = steps[i + 1];
    const hi = next !== undefined && Number.isFinite(next.value) ? u.valToPos(next.value, 'y', true) : bbox.top;
    const top = Math.max(bbox.top, Math.min(lo, hi));
    const bottom = Math.min(bbox.top + bbox.height, Math.max(lo, hi));
    if (bottom <= top || s.color === 'transparent') continue;
    ctx.fillStyle = withAlpha(s.color, 0.15);
    ctx.fillRect(bbox.left, top, bbox.width, bottom - top);
  }
  ctx.restore();
}

/** Threshold lines, drawn over the series (not the base step). */
export function drawThresholdLines(u: uPlot, th: ChartThresholds | undefined): void {
  if (th === undefined || !(th.style.includes('line') || th.style.includes('dashed'))) return;
  const { ctx, bbox } = u;
  ctx.save();
  ctx.lineWidth = 2 * devicePixelRatio;
  if (th.style.includes('dashed')) ctx.setLineDash([10 * devicePixelRatio, 10 * devicePixelRatio]);
  for (const s of th.steps) {
    if (!Number.isFinite(s.value)) continue;
    const y = u.valToPos(s.value, 'y', true);
    if (y < bbox.top || y > bbox.top + bbox.height || s.color === 'transparent') continue;
    ctx.strokeStyle = s.color;
    ctx.beginPath();
    ctx.moveTo(bbox.left, y);
    ctx.lineTo(bbox.left + bbox.width, y);
    ctx.stroke();
  }
  ctx.restore();
}

/** Annotations: a dashed line (or a shaded region) across the plot and a marker below it. */
export function drawAnnotations(u: uPlot, anns: readonly ChartAnnotation[] | undefined): void {
  if (anns === undefined || anns.length === 0) return;
  const { ctx, bbox } = u;
  const px = devicePixelRatio;
  ctx.save();
  for (const a of anns) {
    const x0 = u.valToPos(a.time / 1000, 'x', true);
    const x1 = a.timeEnd !== undefined && a.timeEnd > a.time ? u.valToPos(a.timeEnd / 1000, 'x', true) : x0;
    if (x1 < bbox.left || x0 > bbox.left + bbox.width) continue;
    const l = Math.max(bbox.left, x0);
    const r = Math.min(bbox.left + bbox.width, x1);
    if (r > l) {
      ctx.fillStyle = withAlpha(a.color, 0.12);
      ctx.fillRect(l, bbox.top, r - l, bbox.height);
    }
    ctx.strokeStyle = a.color;
    ctx.lineWidth = px;
    ctx.setLineDash([4 * px, 4 * px]);
    for (const x of r > l ? [l, r] : [x0]) {
      ctx.beginPath();
      ctx.moveTo(x, bbox.top);
      ctx.lineTo(x, bbox.top + bbox.height);
      ctx.stroke();
    }
    ctx.setLineDash([]);
    ctx.fillStyle = a.color;
    const yb = bbox.top + bbox.height;
    ctx.beginPath();
    ctx.moveTo(x0 - 5 * px, yb);
    ctx.lineTo(x0 + 5 * px, yb);
    ctx.lineTo(x0, yb - 7 * px);
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();
}

function appendText(parent: HTMLElement, tag: string, cls: string, text: string): HTMLElement {
  const el = document.createElement(tag);
  if (cls !== '') el.className = cls;
  el.textContent = text;
  parent.appendChild(el);
  return el;
}

/** The annotations within a few pixels of the cursor (or whose region it is in). */
function annotationsAt(u: uPlot, anns: readonly ChartAnnotation[] | undefined, left: number): ChartAnnotation[] {
  if (anns === undefined) return [];
  return anns.filter((a) => {
    const x0 = u.valToPos(a.time / 1000, 'x');
    const x1 = a.timeEnd !== undefined ? u.valToPos(a.timeEnd / 1000, 'x') : x0;
    return left >= x0 - 5 && left <= x1 + 5;
  });
}

/** The shown series drawn nearest to the cursor's height at a data index (1-based uPlot index). */
function nearestSeries(u: uPlot, p: TimeSeriesChartProps, idx: number, top: number): number | null {
  let best: number | null = null;
  let bestDist = Infinity;
  for (let si = 1; si < u.series.length; si++) {
    if (u.series[si]?.show === false || p.series[si - 1]?.hideFrom?.tooltip === true) continue;
    const v = u.data[si]?.[idx];
    if (typeof v !== 'number') continue;
    const d = Math.abs(u.valToPos(v, u.series[si]?.scale ?? 'y') - top);
    if (d < bestDist) {
      bestDist = d;
      best = si;
    }
  }
  return best;
}

export interface TooltipState {
  props: TimeSeriesChartProps;
  /** The series' own (unstacked) values per aligned index. */
  raw: readonly (readonly (number | null | undefined)[])[];
  format: (si: number, v: number) => string;
  formatTime: (ms: number) => string;
}

function seriesRow(tip: HTMLElement, s: TimeSeriesChartSeries, i: number, text: string, bold: boolean): void {
  const row = appendText(tip, 'div', 'tt-value', '');
  const sw = appendText(row, 'span', 'tt-swatch', '');
  sw.style.background = s.color ?? seriesColor(i);
  appendText(row, 'span', 'tt-name', `${s.name}: `);
  appendText(row, bold ? 'strong' : 'span', '', text);
}

function singleContent(tip: HTMLElement, s: TimeSeriesChartSeries, si: number, v: number, st: TooltipState): void {
  seriesRow(tip, s, si - 1, st.format(si - 1, v), true);
  const labels = s.labels ?? {};
  const keys = Object.keys(labels).filter((k) => k !== '__name__');
  if (keys.length === 0) return;
  const box = appendText(tip, 'div', 'tt-labels', '');
  for (const k of keys) {
    const line = appendText(box, 'div', '', '');
    appendText(line, 'strong', '', `${k}: `);
    appendText(line, 'span', '', labels[k] ?? '');
  }
}

function multiContent(tip: HTMLElement, u: uPlot, idx: number, nearest: number | null, st: TooltipState): boolean {
  const rows: { i: number; v: number }[] = [];
  st.props.series.forEach((s, i) => {
    const v = st.raw[i]?.[idx];
    if (u.series[i + 1]?.show === false || s.hideFrom?.tooltip === true || typeof v !== 'number') return;
    rows.push({ i, v });
  });
  const sort = st.props.tooltip?.sort;
  if (sort === 'asc') rows.sort((a, b) => a.v - b.v);
  else if (sort === 'desc') rows.sort((a, b) => b.v - a.v);
  for (const r of rows.slice(0, 40)) {
    const s = st.props.series[r.i];
    if (s !== undefined) seriesRow(tip, s, r.i, st.format(r.i, r.v), r.i + 1 === nearest);
  }
  if (rows.length > 40) appendText(tip, 'div', 'muted', `… ${rows.length - 40} more`);
  return rows.length > 0;
}

function annotationContent(tip: HTMLElement, anns: ChartAnnotation[], st: TooltipState): void {
  for (const a of anns.slice(0, 5)) {
    const box = appendText(tip, 'div', 'tt-annotation', '');
    box.style.borderLeftColor = a.color;
    appendText(box, 'div', 'tt-time', st.formatTime(a.time) + (a.timeEnd !== undefined && a.timeEnd > a.time ? ` – ${st.formatTime(a.timeEnd)}` : ''));
    if (a.title !== '') appendText(box, 'strong', '', a.title);
    if (a.text !== undefined && a.text !== '') appendText(box, 'div', '', a.text);
    if (a.tags !== undefined && a.tags.length > 0) {
      const tags = appendText(box, 'div', 'tt-tags', '');
      for (const t of a.tags) appendText(tags, 'span', 'badge', t);
    }
  }
}

function place(u: uPlot, tip: HTMLElement, left: number, top: number): void {
  tip.style.display = 'block';
  const host = tip.parentElement;
  if (host === null) return;
  const hr = host.getBoundingClientRect();
  const or = u.over.getBoundingClientRect();
  const x = or.left - hr.left + left;
  const y = or.top - hr.top + top;
  const w = tip.offsetWidth;
  const flip = x + 12 + w > hr.width && x - 12 - w >= 0;
  tip.style.left = `${flip ? x - 12 - w : Math.max(0, Math.min(x + 12, hr.width - w))}px`;
  tip.style.top = `${Math.max(0, Math.min(y + 12, or.bottom - hr.top - tip.offsetHeight))}px`;
}

/** Fills and places the tooltip for the cursor's position (hides it when there is nothing). */
export function updateTooltip(u: uPlot, tip: HTMLElement | null, st: TooltipState): void {
  if (tip === null) return;
  const { left, top, idx } = u.cursor;
  const mode = st.props.tooltip?.mode ?? 'single';
  if (idx === null || idx === undefined || left === undefined || top === undefined || left < 0) {
    tip.style.display = 'none';
    return;
  }
  const anns = annotationsAt(u, st.props.annotations, left);
  const nearest = nearestSeries(u, st.props, idx, top);
  tip.replaceChildren();
  appendText(tip, 'div', 'tt-time', st.formatTime((u.data[0][idx] ?? 0) * 1000));
  let shown = false;
  if (mode === 'multi') shown = multiContent(tip, u, idx, nearest, st);
  else if (mode === 'single' && nearest !== null) {
    const s = st.props.series[nearest - 1];
    const v = st.raw[nearest - 1]?.[idx];
    if (s !== undefined && typeof v === 'number') {
      singleContent(tip, s, nearest, v, st);
      shown = true;
    }
  }
  if (anns.length > 0) {
    annotationContent(tip, anns, st);
    shown = true;
  }
  if (!shown) {
    tip.style.display = 'none';
    return;
  }
  place(u, tip, left, top);
}
