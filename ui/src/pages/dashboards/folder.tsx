/**
 * A folder's page (/dashboards/f/:uid/:slug, the URL the search API gives folders): the
 * folder's title and its dashboards, from /api/folders and /api/search?folderUIDs=.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorBox } from '../../components/error-box';
import { loginOnUnauthorized } from '../../dashboards/grafana-api';
import { arr, isObject, str } from '../../dashboards/model';
import { jsonApi } from '../../lib/api';
import { href } from '../../lib/router';
import '../../dashboards/dashboards.css';

interface FolderHit {
  uid: string;
  title: string;
  url: string;
  tags: string[];
}

function dashboardPath(h: FolderHit): string {
  const m = /\/d\/[^?#]+/.exec(h.url);
  return m !== null ? m[0] : `/d/${encodeURIComponent(h.uid)}`;
}

async function loadFolder(uid: string): Promise<{ title: string; hits: FolderHit[] }> {
  const [folders, body] = await Promise.all([
    jsonApi<unknown>('/api/folders').catch(() => []),
    jsonApi<unknown>(`/api/search?${new URLSearchParams({ folderUIDs: uid, type: 'dash-db' }).toString()}`),
  ]);
  const folder = (Array.isArray(folders) ? folders : []).filter(isObject).find((f) => str(f, 'uid') === uid);
  const hits = (Array.isArray(body) ? body : []).filter(isObject).filter((h) => str(h, 'type') !== 'dash-folder').map((h) => ({
    uid: str(h, 'uid') ?? '',
    title: str(h, 'title') ?? '',
    url: str(h, 'url') ?? '',
    tags: arr(h, 'tags').filter((t): t is string => typeof t === 'string'),
    folderTitle: str(h, 'folderTitle') ?? '',
  }));
  const title = str(folder, 'title') ?? hits[0]?.folderTitle ?? (uid === 'general' ? 'General' : uid);
  return { title, hits: hits.sort((a, b) => a.title.localeCompare(b.title)) };
}

export function FolderPage(props: { uid?: string; slug?: string }): JSX.Element {
  const uid = props.uid ?? '';
  const [state, setState] = useState<{ title: string; hits: FolderHit[] } | null>(null);
  const [err, setErr] = useState('');
  useEffect(() => {
    let live = true;
    setState(null);
    setErr('');
    loadFolder(uid).then((s) => { if (live) setState(s); }, (e: unknown) => { if (live && !loginOnUnauthorized(e)) setErr(e instanceof Error ? e.message : String(e)); });
    return () => { live = false; };
  }, [uid]);
  useEffect(() => {
    if (state !== null) document.title = `${state.title} - Dashboards - Vigil`;
  }, [state?.title]);
  return (
    <section class="page" data-testid="dashboard-folder-page" data-uid={uid}>
      <p><a href={href('/dashboards')}>Dashboards</a> /</p>
      <h1>{state?.title ?? 'Folder'}</h1>
      {err !== '' && <ErrorBox message={err} />}
      {state === null && err === '' && <div class="loading">Loading…</div>}
      {state !== null && state.hits.length === 0 && <p class="muted">This folder has no dashboards.</p>}
      {state !== null && state.hits.length > 0 && (
        <ul class="dash-list" data-testid="dashboard-folder">
          {state.hits.map((h) => (
            <li key={h.uid}>
              <a href={href(dashboardPath(h))} data-testid="dashboard-link">{h.title}</a>
              <span class="dash-tags">{h.tags.map((t) => <span class="badge">{t}</span>)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
