/**
 * Grafana's template interpolation: $var, ${var}, ${var:format}, [[var]], [[var:format]],
 * with its formats (regex, pipe, csv, glob, json, ...), the All value (allValue verbatim or
 * every option's value), and the Prometheus data source's default escaping of queries.
 */

export const ALL_VALUE = '$__all';

export interface VarValue {
  value: string[];
  text: string[];
  isAll: boolean;
  /** The custom All value (allValue), verbatim. */
  allValue?: string;
  /** Every option's value but All, for the All selection without allValue. */
  allValues: string[];
  multi: boolean;
  includeAll: boolean;
}

export type VarMap = ReadonlyMap<string, VarValue>;

export function singleValue(v: string, text = v): VarValue {
  return { value: [v], text: [text], isAll: false, allValues: [], multi: false, includeAll: false };
}

const VARIABLE_RE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/g;

export function regexEscape(s: string): string {
  return s.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&');
}

function prometheusRegularEscape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/'/g, "\\\\'");
}

function prometheusRegexEscape(s: string): string {
  return s.replace(/\\/g, '\\\\\\\\').replace(/[$^*{}[\]'+?.()|]/g, '\\\\$&');
}

/** The Prometheus data source's formatting of a variable inside a query (no explicit format). */
export function prometheusQueryFormat(values: string[], v: VarValue): string {
  if (!v.multi && !v.includeAll) return values.map(prometheusRegularEscape).join(',');
  const esc = values.map(prometheusRegexEscape);
  if (esc.length === 1) return esc[0] ?? '';
  return `(${esc.join('|')})`;
}

function formatValues(values: string[], texts: string[], fmt: string, name: string): string {
  switch (fmt) {
    case 'regex': {
      const esc = values.map(regexEscape);
      return esc.length === 1 ? (esc[0] ?? '') : `(${esc.join('|')})`;
    }
    case 'pipe':
      return values.join('|');
    case 'csv':
    case 'raw':
      return values.join(',');
    case 'json':
      return JSON.stringify(values.length === 1 ? values[0] : values);
    case 'glob':
      return values.length > 1 ? `{${values.join(',')}}` : (values[0] ?? '');
    case 'lucene':
      return values.length === 1 ? luceneEscape(values[0] ?? '') : `(${values.map((x) => `"${luceneEscape(x)}"`).join(' OR ')})`;
    case 'percentencode':
      return encodeURIComponent(values.length === 1 ? (values[0] ?? '') : `{${values.join(',')}}`);
    case 'singlequote':
      return values.map((x) => `'${x.replace(/'/g, "\\'")}'`).join(',');
    case 'doublequote':
      return values.map((x) => `"${x.replace(/"/g, '\\"')}"`).join(',');
    case 'sqlstring':
      return values.map((x) => `'${x.replace(/'/g, "''")}'`).join(',');
    case 'text':
      return texts.join(' + ');
    case 'queryparam':
      return values.map((x) => `var-${encodeURIComponent(name)}=${encodeURIComponent(x)}`).join('&');
    default:
      return values.join(',');
  }
}

function luceneEscape(s: string): string {
  return s.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, '\\$&');
}

/** How a variable is written when no format is given: a datasource hook or plain csv. */
export type DefaultFormat = (values: string[], v: VarValue) => string;

const csvFormat: DefaultFormat = (values) => values.join(',');

/**
 * Replaces every variable reference in `text`. Scoped values (repeats) win over `vars`.
 * Unknown variables are left as written, as Grafana does.
 */
export function interpolate(text: string, vars: VarMap, defaultFormat: DefaultFormat = csvFormat, scoped?: VarMap): string {
  if (!text.includes('$') && !text.includes('[[')) return text;
  return text.replace(VARIABLE_RE, (match: string, ...groups: (string | undefined)[]) => {
    const [n1, n2, f2, n3, , f3] = groups;
    const name = n1 ?? n2 ?? n3 ?? '';
    const fmt = f2 ?? f3;
    const v = scoped?.get(name) ?? vars.get(name);
    if (v === undefined) return match;
    if (v.isAll) {
      if (v.allValue !== undefined && fmt !== 'text' && fmt !== 'percentencode') return v.allValue;
      const values = v.allValue !== undefined ? [v.allValue] : v.allValues;
      if (fmt === 'text') return 'All';
      return fmt === undefined ? defaultFormat(values, v) : formatValues(values, ['All'], fmt, name);
    }
    if (fmt === undefined) return defaultFormat(v.value, v);
    return formatValues(v.value, v.text, fmt, name);
  });
}

/** Names of the variables a text refers to. */
export function referencedVariables(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(VARIABLE_RE)) {
    const name = m[1] ?? m[2] ?? m[4];
    if (name !== undefined) out.add(name);
  }
  return out;
}
