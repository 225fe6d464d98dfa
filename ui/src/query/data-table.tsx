/**
 * The Table tab's result: a vector's series and values (native histograms with count, sum and
 * buckets), a range vector's samples, a scalar or a string, as the Prometheus UI shows them.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { formatTimestamp } from '../components/time-series-chart';
import type { HistogramValue, QueryData } from './query-api';
import { SeriesName } from './series-name';

const MAX_FORMATTED = 1000;
const MAX_SHOWN = 10000;

function leftDelim(rule: number): string {
  return rule === 3 || rule === 1 ? '[' : '(';
}

function rightDelim(rule: number): string {
  return rule === 1 || rule === 2 ? ')' : ']';
}

function HistogramView(props: { h: HistogramValue }): JSX.Element {
  const buckets = props.h.buckets ?? [];
  const max = buckets.reduce((m, b) => Math.max(m, parseFloat(b[3])), 0);
  return (
    <div class="histogram">
      <div class="histogram-summary">
        <span><strong>Count:</strong> {props.h.count}</span>
        <span><strong>Sum:</strong> {props.h.sum}</span>
      </div>
      {buckets.length > 0 && (
        <div class="histogram-buckets">
          <table class="data compact">
            <thead><tr><th>Bucket range</th><th class="num">Count</th></tr></thead>
            <tbody>
              {buckets.map((b) => (
                <tr>
                  <td class="mono">{`${leftDelim(b[0])}${b[1]} -> ${b[2]}${rightDelim(b[0])}`}</td>
                  <td class="num bucket-count" style={{ '--fraction': max > 0 ? `${(parseFloat(b[3]) / max) * 100}%` : '0%' }}>{b[3]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function Limited(props: { total: number; onShowAll: () => void }): JSX.Element {
  return (
    <div class="notice warn">
      Fetched {props.total} series, only displaying the first {MAX_SHOWN} for performance reasons.{' '}
      <button type="button" class="link" onClick={props.onShowAll}>Show all results</button>
    </div>
  );
}

function rows(data: QueryData, limit: boolean, format: boolean): JSX.Element[] {
  switch (data.resultType) {
    case 'vector':
      return (limit ? data.result.slice(0, MAX_SHOWN) : data.result).map((s) => (
        <tr>
          <td class="series-cell"><SeriesName metric={s.metric} format={format} /></td>
          <td class="num value-cell">
            {s.value !== undefined && s.value[1]}
            {s.histogram !== undefined && <HistogramView h={s.histogram[1]} />}
          </td>
        </tr>
      ));
    case 'matrix':
      return (limit ? data.result.slice(0, MAX_SHOWN) : data.result).map((s) => (
        <tr>
          <td class="series-cell"><SeriesName metric={s.metric} format={format} /></td>
          <td class="num value-cell">
            {(s.values ?? []).map((v) => (
              <div>{v[1]} <span class="muted" title={formatTimestamp(v[0] * 1000, true)}>@ {v[0]}</span></div>
            ))}
            {(s.histograms ?? []).map((h) => (
              <div>
                count {h[1].count}, sum {h[1].sum}{' '}
                <span class="muted" title={formatTimestamp(h[0] * 1000, true)}>@ {h[0]}</span>
              </div>
            ))}
          </td>
        </tr>
      ));
    case 'scalar':
      return [<tr><td>Scalar value</td><td class="num value-cell">{data.result[1]}</td></tr>];
    case 'string':
      return [<tr><td>String value</td><td class="value-cell">{data.result[1]}</td></tr>];
  }
}

export function DataTable(props: { data: QueryData }): JSX.Element {
  const [limit, setLimit] = useState(true);
  const { data } = props;
  const count = data.resultType === 'vector' || data.resultType === 'matrix' ? data.result.length : 1;
  const format = count <= MAX_FORMATTED;
  return (
    <div class="data-table-wrap">
      {limit && count > MAX_SHOWN && <Limited total={count} onShowAll={() => setLimit(false)} />}
      {!format && (
        <div class="notice">
          Showing more than {MAX_FORMATTED} series, turning off label formatting to improve rendering performance.
        </div>
      )}
      <table class="data query-table" data-testid="query-table" data-result-type={data.resultType}>
        <tbody>{rows(data, limit, format)}</tbody>
      </table>
    </div>
  );
}
