/**
 * Table panel: one frame at a time (a selector when the data has several), columns from its
 * fields with their resolved config (display name, unit, decimals, hidden, width, align, cell
 * type gauge / colour background (solid or gradient) / colour text / JSON as text), links in
 * cells (config.links with ${__value.raw}, ${__data.fields.name}), sortable by clicking a header
 * (options.sortBy at first), paged with options.footer.enablePagination (long tables otherwise
 * show their first rows and a button for the rest).
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { interpolate, type VarMap } from '../interpolate';
import { linkUrl, parseLinks } from '../links';
import { displayText } from '../display-values';
import { fieldColor, resolveFieldConfig } from '../field-config';
import { type DataFrame, type Field, type FieldValue, fieldDisplayName, frameLength } from '../frames';
import { arr, bool, isObject, obj, str, type FieldConfig, type Panel } from '../model';
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

/** The cell's link (the field's first data link), with ${__value.*} and ${__data.fields.*} filled in. */
function cellLink(col: Column, frame: DataFrame, row: number, value: FieldValue, text: string, vars: VarMap): string {
  const link = parseLinks(col.config.links ?? null)[0];
  if (link === undefined) return '';
  const fields = new Map<string, string>();
  for (const f of frame.fields) {
    const v = f.values[row];
    fields.set(f.name, v === null || v === undefined ? '' : String(v));
  }
  const url = link.url
    .replace(/\$\{__value\.raw\}/g, encodeURIComponent(value === null ? '' : String(value)))
    .replace(/\$\{__value\.text\}/g, encodeURIComponent(text))
    .replace(/\$\{__data\.fields\[?"?([^}"\]]+)"?\]?\}/g, (_m, n: string) => encodeURIComponent(fields.get(n.replace(/^\./, '')) ?? ''));
  return linkUrl({ ...link, url }, vars, null);
}

function Cell(props: { col: Column; value: FieldValue; utc: boolean; index: number; frame: DataFrame; row: number; vars: VarMap }): JSX.Element {
  const { col, value } = props;
  const c = col.config;
  const text = col.field.type === 'time' && typeof value === 'number' ? formatTime(value, props.utc) : value === null ? '' : displayText(c, value);
  const align = (c.custom['align'] as string | null | undefined) ?? 'auto';
  const style: Record<string, string> = { textAlign: align === 'auto' || align === null ? (col.field.type === 'number' ? 'right' : 'left') : align };
  const num = typeof value === 'number' ? value : null;
  const color = fieldColor({ ...c, color: c.color ?? { mode: 'thresholds' } }, props.index, num);
  const co = c.custom['cellOptions'];
  const gradient = col.cell === 'color-background' && (!isObject(co) || str(co, 'mode') !== 'basic');
  if (col.cell === 'color-background' || col.cell === 'color-background-solid') {
    style['background'] = gradient ? `linear-gradient(120deg, color-mix(in srgb, ${color} 75%, black), ${color})` : color;
    style['color'] = '#fff';
  } else if (col.cell === 'color-text') style['color'] = color;
  const href = cellLink(col, props.frame, props.row, value, text, props.vars);
  if (href !== '' && !(col.cell === 'gauge' || col.cell.endsWith('-gauge'))) {
    return <td style={style}><a href={href} class="cell-link">{text}</a></td>;
  }
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

/** The sort the panel starts with (options.sortBy: [{displayName, desc}]). */
function initialSort(panel: Panel, cols: Column[]): { col: number; desc: boolean } | null {
  const first = arr(panel.options, 'sortBy')[0];
  const name = str(first, 'displayName');
  const col = name === undefined ? -1 : cols.findIndex((c) => c.name === name);
  return col >= 0 ? { col, desc: bool(first, 'desc') ?? false } : null;
}

const ROWS_AT_FIRST = 500;

function Pager(props: { page: number; pages: number; onPage: (p: number) => void }): JSX.Element {
  return (
    <div class="table-pager" data-testid="table-pager">
      <button type="button" disabled={props.page === 0} onClick={() => props.onPage(props.page - 1)} aria-label="Previous page">‹</button>
      <span>{props.page + 1} / {props.pages}</span>
      <button type="button" disabled={props.page >= props.pages - 1} onClick={() => props.onPage(props.page + 1)} aria-label="Next page">›</button>
    </div>
  );
}

export function TablePanel(props: { panel: Panel; frames: DataFrame[]; utc: boolean; height?: number; vars?: VarMap }): JSX.Element {
  const [frameIdx, setFrameIdx] = useState(0);
  const [userSort, setSort] = useState<{ col: number; desc: boolean } | null | undefined>(undefined);
  const [page, setPage] = useState(0);
  const [showAll, setShowAll] = useState(false);
  const frames = props.frames.filter((f) => f.fields.length > 0);
  const frame = frames[Math.min(frameIdx, frames.length - 1)];
  useEffect(() => setPage(0), [frameIdx, userSort]);
  if (frame === undefined) return <div class="panel-empty">No data</div>;
  const cols = columns(props.panel, frame);
  const sort = userSort === undefined ? initialSort(props.panel, cols) : userSort;
  const n = frameLength(frame);
  let order = Array.from({ length: n }, (_v, i) => i);
  const sc = sort !== null ? cols[sort.col] : undefined;
  if (sort !== null && sc !== undefined) order = order.sort((a, b) => compare(sc.field.values[a] ?? null, sc.field.values[b] ?? null) * (sort.desc ? -1 : 1));
  const paged = bool(obj(props.panel.options, 'footer'), 'enablePagination') === true;
  const pageSize = Math.max(1, Math.floor(((props.height ?? 300) - 60) / 22));
  const pages = Math.max(1, Math.ceil(n / pageSize));
  const current = Math.min(page, pages - 1);
  const rows = paged ? order.slice(current * pageSize, (current + 1) * pageSize) : showAll ? order : order.slice(0, ROWS_AT_FIRST);
  const vars: VarMap = props.vars ?? new Map();
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
                  <th style={typeof w === 'number' ? { width: `${w}px`, minWidth: `${w}px` } : {}} aria-sort={sort?.col === i ? (sort.desc ? 'descending' : 'ascending') : 'none'}
                    onClick={() => setSort(sort?.col === i ? (sort.desc ? null : { col: i, desc: true }) : { col: i, desc: false })}>
                    {c.name}{sort?.col === i ? (sort.desc ? ' ↓' : ' ↑') : ''}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>{cols.map((c, i) => <Cell col={c} value={c.field.values[r] ?? null} utc={props.utc} index={i} frame={frame} row={r} vars={vars} />)}</tr>
            ))}
          </tbody>
        </table>
        {!paged && !showAll && n > ROWS_AT_FIRST && <button type="button" class="table-more" onClick={() => setShowAll(true)}>Show all {n} rows</button>}
      </div>
      {paged && pages > 1 && <Pager page={current} pages={pages} onPage={setPage} />}
    </div>
  );
}
