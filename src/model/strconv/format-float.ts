/**
 * Go's float formatting (strconv.FormatFloat, and fmt's %g / %v / %f / %e, which use it) with
 * Go's spellings of the special values: NaN, +Inf, -Inf.
 */

/** strconv.FormatFloat's fmt byte: 'g' (%g, %v), 'f' (%f) or 'e' (%e). */
export type FloatFormat = 'g' | 'f' | 'e';

interface Digits {
  /** Significant decimal digits without trailing zeros ('' for zero). */
  d: string;
  /** Position of the decimal point relative to the start of d: value = 0.d × 10^dp. */
  dp: number;
}

/** The shortest round-trip digits (prec < 0) or prec significant digits of a finite abs >= 0. */
function significantDigits(abs: number, prec: number): Digits {
  if (abs === 0) return { d: '', dp: 0 };
  const s = prec < 0 ? abs.toExponential() : abs.toExponential(Math.max(prec - 1, 0));
  const e = s.indexOf('e');
  const d = s.slice(0, e).replace('.', '').replace(/0+$/, '');
  return { d, dp: Number(s.slice(e + 1)) + 1 };
}

/** d.ddd…e±XX with prec digits after the point. */
function fmtE(dg: Digits, prec: number): string {
  const { d } = dg;
  let out = d.length > 0 ? (d[0] as string) : '0';
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += i < d.length ? d[i] : '0';
  }
  const exp = d.length === 0 ? 0 : dg.dp - 1;
  const ae = Math.abs(exp);
  return `${out}e${exp < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
}

/** ddd.ddd with prec digits after the point. */
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

/** %g: %e for exponents < -4 or >= the precision (6 for the shortest form), else %f. */
function fmtG(abs: number, precision: number): string {
  const shortest = precision < 0;
  let prec = shortest ? 0 : Math.max(precision, 1);
  const dg = significantDigits(abs, shortest ? -1 : prec);
  const nd = dg.d.length;
  if (shortest) prec = nd;
  let eprec = prec;
  if (eprec > nd && nd >= dg.dp) eprec = nd;
  if (shortest) eprec = 6;
  const exp = dg.dp - 1;
  if (exp < -4 || exp >= eprec) {
    if (prec > nd) prec = nd;
    return fmtE(dg, prec - 1);
  }
  if (prec > dg.dp) prec = nd;
  return fmtF(dg, Math.max(prec - dg.dp, 0));
}

/** 'f' with a fixed number of decimals (JavaScript rounds exact ties up, Go to even). */
function fixedDecimals(abs: number, prec: number): string {
  if (abs < 1e21) return abs.toFixed(prec);
  return BigInt(abs).toString() + (prec > 0 ? `.${'0'.repeat(prec)}` : '');
}

/**
 * strconv.FormatFloat(v, fmt, prec, 64). prec < 0 gives the shortest representation that
 * round-trips (FormatFloat's -1); for 'g' it is the number of significant digits, for 'f'
 * and 'e' the number of digits after the decimal point.
 */
export function formatFloat(v: number, fmt: FloatFormat = 'g', prec = -1): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const sign = v < 0 || Object.is(v, -0) ? '-' : '';
  const abs = Math.abs(v);
  switch (fmt) {
    case 'g':
      return sign + fmtG(abs, prec);
    case 'f': {
      if (prec >= 0) return sign + fixedDecimals(abs, prec);
      const dg = significantDigits(abs, -1);
      return sign + fmtF(dg, Math.max(dg.d.length - dg.dp, 0));
    }
    case 'e': {
      const dg = significantDigits(abs, prec < 0 ? -1 : prec + 1);
      return sign + fmtE(dg, prec < 0 ? Math.max(dg.d.length - 1, 0) : prec);
    }
  }
}

/** labels.FormatOpenMetricsFloat: %g, with ".0" appended when there is neither "." nor "e". */
export function formatOpenMetricsFloat(f: number): string {
  if (f === 1) return '1.0';
  if (f === 0) return '0.0';
  if (f === -1) return '-1.0';
  const s = formatFloat(f);
  if (!Number.isFinite(f)) return s;
  return /[e.]/.test(s) ? s : `${s}.0`;
}
