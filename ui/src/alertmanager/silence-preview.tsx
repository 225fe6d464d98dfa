/**
 * The live preview of a silence form: the alerts its matchers select (every state, as
 * Alertmanager's preview), fetched again shortly after the matchers stop changing.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorBox } from '../components/error-box';
import { AlertItem } from './alert-card';
import { fetchPreviewAlerts } from './client';
import { formatMatchers, type Matcher } from './matchers';
import type { GettableAlert } from './model';
import { errorText } from './use-api';
import './am.css';

const DEBOUNCE_MS = 400;

export function SilencePreview(props: { matchers: readonly Matcher[]; title?: string }): JSX.Element {
  const key = formatMatchers(props.matchers);
  const [alerts, setAlerts] = useState<GettableAlert[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (props.matchers.length === 0) {
      setAlerts(null);
      setError(null);
      setLoading(false);
      return;
    }
    const ctl = new AbortController();
    setLoading(true);
    const timer = window.setTimeout(() => {
      fetchPreviewAlerts(props.matchers, ctl.signal).then(
        (a) => {
          if (ctl.signal.aborted) return;
          setAlerts(a);
          setError(null);
          setLoading(false);
        },
        (e: unknown) => {
          if (ctl.signal.aborted) return;
          setError(errorText(e));
          setAlerts(null);
          setLoading(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      ctl.abort();
    };
  }, [key]);

  let body: JSX.Element;
  if (props.matchers.length === 0) body = <p class="muted">Add a matcher to see the alerts it would silence.</p>;
  else if (error !== null) body = <ErrorBox title="Preview failed" message={error} />;
  else if (alerts === null) body = <p class="muted">Loading…</p>;
  else if (alerts.length === 0) body = <p class="muted" data-testid="silence-preview-empty">No alerts match these matchers now.</p>;
  else {
    body = (
      <ul class="am-alert-list">
        {alerts.map((a) => <AlertItem key={a.fingerprint} alert={a} actions={false} />)}
      </ul>
    );
  }
  return (
    <section class="am-card am-preview" data-testid="silence-preview" data-count={alerts?.length ?? ''} aria-busy={loading}>
      <header class="am-card-head">
        <strong>{props.title ?? 'Affected alerts'}</strong>
        {alerts !== null && <span class="muted"> {alerts.length} {alerts.length === 1 ? 'alert' : 'alerts'}</span>}
        {loading && <span class="muted"> · updating…</span>}
      </header>
      {body}
    </section>
  );
}
