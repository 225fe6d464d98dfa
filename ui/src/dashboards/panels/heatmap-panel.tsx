/**
 * Heatmap panel from Prometheus histogram buckets (*_bucket series with an `le` label):
 * buckets sorted by bound and de-accumulated (each cell counts its own bucket only), drawn on
 * a canvas as time x bucket cells shaded by count. Series without `le` are one row each.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { type DataFrame, timeField } from '../frames';
import type { Panel } from '../model';
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

export function HeatmapPanel(props: { panel: Panel; frames: DataFrame[]; height: number; utc: boolean }): JSX.Element {
  const ref = useRef<HTMLCanvasElement>(null);
  const data = useMemo(() => heatmapData(props.frames), [props.frames]);
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
      const a = data.max > 0 ? 0.15 + 0.85 * (v / data.max) : 0;
      ctx.fillStyle = `rgba(230, 82, 44, ${a.toFixed(3)})`;
      ctx.fillRect(xi * cw, h - (yi + 1) * ch, Math.ceil(cw), Math.ceil(ch));
    }));
  }, [data, props.height]);
  const first = data.times[0];
  const last = data.times[data.times.length - 1];
  return (
    <div class="heatmap" style={{ height: `${props.height}px` }}>
      <div class="heatmap-y">{[...data.rows].reverse().filter((_r, i, a) => a.length <= 8 || i % Math.ceil(a.length / 8) === 0).map((r) => <span>{r}</span>)}</div>
      <div class="heatmap-main">
        <canvas ref={ref} class="heatmap-canvas" role="img" aria-label={`Heatmap of ${data.rows.length} buckets`} />
        <div class="heatmap-x muted">
          <span>{first !== undefined ? formatTime(first, props.utc) : ''}</span>
          <span>{last !== undefined ? formatTime(last, props.utc) : ''}</span>
        </div>
      </div>
    </div>
  );
}
