/**
 * `vigil tsdb create-blocks-from openmetrics INPUT [OUTDIR]` (promtool's backfill, 2.42 rules):
 * the input is OpenMetrics text ending in `# EOF`, every sample has a timestamp (seconds); one
 * block is written per block-duration window (2h, or the largest 2h*3^n within
 * --max-block-duration), aligned to multiples of the duration, through a WAL-less head. Errors
 * carry promtool's wording plus the input line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EntryEOF, EntrySeries, OpenMetricsParser, ParseError } from '../../model/textparse/index.js';
import type { Appender } from '../../storage/index.js';
import { Block, BlockWriter, DEFAULT_BLOCK_DURATION, NoSeriesAppendedError, exponentialBlockRanges } from '../../tsdb/index.js';
import { DEFAULT_DB_PATH, formatBlocks } from './tsdb-list.js';
import { parseFlags, parseGoDuration } from './tsdb-format.js';

/** Samples per appender commit, as promtool. */
const MAX_SAMPLES_IN_APPENDER = 5000;

const USAGE = `usage: vigil tsdb create-blocks-from [<flags>] openmetrics <input file> [<output directory>]

Import samples from OpenMetrics input and produce TSDB blocks. Please refer to the storage docs for more details.

Flags:
  -r, --human-readable  Print human readable values.
  -q, --quiet           Do not print created blocks.
      --max-block-duration=<duration>
                        Maximum duration created blocks may span. Anything less than 2h is ignored.

Args:
  <input file>          OpenMetrics file to read samples from.
  [<output directory>]  Output directory for generated blocks.
`;

/** The block duration promtool uses for a max block duration (ms). */
export function compatibleBlockDuration(maxBlockDuration: number): number {
  if (maxBlockDuration <= DEFAULT_BLOCK_DURATION) return DEFAULT_BLOCK_DURATION;
  const ranges = exponentialBlockRanges(DEFAULT_BLOCK_DURATION, 10, 3);
  let idx = ranges.length - 1;
  for (let i = 0; i < ranges.length; i++) {
    if ((ranges[i] as number) > maxBlockDuration) {
      idx = i - 1;
      break;
    }
  }
  return ranges[idx] as number;
}

/** Tracks the 1-based line of parser offsets (the parser reports lines only with errors). */
class LineCounter {
  private pos = 0;
  private line = 1;
  constructor(private readonly buf: Uint8Array) {}
  at(offset: number): number {
    for (; this.pos < offset && this.pos < this.buf.length; this.pos++) if (this.buf[this.pos] === 0x0a) this.line++;
    return this.line;
  }
}

class BackfillError extends Error {
  override name = 'BackfillError';
}

function withLine(e: unknown): string {
  if (e instanceof ParseError) return `${e.message} (line ${e.line})`;
  return e instanceof Error ? e.message : String(e);
}

/** Pass 1: the min and max timestamps of the input. */
function timeBounds(input: Uint8Array): { mint: number; maxt: number } {
  const p = new OpenMetricsParser(input);
  const lines = new LineCounter(input);
  let mint = Infinity;
  let maxt = -Infinity;
  for (;;) {
    let e;
    try {
      e = p.next();
    } catch (err) {
      throw new BackfillError(`getting min and max timestamp: next: ${withLine(err)}`);
    }
    if (e === EntryEOF) break;
    if (e !== EntrySeries) continue;
    const s = p.series();
    if (s.timestamp === null) throw new BackfillError(`getting min and max timestamp: expected timestamp for series got none (line ${lines.at(s.start)})`);
    mint = Math.min(mint, s.timestamp);
    maxt = Math.max(maxt, s.timestamp);
  }
  return { mint: mint === Infinity ? 0 : mint, maxt: maxt === -Infinity ? 0 : maxt };
}

interface WindowResult {
  ulid: string | null;
  /** Smallest timestamp at or after the window's end (Infinity if none). */
  next: number;
}

async function appendWindow(input: Uint8Array, w: BlockWriter, t: number, tsUpper: number): Promise<number> {
  const p = new OpenMetricsParser(input);
  const lines = new LineCounter(input);
  let next = Infinity;
  let app: Appender = w.appender();
  let n = 0;
  for (let e = p.next(); e !== EntryEOF; e = p.next()) {
    if (e !== EntrySeries) continue;
    const s = p.series();
    const ts = s.timestamp;
    if (ts === null) throw new BackfillError(`expected timestamp for series ${p.labels().toString()}, got none (line ${lines.at(s.start)})`);
    if (ts < t) continue;
    if (ts >= tsUpper) {
      if (ts < next) next = ts;
      continue;
    }
    try {
      app.append(0, p.labels(), ts, s.value);
    } catch (err) {
      throw new BackfillError(`add sample: ${(err as Error).message} (line ${lines.at(s.start)})`);
    }
    if (++n < MAX_SAMPLES_IN_APPENDER) continue;
    await app.commit();
    app = w.appender();
    n = 0;
  }
  await app.commit();
  return next;
}

