/**
 * Output formatting shared by the `vigil tsdb` commands, matching promtool's Go output: Go's
 * time.Duration and time.Time strings, go-units Base2Bytes, text/tabwriter columns, and Go's
 * time.ParseDuration for flags. Also a small flag reader in kingpin's style.
 */

const MS_PER_S = 1000;

/** Go's time.Duration.String() of a duration given in ms (e.g. 2h0m0s, 1h0m0.001s, 500ms). */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let u = Math.abs(ms);
  let out: string;
  if (u < MS_PER_S) {
    out = `${u}ms`;
  } else {
    const frac = u % MS_PER_S;
    u = Math.floor(u / MS_PER_S);
    const s = u % 60;
    u = Math.floor(u / 60);
    const fracText = frac === 0 ? '' : '.' + String(frac).padStart(3, '0').replace(/0+$/, '');
    out = `${s}${fracText}s`;
    if (u > 0) {
      const m = u % 60;
      const h = Math.floor(u / 60);
      out = `${m}m${out}`;
      if (h > 0) out = `${h}h${out}`;
    }
  }
  return neg ? '-' + out : out;
}

const MULTIPLIERS = ['', 'K', 'M', 'G', 'T', 'P', 'E'];

/** go-units Base2Bytes.String(): 8639 -> 8KiB447B, 1024 -> 1KiB, 0 -> 0B. */
export function base2Bytes(n: number): string {
  const parts: string[] = [];
  let v = Math.trunc(n);
  for (let i = 0; i < MULTIPLIERS.length; i++) {
    const rem = v % 1024;
    if (rem !== 0 || (i === 0 && v === 0)) parts.unshift(`${rem}${MULTIPLIERS[i] as string}${i === 0 ? 'B' : 'iB'}`);
    v = Math.trunc(v / 1024);
    if (v === 0) break;
  }
  return parts.join('');
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Go's time.Unix(ms/1000, 0).UTC().String(), e.g. "2023-11-14 22:00:00 +0000 UTC". */
export function goTimeUTC(ms: number): string {
  const d = new Date(Math.trunc(ms / 1000) * 1000);
  if (Number.isNaN(d.getTime())) return String(ms);
  const y = d.getUTCFullYear();
  const year = y < 0 ? '-' + String(-y).padStart(4, '0') : String(y).padStart(4, '0');
  return `${year}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000 UTC`;
}

/**
 * Go's text/tabwriter with minwidth, padding and ' ' as padchar (flags 0): every cell that is
 * followed by another cell is padded to its column's width; the last cell of a line is not.
 */
export function tabwrite(rows: readonly (readonly string[])[], minWidth = 13, padding = 2): string {
  const widths: number[] = [];
  for (const r of rows) {
    for (let i = 0; i < r.length - 1; i++) {
      const w = [...(r[i] as string)].length + padding;
      widths[i] = Math.max(widths[i] ?? minWidth, w, minWidth);
    }
  }
  let out = '';
  for (const r of rows) {
    let line = '';
    for (let i = 0; i < r.length; i++) {
      const cell = r[i] as string;
      line += i < r.length - 1 ? cell + ' '.repeat((widths[i] as number) - [...cell].length) : cell;
    }
    out += line + '\n';
  }
  return out;
}

const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go's time.ParseDuration, returned in ms; throws with Go's message on bad input. */
export function parseGoDuration(s: string): number {
  const bad = (): Error => new Error(`time: invalid duration "${s}"`);
  let rest = s;
  let neg = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    neg = rest[0] === '-';
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw bad();
  let ns = 0;
  const re = /^(\d*)(?:\.(\d*))?([a-zµμ]+)/;
  while (rest !== '') {
    const m = re.exec(rest);
    if (m === null || ((m[1] ?? '') === '' && (m[2] ?? '') === '')) throw bad();
    const unit = UNIT_NS[m[3] as string];
    if (unit === undefined) throw new Error(`time: unknown unit "${m[3] as string}" in duration "${s}"`);
    ns += Number(`${m[1] === '' ? '0' : (m[1] as string)}.${m[2] ?? '0'}`) * unit;
    rest = rest.slice(m[0].length);
  }
  const ms = Math.trunc(ns / 1e6);
  return neg ? -ms : ms;
}

/** Parsed command line: flags by long name and positional arguments. */
export interface ParsedArgs {
  flags: Map<string, string>;
  positional: string[];
}

/**
 * Reads kingpin-style flags: --name=value, --name value, boolean --name / --no-name, and short
 * aliases. Throws with kingpin's wording on unknown flags or missing values.
 */
export function parseFlags(args: readonly string[], spec: { bool: readonly string[]; value: readonly string[]; short?: Readonly<Record<string, string>> }): ParsedArgs {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      if (spec.bool.includes(name)) flags.set(name, eq >= 0 ? a.slice(eq + 1) : 'true');
      else if (name.startsWith('no-') && spec.bool.includes(name.slice(3))) flags.set(name.slice(3), 'false');
      else if (spec.value.includes(name)) {
        if (eq >= 0) flags.set(name, a.slice(eq + 1));
        else {
          const v = args[++i];
          if (v === undefined) throw new Error(`expected argument for flag '--${name}'`);
          flags.set(name, v);
        }
      } else throw new Error(`unknown long flag '--${name}'`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (const ch of a.slice(1)) {
        const long = spec.short?.[ch];
        if (long === undefined) throw new Error(`unknown short flag '-${ch}'`);
        flags.set(long, 'true');
      }
      continue;
    }
    positional.push(a);
  }
  return { flags, positional };
}
