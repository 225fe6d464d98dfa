/**
 * Field configuration as Grafana applies it: fieldConfig.defaults, then the overrides whose
 * matcher (byName, byRegexp, byFrameRefID, byType) selects the field; thresholds (absolute or
 * percentage) and colour modes (thresholds, palette-classic, fixed) with Grafana's named colours.
 */
import { type DataFrame, type Field, fieldDisplayName } from './frames.js';
import { fieldConfig, isObject, type FieldConfig, type Json, type Override, type Panel, type ThresholdStep } from './model.js';

export const PALETTE = [
  '#7EB26D', '#EAB839', '#6ED0E0', '#EF843C', '#E24D42', '#1F78C1', '#BA43A9', '#705DA0',
  '#508642', '#CCA300', '#447EBC', '#C15C17', '#890F02', '#0A437C', '#6D1F62', '#584477',
  '#B7DBAB', '#F4D598', '#70DBED', '#F9BA8F', '#F29191', '#82B5D8', '#E5A8E2', '#AEA2E0',
  '#629E51', '#E5AC0E', '#64B0C8', '#E0752D', '#BF1B00', '#0A50A1', '#962D82', '#614D93',
];

const NAMED: Record<string, string> = {
  red: '#F2495C', 'semi-dark-red': '#E02F44', 'dark-red': '#C4162A', 'light-red': '#FF7383', 'super-light-red': '#FFA6B0',
  orange: '#FF9830', 'semi-dark-orange': '#FA6400', 'dark-orange': '#FA6400', 'light-orange': '#FFB357', 'super-light-orange': '#FFCB7D',
  yellow: '#FADE2A', 'semi-dark-yellow': '#F2CC0C', 'dark-yellow': '#E0B400', 'light-yellow': '#FFEE52', 'super-light-yellow': '#FFF899',
  green: '#73BF69', 'semi-dark-green': '#56A64B', 'dark-green': '#37872D', 'light-green': '#96D98D', 'super-light-green': '#C8F2C2',
  blue: '#5794F2', 'semi-dark-blue': '#3274D9', 'dark-blue': '#1F60C4', 'light-blue': '#8AB8FF', 'super-light-blue': '#C0D8FF',
  purple: '#B877D9', 'semi-dark-purple': '#A352CC', 'dark-purple': '#8F3BB8', 'light-purple': '#CA95E5', 'super-light-purple': '#DEB6F2',
  text: 'var(--fg)', transparent: 'transparent',
};

/** A Grafana colour (named, hex or rgb()) as CSS. */
export function cssColor(c: string | undefined): string {
  if (c === undefined || c === '') return NAMED['green'] ?? '#73BF69';
  const named = NAMED[c];
  if (named !== undefined) return named;
  // Only plain colour syntaxes reach CSS.
  if (/^#[0-9a-fA-F]{3,8}$/.test(c) || /^(rgb|rgba|hsl|hsla)\([\d\s.,%]+\)$/.test(c) || /^[a-zA-Z]+$/.test(c)) return c;
  return NAMED['green'] ?? '#73BF69';
}

function applyProperty(fc: FieldConfig, id: string, value: Json): void {
  if (id.startsWith('custom.')) {
    fc.custom = { ...fc.custom, [id.slice(7)]: value };
    return;
  }
  const patch = fieldConfig({ [id]: value });
  switch (id) {
    case 'unit': if (typeof value === 'string') fc.unit = value; break;
    case 'decimals': if (patch.decimals !== undefined) fc.decimals = patch.decimals; break;
    case 'min': if (patch.min !== undefined) fc.min = patch.min; break;
    case 'max': if (patch.max !== undefined) fc.max = patch.max; break;
    case 'displayName': if (typeof value === 'string') fc.displayName = value; break;
    case 'thresholds': if (patch.thresholds !== undefined) fc.thresholds = patch.thresholds; break;
    case 'color': if (patch.color !== undefined) fc.color = patch.color; break;
    case 'noValue': if (typeof value === 'string') fc.noValue = value; break;
    case 'mappings': if (Array.isArray(value)) fc.mappings = value; break;
    case 'links': if (Array.isArray(value)) fc.links = value; break;
    default: break;
  }
}

function matches(ov: Override, field: Field, frame: DataFrame | undefined, name: string): boolean {
  const opt = ov.matcher.options;
  switch (ov.matcher.id) {
    case 'byName':
      return opt === name || opt === field.name;
    case 'byRegexp': {
      try {
        const m = /^\/(.*)\/([a-z]*)$/.exec(opt);
        const re = m !== null ? new RegExp(m[1] ?? '', (m[2] ?? '').replace('g', '')) : new RegExp(`^(?:${opt})$`);
        return re.test(name);
      } catch {
        return false;
      }
    }
    case 'byFrameRefID':
      return frame?.refId === opt;
    case 'byType':
      return opt === field.type;
    default:
      return false;
  }
}

/** The display config of one field: defaults plus matching overrides. */
export function resolveFieldConfig(panel: Panel, field: Field, frame?: DataFrame): { config: FieldConfig; name: string } {
  const d = panel.fieldConfig.defaults;
  const config: FieldConfig = { ...d, custom: { ...d.custom } };
  const baseName = fieldDisplayName(field, frame);
  for (const ov of panel.fieldConfig.overrides) {
    if (!matches(ov, field, frame, baseName)) continue;
    for (const p of ov.properties) applyProperty(config, p.id, p.value);
  }
  // Grafana's displayName may use ${__field.labels.x} / ${__series.name}.
  let name = baseName;
  if (config.displayName !== undefined && config.displayName !== '') {
    name = config.displayName
      .replace(/\$\{__field\.labels\.([^}]+)\}/g, (_m, l: string) => field.labels?.[l] ?? '')
      .replace(/\$\{__field\.displayName\}|\$\{__series\.name\}/g, baseName)
      .replace(/\$\{__field\.name\}/g, field.name);
  }
  return { config, name };
}

