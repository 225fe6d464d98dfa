/**
 * A Grafana dashboard (/d/:uid/:slug): loads the model from the API, the time range (URL
 * from/to, refresh) and variables (var-<name>), lays out rows and panels on the 24-column
 * grid, and for admins an Edit mode (panels, settings, the JSON model) with Save.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ErrorBox } from '../../components/error-box';
import { lazyPage } from '../../components/lazy';
import { getDashboard, listDatasources, loginOnUnauthorized, useSession, type DashboardResponse } from '../../dashboards/grafana-api';
import { ALL_VALUE, interpolate } from '../../dashboards/interpolate';
import { layoutDashboard, type LayoutItem } from '../../dashboards/layout';
import { parseDashboard, type Dashboard } from '../../dashboards/model';
import { GRID_GAP_PX, GRID_ROW_PX, PanelBoundary, PanelView, type PanelContext } from '../../dashboards/panels/panel';
import { rangeVariables } from '../../dashboards/prom-query';
import { TimePicker } from '../../dashboards/time-picker';
import { parseDuration, resolveRange, scrapeIntervalOf } from '../../dashboards/time-range';
import { useVariables, type Variables } from '../../dashboards/use-variables';
import { useAnnotations } from '../../dashboards/use-annotations';
import { VariableBar } from '../../dashboards/variable-bar';
import { variableValues } from '../../dashboards/variable-state.js';
import type { DatasourceInfo } from '../../dashboards/variables';
import { href, navigate, useRoute } from '../../lib/router';
import '../../dashboards/dashboards.css';
import { DashboardLinks } from './dashboard-links';

function urlVariables(params: URLSearchParams): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of params) {
    if (!k.startsWith('var-')) continue;
    const name = k.slice(4);
    out.set(name, [...(out.get(name) ?? []), v]);
  }
  return out;
}

function useWidth(ref: { current: HTMLElement | null }): number {
  const [w, setW] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    // A transient zero width (e.g. while the window is re-laid out) must not unmount every panel.
    const update = (): void => {
      if (el.clientWidth > 0) setW(el.clientWidth);
    };
    update();
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref.current]);
  return w;
}

function RowHeader(props: { item: LayoutItem; title: string; onToggle: () => void }): JSX.Element {
  const { item } = props;
  return (
    <div class="dash-row" data-panel-id={String(item.panel.id)} data-panel-type="row" data-state="ok"
      style={{ gridColumn: '1 / span 24', gridRow: `${item.pos.y + 1} / span 1` }}>
      <button type="button" class="dash-row-toggle" aria-expanded={item.collapsed !== true} onClick={props.onToggle}>
        {item.collapsed === true ? '▸' : '▾'} {props.title}
        {item.collapsed === true && <span class="muted"> ({item.panel.panels.length} panels)</span>}
      </button>
    </div>
  );
}

/** The edit mode (loaded on first use: it brings the PromQL editor). */
const DashboardEditor = lazyPage(() => import('../../dashboards/editor/dashboard-editor').then((m) => m.DashboardEditor));

function urlParams(base: URLSearchParams, raw: { from: string; to: string }, refresh: string, vars: { name: string; value: string[] }[]): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of base) if (k !== 'from' && k !== 'to' && k !== 'refresh' && !k.startsWith('var-')) p.append(k, v);
  p.set('from', raw.from);
  p.set('to', raw.to);
  for (const v of vars) for (const x of v.value) p.append(`var-${v.name}`, x);
  if (refresh !== '') p.set('refresh', refresh);
  return p;
}

/** Keeps the URL in step with the state (Grafana's parameters, so shared links work). */
function useUrlSync(path: string, raw: { from: string; to: string }, refresh: string, variables: Variables): void {
  useEffect(() => {
    if (!variables.ready) return;
    const vars = variables.states.filter((s) => s.model.type !== 'constant').map((s) => ({ name: s.model.name, value: s.value.length === 1 && s.value[0] === ALL_VALUE ? [ALL_VALUE] : s.value }));
    const next = urlParams(new URLSearchParams(window.location.search), raw, refresh, vars);
    if (next.toString() !== new URLSearchParams(window.location.search).toString()) navigate(path, next, true);
  }, [raw, refresh, variables.states, variables.ready]);
}

