/**
 * `vigil query instant|range|series|labels|analyze`: promtool's query commands, talking to any
 * Prometheus-compatible server (Vigil or Prometheus) over its HTTP API. Output and exit codes
 * are promtool's: 0 on success, 1 on any error (usage, bad times, query errors).
 */
import { formatFloat } from '../../model/strconv/index.js';
import { analyzeHistograms } from './query-analyze.js';
import { parseArgs, parseGoDuration, UsageError } from './query-args.js';
import { callApi, formatCliTime, parseCliTime, QueryApiError } from './query-client.js';
import type { OutputFormat } from './query-print.js';
import {
  decodeLabelSets,
  decodeQueryData,
  decodeStrings,
  labelSetJson,
  labelSetString,
  stringsJson,
  valueJson,
  valueString,
} from './query-print.js';

export interface QueryIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  now?: () => number;
}

const defaultIO: QueryIO = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};

const VALUE_FLAGS = new Set([
  'format',
  'http.config.file',
  'time',
  'header',
  'start',
  'end',
  'step',
  'match',
  'server',
  'type',
  'duration',
]);

const USAGE = `usage: vigil query [<flags>] <command> [<args> ...]

Run query against a Prometheus server.

Flags:
  -o, --format=promql  Output format of the query (promql or json).

Commands:
  query instant [--time=T] [--header=K=V] <server> <expr>
  query range [--start=T] [--end=T] [--step=D] [--header=K=V] <server> <expr>
  query series --match=SEL... [--start=T] [--end=T] <server>
  query labels [--match=SEL...] [--start=T] [--end=T] <server> <name>
  query analyze --server=URL --type=histogram --match=SEL... [--duration=1h] [--time=T]
`;

class CliError extends Error {
  override name = 'CliError';
}

interface Ctx {
  io: QueryIO;
  format: OutputFormat;
  flags: Map<string, string[]>;
  now: number;
}

function flag(c: Ctx, name: string): string {
  return c.flags.get(name)?.at(-1) ?? '';
}

function parseServer(s: string): URL {
  let u: URL;
  try {
    u = new URL(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(s) ? s : `http://${s}`);
  } catch {
    throw new UsageError(`invalid URL: parse ${JSON.stringify(s)}: invalid URL`);
  }
  return u;
}

function headers(c: Ctx): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of c.flags.get('header') ?? []) {
    const eq = h.indexOf('=');
    if (eq < 0) throw new UsageError(`expected KEY=VALUE got '${h}'`);
    out[h.slice(0, eq)] = h.slice(eq + 1);
  }
  return out;
}

