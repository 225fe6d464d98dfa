/**
 * Runtime settings the serving process injects into index.html (window.__VIGIL__): which
 * program serves the app and under which path prefix. Defaults let `vite dev` run against a
 * server on the same origin.
 */
export type AppMode = 'prometheus' | 'alertmanager';

export interface Settings {
  mode: AppMode;
  /** The route prefix the app is served under, without a trailing slash ('' at the root). */
  prefix: string;
  /** The program's version, for the status pages. */
  version: string;
}

declare global {
  interface Window {
    __VIGIL__?: Partial<Settings>;
  }
}

export const settings: Settings = {
  mode: window.__VIGIL__?.mode ?? 'prometheus',
  prefix: (window.__VIGIL__?.prefix ?? '').replace(/\/+$/, ''),
  version: window.__VIGIL__?.version ?? '',
};
