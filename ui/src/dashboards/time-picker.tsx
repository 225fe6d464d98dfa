/**
 * Grafana's time controls: quick relative ranges, absolute from/to (now-6h style or
 * YYYY-MM-DD HH:mm:ss), zoom out, refresh now and the auto-refresh interval.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { describeRange, formatTime, parseTime, type TimeRange } from './time-range';

const QUICK: [string, string][] = [
  ['now-5m', 'Last 5 minutes'], ['now-15m', 'Last 15 minutes'], ['now-30m', 'Last 30 minutes'],
  ['now-1h', 'Last 1 hour'], ['now-3h', 'Last 3 hours'], ['now-6h', 'Last 6 hours'],
  ['now-12h', 'Last 12 hours'], ['now-24h', 'Last 24 hours'], ['now-2d', 'Last 2 days'],
  ['now-7d', 'Last 7 days'], ['now-30d', 'Last 30 days'],
];

export const DEFAULT_REFRESH_INTERVALS = ['5s', '10s', '30s', '1m', '5m', '15m', '30m', '1h', '2h', '1d'];

export interface TimePickerProps {
  raw: { from: string; to: string };
  range: TimeRange | null;
  utc: boolean;
  refresh: string;
  refreshIntervals: string[];
  onChange: (raw: { from: string; to: string }) => void;
  onRefresh: () => void;
  onRefreshInterval: (r: string) => void;
}

function editable(text: string, utc: boolean): string {
  return /^\d+$/.test(text) ? formatTime(Number(text), utc) : text;
}

export function TimePicker(props: TimePickerProps): JSX.Element {
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState(editable(props.raw.from, props.utc));
  const [to, setTo] = useState(editable(props.raw.to, props.utc));
  const [err, setErr] = useState('');
  const apply = (e: Event): void => {
    e.preventDefault();
    const now = Date.now();
    const f = parseTime(from, now, false, props.utc);
    const t = parseTime(to, now, true, props.utc);
    if (f === null) return setErr(`Invalid "from" time: ${from}`);
    if (t === null) return setErr(`Invalid "to" time: ${to}`);
    if (f >= t) return setErr('"From" must be before "to"');
    setErr('');
    setOpen(false);
    const keep = (s: string, v: number): string => (s.trim().startsWith('now') ? s.trim() : String(v));
    props.onChange({ from: keep(from, f), to: keep(to, t) });
  };
  const zoomOut = (): void => {
    if (props.range === null) return;
    const span = props.range.to - props.range.from;
    const center = props.range.from + span / 2;
    const to = Math.min(Date.now(), center + span);
    props.onChange({ from: String(Math.round(to - span * 2)), to: String(Math.round(to)) });
  };
  const intervals = props.refreshIntervals.length > 0 ? props.refreshIntervals : DEFAULT_REFRESH_INTERVALS;
  return (
    <div class="time-picker" data-testid="time-picker">
      <button type="button" class="time-picker-toggle" data-testid="time-range-button" aria-expanded={open}
        onClick={() => { setFrom(editable(props.raw.from, props.utc)); setTo(editable(props.raw.to, props.utc)); setOpen(!open); }}>
        {describeRange(props.raw, props.range, props.utc)}{props.utc ? ' UTC' : ''}
      </button>
      <button type="button" title="Zoom out time range" aria-label="Zoom out" onClick={zoomOut}>⊖</button>
      <button type="button" title="Refresh" aria-label="Refresh" data-testid="refresh-button" onClick={props.onRefresh}>⟳</button>
      <select aria-label="Auto-refresh" data-testid="refresh-interval" value={props.refresh} onChange={(e) => props.onRefreshInterval((e.target as HTMLSelectElement).value)}>
        <option value="">Off</option>
        {[...new Set([...intervals, ...(props.refresh !== '' ? [props.refresh] : [])])].map((r) => <option value={r}>{r}</option>)}
      </select>
      {open && (
        <div class="time-picker-menu" role="dialog" aria-label="Time range">
          <form onSubmit={apply} class="time-picker-abs">
            <label>From <input data-testid="time-from" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} /></label>
            <label>To <input data-testid="time-to" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} /></label>
            {err !== '' && <div class="error-text" role="alert">{err}</div>}
            <button type="submit" class="primary">Apply time range</button>
          </form>
          <ul class="time-picker-quick">
            {QUICK.map(([f, label]) => (
              <li><button type="button" class={props.raw.from === f && props.raw.to === 'now' ? 'active' : ''} onClick={() => { setOpen(false); props.onChange({ from: f, to: 'now' }); }}>{label}</button></li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