function cliTime(s: string, what: string): number {
  try {
    return parseCliTime(s);
  } catch (e) {
    throw new CliError(`error parsing ${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function printValue(c: Ctx, data: unknown): void {
  const v = decodeQueryData(data);
  c.io.stdout((c.format === 'json' ? valueJson(v) : valueString(v)) + '\n');
}

async function instant(c: Ctx, server: URL, expr: string): Promise<void> {
  const t = flag(c, 'time');
  const ts = t === '' ? c.now : cliTime(t, 'evaluation time');
  const params = new URLSearchParams({ query: expr, time: formatCliTime(ts) });
  const r = await callApi(server, 'query', params, { headers: headers(c) });
  printValue(c, r.data);
}

async function range(c: Ctx, server: URL, expr: string): Promise<void> {
  const endS = flag(c, 'end');
  const startS = flag(c, 'start');
  const end = endS === '' ? c.now : cliTime(endS, 'end time');
  const start = startS === '' ? end - 5 * 60_000 : cliTime(startS, 'start time');
  if (!(start < end)) throw new CliError('start time is not before end time');
  let step = flag(c, 'step') === '' ? 0 : parseGoDuration(flag(c, 'step'));
  if (step === 0) step = Math.max(Math.floor((end - start) / 1000 / 250), 1) * 1000;
  const params = new URLSearchParams({
    query: expr,
    start: formatCliTime(start),
    end: formatCliTime(end),
    step: formatFloat(step / 1000, 'f', -1),
  });
  const r = await callApi(server, 'query_range', params, { headers: headers(c) });
  printValue(c, r.data);
}

function startEnd(c: Ctx): { start: number; end: number } {
  const s = flag(c, 'start');
  const e = flag(c, 'end');
  const span = 9999 * 3_600_000;
  return {
    start: s === '' ? c.now - span : cliTime(s, 'start time'),
    end: e === '' ? c.now + span : cliTime(e, 'end time'),
  };
}

async function seriesCmd(c: Ctx, server: URL): Promise<void> {
  const { start, end } = startEnd(c);
  const params = new URLSearchParams();
  for (const m of c.flags.get('match') ?? []) params.append('match[]', m);
  params.set('start', formatCliTime(start));
  params.set('end', formatCliTime(end));
  const r = await callApi(server, 'series', params);
  const sets = decodeLabelSets(r.data);
  if (c.format === 'json') c.io.stdout(`[${sets.map(labelSetJson).join(',')}]\n`);
  else for (const s of sets) c.io.stdout(labelSetString(s) + '\n');
}

async function labelsCmd(c: Ctx, server: URL, name: string): Promise<void> {
  const { start, end } = startEnd(c);
  const params = new URLSearchParams();
  for (const m of c.flags.get('match') ?? []) params.append('match[]', m);
  params.set('start', formatCliTime(start));
  params.set('end', formatCliTime(end));
  const r = await callApi(server, `label/${encodeURIComponent(name)}/values`, params, { get: true });
  for (const w of r.warnings) c.io.stderr(`query warning: ${w}\n`);
  const vals = decodeStrings(r.data);
  if (c.format === 'json') c.io.stdout(stringsJson(vals) + '\n');
  else for (const v of vals) c.io.stdout(v + '\n');
}

function need(pos: string[], names: string[]): string[] {
  for (let i = 0; i < names.length; i++) {
    if (pos[i] === undefined) throw new UsageError(`required argument '${names[i]}' not provided`);
  }
  if (pos.length > names.length) throw new UsageError(`unexpected ${pos[names.length]}`);
  return pos;
}

async function dispatch(c: Ctx, sub: string, pos: string[]): Promise<void> {
  switch (sub) {
    case 'instant': {
      const [server, expr] = need(pos, ['server', 'expr']) as [string, string];
      return instant(c, parseServer(server), expr);
    }
    case 'range': {
      const [server, expr] = need(pos, ['server', 'expr']) as [string, string];
      return range(c, parseServer(server), expr);
    }
    case 'series': {
      const [server] = need(pos, ['server']) as [string];
      if (!c.flags.has('match')) throw new UsageError('required flag --match not provided');
      return seriesCmd(c, parseServer(server));
    }
    case 'labels': {
      const [server, name] = need(pos, ['server', 'name']) as [string, string];
      return labelsCmd(c, parseServer(server), name);
    }
    case 'analyze': {
      need(pos, []);
      for (const f of ['server', 'type', 'match']) if (!c.flags.has(f)) throw new UsageError(`required flag --${f} not provided`);
      const t = flag(c, 'time');
      const opts = {
        server: parseServer(flag(c, 'server')),
        type: flag(c, 'type'),
        durationMs: flag(c, 'duration') === '' ? 3_600_000 : parseGoDuration(flag(c, 'duration')),
        endMs: t === '' ? c.now : cliTime(t, `time '${t}'`),
        matchers: c.flags.get('match') ?? [],
      };
      try {
        c.io.stdout(await analyzeHistograms(opts));
      } catch (e) {
        // promtool's checkErr prints the bare error.
        throw new CliError(e instanceof Error ? e.message : String(e));
      }
      return;
    }
    default:
      throw new UsageError(sub === '' ? 'expected command' : `expected command but got ${JSON.stringify(sub)}`);
  }
}

/** Entry point: `args` are the words after `query`. Returns the exit code. */
export async function queryCommand(args: string[], io: QueryIO = defaultIO): Promise<number> {
  try {
    const parsed = parseArgs(args, VALUE_FLAGS, { o: 'format' });
    if (parsed.help) {
      io.stdout(USAGE);
      return 0;
    }
    const format = parsed.flags.get('format')?.at(-1) ?? 'promql';
    if (format !== 'promql' && format !== 'json') throw new UsageError(`enum value must be one of promql,json, got '${format}'`);
    const [sub = '', ...pos] = parsed.positional;
    const c: Ctx = { io, format, flags: parsed.flags, now: (io.now ?? Date.now)() };
    await dispatch(c, sub, pos);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) io.stderr(`vigil: error: ${e.message}, try --help\n`);
    else if (e instanceof QueryApiError && e.detail !== '') io.stderr(`query error: ${e.message} (detail: ${e.detail.trim()})\n`);
    else if (e instanceof QueryApiError) io.stderr(`query error: ${e.message}\n`);
    else if (e instanceof CliError) io.stderr(`${e.message}\n`);
    else io.stderr(`query error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