async function processWindow(input: Uint8Array, outDir: string, blockDuration: number, t: number): Promise<WindowResult> {
  // Samples may reach back a whole block from the newest one: the head's range is doubled.
  const w = new BlockWriter(outDir, 2 * blockDuration);
  try {
    const next = await appendWindow(input, w, t, t + blockDuration);
    try {
      return { ulid: await w.flush(), next };
    } catch (e) {
      if (e instanceof NoSeriesAppendedError) return { ulid: null, next };
      throw new BackfillError(`flush: ${(e as Error).message}`);
    }
  } finally {
    w.close();
  }
}

async function createBlocks(input: Uint8Array, outDir: string, maxBlockDuration: number, humanReadable: boolean, quiet: boolean): Promise<void> {
  const { mint: minTs, maxt } = timeBounds(input);
  const blockDuration = compatibleBlockDuration(maxBlockDuration);
  const mint = Math.trunc(minTs / blockDuration) * blockDuration;
  let wroteHeader = false;
  let nextSample = Infinity;
  for (let t = mint; t <= maxt; t += blockDuration) {
    if (nextSample !== Infinity && nextSample >= t + blockDuration) continue;
    let r: WindowResult;
    try {
      r = await processWindow(input, outDir, blockDuration, t);
    } catch (e) {
      throw new BackfillError(`block creation: process blocks: ${withLine(e)}`);
    }
    nextSample = r.next;
    if (r.ulid === null || quiet) continue;
    const b = Block.open(path.join(outDir, r.ulid));
    try {
      process.stdout.write(formatBlocks([b], !wroteHeader, humanReadable));
      wroteHeader = true;
    } finally {
      b.close();
    }
  }
}

/** `vigil tsdb create-blocks-from openmetrics ...`: args start after "openmetrics". */
export async function tsdbCreateBlocksFromOpenMetrics(args: string[]): Promise<number> {
  let parsed;
  let maxBlockDuration = 0;
  try {
    parsed = parseFlags(args, {
      bool: ['human-readable', 'quiet', 'help'],
      value: ['max-block-duration'],
      short: { r: 'human-readable', q: 'quiet', h: 'help' },
    });
    const mbd = parsed.flags.get('max-block-duration');
    if (mbd !== undefined) maxBlockDuration = parseGoDuration(mbd);
  } catch (e) {
    process.stderr.write(`vigil: error: ${(e as Error).message}, try --help\n`);
    return 1;
  }
  if (parsed.flags.get('help') === 'true') {
    process.stdout.write(USAGE);
    return 0;
  }
  const [input, outDir = DEFAULT_DB_PATH, extra] = parsed.positional;
  if (input === undefined) {
    process.stderr.write('vigil: error: required argument \'input file\' not provided, try --help\n');
    return 1;
  }
  if (extra !== undefined) {
    process.stderr.write(`vigil: error: unexpected ${extra}, try --help\n`);
    return 1;
  }
  try {
    let buf: Buffer;
    try {
      buf = fs.readFileSync(input);
    } catch (e) {
      throw new BackfillError(`open ${input}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
    }
    try {
      fs.mkdirSync(outDir, { recursive: true });
    } catch (e) {
      throw new BackfillError(`create output dir: ${(e as Error).message}`);
    }
    await createBlocks(buf, outDir, maxBlockDuration, parsed.flags.get('human-readable') === 'true', parsed.flags.get('quiet') === 'true');
    return 0;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
}

/** `vigil tsdb create-blocks-from <format> ...`: only openmetrics exists (rules is a later issue). */
export async function tsdbCreateBlocksFrom(args: string[]): Promise<number> {
  const i = args.findIndex((a) => !a.startsWith('-'));
  const kind = i >= 0 ? args[i] : undefined;
  if (kind !== 'openmetrics') {
    process.stderr.write(`vigil: error: ${kind === undefined ? 'expected command but got nothing' : `expected command but got "${kind}"`}, try --help\n`);
    return 1;
  }
  return tsdbCreateBlocksFromOpenMetrics([...args.slice(0, i), ...args.slice(i + 1)]);
}
