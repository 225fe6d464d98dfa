/**
 * Go's float formatting and parsing where PromQL output depends on it: `%g` (annotation texts),
 * `%.Ng`, labels.FormatOpenMetricsFloat (histogram_quantiles' quantile label) and
 * strconv.ParseFloat (the `le` label of classic histogram buckets).
 */

interface Digits {
  /** Significant decimal digits, no trailing zeros ('' for zero). */
  d: string;
  /** Position of the decimal point relative to the start of d. */
  dp: number;
}

function digitsOf(abs: number, prec: number): Digits {
  if (abs === 0) return { d: '', dp: 0 };
  const s = prec < 0 ? abs.toExponential() : abs.toExponential(prec - 1);
  const e = s.indexOf('e');
  const d = s.slice(0, e).replace('.', '').replace(/0+$/, '');
  return { d, dp: Number(s.slice(e + 1)) + 1 };
}

function fmtE(dg: Digits, prec: number): string {
  const { d } = dg;
  let out = d.length > 0 ? d[0] ?? '0' : '0';
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += i < d.length ? d[i] : '0';
  }
  const exp = d.length === 0 ? 0 : dg.dp - 1;
  const ae = Math.abs(exp);
  return `${out}e${exp < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
}

function fmtF(dg: Digits, prec: number): string {
  const { d, dp } = dg;
  let out = '';
  if (dp > 0) {
    for (let i = 0; i < dp; i++) out += i < d.length ? d[i] : '0';
  } else {
    out = '0';
  }
  if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) {
      const j = dp + i;
      out += j >= 0 && j < d.length ? d[j] : '0';
    }
  }
  return out;
}

/** Go's fmt `%g` (precision < 0: shortest representation) or `%.<precision>g`. */
export function formatGoFloat(x: number, precision = -1): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const shortest = precision < 0;
  let prec = shortest ? 0 : Math.max(precision, 1);
  const dg = digitsOf(Math.abs(x), shortest ? -1 : prec);
  const nd = dg.d.length;
  if (shortest) prec = nd;
  let eprec = prec;
  if (eprec > nd && nd >= dg.dp) eprec = nd;
  if (shortest) eprec = 6;
  const exp = dg.dp - 1;
  let body: string;
  if (exp < -4 || exp >= eprec) {
    if (prec > nd) prec = nd;
    body = fmtE(dg, prec - 1);
  } else {
    if (prec > dg.dp) prec = nd;
    body = fmtF(dg, Math.max(prec - dg.dp, 0));
  }
  return neg ? `-${body}` : body;
}

/** labels.FormatOpenMetricsFloat: like %g, with ".0" appended when there is neither "." nor "e". */
export function formatOpenMetricsFloat(f: number): string {
  if (f === 1) return '1.0';
  if (f === 0) return '0.0';
  if (f === -1) return '-1.0';
  const s = formatGoFloat(f);
  if (Number.isNaN(f) || !Number.isFinite(f)) return s;
  return /[e.]/.test(s) ? s : `${s}.0`;
}

const DECIMAL_FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/;
const INFINITY = /^[+-]?(?:inf|infinity)$/i;

/**
 * strconv.ParseFloat(s, 64): returns null where Go returns an error (syntax error, or a finite
 * literal that overflows to ±Inf).
 */
export function parseGoFloat(s: string): number | null {
  if (DECIMAL_FLOAT.test(s)) {
    const v = Number(s);
    return Number.isFinite(v) ? v : null;
  }
  if (INFINITY.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  const m = HEX_FLOAT.exec(s);
  if (m && (m[2] !== '' || m[3] !== '')) {
    const intPart = m[2] ?? '';
    const frac = m[3] ?? '';
    const mant = Number.parseInt(intPart + frac || '0', 16);
    const v = mant * Math.pow(2, Number(m[4]) - 4 * frac.length);
    if (!Number.isFinite(v)) return null;
    return m[1] === '-' ? -v : v;
  }
  return null;
}