/** The threshold step colour of a value (percentage thresholds relative to min..max). */
export function thresholdColor(config: FieldConfig, value: number | null, min = config.min ?? 0, max = config.max ?? 100): string {
  const th = config.thresholds;
  const steps: ThresholdStep[] = th?.steps ?? [{ value: -Infinity, color: 'green' }, { value: 80, color: 'red' }];
  if (value === null || Number.isNaN(value)) return cssColor(steps[0]?.color);
  const v = th?.mode === 'percentage' ? ((value - min) / (max - min || 1)) * 100 : value;
  let color = steps[0]?.color;
  for (const s of steps) if (v >= s.value) color = s.color;
  return cssColor(color);
}

/** The colour of a field's series/value by its colour mode. */
export function fieldColor(config: FieldConfig, index: number, value: number | null): string {
  const mode = config.color?.mode ?? 'palette-classic';
  if (mode === 'fixed' || mode === 'shades') return cssColor(config.color?.fixedColor ?? 'green');
  if (mode === 'thresholds' || mode.startsWith('continuous')) return thresholdColor(config, value);
  return PALETTE[index % PALETTE.length] ?? '#7EB26D';
}

/** A value mapping (value / range / special) text for a value, if any applies. */
export function mapValue(config: FieldConfig, value: number | string | null): { text?: string; color?: string } | null {
  for (const m of config.mappings ?? []) {
    if (!isObject(m)) continue;
    const opts = m['options'];
    if (!isObject(opts)) continue;
    const type = m['type'];
    if (type === 'value' && value !== null) {
      const r = opts[String(value)];
      if (isObject(r)) return { ...(typeof r['text'] === 'string' ? { text: r['text'] } : {}), ...(typeof r['color'] === 'string' ? { color: r['color'] } : {}) };
    }
    if (type === 'range' && typeof value === 'number') {
      const from = typeof opts['from'] === 'number' ? opts['from'] : -Infinity;
      const to = typeof opts['to'] === 'number' ? opts['to'] : Infinity;
      const r = opts['result'];
      if (value >= from && value <= to && isObject(r)) return { ...(typeof r['text'] === 'string' ? { text: r['text'] } : {}), ...(typeof r['color'] === 'string' ? { color: r['color'] } : {}) };
    }
    if (type === 'special') {
      const match = opts['match'];
      const r = opts['result'];
      const hit = (match === 'null' && value === null) || (match === 'nan' && typeof value === 'number' && Number.isNaN(value)) || (match === 'null+nan' && (value === null || (typeof value === 'number' && Number.isNaN(value))));
      if (hit && isObject(r)) return { ...(typeof r['text'] === 'string' ? { text: r['text'] } : {}), ...(typeof r['color'] === 'string' ? { color: r['color'] } : {}) };
    }
  }
  return null;
}
