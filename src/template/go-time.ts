/**
 * Go's time.Time (UTC only) and time.Duration as template values: their String() forms,
 * Time.Format with Go layouts, and the methods templates call (.Format, .Unix, .UnixMilli,
 * .Add, .String, .Seconds, ...).
 */
import { formatFloat } from '../model/strconv/index.js';
import { ArgTypeError } from './errors.js';
import { goTypeName, type GoObject } from './values.js';

const NS_PER_MS = 1_000_000n;
const NS_PER_S = 1_000_000_000n;

function fmtFrac(v: bigint, prec: number): [string, bigint] {
  let out = '';
  let print = false;
  let u = v;
  for (let i = 0; i < prec; i++) {
    const digit = u % 10n;
    print = print || digit !== 0n;
    if (print) out = digit.toString() + out;
    u /= 10n;
  }
  return [print ? `.${out}` : '', u];
}

/** time.Duration.String(), e.g. 30m0s, 1.5s, 100ms, 0s. */
export function formatGoDuration(ns: bigint): string {
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  let out: string;
  if (u < NS_PER_S) {
    if (u === 0n) return '0s';
    let prec: number;
    let unit: string;
    if (u < 1000n) [prec, unit] = [0, 'ns'];
    else if (u < NS_PER_MS) [prec, unit] = [3, 'µs'];
    else [prec, unit] = [6, 'ms'];
    const [frac, rest] = fmtFrac(u, prec);
    out = rest.toString() + frac + unit;
  } else {
    const [frac, secs] = fmtFrac(u, 9);
    u = secs;
    out = (u % 60n).toString() + frac + 's';
    u /= 60n;
    if (u > 0n) {
      out = (u % 60n).toString() + 'm' + out;
      u /= 60n;
      if (u > 0n) out = u.toString() + 'h' + out;
    }
  }
  return neg ? `-${out}` : out;
}

function toNs(v: unknown): bigint {
  if (v instanceof GoDuration) return v.ns;
  if (typeof v === 'bigint') return v;
  throw new ArgTypeError('time.Duration', goTypeName(v));
}

export class GoDuration implements GoObject {
  readonly goType: string;
  constructor(readonly ns: bigint, pointer = true) {
    this.goType = pointer ? '*time.Duration' : 'time.Duration';
  }
  goFormat(): string {
    return formatGoDuration(this.ns);
  }
  goMethod(name: string): ((...args: unknown[]) => unknown) | undefined {
    const secs = Number(this.ns) / 1e9;
    switch (name) {
      case 'String': return () => this.goFormat();
      case 'Seconds': return () => secs;
      case 'Minutes': return () => secs / 60;
      case 'Hours': return () => secs / 3600;
      case 'Milliseconds': return () => this.ns / NS_PER_MS;
      case 'Microseconds': return () => this.ns / 1000n;
      case 'Nanoseconds': return () => this.ns;
    }
    return undefined;
  }
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const LAYOUT_TOKENS = [
  'January', 'Monday', '2006', '-07:00:00', '-0700', '-07:00', 'Z07:00', 'Z0700', '-07', 'Z07', 'Jan', 'Mon',
  'MST', '002', '__2', '01', '02', '_2', '03', '04', '05', '06', '15', 'PM', 'pm', '1', '2', '3', '4', '5',
];

function p2(n: number): string {
  return n.toString().padStart(2, '0');
}

export class GoTime implements GoObject {
  readonly goType: string;
  constructor(readonly ns: bigint, pointer = true) {
    this.goType = pointer ? '*time.Time' : 'time.Time';
  }

  private date(): Date {
    let ms = this.ns / NS_PER_MS;
    if (this.ns < 0n && this.ns % NS_PER_MS !== 0n) ms -= 1n;
    return new Date(Number(ms));
  }

  private nanosOfSecond(): bigint {
    const r = this.ns % NS_PER_S;
    return r < 0n ? r + NS_PER_S : r;
  }

  goFormat(): string {
    return this.format('2006-01-02 15:04:05.999999999 -0700 MST');
  }

  /** time.Time.Format in UTC. */
  format(layout: string): string {
    const d = this.date();
    let out = '';
    let i = 0;
    while (i < layout.length) {
      const frac = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
      if (frac !== null) {
        out += this.fraction(frac[1] as string, layout[i] as string);
        i += frac[0].length;
        continue;
      }
      const tok = LAYOUT_TOKENS.find((t) => layout.startsWith(t, i));
      if (tok === undefined) {
        out += layout[i];
        i++;
        continue;
      }
      out += this.token(tok, d);
      i += tok.length;
    }
    return out;
  }

