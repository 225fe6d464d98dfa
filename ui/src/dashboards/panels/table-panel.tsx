/**
 * Table panel: one frame at a time (a selector when the data has several), columns from its
 * fields with their resolved config (display name, unit, decimals, hidden, width, align, cell
 * type gauge / colour background / colour text), sortable by clicking a header.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { displayText } from '../display-values';
import { fieldColor, resolveFieldConfig } from '../field-config';
import { type DataFrame, type Field, type FieldValue, fieldDisplayName, frameLength } from '../frames';
import { isObject, str, type FieldConfig, type Panel } from '../model';
import { formatTime } from '../time-range';

interface Column {
  field: Field;
  name: string;
  config: FieldConfig;
  cell: string;
}

function hidden(config: FieldConfig): boolean {
  const h = config.custom['hidden'];
  return h === true || h === 'true';
}

function cellType(config: FieldConfig): string {
  const co = config.custom['cellOptions'];
  if (isObject(co)) return str(co, 'type') ?? 'auto';
  const dm = config.custom['displayMode'];
  return typeof dm === 'string' ? dm : 'auto';
}

function columns(panel: Panel, frame: DataFrame): Column[] {
  return frame.fields.map((f) => {
    const { config, name } = resolveFieldConfig(panel, f, frame);
    return { field: f, name, config, cell: cellType(config) };
  }).filter((c) => !hidden(c.config));
}

function compare(a: FieldValue, b: FieldValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

function Cell(props: { col: Column; value: FieldValue; utc: boolean; index: number }): JSX.Element {
  const { col, value } = props;
  const c = col.config;
  const text = col.field.type === 'time' && typeof value === 'number' ? formatTime(value, props.utc) : value === null ? '' : displayText(c, value);
  const align = (c.custom['align'] as string | null | undefined) ?? 'auto';
  const style: Record<string, string> = { textAlign: align === 'auto' || align === null ? (col.field.type === 'number' ? 'right' : 'left') : align };
  const num = typeof value === 'number' ? value : null;
  const color = fieldColor({ ...c, color: c.color ?? { mode: 'thresholds' } }, props.index, num);
  if (col.cell === 'color-background' || col.cell === 'color-background-solid') {
    style['background'] = color;
    style['color'] = '#fff';
  } else if (col.cell === 'color-text') style['color'] = color;
  if ((col.cell === 'gauge' || col.cell.endsWith('-gauge')) && num !== null) {
    const min = c.min ?? 0;
    const max = c.max ?? 100;
    const pct = Math.min(100, Math.max(0, ((num - min) / (max - min || 1)) * 100));
    return (
      <td style={style} class="cell-gauge">
        <span class="cell-gauge-track"><span class="cell-gauge-bar" style={{ width: `${pct.toFixed(1)}%`, background: color }} /></span>
        <span class="cell-gauge-text" style={{ color }}>{text}</span>
      </td>
    );
  }
  return <td style={style}>{text}</td>;
}

export function TablePanel(props: { panel: Panel; frames: DataFrame[]; utc: boolean }): JSX.Element {
  const [frameIdx, setFrameIdx] = useState(0);
  const [sort, setSort] = useState<{ col: number; desc: boolean } | null>(null);
  const frames = props.frames.filter((f) => f.fields.length > 0);
  const frame = frames[Math.min(frameIdx, frames.length - 1)];
  if (frame === undefined) return <div class="panel-empty">No data</div>;
  const cols = columns(props.panel, frame);
  const n = frameLength(frame);
  let order = Array.from({ length: n }, (_v, i) => i);
  const sc = sort !== null ? cols[sort.col] : undefined;
  if (sort !== null && sc !== undefined) order = order.sort((a, b) => compare(sc.field.values[a] ?? null, sc.field.values[b] ?? null) * (sort.desc ? -1 : 1));
  return (
    <div class="dash-table">
      {frames.length > 1 && (
        <select class="frame-select" aria-label="Series" value={String(frameIdx)} onChange={(e) => setFrameIdx(Number((e.target as HTMLSelectElement).value))}>
          {frames.map((f, i) => <option value={String(i)}>{f.name ?? f.fields.filter((x) => x.type === 'number').map((x) => fieldDisplayName(x, f)).join(', ')}</option>)}
        </select>
      )}
      <div class="dash-table-scroll">
        <table class="data">
          <thead>
            <tr>
              {cols.map((c, i) => {
                const w = c.config.custom['width'];
                return (
                  <th style={typeof w === 'number' ? { width: `${w}px` } : {}} onClick={() => setSort(sort?.col === i ? (sort.desc ? null : { col: i, desc: true }) : { col: i, desc: false })}>
                    {c.name}{sort?.col === i ? (sort.desc ? ' ↓' : ' ↑') : ''}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {order.map((r) => (
              <tr>{cols.map((c, i) => <Cell col={c} value={c.field.values[r] ?? null} utc={props.utc} index={i} />)}</tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
