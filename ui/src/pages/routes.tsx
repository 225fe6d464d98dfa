/**
 * Every page of the app, by program and path. Pages load lazily. A path pattern's `:name`
 * segments reach the page as props (e.g. /d/:uid/:slug gives { uid, slug }).
 */
import type { ComponentType } from 'preact';
import { lazyPage } from '../components/lazy';
import type { AppMode } from '../lib/settings';

export interface PageRoute {
  pattern: string;
  title: string;
  /** Shown in the navigation bar (in this order) when set. */
  nav?: string;
  component: ComponentType<Record<string, string>>;
}

const p = <P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<Record<string, string>> =>
  lazyPage(load as () => Promise<ComponentType<Record<string, string>>>);

export const ROUTES: Readonly<Record<AppMode, readonly PageRoute[]>> = {
  prometheus: [
    { pattern: '/query', title: 'Query', nav: 'Query', component: p(() => import('./prometheus/query').then((m) => m.QueryPage)) },
    { pattern: '/graph', title: 'Query', component: p(() => import('./prometheus/query').then((m) => m.QueryPage)) },
    { pattern: '/dashboards', title: 'Dashboards', nav: 'Dashboards', component: p(() => import('./dashboards/list').then((m) => m.DashboardListPage)) },
    { pattern: '/dashboards/f/:uid/:slug', title: 'Dashboards', component: p(() => import('./dashboards/folder').then((m) => m.FolderPage)) },
    { pattern: '/d/:uid', title: 'Dashboard', component: p(() => import('./dashboards/dashboard').then((m) => m.DashboardPage)) },
    { pattern: '/d/:uid/:slug', title: 'Dashboard', component: p(() => import('./dashboards/dashboard').then((m) => m.DashboardPage)) },
    { pattern: '/alerts', title: 'Alerts', nav: 'Alerts', component: p(() => import('./prometheus/alerts').then((m) => m.AlertsPage)) },
    { pattern: '/targets', title: 'Targets', nav: 'Targets', component: p(() => import('./prometheus/targets').then((m) => m.TargetsPage)) },
    { pattern: '/service-discovery', title: 'Service discovery', nav: 'Service discovery', component: p(() => import('./prometheus/service-discovery').then((m) => m.ServiceDiscoveryPage)) },
    { pattern: '/rules', title: 'Rules', nav: 'Rules', component: p(() => import('./prometheus/rules').then((m) => m.RulesPage)) },
    { pattern: '/status', title: 'Status', nav: 'Status', component: p(() => import('./prometheus/status').then((m) => m.StatusPage)) },
    { pattern: '/tsdb-status', title: 'TSDB status', component: p(() => import('./prometheus/tsdb-status').then((m) => m.TSDBStatusPage)) },
    { pattern: '/flags', title: 'Command-line flags', component: p(() => import('./prometheus/flags').then((m) => m.FlagsPage)) },
    { pattern: '/config', title: 'Configuration', component: p(() => import('./prometheus/config').then((m) => m.ConfigPage)) },
    { pattern: '/login', title: 'Sign in', component: p(() => import('./dashboards/login').then((m) => m.LoginPage)) },
  ],
  alertmanager: [
    { pattern: '/alerts', title: 'Alerts', nav: 'Alerts', component: p(() => import('./alertmanager/alerts').then((m) => m.AmAlertsPage)) },
    { pattern: '/silences', title: 'Silences', nav: 'Silences', component: p(() => import('./alertmanager/silences').then((m) => m.SilencesPage)) },
    { pattern: '/silences/new', title: 'New silence', component: p(() => import('./alertmanager/silence-edit').then((m) => m.SilenceEditPage)) },
    { pattern: '/silences/:id/edit', title: 'Edit silence', component: p(() => import('./alertmanager/silence-edit').then((m) => m.SilenceEditPage)) },
    { pattern: '/silences/:id', title: 'Silence', component: p(() => import('./alertmanager/silence-view').then((m) => m.SilenceViewPage)) },
    { pattern: '/status', title: 'Status', nav: 'Status', component: p(() => import('./alertmanager/status').then((m) => m.AmStatusPage)) },
  ],
};

/** The route matching a path, with the values of its `:name` segments. */
export function matchRoute(mode: AppMode, path: string): { route: PageRoute; params: Record<string, string> } | null {
  const parts = path.split('/').filter((s) => s !== '');
  for (const route of ROUTES[mode]) {
    const pat = route.pattern.split('/').filter((s) => s !== '');
    if (pat.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    pat.forEach((seg, i) => {
      const v = parts[i] ?? '';
      if (seg.startsWith(':')) params[seg.slice(1)] = decodeURIComponent(v);
      else if (seg !== v) ok = false;
    });
    if (ok) return { route, params };
  }
  return null;
}
