/**
 * A command-line parser with kingpin's conventions (the parser of the Prometheus binaries):
 * `--flag=value` and `--flag value`, `--flag` / `--no-flag` for booleans, repeatable flags,
 * `-h`/`--help`, `--version`, and kingpin's error texts ("unknown long flag '--foo'",
 * "expected argument for flag '--x'", "unexpected foo"). Values are checked by each flag's
 * parse function; every flag keeps its text form for /api/v1/status/flags.
 */

export type FlagKind = 'string' | 'bool' | 'strings';

export interface FlagSpec {
  name: string;
  help: string;
  kind: FlagKind;
  /** Default text (parsed like a command-line value); absent: the zero value. */
  default?: string;
  placeholder?: string;
  hidden?: boolean;
  /** Checks a value (throws an Error with kingpin's/Go's text when invalid). */
  check?: (v: string) => void;
  /** Text of the value for /status/flags (default: the value itself). */
  show?: (v: string) => string;
}

/** A syntax error: kingpin prints "<app>: error: <msg>" and exits 1. */
/** A string flag (any text; `default` absent: the empty string). */
export function stringFlag(name: string, help: string, def?: string, extra: Partial<FlagSpec> = {}): FlagSpec {
  return { name, help, kind: 'string', ...(def !== undefined ? { default: def } : {}), ...extra };
}

/** A bool flag (`--name` / `--no-name`). */
export function boolFlag(name: string, help: string, def = 'false', extra: Partial<FlagSpec> = {}): FlagSpec {
  return { name, help, kind: 'bool', default: def, ...extra };
}

export class FlagSyntaxError extends Error {
  override name = 'FlagSyntaxError';
}

/** A value error: kingpin prints the usage and the program exits 2. */
export class FlagValueError extends Error {
  override name = 'FlagValueError';
}

export interface ParsedFlags {
  /** Values by flag name (strings flags joined by ","; set or defaulted). */
  values: Map<string, string>;
  lists: Map<string, string[]>;
  /** Flags given on the command line. */
  given: Set<string>;
  help: boolean;
  version: boolean;
}

function zero(kind: FlagKind): string {
  return kind === 'bool' ? 'false' : '';
}

export function parseFlags(specs: readonly FlagSpec[], args: readonly string[]): ParsedFlags {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const values = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const given = new Set<string>();
  let help = false;
  let version = false;
  const set = (spec: FlagSpec, v: string): void => {
    if (spec.kind === 'strings') {
      const l = given.has(spec.name) ? (lists.get(spec.name) ?? []) : [];
      l.push(v);
      lists.set(spec.name, l);
    } else {
      values.set(spec.name, v);
    }
    given.add(spec.name);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-h' || a === '--help') {
      help = true;
      continue;
    }
    if (a === '--version') {
      version = true;
      continue;
    }
    if (a === '--') {
      if (i + 1 < args.length) throw new FlagSyntaxError(`unexpected ${args[i + 1] as string}`);
      break;
    }
    if (!a.startsWith('-') || a === '-') throw new FlagSyntaxError(`unexpected ${a}`);
    if (!a.startsWith('--')) throw new FlagSyntaxError(`unknown short flag '${a.slice(0, 2)}'`);
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    let spec = byName.get(name);
    if (spec === undefined && name.startsWith('no-')) {
      const b = byName.get(name.slice(3));
      if (b !== undefined && b.kind === 'bool' && eq < 0) {
        set(b, 'false');
        continue;
      }
    }
    if (spec === undefined) throw new FlagSyntaxError(`unknown long flag '--${name}'`);
    if (spec.kind === 'bool') {
      set(spec, 'true');
      // kingpin reads "--bool=x" as the flag followed by a stray argument x.
      if (eq >= 0) throw new FlagSyntaxError(`unexpected ${a.slice(eq + 1)}`);
      continue;
    }
    let v: string;
    if (eq >= 0) v = a.slice(eq + 1);
    else {
      if (i + 1 >= args.length) throw new FlagSyntaxError(`expected argument for flag '--${name}'`);
      v = args[++i] as string;
    }
    set(spec, v);
  }
  for (const s of specs) {
    if (s.kind === 'strings') {
      if (!lists.has(s.name)) lists.set(s.name, s.default !== undefined ? [s.default] : []);
      values.set(s.name, (lists.get(s.name) ?? []).join(','));
    } else if (!values.has(s.name)) {
      values.set(s.name, s.default ?? zero(s.kind));
    }
  }
  if (!help && !version) {
    for (const s of specs) {
      if (s.check === undefined) continue;
      const vs = s.kind === 'strings' ? (lists.get(s.name) ?? []) : [values.get(s.name) ?? ''];
      for (const v of vs) {
        if (v === '' && !given.has(s.name) && s.kind !== 'strings') continue;
        try {
          s.check(v);
        } catch (e) {
          throw new FlagValueError(e instanceof Error ? e.message : String(e));
        }
      }
    }
  }
  return { values, lists, given, help, version };
}

function flagLeft(s: FlagSpec): string {
  if (s.kind === 'bool') return `--${s.name}`;
  const dots = s.kind === 'strings' ? ' ...' : '';
  if (s.placeholder !== undefined) return `--${s.name}=${s.placeholder}${dots}`;
  if (s.default !== undefined) return `--${s.name}=${JSON.stringify(s.default).replace(/^"(\d[\w.]*)"$/, '$1')}${dots}`;
  return `--${s.name}=${s.name.toUpperCase()}${dots}`;
}

/** Splits help text into lines of at most `width` columns at spaces (kingpin's help wrapping). */
export function wrapWords(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + w.length > width) {
      out.push(line);
      line = w;
    } else {
      line = line === '' ? w : `${line} ${w}`;
    }
  }
  if (line !== '') out.push(line);
  return out;
}

/** kingpin's usage text: the command line, the description, and the visible flags. */
export function usageText(app: string, description: string, specs: readonly FlagSpec[]): string {
  const rows: [string, string][] = [
    ['-h, --help', 'Show context-sensitive help.'],
    ['    --version', 'Show application version.'],
  ];
  for (const s of specs) if (!s.hidden) rows.push([`    ${flagLeft(s)}`, s.help]);
  const col = 31;
  const lines = [`usage: ${app} [<flags>]`, '', description, '', '', 'Flags:'];
  for (const [left, help] of rows) {
    const wrapped = wrapWords(help, 48);
    if (left.length + 2 <= col) {
      lines.push(`  ${left.padEnd(col)}${wrapped[0] ?? ''}`);
    } else {
      lines.push(`  ${left}  `);
      if (wrapped[0] !== undefined) lines.push(`  ${''.padEnd(col)}${wrapped[0]}`);
    }
    for (const w of wrapped.slice(1)) lines.push(`  ${''.padEnd(col)}${w}`);
  }
  return lines.join('\n') + '\n';
}
