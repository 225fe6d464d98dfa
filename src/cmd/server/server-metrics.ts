/**
 * The server's own metrics, under the upstream names where they mean the same: build info,
 * readiness, config reloads, the TSDB head and blocks, the query engine, service discovery,
 * and the process collector.
 */
import { NodeRuntimeCollector, ProcessCollector, Registry, type Gauge, type Summary } from '../../instrument/index.js';
import type { DiscoveryManager } from '../../discovery/index.js';
import type { DB } from '../../tsdb/index.js';
import { vigilVersion } from '../../version/index.js';

export interface ServerMetrics {
  registry: Registry;
  configSuccess: Gauge;
  configSuccessTime: Gauge;
  ready: Gauge;
  queryDuration: Summary;
  queries: Gauge;
}

export interface ServerMetricSources {
  db: () => DB | null;
  discovery: DiscoveryManager;
  maxConcurrency: number;
}

function registerTsdbMetrics(r: Registry, db: () => DB | null): void {
  const head = <T>(f: (d: DB) => T, dflt: T): (() => T) => (): T => {
    const d = db();
    if (d === null) return dflt;
    try {
      return f(d);
    } catch {
      return dflt;
    }
  };
  r.gaugeFunc({ name: 'prometheus_tsdb_head_series', help: 'Total number of series in the head block.' }, head((d) => d.head().stats().numSeries, 0));
  r.counterFunc(
    { name: 'prometheus_tsdb_head_samples_appended_total', help: 'Total number of appended samples.', labelNames: ['type'] },
    head((d): [string[], number][] => [[['float'], d.head().stats().numSamples]], []),
  );
  r.gaugeFunc({ name: 'prometheus_tsdb_head_chunks', help: 'Total number of chunks in the head block.' }, head((d) => d.head().stats().numChunks, 0));
  r.gaugeFunc(
    { name: 'prometheus_tsdb_head_min_time', help: 'Minimum time bound of the head block.' },
    head((d) => (d.head().stats().numSeries > 0 ? d.head().stats().minTime : NaN), NaN),
  );
  r.gaugeFunc(
    { name: 'prometheus_tsdb_head_max_time', help: 'Maximum timestamp of the head block.' },
    head((d) => (d.head().stats().numSeries > 0 ? d.head().stats().maxTime : NaN), NaN),
  );
  r.gaugeFunc({ name: 'prometheus_tsdb_blocks_loaded', help: 'Number of currently loaded data blocks' }, head((d) => d.blocks().length, 0));
  r.gaugeFunc(
    { name: 'prometheus_tsdb_storage_blocks_bytes', help: 'The number of bytes that are currently used for local storage by all blocks.' },
    head((d) => d.blocks().reduce((n, b) => n + b.size(), 0), 0),
  );
  r.gaugeFunc(
    { name: 'prometheus_tsdb_lowest_timestamp', help: 'Lowest timestamp value stored in the database. The unit is decided by the library consumer.' },
    head((d) => {
      const b = d.blocks()[0];
      return b !== undefined ? b.meta().minTime : d.head().stats().minTime;
    }, NaN),
  );
  r.gaugeFunc(
    { name: 'prometheus_tsdb_retention_limit_seconds', help: 'Max age in seconds blocks should be kept in the TSDB. 0 means disabled.' },
    head((d) => d.opts.retentionTime / 1000, 0),
  );
  r.gaugeFunc(
    { name: 'prometheus_tsdb_retention_limit_bytes', help: 'Max number of bytes to be retained in the tsdb blocks, configured 0 means disabled' },
    head((d) => d.opts.retentionSize, 0),
  );
}

export function registerServerMetrics(s: ServerMetricSources): ServerMetrics {
  const r = new Registry();
  r.register(new ProcessCollector());
  r.register(new NodeRuntimeCollector());
  r.gaugeFunc(
    {
      name: 'prometheus_build_info',
      help: "A metric with a constant '1' value labeled by version, revision, branch, goversion from which prometheus was built, and the goos and goarch for the build.",
      labelNames: ['branch', 'goarch', 'goos', 'goversion', 'revision', 'tags', 'version'],
    },
    () => [[['', process.arch, process.platform, process.version, '', '', vigilVersion()], 1]],
  );
  const m: ServerMetrics = {
    registry: r,
    configSuccess: r.gauge({ name: 'prometheus_config_last_reload_successful', help: 'Whether the last configuration reload attempt was successful.' }),
    configSuccessTime: r.gauge({ name: 'prometheus_config_last_reload_success_timestamp_seconds', help: 'Timestamp of the last successful configuration reload.' }),
    ready: r.gauge({ name: 'prometheus_ready', help: 'Whether Prometheus startup was fully completed and the server is ready for normal operation.' }),
    queryDuration: r.summary({ name: 'prometheus_engine_query_duration_seconds', help: 'Query timings', labelNames: ['slice'] }),
    queries: r.gauge({ name: 'prometheus_engine_queries', help: 'The current number of queries being executed or waiting.' }),
  };
  m.queryDuration.labels('inner_eval');
  r.gaugeFunc({ name: 'prometheus_engine_queries_concurrent_max', help: 'The max number of concurrent queries.' }, () => s.maxConcurrency);
  registerTsdbMetrics(r, s.db);
  r.gaugeFunc(
    { name: 'prometheus_sd_discovered_targets', help: 'Current number of discovered targets.', labelNames: ['config', 'name'] },
    () => [...s.discovery.allGroups()].map(([job, groups]) => [[job, 'scrape'], groups.reduce((n, g) => n + g.targets.length, 0)] as [string[], number]),
  );
  r.gaugeFunc(
    { name: 'prometheus_sd_failed_configs', help: 'Current number of service discovery configurations that failed to load.', labelNames: ['name'] },
    () => [[['scrape'], s.discovery.failedConfigs]],
  );
  return m;
}
