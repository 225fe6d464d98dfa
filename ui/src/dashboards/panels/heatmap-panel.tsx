/**
 * Heatmap panel from Prometheus histogram buckets (*_bucket series with an `le` label):
 * buckets sorted by bound and de-accumulated (each cell counts its own bucket only), drawn on
 * a canvas as time x bucket cells coloured by count (options.color: a scheme such as Oranges,
 * Spectral, Viridis, or the opacity of one colour, linear or exponential; the legacy panel's
 * color settings too), with a tooltip of the hovered cell. Series without `le` are one row each.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { cssColor } from '../field-config';
import { type DataFrame, timeField } from '../frames';
import { num, obj, str, type Panel } from '../model';
import { formatValue } from '../units';
import { formatTime } from '../time-range';

export interface HeatmapData {
  times: number[];
  rows: string[];
  /** cells[row][timeIndex] */
  cells: number[][];
  max: number;
}

function leValue(le: string): number {
  return le === '+Inf' ? Infinity : Number(le);
}

/** Builds heatmap cells from bucket frames. */
export function heatmapData(frames: readonly DataFrame[]): HeatmapData {
  const byTime = new Set<number>();
  const series: { name: string; le: number; points: Map<number, number> }[] = [];
  for (const fr of frames) {
    const tf = timeField(fr);
    for (const f of fr.fields) {
      if (f.type !== 'number' || tf === undefined) continue;
      const le = f.labels?.['le'];
      const points = new Map<number, number>();
      f.values.forEach((v, i) => {
        const t = tf.values[i];
        if (typeof t === 'number' && typeof v === 'number' && Number.isFinite(v)) {
          points.set(t, v);
          byTime.add(t);
        }
      });
      series.push({ name: le ?? f.legend ?? f.name, le: le !== undefined ? leValue(le) : NaN, points });
    }
  }
  const isHistogram = series.length > 0 && series.every((s) => !Number.isNaN(s.le));
  if (isHistogram) series.sort((a, b) => a.le - b.le);
  const times = [...byTime].sort((a, b) => a - b);
  let max = 0;
  const cells = series.map((s, si) => times.map((t) => {
    let v = s.points.get(t) ?? 0;
    if (isHistogram && si > 0) v -= series[si - 1]?.points.get(t) ?? 0;
    v = Math.max(0, v);
    if (v > max) max = v;
    return v;
  }));
  return { times, rows: series.map((s) => s.name), cells, max };
}

const SCHEMES: Record<string, string[]> = {
  Oranges: ['#fff5eb', '#fdae6b', '#e6550d', '#7f2704'], Reds: ['#fff5f0', '#fc9272', '#de2d26', '#67000d'],
  Greens: ['#f7fcf5', '#a1d99b', '#31a354', '#00441b'], Blues: ['#f7fbff', '#9ecae1', '#3182bd', '#08306b'],
  Purples: ['#fcfbfd', '#bcbddc', '#756bb1', '#3f007d'], Greys: ['#ffffff', '#bdbdbd', '#636363', '#000000'],
  YlOrRd: ['#ffffcc', '#feb24c', '#f03b20', '#800026'], YlGnBu: ['#ffffd9', '#7fcdbb', '#2c7fb8', '#081d58'],
  RdYlGn: ['#a50026', '#fee08b', '#1a9850'], Spectral: ['#9e0142', '#f46d43', '#fee08b', '#abdda4', '#3288bd', '#5e4fa2'],
  Viridis: ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'], Plasma: ['#0d0887', '#7e03a8', '#cc4778', '#f89540', '#f0f921'],
  Inferno: ['#000004', '#57106e', '#bc3754', '#f98e09', '#fcffa4'], Magma: ['#000004', '#51127c', '#b73779', '#fc8961', '#fcfdbf'],
  Turbo: ['#30123b', '#4686fb', '#1ae4b6', '#a2fc3c', '#fabb21', '#e4460a', '#7a0403'], Warm: ['#6e40aa', '#ff5e63', '#aff05b'], Cool: ['#6e40aa', '#1ac7c2', '#aff05b'],
};

function hexRgb(h: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(h);
  return m === null ? [230, 82, 44] : [parseInt(m[1] ?? '0', 16), parseInt(m[2] ?? '0', 16), parseInt(m[3] ?? '0', 16)];
}

interface ColorOptions { mode: 'scheme' | 'opacity'; stops: string[]; color: string; exponent: number; exponential: boolean; reverse: boolean }

/** The panel's colour settings (heatmap options.color, or the legacy panel's color). */
function colorOptions(panel: Panel): ColorOptions {
  const c = obj(panel.options, 'color') ?? obj(panel.raw, 'color');
  const legacyScheme = str(c, 'colorScheme')?.replace(/^interpolate/, '');
  const scheme = str(c, 'scheme') ?? legacyScheme ?? 'Oranges';
  const mode = str(c, 'mode');
  return {
    mode: mode === 'opacity' ? 'opacity' : 'scheme',
    stops: SCHEMES[scheme] ?? SCHEMES['Oranges'] ?? [],
    color: cssColor(str(c, 'fill') ?? str(c, 'cardColor') ?? '#b4ff00'),
    exponent: num(c, 'exponent') ?? 0.5,
    exponential: str(c, 'scale') === 'exponential' || str(c, 'colorScale') === 'sqrt',
    reverse: c?.['reverse'] === true,
  };
}

