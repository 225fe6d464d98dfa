/**
 * The dashboard list (/dashboards): /api/search results grouped by folder, a search box and a
 * tag filter, links to /d/:uid/:slug, and Import (paste JSON or upload a file, POSTed to
 * /api/dashboards/db; a rejection shows the API's message verbatim).
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ErrorBox } from '../../components/error-box';
import { loginOnUnauthorized, saveDashboard, searchDashboards, useSession, type SearchHit } from '../../dashboards/grafana-api';
import { isObject, type JsonObject } from '../../dashboards/model';
import { href, navigate } from '../../lib/router';
import '../../dashboards/dashboards.css';

function dashboardPath(hit: SearchHit): string {
  const m = /\/d\/[^?#]+/.exec(hit.url);
  return m !== null ? m[0] : `/d/${encodeURIComponent(hit.uid)}`;
}

/** The dashboard inside pasted JSON: a model, or an export/API answer wrapping one. */
export function importedDashboard(text: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`Invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isObject(parsed)) throw new Error('Invalid dashboard JSON: expected an object');
  const inner = parsed['dashboard'];
  const dash: JsonObject = isObject(inner) ? { ...inner } : { ...parsed };
  dash['id'] = null;
  return dash;
}

function ImportForm(props: { onDone: () => void }): JSX.Element {
  const [text, setText] = useState('');
  const [err, setErr] = useState('');
  const [busy, setBusy] = useState(false);
  const [overwrite, setOverwrite] = useState(false);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setErr('');
    let dash: JsonObject;
    try {
      dash = importedDashboard(text);
    } catch (x) {
      setErr(x instanceof Error ? x.message : String(x));
      return;
    }
    setBusy(true);
    try {
      const r = await saveDashboard(dash, { overwrite, message: 'Imported' });
      props.onDone();
      const m = /\/d\/[^?#]+/.exec(r.url);
      navigate(m !== null ? m[0] : `/d/${encodeURIComponent(r.uid)}`);
    } catch (x) {
      setErr(x instanceof Error ? x.message : String(x));
    } finally {
      setBusy(false);
    }
  };
  const upload = (e: Event): void => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file === undefined) return;
    file.text().then(setText, (x: unknown) => setErr(x instanceof Error ? x.message : String(x)));
  };
  return (
    <form class="dash-import" data-testid="import-form" onSubmit={(e) => void submit(e)}>
      <h2>Import dashboard</h2>
      <p><label>Upload a JSON file: <input type="file" accept=".json,application/json" data-testid="import-file" onChange={upload} /></label></p>
      <textarea data-testid="import-json" placeholder="Paste the dashboard JSON model here" value={text} spellcheck={false} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      <p><label><input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite((e.target as HTMLInputElement).checked)} /> Overwrite a dashboard with the same uid or title</label></p>
      {err !== '' && <ErrorBox title="Import failed" message={err} />}
      <button type="submit" class="primary" data-testid="import-submit" disabled={busy || text.trim() === ''}>Import</button>
    </form>
  );
}

export function DashboardListPage(): JSX.Element {
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [err, setErr] = useState('');
  const [query, setQuery] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [importing, setImporting] = useState(false);
  const [generation, setGeneration] = useState(0);
  const session = useSession();
  useEffect(() => {
    let live = true;
    const t = window.setTimeout(() => {
      searchDashboards(query, tags).then((h) => { if (live) { setHits(h); setErr(''); } }, (e: unknown) => { if (live && !loginOnUnauthorized(e)) setErr(e instanceof Error ? e.message : String(e)); });
    }, 150);
    return () => { live = false; window.clearTimeout(t); };
  }, [query, tags.join('\u0000'), generation]);
  const allTags = useMemo(() => [...new Set((hits ?? []).flatMap((h) => h.tags))].sort(), [hits]);
  const folders = useMemo(() => {
    const m = new Map<string, SearchHit[]>();
    for (const h of hits ?? []) {
      const f = h.folderTitle !== '' ? h.folderTitle : 'General';
      m.set(f, [...(m.get(f) ?? []), h]);
    }
    for (const list of m.values()) list.sort((a, b) => a.title.localeCompare(b.title));
    return [...m.entries()].sort(([a], [b]) => (a === 'General' ? -1 : b === 'General' ? 1 : a.localeCompare(b)));
  }, [hits]);
  const toggleTag = (t: string): void => setTags(tags.includes(t) ? tags.filter((x) => x !== t) : [...tags, t]);
  return (
    <section class="page" data-testid="dashboard-list">
      <h1>Dashboards</h1>
      <div class="dash-list-tools">
        <input type="search" placeholder="Search dashboards by name" aria-label="Search dashboards" data-testid="dashboard-search" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
        <button type="button" data-testid="import-toggle" onClick={() => setImporting(!importing)}>{importing ? 'Close import' : 'Import'}</button>
        {session.user === null && session.loaded && <a href={href('/login')}>Sign in</a>}
        {session.user !== null && <span class="muted">Signed in as {session.user.login}</span>}
      </div>
      {allTags.length > 0 && (
        <div class="dash-tags" data-testid="tag-filter" style={{ marginBottom: '12px' }}>
          <span class="muted">Tags:</span>
          {allTags.map((t) => <button type="button" class={`badge${tags.includes(t) ? ' active' : ''}`} aria-pressed={tags.includes(t)} onClick={() => toggleTag(t)}>{t}</button>)}
        </div>
      )}
      {importing && <ImportForm onDone={() => { setImporting(false); setGeneration((g) => g + 1); }} />}
      {err !== '' && <ErrorBox message={err} />}
      {hits === null && err === '' && <div class="loading">Loading…</div>}
      {hits !== null && hits.length === 0 && <p class="muted">No dashboards found.</p>}
      {folders.map(([folder, list]) => (
        <div class="dash-folder" data-testid="dashboard-folder">
          <h2>{list[0] !== undefined && list[0].folderUid !== '' ? <a href={href(`/dashboards/f/${encodeURIComponent(list[0].folderUid)}/${folder.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "folder"}`)} data-testid="folder-link">{folder}</a> : folder}</h2>
          <ul class="dash-list">
            {list.map((h) => (
              <li>
                <a href={href(dashboardPath(h))} data-testid="dashboard-link">{h.title}</a>
                <span class="dash-tags">{h.tags.map((t) => <button type="button" class={`badge${tags.includes(t) ? ' active' : ''}`} onClick={() => toggleTag(t)}>{t}</button>)}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
