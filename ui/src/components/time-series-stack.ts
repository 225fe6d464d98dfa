/**
 * The time series chart's data preparation, free of the DOM: aligning series on one x axis
 * and stacking them as Grafana does (per stacking group, positive and negative values
 * stacked apart, "normal" sums or "percent" shares of the group's total at each x).
 */

/** A series' drawn values: number, null (a gap) or undefined (no sample at this x). */
export type YColumn = (number | null | undefined)[];

export interface AlignInput {
  /** Sample timestamps in milliseconds, ascending. */
  times: Float64Array;
  /** Sample values; NaN is a gap. */
  values: Float64Array;
}

export interface Aligned {
  /** x values in seconds (uPlot's default time unit). */
  xs: Float64Array;
  ys: YColumn[];
}

function sameTimes(a: Float64Array, b: Float64Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function column(values: Float64Array): YColumn {
  const out: YColumn = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    out[i] = Number.isFinite(v) ? v : null;
  }
  return out;
}

/** Puts every series on one x axis: shared timestamps directly, otherwise their sorted union. */
export function alignSeries(series: readonly AlignInput[]): Aligned {
  const first = series[0];
  if (first === undefined) return { xs: new Float64Array(0), ys: [] };
  if (series.every((s) => sameTimes(s.times, first.times))) {
    const xs = new Float64Array(first.times.length);
    for (let i = 0; i < xs.length; i++) xs[i] = (first.times[i] as number) / 1000;
    return { xs, ys: series.map((s) => column(s.values)) };
  }
  let total = 0;
  for (const s of series) total += s.times.length;
  const all = new Float64Array(total);
  let o = 0;
  for (const s of series) {
    all.set(s.times, o);
    o += s.times.length;
  }
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[n - 1]) all[n++] = all[i] as number;
  const times = all.subarray(0, n);
  const ys = series.map((s) => {
    const col: YColumn = new Array<number | null | undefined>(n).fill(undefined);
    let j = 0;
    for (let i = 0; i < s.times.length; i++) {
      const t = s.times[i] as number;
      while (j < n && (times[j] as number) < t) j++;
      const v = s.values[i] as number;
      if (j < n) col[j] = Number.isFinite(v) ? v : null;
    }
    return col;
  });
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = (times[i] as number) / 1000;
  return { xs, ys };
}

export interface Stacked {
  /** The drawn columns: cumulative for stacked series, the series' own values otherwise. */
  cols: YColumn[];
  /** Per series: the series index whose line it fills down to (a band), or -1 (fills to zero / none). */
  below: number[];
}

/**
 * Stacks series by group (`groups[i]` null: not stacked). Hidden series keep their own values
 * and take no part. With `percent`, each stacked value is its share (0..1) of the group's
 * total of absolute values at that x.
 */
export function stackColumns(ys: readonly YColumn[], groups: readonly (string | null)[], hidden: ReadonlySet<number>, percent: boolean): Stacked {
  const n = ys[0]?.length ?? 0;
  const totals = new Map<string, Float64Array>();
  if (percent) {
    ys.forEach((col, si) => {
      const g = groups[si] ?? null;
      if (g === null || hidden.has(si)) return;
      let t = totals.get(g);
      if (t === undefined) totals.set(g, (t = new Float64Array(n)));
      for (let i = 0; i < n; i++) {
        const v = col[i];
        if (typeof v === 'number') t[i] = (t[i] as number) + Math.abs(v);
      }
    });
  }
  const pos = new Map<string, Float64Array>();
  const neg = new Map<string, Float64Array>();
  const lastInGroup = new Map<string, number>();
  const below: number[] = ys.map(() => -1);
  const cols = ys.map((col, si): YColumn => {
    const g = groups[si] ?? null;
    if (g === null || hidden.has(si)) return col;
    let p = pos.get(g);
    if (p === undefined) pos.set(g, (p = new Float64Array(n)));
    let m = neg.get(g);
    if (m === undefined) neg.set(g, (m = new Float64Array(n)));
    const total = totals.get(g);
    const out: YColumn = new Array<number | null | undefined>(n);
    for (let i = 0; i < n; i++) {
      const raw = col[i];
      if (typeof raw !== 'number') {
        out[i] = raw;
        continue;
      }
      const t = total?.[i] ?? 0;
      const v = percent ? (t === 0 ? 0 : raw / t) : raw;
      const acc = v < 0 ? m : p;
      acc[i] = (acc[i] as number) + v;
      out[i] = acc[i] as number;
    }
    below[si] = lastInGroup.get(g) ?? -1;
    lastInGroup.set(g, si);
    return out;
  });
  return { cols, below };
}