function cellColor(o: ColorOptions, frac: number): string {
  const f0 = Math.max(0, Math.min(1, o.exponential ? Math.pow(frac, o.exponent) : frac));
  if (o.mode === 'opacity') {
    const [r, g, b] = hexRgb(o.color.startsWith('#') ? o.color : '#b4ff00');
    return `rgba(${r}, ${g}, ${b}, ${(0.1 + 0.9 * f0).toFixed(3)})`;
  }
  const stops = o.reverse ? [...o.stops].reverse() : o.stops;
  const pos = f0 * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(pos));
  const t = pos - i;
  const a = hexRgb(stops[i] ?? '#000000');
  const b = hexRgb(stops[i + 1] ?? '#ffffff');
  return `rgb(${Math.round(a[0] + (b[0] - a[0]) * t)}, ${Math.round(a[1] + (b[1] - a[1]) * t)}, ${Math.round(a[2] + (b[2] - a[2]) * t)})`;
}

/** A bucket row's label: the bound (formatted with the y axis unit) or the series name. */
function rowLabel(panel: Panel, name: string): string {
  const unit = str(obj(panel.options, 'yAxis'), 'unit') ?? str(obj(panel.raw, 'yAxis'), 'format');
  const v = Number(name);
  return unit !== undefined && name !== '+Inf' && name.trim() !== '' && Number.isFinite(v) ? formatValue(v, unit) : name;
}

export function HeatmapPanel(props: { panel: Panel; frames: DataFrame[]; height: number; utc: boolean }): JSX.Element {
  const ref = useRef<HTMLCanvasElement>(null);
  const data = useMemo(() => heatmapData(props.frames), [props.frames]);
  const colors = useMemo(() => colorOptions(props.panel), [props.panel]);
  const [hover, setHover] = useState<{ x: number; y: number; text: string[] } | null>(null);
  const onMove = (e: MouseEvent): void => {
    const c = ref.current;
    if (c === null || data.times.length === 0 || data.rows.length === 0) return;
    const r = c.getBoundingClientRect();
    const xi = Math.floor(((e.clientX - r.left) / r.width) * data.times.length);
    const yi = data.rows.length - 1 - Math.floor(((e.clientY - r.top) / r.height) * data.rows.length);
    const t = data.times[xi];
    const v = data.cells[yi]?.[xi];
    if (t === undefined || v === undefined) return setHover(null);
    const lo = yi > 0 ? data.rows[yi - 1] : undefined;
    const hi = data.rows[yi] ?? '';
    const bucket = lo !== undefined && !Number.isNaN(Number(hi) + Number(lo)) ? `${rowLabel(props.panel, lo)} – ${rowLabel(props.panel, hi)}` : rowLabel(props.panel, hi);
    setHover({ x: e.clientX - r.left, y: e.clientY - r.top, text: [formatTime(t, props.utc), `Bucket: ${bucket}`, `Count: ${formatValue(v, 'short')}`] });
  };
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (canvas === null || ctx === null || ctx === undefined) return;
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.round(w * dpr));
    canvas.height = Math.max(1, Math.round(h * dpr));
    ctx.scale(dpr, dpr);
    ctx.clearRect(0, 0, w, h);
    const nx = data.times.length;
    const ny = data.rows.length;
    if (nx === 0 || ny === 0) return;
    const cw = w / nx;
    const ch = h / ny;
    data.cells.forEach((row, yi) => row.forEach((v, xi) => {
      if (v <= 0) return;
      ctx.fillStyle = cellColor(colors, data.max > 0 ? v / data.max : 0);
      ctx.fillRect(xi * cw, h - (yi + 1) * ch, Math.ceil(cw), Math.ceil(ch));
    }));
  }, [data, props.height, colors]);
  const first = data.times[0];
  const last = data.times[data.times.length - 1];
  return (
    <div class="heatmap" style={{ height: `${props.height}px` }}>
      <div class="heatmap-y">{[...data.rows].reverse().filter((_r, i, a) => a.length <= 8 || i % Math.ceil(a.length / 8) === 0).map((r) => <span>{rowLabel(props.panel, r)}</span>)}</div>
      <div class="heatmap-main">
        <canvas ref={ref} class="heatmap-canvas" role="img" aria-label={`Heatmap of ${data.rows.length} buckets`} onMouseMove={onMove} onMouseLeave={() => setHover(null)} />
        {hover !== null && (
          <div class="ts-tooltip heatmap-tooltip" data-testid="heatmap-tooltip" style={{ left: `${hover.x + 50}px`, top: `${hover.y + 12}px` }}>
            {hover.text.map((t) => <div>{t}</div>)}
          </div>
        )}
        <div class="heatmap-x muted">
          <span>{first !== undefined ? formatTime(first, props.utc) : ''}</span>
          <span>{last !== undefined ? formatTime(last, props.utc) : ''}</span>
        </div>
      </div>
    </div>
  );
}
