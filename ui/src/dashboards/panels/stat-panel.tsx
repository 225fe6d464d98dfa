/**
 * Stat panel (and the legacy singlestat): one big reduced value per field, coloured by its
 * thresholds (value or background colour mode), with an area sparkline when graphMode=area.
 */
import type { JSX } from 'preact';
import { type DisplayValue, displayValues } from '../display-values';
import type { DataFrame } from '../frames';
import { str, type Panel } from '../model';

function Sparkline(props: { dv: DisplayValue; color: string }): JSX.Element | null {
  const sp = props.dv.sparkline;
  if (sp === undefined) return null;
  const pts: [number, number][] = [];
  sp.times.forEach((t, i) => {
    const v = sp.values[i];
    if (typeof t === 'number' && typeof v === 'number' && Number.isFinite(v)) pts.push([t, v]);
  });
  if (pts.length < 2) return null;
  const t0 = pts[0]?.[0] ?? 0;
  const t1 = pts[pts.length - 1]?.[0] ?? 1;
  let lo = Infinity;
  let hi = -Infinity;
  for (const [, v] of pts) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (props.dv.config.min !== undefined) lo = Math.min(lo, props.dv.config.min);
  if (hi === lo) {
    lo -= 1;
    hi += 1;
  }
  const x = (t: number): number => ((t - t0) / (t1 - t0 || 1)) * 100;
  const y = (v: number): number => 100 - ((v - lo) / (hi - lo)) * 100;
  const line = pts.map(([t, v]) => `${x(t).toFixed(2)},${y(v).toFixed(2)}`).join(' ');
  return (
    <svg class="stat-spark" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">
      <polygon points={`0,100 ${line} 100,100`} fill={props.color} fill-opacity="0.2" />
      <polyline points={line} fill="none" stroke={props.color} stroke-width="1.5" vector-effect="non-scaling-stroke" />
    </svg>
  );
}

export function StatPanel(props: { panel: Panel; frames: DataFrame[]; width?: number; height?: number }): JSX.Element {
  const values = displayValues(props.panel, props.frames, { min: -Infinity, max: Infinity });
  const o = props.panel.options;
  const colorMode = str(o, 'colorMode') ?? (props.panel.type === 'singlestat' ? (props.panel.raw['colorBackground'] === true ? 'background' : props.panel.raw['colorValue'] === true ? 'value' : 'none') : 'value');
  const graphMode = str(o, 'graphMode') ?? (props.panel.type === 'singlestat' && (props.panel.raw['sparkline'] as { show?: unknown } | undefined)?.show === true ? 'area' : props.panel.type === 'singlestat' ? 'none' : 'area');
  const textMode = str(o, 'textMode') ?? 'auto';
  const showName = textMode === 'value_and_name' || textMode === 'name' || (textMode === 'auto' && values.length > 1);
  // Auto orientation as Grafana: side by side when the panel is wider than tall.
  const wide = (props.width ?? 400) >= (props.height ?? 200);
  const orientation = str(o, 'orientation') ?? 'auto';
  const horizontal = orientation === 'vertical' ? false : orientation === 'horizontal' ? true : values.length > 1 && wide;
  const justify = str(o, 'justifyMode') === 'center' ? ' stat-center' : '';
  const cols = horizontal ? Math.min(values.length, Math.max(1, Math.floor((props.width ?? 400) / 110))) : 1;
  const rows = Math.max(1, Math.ceil(values.length / cols));
  const fontPx = Math.max(12, Math.min(48, ((props.height ?? 150) / rows) * 0.38, ((props.width ?? 300) / cols) / Math.max(4, ...values.map((v) => v.text.length)) * 1.6));
  return (
    <div class={`stat-grid${horizontal ? ' stat-row' : ''}${justify}`} style={horizontal && values.length > cols ? { display: 'grid', gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))` } : {}}>
      {values.map((dv) => {
        const bg = colorMode === 'background' || colorMode === 'background_solid';
        const style: Record<string, string> = bg ? { background: colorMode === 'background' ? `linear-gradient(120deg, color-mix(in srgb, ${dv.color} 70%, black), ${dv.color})` : dv.color, color: '#fff' } : {};
        return (
          <div class="stat-item" style={style} data-testid="stat-value">
            {graphMode === 'area' && <Sparkline dv={dv} color={bg ? 'rgba(255,255,255,0.8)' : dv.color} />}
            {showName && <div class="stat-name">{dv.name}</div>}
            {textMode !== 'name' && textMode !== 'none' && (
              <div class="stat-value" style={{ fontSize: `${Math.round(fontPx)}px`, ...(colorMode === 'value' ? { color: dv.color } : {}) }}>{dv.text}</div>
            )}
          </div>
        );
      })}
    </div>
  );
}
