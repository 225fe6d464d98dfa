/** Status: the server's build and runtime information (/api/v1/status/buildinfo, /runtimeinfo). */
import type { ComponentChildren, JSX } from 'preact';
import { Card, InfoTable, Loaded } from '../../status/page-parts';
import { formatTimestamp, parseTime } from '../../status/time-format';
import { useApi } from '../../status/use-api';
import { StatusNav } from '../../status/status-nav';
import '../../status/status.css';

type Info = Record<string, unknown>;

const BUILD_TITLES: Readonly<Record<string, string>> = {
  version: 'Version',
  revision: 'Revision',
  branch: 'Branch',
  buildUser: 'Build user',
  buildDate: 'Build date',
  goVersion: 'Runtime version',
};

const time = (v: unknown): string => (typeof v === 'string' ? formatTimestamp(parseTime(v)) : String(v));

const RUNTIME_FIELDS: Readonly<Record<string, { title: string; format?: (v: unknown) => string }>> = {
  startTime: { title: 'Start time', format: time },
  CWD: { title: 'Working directory' },
  hostname: { title: 'Hostname' },
  serverTime: { title: 'Server time', format: time },
  reloadConfigSuccess: { title: 'Configuration reload', format: (v) => (v === true ? 'Successful' : 'Unsuccessful') },
  lastConfigTime: { title: 'Last successful configuration reload', format: time },
  corruptionCount: { title: 'WAL corruptions' },
  goroutineCount: { title: 'Goroutines' },
  storageRetention: { title: 'Storage retention' },
};

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function buildRows(info: Info): [string, ComponentChildren][] {
  return Object.entries(info).map(([k, v]) => [BUILD_TITLES[k] ?? k, text(v)]);
}

function runtimeRows(info: Info): [string, ComponentChildren][] {
  return Object.entries(info).map(([k, v]) => {
    const f = RUNTIME_FIELDS[k];
    return [f?.title ?? k, f?.format !== undefined ? f.format(v) : text(v)];
  });
}

export function StatusPage(): JSX.Element {
  const build = useApi<Info>('/api/v1/status/buildinfo');
  const runtime = useApi<Info>('/api/v1/status/runtimeinfo');
  return (
    <section class="page st-page" data-testid="status-page">
      <StatusNav current="/status" />
      <h1>Runtime and build information</h1>
      <div class="st-grid">
        <Card title="Build information" testid="build-info">
          <Loaded state={build} what="build information">{(d) => <InfoTable rows={buildRows(d)} />}</Loaded>
        </Card>
        <Card title="Runtime information" testid="runtime-info">
          <Loaded state={runtime} what="runtime information">{(d) => <InfoTable rows={runtimeRows(d)} />}</Loaded>
        </Card>
      </div>
    </section>
  );
}
