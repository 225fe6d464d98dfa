/** Gauge (SVG arc with threshold markers) and bar gauge (one bar per value) panels. */
import type { JSX } from 'preact';
import { type DisplayValue, displayValues } from '../display-values';
import { cssColor } from '../field-config';
import type { DataFrame } from '../frames';
import { bool, str, type Panel } from '../model';

const START = 150;
const SWEEP = 240;

function polar(cx: number, cy: number, r: number, deg: number): [number, number] {
  const a = (deg * Math.PI) / 180;
  return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
}

function arc(r: number, from: number, to: number): string {
  const [x0, y0] = polar(50, 52, r, START + SWEEP * from);
  const [x1, y1] = polar(50, 52, r, START + SWEEP * to);
  const large = SWEEP * (to - from) > 180 ? 1 : 0;
  return `M ${x0.toFixed(2)} ${y0.toFixed(2)} A ${r} ${r} 0 ${large} 1 ${x1.toFixed(2)} ${y1.toFixed(2)}`;
}

function fraction(dv: DisplayValue, v: number): number {
  const span = dv.max - dv.min;
  if (!Number.isFinite(span) || span <= 0) return 0;
  return Math.min(1, Math.max(0, (v - dv.min) / span));
}

function thresholdBands(dv: DisplayValue): { from: number; to: number; color: string }[] {
  const steps = dv.config.thresholds?.steps ?? [{ value: -Infinity, color: 'green' }, { value: 80, color: 'red' }];
  const pct = dv.config.thresholds?.mode === 'percentage';
  const at = (v: number): number => (v === -Infinity ? 0 : pct ? Math.min(1, Math.max(0, v / 100)) : fraction(dv, v));
  return steps.map((s, i) => ({ from: at(s.value), to: i + 1 < steps.length ? at(steps[i + 1]?.value ?? Infinity) : 1, color: cssColor(s.color) })).filter((b) => b.to > b.from);
}

function Gauge(props: { dv: DisplayValue; showName: boolean; markers: boolean }): JSX.Element {
  const { dv } = props;
  const f = dv.value === null ? 0 : fraction(dv, dv.value);
  return (
    <div class="gauge-item" data-testid="gauge-value">
      <svg viewBox="0 0 100 90" class="gauge-svg" role="img" aria-label={`${dv.name} ${dv.text}`}>
        {props.markers && thresholdBands(dv).map((b) => <path d={arc(44, b.from, b.to)} stroke={b.color} stroke-width="3" fill="none" />)}
        <path d={arc(36, 0, 1)} stroke="var(--border)" stroke-width="10" fill="none" />
        {f > 0 && <path d={arc(36, 0, f)} stroke={dv.color} stroke-width="10" fill="none" />}
        <text x="50" y="58" text-anchor="middle" font-size="14" font-weight="600" fill={dv.color}>{dv.text}</text>
      </svg>
      {props.showName && <div class="gauge-name">{dv.name}</div>}
    </div>
  );
}

export function GaugePanel(props: { panel: Panel; frames: DataFrame[] }): JSX.Element {
  const values = displayValues(props.panel, props.frames, { min: 0, max: 100 });
  const markers = bool(props.panel.options, 'showThresholdMarkers') ?? true;
  return (
    <div class="gauge-grid">
      {values.map((dv) => <Gauge dv={dv} showName={values.length > 1} markers={markers} />)}
    </div>
  );
}

export function BarGaugePanel(props: { panel: Panel; frames: DataFrame[] }): JSX.Element {
  const values = displayValues(props.panel, props.frames, { min: 0, max: 100 });
  const mode = str(props.panel.options, 'displayMode') ?? 'gradient';
  const vertical = str(props.panel.options, 'orientation') === 'vertical';
  return (
    <div class={`bargauge${vertical ? ' vertical' : ''}`}>
      {values.map((dv) => {
        const f = dv.value === null ? 0 : fraction(dv, dv.value);
        const fill = mode === 'gradient' ? `linear-gradient(${vertical ? 'to top' : 'to right'}, color-mix(in srgb, ${dv.color} 40%, transparent), ${dv.color})` : dv.color;
        const size = `${(f * 100).toFixed(1)}%`;
        return (
          <div class="bargauge-item" data-testid="bargauge-value">
            <div class="bargauge-name" title={dv.name}>{dv.name}</div>
            <div class={`bargauge-track${mode === 'lcd' ? ' lcd' : ''}`}>
              <div class="bargauge-bar" style={vertical ? { height: size, background: fill } : { width: size, background: fill }} />
            </div>
            <div class="bargauge-text" style={{ color: dv.color }}>{dv.text}</div>
          </div>
        );
      })}
    </div>
  );
}
