/**
 * `vigil tsdb list [-r] [DIR]` (promtool tsdb list): one line per block, oldest first, with
 * promtool's columns; -r prints times as UTC dates and sizes in KiB/MiB.
 */
import { openBlocksReadOnly, type Block } from '../../tsdb/index.js';
import { base2Bytes, goDuration, goTimeUTC, parseFlags, tabwrite } from './tsdb-format.js';

export const DEFAULT_DB_PATH = 'data/';

const HEADER = ['BLOCK ULID', 'MIN TIME', 'MAX TIME', 'DURATION', 'NUM SAMPLES', 'NUM CHUNKS', 'NUM SERIES', 'SIZE'];

const USAGE = `usage: vigil tsdb list [<flags>] [<db path>]

List tsdb blocks.

Flags:
  -r, --human-readable  Print human readable values.

Args:
  [<db path>]  Database path (default is ${DEFAULT_DB_PATH}).
`;

/** The rows promtool prints for blocks (with the header row first when header is set). */
export function formatBlocks(blocks: readonly Block[], header: boolean, humanReadable: boolean): string {
  const rows: string[][] = header ? [HEADER] : [];
  for (const b of blocks) {
    const m = b.meta();
    rows.push([
      m.ulid,
      humanReadable ? goTimeUTC(m.minTime) : String(m.minTime),
      humanReadable ? goTimeUTC(m.maxTime) : String(m.maxTime),
      goDuration(m.maxTime - m.minTime),
      String(m.stats?.numSamples ?? 0),
      String(m.stats?.numChunks ?? 0),
      String(m.stats?.numSeries ?? 0),
      humanReadable ? base2Bytes(b.size()) : String(b.size()),
    ]);
  }
  return tabwrite(rows);
}

export async function tsdbList(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseFlags(args, { bool: ['human-readable', 'help'], value: [], short: { r: 'human-readable', h: 'help' } });
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
  let blocks: Block[];
  try {
    blocks = openBlocksReadOnly(dir);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
  try {
    process.stdout.write(formatBlocks(blocks, true, parsed.flags.get('human-readable') === 'true'));
  } finally {
    for (const b of blocks) b.close();
  }
  return 0;
}
