/**
 * TSDB status (/api/v1/status/tsdb): the head block's statistics and the top-10 cardinality
 * tables (series by metric name, label values by label name, memory by label name, series by
 * label value pair).
 */
import type { JSX } from 'preact';
import type { TsdbStat, TsdbStatusResult } from '../../status/api-types';
import { Card, InfoTable, Loaded } from '../../status/page-parts';
import { formatTimestamp } from '../../status/time-format';
import { useApi } from '../../status/use-api';
import { StatusNav } from '../../status/status-nav';
import '../../status/status.css';

function headTime(ms: number, numSeries: number): string {
  if (numSeries === 0) return 'No datapoints yet';
  const s = formatTimestamp(ms);
  return s === 'Invalid Date' ? `Error parsing time (${ms / 1000})` : s;
}

function StatTable(props: { title: string; unit: string; stats: readonly TsdbStat[]; testid: string }): JSX.Element {
  return (
    <Card title={props.title} testid={props.testid}>
      <table class="st-table" style={{ tableLayout: 'fixed' }}>
        <thead>
          <tr>
            <th>Name</th>
            <th class="st-num" style={{ width: '110px' }}>{props.unit}</th>
          </tr>
        </thead>
        <tbody>
          {props.stats.length === 0 ? (
            <tr><td colSpan={2} class="muted">No data</td></tr>
          ) : (
            props.stats.map((s) => (
              <tr key={s.name} data-testid="tsdb-stat-row">
                <td style={{ wordBreak: 'break-all' }}><code>{s.name}</code></td>
                <td class="st-num">{s.value}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </Card>
  );
}

function TsdbStatus(props: { data: TsdbStatusResult }): JSX.Element {
  const d = props.data;
  const h = d.headStats;
  return (
    <div class="st-grid">
      <Card title="TSDB head status" testid="tsdb-head-stats">
        <InfoTable
          rows={[
            ['Number of series', h.numSeries],
            ['Number of chunks', h.chunkCount],
            ['Number of label pairs', h.numLabelPairs],
            ['Current min time', headTime(h.minTime, h.numSeries)],
            ['Current max time', headTime(h.maxTime, h.numSeries)],
          ]}
        />
      </Card>
      <StatTable title="Top 10 series count by metric names" unit="Count" stats={d.seriesCountByMetricName} testid="tsdb-series-by-metric" />
      <StatTable title="Top 10 label names with value count" unit="Count" stats={d.labelValueCountByLabelName} testid="tsdb-values-by-label" />
      <StatTable title="Top 10 label names with high memory usage" unit="Bytes" stats={d.memoryInBytesByLabelName} testid="tsdb-memory-by-label" />
      <StatTable title="Top 10 series count by label value pairs" unit="Count" stats={d.seriesCountByLabelValuePair} testid="tsdb-series-by-pair" />
    </div>
  );
}

export function TSDBStatusPage(): JSX.Element {
  const tsdb = useApi<TsdbStatusResult>('/api/v1/status/tsdb');
  return (
    <section class="page st-page" data-testid="tsdb-status-page">
      <StatusNav current="/tsdb-status" />
      <h1>TSDB status</h1>
      <Loaded state={tsdb} what="TSDB status">{(d) => <TsdbStatus data={d} />}</Loaded>
    </section>
  );
}
