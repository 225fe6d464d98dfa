/**
 * The values stat, gauge and bar gauge panels show: each numeric field reduced by the panel's
 * calcs (reduceOptions), or each row when reduceOptions.values is set, with its resolved
 * config (unit, decimals, min/max, thresholds), display name, text and colour.
 */
import { resolveFieldConfig, fieldColor, mapValue, cssColor } from './field-config.js';
import { type DataFrame, type FieldValue, timeField } from './frames.js';
import { arr, bool, num, obj, str, type FieldConfig, type Panel } from './model.js';
import { reduceValues } from './reducers.js';
import { formatValue } from './units.js';

export interface DisplayValue {
  name: string;
  value: number | null;
  text: string;
  color: string;
  config: FieldConfig;
  min: number;
  max: number;
  /** Sparkline points (time ms, value). */
  sparkline?: { times: FieldValue[]; values: FieldValue[] };
}

export function displayText(config: FieldConfig, value: FieldValue): string {
  const mapped = mapValue(config, value);
  if (mapped?.text !== undefined) return mapped.text;
  if (value === null) return config.noValue ?? 'No data';
  if (typeof value === 'string') return value;
  return formatValue(value, config.unit, config.decimals);
}

/** The panel's reduced values, in field order. */
export function displayValues(panel: Panel, frames: readonly DataFrame[], defaults: { min: number; max: number }): DisplayValue[] {
  const ro = obj(panel.options, 'reduceOptions') ?? {};
  const calcs = arr(ro, 'calcs').filter((c): c is string => typeof c === 'string');
  const calc = calcs[0] ?? (panel.type === 'singlestat' ? legacyCalc(str(panel.raw, 'valueName')) : 'lastNotNull');
  const allValues = bool(ro, 'values') === true;
  const limit = num(ro, 'limit') ?? (allValues ? 5000 : Infinity);
  const fieldsRe = str(ro, 'fields') ?? '';
  let re: RegExp | null = null;
  try {
    re = fieldsRe === '' || fieldsRe === '/.*/' ? null : new RegExp(fieldsRe.replace(/^\/(.*)\/$/, '$1'));
  } catch {
    re = null;
  }
  const out: DisplayValue[] = [];
  let index = 0;
  for (const frame of frames) {
    const tf = timeField(frame);
    for (const f of frame.fields) {
      if (f.type !== 'number') continue;
      const { config, name } = resolveFieldConfig(panel, f, frame);
      if (re !== null && !re.test(name)) continue;
      const mk = (value: number | null, label: string): DisplayValue => {
        const min = config.min ?? defaults.min;
        const max = config.max ?? defaults.max;
        const mapped = mapValue(config, value);
        const color = mapped?.color !== undefined ? cssColor(mapped.color) : fieldColor({ ...config, color: config.color ?? { mode: 'thresholds' } }, index, value);
        return { name: label, value, text: displayText(config, value), color, config, min, max };
      };
      if (allValues) {
        // One value per row, named by the row's text fields (e.g. a table's label columns).
        const texts = frame.fields.filter((x) => x.type === 'string');
        for (let i = 0; i < f.values.length && out.length < limit; i++) {
          const v = f.values[i];
          const rowName = texts.map((x) => x.values[i]).filter((x) => x !== null && x !== undefined && x !== '').join(' ');
          out.push(mk(typeof v === 'number' ? v : null, config.displayName === undefined && rowName !== '' ? rowName : name));
        }
      } else {
        const r = reduceValues(f.values, calc);
        const dv = mk(typeof r === 'number' ? r : null, name);
        if (tf !== undefined && f.values.length > 1) dv.sparkline = { times: tf.values, values: f.values };
        out.push(dv);
      }
      index++;
    }
  }
  return out;
}

function legacyCalc(valueName: string | undefined): string {
  switch (valueName) {
    case 'avg': return 'mean';
    case 'current': return 'lastNotNull';
    case 'total': return 'sum';
    case 'name': return 'lastNotNull';
    default: return valueName ?? 'mean';
  }
}
