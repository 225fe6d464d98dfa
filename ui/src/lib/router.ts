/**
 * A small router. The Prometheus pages use paths under the route prefix (/query, /targets,
 * ... as the Prometheus 3 UI does, so shared links work); the Alertmanager pages use the hash
 * (#/alerts, #/silences, ... as Alertmanager's UI does). `useRoute()` re-renders on navigation.
 */
import { useEffect, useState } from 'preact/hooks';
import { settings } from './settings';

export interface Route {
  /** The page path without the prefix, e.g. /query or /silences/new. */
  path: string;
  /** The query parameters (for hash routes, those after `?` in the hash). */
  params: URLSearchParams;
}

function hashRouting(): boolean {
  return settings.mode === 'alertmanager';
}

export function currentRoute(): Route {
  if (hashRouting()) {
    const h = window.location.hash.replace(/^#/, '') || '/alerts';
    const [p = '/alerts', q = ''] = h.split('?', 2);
    return { path: p, params: new URLSearchParams(q) };
  }
  let p = window.location.pathname;
  if (settings.prefix !== '' && p.startsWith(settings.prefix)) p = p.slice(settings.prefix.length);
  return { path: p === '' || p === '/' ? '/query' : p, params: new URLSearchParams(window.location.search) };
}

const listeners = new Set<() => void>();

/** The href of a page for an <a> element. */
export function href(path: string, params?: URLSearchParams | Record<string, string>): string {
  const q = params === undefined ? '' : new URLSearchParams(params).toString();
  if (hashRouting()) return `#${path}${q === '' ? '' : `?${q}`}`;
  return `${settings.prefix}${path}${q === '' ? '' : `?${q}`}`;
}

/** Goes to a page (pushes history), or replaces the current entry (URL state updates). */
export function navigate(path: string, params?: URLSearchParams | Record<string, string>, replace = false): void {
  const target = href(path, params);
  if (replace) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  for (const l of listeners) l();
}

export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const update = (): void => setRoute(currentRoute());
    listeners.add(update);
    window.addEventListener('popstate', update);
    window.addEventListener('hashchange', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
      window.removeEventListener('hashchange', update);
    };
  }, []);
  return route;
}

/** Makes plain <a href> clicks inside the app navigate without a reload. */
export function interceptLinks(root: HTMLElement): void {
  if (hashRouting()) return;
  root.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element | null)?.closest('a');
    if (!a || a.target !== '' || a.origin !== window.location.origin) return;
    if (settings.prefix !== '' && !a.pathname.startsWith(settings.prefix)) return;
    if (a.pathname.includes('/api/') || a.hasAttribute('download')) return;
    e.preventDefault();
    window.history.pushState(null, '', a.href);
    for (const l of listeners) l();
  });
}
