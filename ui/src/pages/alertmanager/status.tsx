/** #/status: uptime, cluster status, version information, the configuration and the receivers. */
import { Fragment, type JSX } from 'preact';
import { ErrorBox } from '../../components/error-box';
import '../../alertmanager/am.css';
import { fetchReceivers, fetchStatus } from '../../alertmanager/client';
import { displayTime, formatDuration } from '../../alertmanager/time';
import { useApi } from '../../alertmanager/use-api';

const VERSION_FIELDS: readonly [string, string][] = [
  ['version', 'Version'],
  ['revision', 'Revision'],
  ['branch', 'Branch'],
  ['buildUser', 'Build user'],
  ['buildDate', 'Build date'],
  ['goVersion', 'Go version'],
];

function uptimeText(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${displayTime(iso)} (up ${formatDuration(Math.floor((Date.now() - t) / 1000) * 1000)})`;
}

export function AmStatusPage(): JSX.Element {
  const status = useApi((signal) => fetchStatus(signal), []);
  const receivers = useApi((signal) => fetchReceivers(signal), []);
  const s = status.data;
  return (
    <section class="page">
      <h1>Status</h1>
      {status.error !== null && <ErrorBox message={status.error} />}
      {s === null && status.error === null && <div class="loading">Loading…</div>}
      {s !== null && (
        <>
          <div class="am-status-grid">
            <div class="am-card" data-testid="am-status">
              <h2>Status</h2>
              <dl class="am-kv">
                <dt>Uptime</dt><dd data-testid="am-uptime">{uptimeText(s.uptime)}</dd>
              </dl>
            </div>
            <div class="am-card" data-testid="am-cluster">
              <h2>Cluster status</h2>
              <dl class="am-kv">
                {s.cluster.name !== '' && <><dt>Name</dt><dd class="mono">{s.cluster.name}</dd></>}
                <dt>Status</dt><dd><span class={`badge ${s.cluster.status === 'ready' ? 'ok' : ''}`}>{s.cluster.status}</span></dd>
                <dt>Peers</dt>
                <dd>
                  {s.cluster.peers.length === 0 ? <span class="muted">none</span> : (
                    <ul class="am-plain-list">
                      {s.cluster.peers.map((p) => <li key={p.name}><span class="mono">{p.name}</span> <span class="muted">{p.address}</span></li>)}
                    </ul>
                  )}
                </dd>
              </dl>
            </div>
            <div class="am-card" data-testid="am-version">
              <h2>Version information</h2>
              <dl class="am-kv">
                {VERSION_FIELDS.map(([k, label]) => <Fragment key={k}><dt>{label}</dt><dd>{s.versionInfo[k] ?? ''}</dd></Fragment>)}
              </dl>
            </div>
            <div class="am-card" data-testid="am-receivers">
              <h2>Receivers</h2>
              {receivers.error !== null && <ErrorBox message={receivers.error} />}
              {receivers.data !== null && (receivers.data.length === 0 ? <span class="muted">none</span> : (
                <ul class="am-plain-list">
                  {receivers.data.map((r) => <li key={r} class="mono">{r}</li>)}
                </ul>
              ))}
            </div>
          </div>
          <div class="am-card" style={{ marginTop: '12px' }}>
            <h2>Config</h2>
            <pre class="am-config" data-testid="am-config">{s.config}</pre>
          </div>
        </>
      )}
    </section>
  );
}
