/** A series' labels as PromQL selector text (`up{instance="a", job="b"}`), plain and highlighted. */
import type { JSX } from 'preact';

export type Metric = Record<string, string>;

const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

function escapeString(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labelName(name: string): string {
  return LABEL_NAME_RE.test(name) ? name : `"${escapeString(name)}"`;
}

function extendedName(name: string): boolean {
  return name !== '' && !METRIC_NAME_RE.test(name);
}

/** The text form of a series' labels, as the Prometheus UI's legend shows it. */
export function formatSeries(metric: Metric | null): string {
  if (metric === null) return 'scalar';
  const name = metric.__name__ ?? '';
  const pairs = Object.entries(metric).filter(([k]) => k !== '__name__').map(([k, v]) => `${labelName(k)}="${escapeString(v)}"`);
  if (extendedName(name)) return `{"${escapeString(name)}"${pairs.length > 0 ? ', ' : ''}${pairs.join(', ')}}`;
  return `${name}{${pairs.join(', ')}}`;
}

/** The labels with the name, label names and values styled (all as text). */
export function SeriesName(props: { metric: Metric | null; format?: boolean }): JSX.Element {
  const m = props.metric;
  if (m === null) return <span class="series-name">scalar</span>;
  if (props.format === false) return <span class="series-name">{formatSeries(m)}</span>;
  const name = m.__name__ ?? '';
  const ext = extendedName(name);
  const parts: JSX.Element[] = [];
  if (ext) parts.push(<span class="sn-value" key="__name__">"{escapeString(name)}"</span>);
  for (const [k, v] of Object.entries(m)) {
    if (k === '__name__') continue;
    parts.push(
      <span key={k}>
        {parts.length > 0 && ', '}
        <span class="sn-label">{labelName(k)}</span>=<span class="sn-value">"{escapeString(v)}"</span>
      </span>,
    );
  }
  return (
    <span class="series-name">
      {!ext && <span class="sn-metric">{name}</span>}
      {'{'}{parts}{'}'}
    </span>
  );
}
