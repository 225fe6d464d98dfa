/**
 * `vigil tsdb dump [DIR] [--min-time=T] [--max-time=T] [--match=SELECTOR]` (promtool tsdb dump,
 * 2.42): every float sample of the blocks and the head (WAL replayed read-only, the directory is
 * not written) as `{labels} value timestamp` lines, value in Go's %g.
 */
import type { Matcher } from '../../model/labels/index.js';
import { formatFloat, goQuote } from '../../model/strconv/index.js';
import { parseMetricSelector } from '../../promql/parser/index.js';
import { ValueType, type SeriesSet } from '../../storage/index.js';
import { DB } from '../../tsdb/index.js';
import { DEFAULT_DB_PATH } from './tsdb-list.js';
import { parseFlags } from './tsdb-format.js';

const DEFAULT_MATCH = "{__name__=~'(?s:.*)'}";
// Go's math.MinInt64 / MaxInt64 (promtool's defaults), as far as a JS number reaches.
const MIN_TIME = Number.MIN_SAFE_INTEGER;
const MAX_TIME = Number.MAX_SAFE_INTEGER;

const USAGE = `usage: vigil tsdb dump [<flags>] [<db path>]

Dump samples from a TSDB.

Flags:
  --min-time=-9223372036854775808  Minimum timestamp to dump.
  --max-time=9223372036854775807   Maximum timestamp to dump.
  --match="${DEFAULT_MATCH}"  Series selector.

Args:
  [<db path>]  Database path (default is ${DEFAULT_DB_PATH}).
`;

/** Go's labels.Labels.String(): {a="b", c="d"} with strconv.Quote'd values. */
export function goLabelsString(pairs: readonly string[]): string {
  const parts: string[] = [];
  for (let i = 0; i + 1 < pairs.length; i += 2) parts.push(`${pairs[i] as string}=${goQuote(pairs[i + 1] as string)}`);
  return `{${parts.join(', ')}}`;
}

function parseTime(text: string | undefined, dflt: number): number {
  if (text === undefined) return dflt;
  if (!/^[+-]?\d+$/.test(text)) throw new Error(`strconv.ParseInt: parsing "${text}": invalid syntax`);
  const v = Number(text);
  if (v < MIN_TIME) return MIN_TIME;
  if (v > MAX_TIME) return MAX_TIME;
  return v;
}

const FLUSH_BYTES = 1 << 16;

async function write(chunk: string): Promise<void> {
  if (!process.stdout.write(chunk)) await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
}

/** Writes the samples of ss in promtool's dump format; returns the first error met. */
export async function writeSeriesSet(ss: SeriesSet, out: (s: string) => Promise<void> = write): Promise<Error | null> {
  let buf = '';
  while (ss.next()) {
    const s = ss.at();
    const lbs = goLabelsString(s.labels.pairs);
    const it = s.iterator();
    while (it.next() === ValueType.Float) {
      buf += `${lbs} ${formatFloat(it.atF(), 'g', -1)} ${it.atT()}\n`;
      if (buf.length >= FLUSH_BYTES) {
        await out(buf);
        buf = '';
      }
    }
    if (it.err() !== null) {
      await out(buf);
      return ss.err() ?? it.err();
    }
  }
  if (buf !== '') await out(buf);
  const ws = ss.warnings();
  if (ws.length > 0) return new Error(ws.join('; '));
  return ss.err();
}

export async function tsdbDump(args: string[]): Promise<number> {
  let parsed;
  let mint: number;
  let maxt: number;
  try {
    parsed = parseFlags(args, { bool: ['help'], value: ['min-time', 'max-time', 'match'], short: { h: 'help' } });
    mint = parseTime(parsed.flags.get('min-time'), MIN_TIME);
    maxt = parseTime(parsed.flags.get('max-time'), MAX_TIME);
  } catch (e) {
    process.stderr.write(`vigil: error: ${(e as Error).message}, try --help\n`);
    return 1;
  }
  if (parsed.flags.get('help') === 'true') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (parsed.positional.length > 1) {
    process.stderr.write(`vigil: error: unexpected ${parsed.positional[1] as string}, try --help\n`);
    return 1;
  }
  const dir = parsed.positional[0] ?? DEFAULT_DB_PATH;
  let db: DB;
  try {
    db = await DB.open(dir, { readOnly: true, compactionInterval: 0 });
  } catch (e) {
    const msg = (e as Error).message;
    process.stderr.write(`${msg.includes('no such file') ? `opening the db dir: stat ${dir}: no such file or directory` : msg}\n`);
    return 1;
  }
  try {
    let matchers: Matcher[];
    try {
      matchers = parseMetricSelector(parsed.flags.get('match') ?? DEFAULT_MATCH);
    } catch (e) {
      process.stderr.write(`${(e as Error).message}\n`);
      return 1;
    }
    const q = db.querier(mint, maxt);
    try {
      const err = await writeSeriesSet(q.select(false, null, ...matchers));
      if (err !== null) {
        process.stderr.write(`${err.message}\n`);
        return 1;
      }
    } finally {
      q.close();
    }
    return 0;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  } finally {
    await db.close();
  }
}
