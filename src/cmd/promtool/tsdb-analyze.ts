/**
 * `vigil tsdb analyze [DIR] [BLOCK_ID] [--limit=N] [--extended]` (promtool tsdb analyze, 2.42
 * output): churn, label pair cardinality and, with --extended, chunk fullness of one block
 * (the newest one by default). Ties in the lists are ordered by name (promtool's are random).
 */
import { Labels } from '../../model/labels/index.js';
import { ALL_POSTINGS_KEY, openBlocksReadOnly, type Block } from '../../tsdb/index.js';
import { DEFAULT_DB_PATH } from './tsdb-list.js';
import { goDuration, parseFlags } from './tsdb-format.js';

const USAGE = `usage: vigil tsdb analyze [<flags>] [<db path>] [<block id>]

Analyze churn, label pair cardinality and compaction efficiency.

Flags:
  --limit=20    How many items to show in each list.
  --extended    Run extended analysis.

Args:
  [<db path>]   Database path (default is ${DEFAULT_DB_PATH}).
  [<block id>]  Block to analyze (default is the last block).
`;

interface Info {
  key: string;
  metric: number;
}

function printInfo(out: string[], infos: Info[], limit: number): void {
  infos.sort((a, b) => b.metric - a.metric || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let i = 0; i < infos.length && i < limit; i++) out.push(`${(infos[i] as Info).metric} ${(infos[i] as Info).key}`);
}

function fromMap(m: Map<string, number>, f: (v: number) => number): Info[] {
  return [...m].map(([key, v]) => ({ key, metric: f(v) }));
}

function bump(m: Map<string, number>, k: string, by: number): void {
  m.set(k, (m.get(k) ?? 0) + by);
}

/** The analysis text of one block (stdout of promtool tsdb analyze). */
export function analyzeBlock(block: Block, limit: number, extended: boolean): string {
  const meta = block.meta();
  const span = meta.maxTime - meta.minTime;
  const out: string[] = [];
  out.push(`Block ID: ${meta.ulid}`, `Duration: ${goDuration(span)}`, `Series: ${meta.stats?.numSeries ?? 0}`);
  const ir = block.index();
  const names = ir.labelNames();
  out.push(`Label names: ${names.length}`);
  const labelsUncovered = new Map<string, number>();
  const pairsUncovered = new Map<string, number>();
  const pairsCount = new Map<string, number>();
  let entries = 0;
  const p = ir.postings(ALL_POSTINGS_KEY.name, ALL_POSTINGS_KEY.value);
  const buf = { labels: Labels.EMPTY, chunks: [] as Parameters<typeof ir.series>[1]['chunks'] };
  while (p.next()) {
    if (!ir.series(p.at(), buf)) continue;
    const chks = buf.chunks;
    const first = chks[0];
    const last = chks[chks.length - 1];
    const uncovered = first === undefined || last === undefined ? span : span - (last.maxTime - first.minTime);
    buf.labels.forEach((n, v) => {
      const key = `${n}=${v}`;
      bump(labelsUncovered, n, uncovered);
      bump(pairsUncovered, key, uncovered);
      bump(pairsCount, key, 1);
      entries++;
    });
  }
  const e = p.err();
  if (e !== null) throw e;
  out.push(`Postings (unique label pairs): ${pairsUncovered.size}`, `Postings entries (total label pairs): ${entries}`);
  const perSpan = (v: number): number => (span === 0 ? 0 : Math.floor(v / span));
  out.push('', 'Label pairs most involved in churning:');
  printInfo(out, fromMap(pairsUncovered, perSpan), limit);
  out.push('', 'Label names most involved in churning:');
  printInfo(out, fromMap(labelsUncovered, perSpan), limit);
  out.push('', 'Most common label pairs:');
  printInfo(out, fromMap(pairsCount, (v) => v), limit);
  const valueLists = names.map((n) => ({ n, values: ir.sortedLabelValues(n) }));
  out.push('', 'Label names with highest cumulative label value length:');
  printInfo(out, valueLists.map(({ n, values }) => ({ key: n, metric: values.reduce((s, v) => s + Buffer.byteLength(v), 0) })), limit);
  out.push('', 'Highest cardinality labels:');
  printInfo(out, valueLists.map(({ n, values }) => ({ key: n, metric: values.length })), limit);
  const metricNames: Info[] = [];
  for (const n of ir.sortedLabelValues('__name__')) {
    const mp = ir.postings('__name__', n);
    let count = 0;
    while (mp.next()) count++;
    metricNames.push({ key: n, metric: count });
  }
  out.push('', 'Highest cardinality metric names:');
  printInfo(out, metricNames, limit);
  let text = out.join('\n') + '\n';
  if (extended) text += analyzeCompaction(block);
  return text;
}

const MAX_SAMPLES_PER_CHUNK = 120;

/** Chunk fullness histogram (promtool 2.42's analyzeCompaction). */
function analyzeCompaction(block: Block): string {
  const ir = block.index();
  const cr = block.chunks();
  const hist = new Array<number>(10).fill(0);
  let total = 0;
  const p = ir.postings(ALL_POSTINGS_KEY.name, ALL_POSTINGS_KEY.value);
  const buf = { labels: Labels.EMPTY, chunks: [] as Parameters<typeof ir.series>[1]['chunks'] };
  while (p.next()) {
    if (!ir.series(p.at(), buf)) continue;
    for (const m of buf.chunks) {
      const n = Math.min(cr.chunk(m).numSamples(), MAX_SAMPLES_PER_CHUNK);
      const bucket = Math.ceil((10 * n) / MAX_SAMPLES_PER_CHUNK) - 1;
      const bi = Math.max(bucket, 0);
      hist[bi] = (hist[bi] ?? 0) + 1;
      total++;
    }
  }
  let out = '\nCompaction analysis:\nFullness: Amount of samples in chunks (100% is 120 samples)\n';
  for (let b = 0; b < 10; b++) {
    const pct = total === 0 ? 0 : Math.trunc((100 * (hist[b] as number)) / total);
    out += `${String((b + 1) * 10).padStart(7)}%: ${'#'.repeat(pct)}\n`;
  }
  return out;
}

export async function tsdbAnalyze(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseFlags(args, { bool: ['extended', 'help'], value: ['limit'], short: { h: 'help' } });
  } catch (e) {
    process.stderr.write(`vigil: error: ${(e as Error).message}, try --help\n`);
    return 1;
  }
  if (parsed.flags.get('help') === 'true') {
    process.stdout.write(USAGE);
    return 0;
  }
  const limitText = parsed.flags.get('limit') ?? '20';
  const limit = Number(limitText);
  if (!/^[+-]?\d+$/.test(limitText)) {
    process.stderr.write(`vigil: error: strconv.ParseInt: parsing "${limitText}": invalid syntax, try --help\n`);
    return 1;
  }
  if (parsed.positional.length > 2) {
    process.stderr.write(`vigil: error: unexpected ${parsed.positional[2] as string}, try --help\n`);
    return 1;
  }
  const [dir = DEFAULT_DB_PATH, blockId = ''] = parsed.positional;
  let blocks: Block[];
  try {
    blocks = openBlocksReadOnly(dir);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
  try {
    const block = blockId === '' ? blocks[blocks.length - 1] : blocks.find((b) => b.ulid() === blockId);
    if (block === undefined) {
      process.stderr.write(`block ${blockId} not found\n`);
      return 1;
    }
    process.stdout.write(analyzeBlock(block, limit, parsed.flags.get('extended') === 'true'));
    return 0;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  } finally {
    for (const b of blocks) b.close();
  }
}
