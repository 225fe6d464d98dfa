/**
 * Data frames as Grafana's panels see them: columns (fields) of time, numbers or strings, one
 * frame per time series (Time + Value with labels) or one table frame per query
 * (Time, label columns, Value / Value #refId).
 */

export type FieldType = 'time' | 'number' | 'string';
export type FieldValue = number | string | null;

export interface Field {
  name: string;
  type: FieldType;
  values: FieldValue[];
  labels?: Record<string, string>;
  /** The data source's display name (rendered legendFormat). */
  legend?: string;
  /** The series' own name (metric{labels}) for display when no legend is set. */
  seriesName?: string;
}

export interface DataFrame {
  refId: string;
  name?: string;
  fields: Field[];
}

/** Grafana's legend template: {{label}} -> the label's value ('' when missing). */
export function renderLegend(format: string, labels: Record<string, string>): string {
  return format.replace(/\{\{\s*(.+?)\s*\}\}/g, (_m, name: string) => labels[name] ?? '');
}

/** metric{a="b", c="d"} as Grafana names a Prometheus series without a legend. */
export function seriesName(labels: Record<string, string>, expr: string): string {
  const { __name__: name = '', ...rest } = labels;
  const keys = Object.keys(rest).sort();
  if (name === '' && keys.length === 0) return expr.trim();
  return `${name}{${keys.map((k) => `${k}="${rest[k] ?? ''}"`).join(', ')}}`;
}

/** The name a field is shown under (before per-field displayName config). */
export function fieldDisplayName(field: Field, frame?: DataFrame): string {
  if (field.legend !== undefined && field.legend !== '') return field.legend;
  if (field.seriesName !== undefined) return field.seriesName;
  if (frame?.name !== undefined && frame.name !== '' && field.type === 'number' && frame.fields.filter((f) => f.type === 'number').length === 1) return frame.name;
  return field.name;
}

export function timeField(frame: DataFrame): Field | undefined {
  return frame.fields.find((f) => f.type === 'time');
}

export function frameLength(frame: DataFrame): number {
  return frame.fields.reduce((n, f) => Math.max(n, f.values.length), 0);
}

export function hasData(frames: readonly DataFrame[]): boolean {
  return frames.some((f) => frameLength(f) > 0 && f.fields.length > 0);
}

/** Parses a Prometheus sample value string ("1.5", "NaN", "+Inf"). */
export function parseSampleValue(s: unknown): number | null {
  if (typeof s === 'number') return s;
  if (typeof s !== 'string') return null;
  if (s === '+Inf' || s === 'Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  const v = Number(s);
  return Number.isNaN(v) && s !== 'NaN' ? null : v;
}
