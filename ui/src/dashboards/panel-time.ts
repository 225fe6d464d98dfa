/**
 * A panel's own time range: timeFrom ("1h": the last hour up to the dashboard's end) and
 * timeShift ("1d": moved back a day) over the dashboard's range, and the note Grafana puts in
 * the panel header ("Last 1h", "timeshift -1d") unless hideTimeOverride is set.
 */
import { bool, str, type Panel } from './model.js';
import { parseDuration, type TimeRange } from './time-range.js';

export interface PanelTime {
  range: TimeRange;
  /** The header note, '' when there is none. */
  info: string;
}

function duration(text: string | undefined): { ms: number; text: string } | null {
  if (text === undefined) return null;
  const t = text.trim().replace(/^now-/, '');
  const ms = parseDuration(t);
  return ms === null || ms <= 0 ? null : { ms, text: t };
}

/** The range a panel queries, given the dashboard's; unchanged without timeFrom/timeShift. */
export function panelTimeRange(panel: Panel, range: TimeRange): PanelTime {
  const from = duration(str(panel.raw, 'timeFrom'));
  const shift = duration(str(panel.raw, 'timeShift'));
  if (from === null && shift === null) return { range, info: '' };
  let r: TimeRange = range;
  const notes: string[] = [];
  if (from !== null) {
    r = { from: r.to - from.ms, to: r.to, raw: { from: `now-${from.text}`, to: r.raw.to } };
    notes.push(`Last ${from.text}`);
  }
  if (shift !== null) {
    r = { from: r.from - shift.ms, to: r.to - shift.ms, raw: r.raw };
    notes.push(`timeshift -${shift.text}`);
  }
  return { range: r, info: bool(panel.raw, 'hideTimeOverride') === true ? '' : notes.join(' ') };
}
