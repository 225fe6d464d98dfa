/**
 * /api/v1/status/*: config, flags, runtimeinfo, buildinfo, tsdb (cardinality) and walreplay.
 */
import { Matcher, MatchType } from '../../../model/labels/index.js';
import { ValueType } from '../../../storage/index.js';
import type { Queryable } from '../../../storage/index.js';
import type { ApiContext } from './context.js';
import type { TsdbStat, TsdbStatus } from './deps.js';
import type { ApiResult } from './envelope.js';
import { ApiError, errorText } from './errors.js';
import { rfc3339Nano } from './json.js';
import { atoi, MAX_TIME, MIN_TIME } from './params.js';

export function statusConfig(c: ApiContext): ApiResult {
  return { data: { yaml: c.deps.config ? c.deps.config() : '' } };
}

export function statusFlags(c: ApiContext): ApiResult {
  return { data: c.deps.flags ?? {} };
}

export function statusBuildInfo(c: ApiContext): ApiResult {
  return {
    data: c.deps.buildInfo ?? { version: '', revision: '', branch: '', buildUser: '', buildDate: '', goVersion: '' },
  };
}

export function statusRuntimeInfo(c: ApiContext): ApiResult {
  if (!c.deps.runtimeInfo) throw new ApiError('internal', 'runtime information is not available');
  let ri;
  try {
    ri = c.deps.runtimeInfo();
  } catch (e) {
    throw new ApiError('internal', errorText(e));
  }
  return {
    data: {
      startTime: rfc3339Nano(ri.startTime),
      CWD: ri.CWD,
      hostname: ri.hostname,
      serverTime: rfc3339Nano(ri.serverTime),
      reloadConfigSuccess: ri.reloadConfigSuccess,
      lastConfigTime: rfc3339Nano(ri.lastConfigTime),
      corruptionCount: ri.corruptionCount,
      goroutineCount: ri.goroutineCount,
      GOMAXPROCS: ri.GOMAXPROCS,
      GOMEMLIMIT: ri.GOMEMLIMIT,
      GOGC: ri.GOGC,
      GODEBUG: ri.GODEBUG,
      storageRetention: ri.storageRetention,
    },
  };
}

const MAX_TSDB_LIMIT = 10000;

function topN(counts: Map<string, number>, limit: number): TsdbStat[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, limit)
    .map(([name, value]) => ({ name, value }));
}

function bump(m: Map<string, number>, k: string, by = 1): void {
  m.set(k, (m.get(k) ?? 0) + by);
}

/**
 * Cardinality statistics computed by reading every series of a queryable (for storages that
 * keep no index statistics of their own, such as the in-memory one).
 */
export function computeTsdbStats(q: Queryable, limit: number): TsdbStatus {
  const querier = q.querier(MIN_TIME, MAX_TIME);
  const byMetric = new Map<string, number>();
  const valuesByName = new Map<string, Set<string>>();
  const byPair = new Map<string, number>();
  let numSeries = 0;
  let minTime = Infinity;
  let maxTime = -Infinity;
  try {
    const ss = querier.select(false, null, new Matcher(MatchType.Regexp, '__name__', '.*'));
    while (ss.next()) {
      const s = ss.at();
      numSeries++;
      s.labels.forEach((n, v) => {
        if (n === '__name__') bump(byMetric, v);
        let set = valuesByName.get(n);
        if (!set) valuesByName.set(n, (set = new Set()));
        set.add(v);
        bump(byPair, `${n}=${v}`);
      });
      const it = s.iterator();
      if (it.next() === ValueType.None) continue;
      const first = it.atT();
      let last = first;
      while (it.next() !== ValueType.None) last = it.atT();
      minTime = Math.min(minTime, first);
      maxTime = Math.max(maxTime, last);
    }
  } finally {
    querier.close();
  }
  const valueCounts = new Map<string, number>();
  const memory = new Map<string, number>();
  let numLabelPairs = 0;
  for (const [n, set] of valuesByName) {
    valueCounts.set(n, set.size);
    numLabelPairs += set.size;
    let bytes = 0;
    for (const v of set) bytes += Buffer.byteLength(v);
    memory.set(n, bytes);
  }
  return {
    headStats: {
      numSeries,
      numLabelPairs,
      chunkCount: 0,
      minTime: numSeries > 0 && Number.isFinite(minTime) ? minTime : 0,
      maxTime: numSeries > 0 && Number.isFinite(maxTime) ? maxTime : 0,
    },
    seriesCountByMetricName: topN(byMetric, limit),
    labelValueCountByLabelName: topN(valueCounts, limit),
    memoryInBytesByLabelName: topN(memory, limit),
    seriesCountByLabelValuePair: topN(byPair, limit),
  };
}

export async function statusTsdb(c: ApiContext): Promise<ApiResult> {
  let limit = 10;
  const s = c.form.get('limit');
  if (s !== '') {
    let n = 0;
    try {
      n = atoi(s);
    } catch {
      n = 0;
    }
    if (n < 1) throw new ApiError('bad_data', 'limit must be a positive number');
    if (n > MAX_TSDB_LIMIT) throw new ApiError('bad_data', `limit must not exceed ${MAX_TSDB_LIMIT}`);
    limit = n;
  }
  try {
    const st = c.deps.tsdb ? await c.deps.tsdb.stats(limit) : computeTsdbStats(c.deps.queryable, limit);
    return { data: st };
  } catch (e) {
    throw new ApiError('internal', errorText(e));
  }
}

export function statusWalReplay(c: ApiContext): ApiResult {
  const st = c.deps.tsdb ? c.deps.tsdb.walReplayStatus() : { min: 0, max: 0, current: 0 };
  return { data: { min: st.min, max: st.max, current: st.current } };
}