function DashboardView(props: { resp: DashboardResponse; dash: Dashboard; datasources: DatasourceInfo[]; onReload: () => void }): JSX.Element {
  const { dash } = props;
  const route = useRoute();
  const initialParams = useRef(route.params);
  const utc = dash.timezone === 'utc';
  const [raw, setRaw] = useState(() => ({ from: initialParams.current.get('from') ?? dash.time.from, to: initialParams.current.get('to') ?? dash.time.to }));
  const [refresh, setRefresh] = useState(() => initialParams.current.get('refresh') ?? dash.refresh);
  const [now, setNow] = useState(() => Date.now());
  const [tick, setTick] = useState(0);
  const [collapsed, setCollapsed] = useState<Map<number, boolean>>(new Map());
  const [editing, setEditing] = useState(false);
  const session = useSession();
  const range = useMemo(() => resolveRange(raw, now, utc), [raw, now, utc]);
  const urlVars = useMemo(() => urlVariables(initialParams.current), []);
  const models = useMemo(() => dash.variables, [dash]);
  const variables = useVariables(models, urlVars, range, props.datasources);
  const gridRef = useRef<HTMLDivElement>(null);
  const width = useWidth(gridRef);

  // Auto-refresh: a new "now" and a new tick every interval.
  useEffect(() => {
    const ms = parseDuration(refresh);
    if (ms === null || ms < 1000) return;
    const id = window.setInterval(() => {
      setNow(Date.now());
      setTick((t) => t + 1);
    }, ms);
    return () => window.clearInterval(id);
  }, [refresh]);

  useUrlSync(route.path, raw, refresh, variables);

  useEffect(() => {
    document.title = `${dash.title} - Vigil`;
  }, [dash.title]);

  const vars = useMemo(() => {
    const m = new Map(variables.states.length > 0 ? variableValues(variables.states, range) : []);
    if (range !== null) for (const [k, v] of rangeVariables(range)) m.set(k, v);
    return m;
  }, [variables.states, range]);
  const items = useMemo(() => layoutDashboard(dash.panels, vars, collapsed), [dash, vars, collapsed]);
  const annotations = useAnnotations(dash.raw, range, vars, tick, variables.ready);
  const scrapeIntervalMs = useMemo(() => scrapeIntervalOf(props.datasources), [props.datasources]);

  const ctx: PanelContext | null = range === null ? null : {
    range, vars, refreshTick: tick, utc, ready: variables.ready, annotations, scrapeIntervalMs,
    onZoom: (from, to) => setRaw({ from: String(from), to: String(to) }),
  };
  const phone = width < 600;
  const isAdmin = session.user?.isAdmin === true && !session.user.mustChangePassword;
  return (
    <section class="page dashboard" data-testid="dashboard" data-uid={dash.uid}>
      <div class="dash-toolbar">
        <h1 class="dash-title">{props.resp.meta.folderTitle !== '' && <span class="muted">{props.resp.meta.folderTitle} / </span>}{dash.title}</h1>
        <div class="dash-controls">
          <TimePicker raw={raw} range={range} utc={utc} refresh={refresh} refreshIntervals={dash.refreshIntervals}
            onChange={(r) => { setNow(Date.now()); setRaw(r); }}
            onRefresh={() => { setNow(Date.now()); setTick((t) => t + 1); }}
            onRefreshInterval={setRefresh} />
          {isAdmin && !editing && <button type="button" data-testid="dashboard-edit" onClick={() => setEditing(true)}>Edit</button>}
          {session.user?.mustChangePassword === true && <a href={href('/login')}>Change the password to edit</a>}
        </div>
      </div>
      {range === null && <ErrorBox title="Invalid time range" message={`${raw.from} to ${raw.to}`} />}
      <VariableBar states={variables.states} onChange={variables.setValue} />
      <DashboardLinks links={dash.raw['links']} uid={dash.uid} vars={vars} range={range} />
      <div class={`dash-grid${phone ? ' phone' : ''}`} ref={gridRef} data-testid="dashboard-grid"
        style={{ gridAutoRows: `${GRID_ROW_PX}px`, gap: `${GRID_GAP_PX}px` }}>
        {ctx !== null && width > 0 && !editing && items.map((it) => it.panel.type === 'row'
          ? <RowHeader key={it.key} item={it} title={interpolate(it.panel.title, vars, (v) => v.join(', '), it.scoped)} onToggle={() => setCollapsed(new Map(collapsed).set(it.panel.id, !(it.collapsed === true)))} />
          : <PanelBoundary key={it.key} item={it}><PanelView item={it} ctx={ctx} width={phone ? width : (width * it.pos.w) / 24} /></PanelBoundary>)}
      </div>
      {editing && ctx !== null && <DashboardEditor resp={props.resp} ctx={ctx} width={width} onCancel={() => setEditing(false)} onSaved={(uid, url) => {
        setEditing(false);
        const path = /\/d\/[^?#]+/.exec(url)?.[0] ?? `/d/${encodeURIComponent(uid)}`;
        if (uid !== '' && uid !== dash.uid) navigate(path);
        else {
          if (path !== route.path) navigate(path, new URLSearchParams(window.location.search), true);
          props.onReload();
        }
      }} />}
    </section>
  );
}

export function DashboardPage(props: { uid?: string; slug?: string }): JSX.Element {
  const uid = props.uid ?? '';
  const [resp, setResp] = useState<DashboardResponse | null>(null);
  const [dash, setDash] = useState<Dashboard | null>(null);
  const [datasources, setDatasources] = useState<DatasourceInfo[] | null>(null);
  const [err, setErr] = useState('');
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const ac = new AbortController();
    setErr('');
    Promise.all([getDashboard(uid, ac.signal), datasources === null ? listDatasources() : Promise.resolve(datasources)]).then(
      ([r, ds]) => {
        if (ac.signal.aborted) return;
        try {
          setDash(parseDashboard(r.dashboard));
          setResp(r);
          setDatasources(ds);
        } catch (e) {
          setErr(e instanceof Error ? e.message : String(e));
        }
      },
      (e: unknown) => { if (!ac.signal.aborted && !loginOnUnauthorized(e)) setErr(e instanceof Error ? e.message : String(e)); },
    );
    return () => ac.abort();
  }, [uid, generation]);
  if (err !== '') return <section class="page"><h1>Dashboard</h1><ErrorBox message={err} /></section>;
  if (resp === null || dash === null || datasources === null) return <div class="loading" aria-busy="true">Loading dashboard…</div>;
  return <DashboardView key={`${dash.uid}-${generation}`} resp={resp} dash={dash} datasources={datasources} onReload={() => setGeneration((g) => g + 1)} />;
}
