/**
 * Structured logging in the shape of Prometheus 3's slog output (promslog): one record per
 * line, `time=... level=INFO source=... msg=... key=value ...` (logfmt) or the same fields as a
 * JSON object. Loggers are values passed to components (never global); `with()` adds fields
 * (component, scrape_pool, ...) to every record of the derived logger.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'logfmt' | 'json';

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
export const LOG_FORMATS: readonly LogFormat[] = ['logfmt', 'json'];

const SEVERITY: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };
const LEVEL_TEXT: Readonly<Record<LogLevel, string>> = { debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' };

export type LogFields = Readonly<Record<string, unknown>>;

/** Where finished lines go (default: stderr, as Prometheus logs). */
export type LogSink = (line: string) => void;

export interface LoggerOptions {
  level?: LogLevel;
  format?: LogFormat;
  sink?: LogSink;
  /** Clock for the `time` field (ms since the epoch). */
  now?: () => number;
}

/** The logger interface every Vigil component accepts (slog-like; debug may be absent). */
export interface StructuredLogger {
  debug?(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

interface Shared {
  level: number;
  format: LogFormat;
  sink: LogSink;
  now: () => number;
}

function stderrSink(line: string): void {
  process.stderr.write(line + '\n');
}

/** Text of one field value as slog renders it (errors by message, durations as given). */
function valueText(v: unknown): string {
  if (v instanceof Error) return v.message;
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object' && typeof (v as { toString?: unknown }).toString === 'function') {
    const s = String(v);
    if (s !== '[object Object]') return s;
  }
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

// Go's slog TextHandler quotes a value that is empty or holds a space, '=', '"' or a
// non-printable character (strconv.Quote).
// eslint-disable-next-line no-control-regex
const NEEDS_QUOTING = /[\s="\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function quoteGo(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0)) out += c < 0x100 ? '\\x' + c.toString(16).padStart(2, '0') : '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

function logfmtValue(s: string): string {
  return s === '' || NEEDS_QUOTING.test(s) ? quoteGo(s) : s;
}

function jsonValue(v: unknown): unknown {
  if (v instanceof Error) return v.message;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
  if (v === undefined) return null;
  return valueText(v);
}

export class Logger implements StructuredLogger {
  private constructor(
    private readonly shared: Shared,
    private readonly fields: readonly [string, unknown][],
  ) {}

  static create(opts: LoggerOptions = {}): Logger {
    return new Logger(
      {
        level: SEVERITY[opts.level ?? 'info'],
        format: opts.format ?? 'logfmt',
        sink: opts.sink ?? stderrSink,
        now: opts.now ?? Date.now,
      },
      [],
    );
  }

  /** A logger that drops everything. */
  static nop(): Logger {
    return new Logger({ level: 99, format: 'logfmt', sink: () => {}, now: Date.now }, []);
  }

  /** A logger adding fields to every record (slog's With). */
  with(fields: LogFields): Logger {
    return new Logger(this.shared, [...this.fields, ...Object.entries(fields)]);
  }

  /** Changes the level of this logger and every logger derived from the same root. */
  setLevel(level: LogLevel): void {
    this.shared.level = SEVERITY[level];
  }

  enabled(level: LogLevel): boolean {
    return SEVERITY[level] >= this.shared.level;
  }

  debug(msg: string, fields?: LogFields): void {
    this.log('debug', msg, fields);
  }

  info(msg: string, fields?: LogFields): void {
    this.log('info', msg, fields);
  }

  warn(msg: string, fields?: LogFields): void {
    this.log('warn', msg, fields);
  }

  error(msg: string, fields?: LogFields): void {
    this.log('error', msg, fields);
  }

  log(level: LogLevel, msg: string, fields?: LogFields): void {
    if (SEVERITY[level] < this.shared.level) return;
    const all: [string, unknown][] = [...this.fields];
    if (fields !== undefined) for (const [k, v] of Object.entries(fields)) if (v !== undefined) all.push([k, v]);
    const time = new Date(this.shared.now()).toISOString();
    let line: string;
    if (this.shared.format === 'json') {
      const o: Record<string, unknown> = { time, level: LEVEL_TEXT[level] };
      // `source` is a field like any other here; it leads the record after the level.
      const src = all.findLast(([k]) => k === 'source');
      if (src !== undefined) o['source'] = jsonValue(src[1]);
      o['msg'] = msg;
      for (const [k, v] of all) if (k !== 'source') o[k] = jsonValue(v);
      line = JSON.stringify(o);
    } else {
      const parts = [`time=${time}`, `level=${LEVEL_TEXT[level]}`];
      const src = all.findLast(([k]) => k === 'source');
      if (src !== undefined) parts.push(`source=${logfmtValue(valueText(src[1]))}`);
      parts.push(`msg=${logfmtValue(msg)}`);
      for (const [k, v] of all) if (k !== 'source') parts.push(`${k}=${logfmtValue(valueText(v))}`);
      line = parts.join(' ');
    }
    try {
      this.shared.sink(line);
    } catch {
      // A broken sink (closed stderr) must not take the process down.
    }
  }
}

/** Parses a --log.level value; null when unknown. */
export function parseLogLevel(s: string): LogLevel | null {
  return (LOG_LEVELS as readonly string[]).includes(s) ? (s as LogLevel) : null;
}

export function parseLogFormat(s: string): LogFormat | null {
  return (LOG_FORMATS as readonly string[]).includes(s) ? (s as LogFormat) : null;
}