  private fraction(digits: string, sep: string): string {
    const n = this.nanosOfSecond().toString().padStart(9, '0');
    if (digits[0] === '0') return sep + n.slice(0, digits.length);
    const trimmed = n.slice(0, digits.length).replace(/0+$/, '');
    return trimmed === '' ? '' : sep + trimmed;
  }

  private token(tok: string, d: Date): string {
    const h = d.getUTCHours();
    switch (tok) {
      case 'January': return MONTHS[d.getUTCMonth()] as string;
      case 'Jan': return (MONTHS[d.getUTCMonth()] as string).slice(0, 3);
      case 'Monday': return DAYS[d.getUTCDay()] as string;
      case 'Mon': return (DAYS[d.getUTCDay()] as string).slice(0, 3);
      case '2006': return d.getUTCFullYear().toString().padStart(4, '0');
      case '06': return p2(d.getUTCFullYear() % 100);
      case '01': return p2(d.getUTCMonth() + 1);
      case '1': return String(d.getUTCMonth() + 1);
      case '02': return p2(d.getUTCDate());
      case '_2': return d.getUTCDate().toString().padStart(2, ' ');
      case '2': return String(d.getUTCDate());
      case '002': case '__2': {
        const start = Date.UTC(d.getUTCFullYear(), 0, 1);
        const yday = Math.floor((d.getTime() - start) / 86400000) + 1;
        return yday.toString().padStart(3, tok === '002' ? '0' : ' ');
      }
      case '15': return p2(h);
      case '03': return p2(h % 12 === 0 ? 12 : h % 12);
      case '3': return String(h % 12 === 0 ? 12 : h % 12);
      case '04': return p2(d.getUTCMinutes());
      case '4': return String(d.getUTCMinutes());
      case '05': return p2(d.getUTCSeconds());
      case '5': return String(d.getUTCSeconds());
      case 'PM': return h >= 12 ? 'PM' : 'AM';
      case 'pm': return h >= 12 ? 'pm' : 'am';
      case 'MST': return 'UTC';
      case '-0700': return '+0000';
      case '-07:00': return '+00:00';
      case '-07': return '+00';
      case '-07:00:00': return '+00:00:00';
      default: return 'Z';
    }
  }

  goMethod(name: string): ((...args: unknown[]) => unknown) | undefined {
    const secs = this.ns >= 0n || this.ns % NS_PER_S === 0n ? this.ns / NS_PER_S : this.ns / NS_PER_S - 1n;
    switch (name) {
      case 'Format': return (layout: unknown) => {
        if (typeof layout !== 'string') throw new ArgTypeError('string', goTypeName(layout));
        return this.format(layout);
      };
      case 'String': return () => this.goFormat();
      case 'Unix': return () => secs;
      case 'UnixMilli': return () => (this.ns >= 0n ? this.ns / NS_PER_MS : -((-this.ns + NS_PER_MS - 1n) / NS_PER_MS));
      case 'UnixMicro': return () => this.ns / 1000n;
      case 'UnixNano': return () => this.ns;
      case 'Add': return (d: unknown) => new GoTime(this.ns + toNs(d), false);
      case 'Sub': return (t: unknown) => {
        if (!(t instanceof GoTime)) throw new ArgTypeError('time.Time', goTypeName(t));
        return new GoDuration(this.ns - t.ns, false);
      };
      case 'UTC': return () => new GoTime(this.ns, false);
      case 'Year': return () => BigInt(this.date().getUTCFullYear());
      case 'Month': return () => MONTHS[this.date().getUTCMonth()];
      case 'Day': return () => BigInt(this.date().getUTCDate());
      case 'Hour': return () => BigInt(this.date().getUTCHours());
      case 'Minute': return () => BigInt(this.date().getUTCMinutes());
      case 'Second': return () => BigInt(this.date().getUTCSeconds());
      case 'Weekday': return () => DAYS[this.date().getUTCDay()];
    }
    return undefined;
  }
}

/** %v of a float64 as Go prints it (used in error texts). */
export function goFloatV(v: number): string {
  return formatFloat(v, 'g', -1);
}
