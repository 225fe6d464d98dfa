/**
 * Command-line parsing for `vigil query ...` in kingpin's manner (flags anywhere, `--f=v` or
 * `--f v`, short `-o`), Go's time.ParseDuration for --step/--duration, and kingpin's errors.
 */

/** A usage error, printed as `promtool: error: <msg>, try --help`. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ParsedArgs {
  /** Positional arguments, in order. */
  positional: string[];
  /** Flag values by long name (repeatable flags keep every value). */
  flags: Map<string, string[]>;
  help: boolean;
}

/** Long names of the flags that take a value; `short` maps short letters to long names. */
export function parseArgs(args: readonly string[], valueFlags: ReadonlySet<string>, short: Record<string, string>): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  let help = false;
  const put = (name: string, v: string): void => {
    const l = flags.get(name);
    if (l) l.push(v);
    else flags.set(name, [v]);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (a === '--help' || a === '-h') {
      help = true;
      continue;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      if (!valueFlags.has(name)) throw new UsageError(`unknown long flag '--${name}'`);
      if (eq >= 0) put(name, a.slice(eq + 1));
      else if (i + 1 < args.length) put(name, args[++i] as string);
      else throw new UsageError(`expected argument for flag '--${name}'`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      const name = short[a[1] as string];
      if (name === undefined) throw new UsageError(`unknown short flag '-${a[1]}'`);
      if (a.length > 2) put(name, a.slice(2).replace(/^=/, ''));
      else if (i + 1 < args.length) put(name, args[++i] as string);
      else throw new UsageError(`expected argument for flag '-${a[1]}'`);
      continue;
    }
    positional.push(a);
  }
  return { positional, flags, help };
}

const GO_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go's time.ParseDuration, in ms. */
export function parseGoDuration(s: string): number {
  const bad = (): UsageError => new UsageError(`time: invalid duration ${JSON.stringify(s)}`);
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest[0] === '-') sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw bad();
  let total = 0;
  while (rest !== '') {
    const m = /^(\d*)(?:\.(\d*))?([^\d.]+)/.exec(rest);
    if (m === null || ((m[1] ?? '') === '' && (m[2] ?? '') === '')) throw bad();
    const unit = GO_UNITS[m[3] as string];
    if (unit === undefined) throw new UsageError(`time: unknown unit ${JSON.stringify(m[3])} in duration ${JSON.stringify(s)}`);
    total += Number(`${m[1] || '0'}.${m[2] || '0'}`) * unit;
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}

/** Go's time.Duration.String() for ms. */
export function formatGoDuration(msIn: number): string {
  if (msIn === 0) return '0s';
  const neg = msIn < 0;
  let ms = Math.abs(msIn);
  let out: string;
  if (ms < 1000) {
    out = `${trimFloat(ms)}ms`;
  } else {
    const h = Math.floor(ms / 3_600_000);
    ms -= h * 3_600_000;
    const m = Math.floor(ms / 60_000);
    ms -= m * 60_000;
    const sec = `${trimFloat(ms / 1000)}s`;
    out = h > 0 ? `${h}h${m}m${sec}` : m > 0 ? `${m}m${sec}` : sec;
  }
  return neg ? `-${out}` : out;
}

function trimFloat(v: number): string {
  return String(Number(v.toFixed(9)));
}
