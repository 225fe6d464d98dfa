/**
 * The app's index.html as served: the runtime settings (window.__VIGIL__) injected in place of
 * the build's placeholder comment, and the build's relative asset URLs ("./assets/...") made
 * absolute under the prefix so that deep links (/d/uid/slug) load the same assets.
 */

export type UiMode = 'prometheus' | 'alertmanager';

/** What the app reads from window.__VIGIL__ (ui/src/lib/settings.ts). */
export interface UiSettings {
  mode: UiMode;
  /** The path the browser sees the app under, without a trailing slash ('' at the root). */
  prefix: string;
  version: string;
}

export const SETTINGS_PLACEHOLDER = '<!--VIGIL_SETTINGS-->';

/**
 * JSON that is safe inside an inline <script>: `<`, `>` and `&` are escaped so no `</script>`
 * or `<!--` can end or change the script element, and U+2028/U+2029 for old parsers.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Escapes text for an HTML attribute value or element content. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The <script> element that sets window.__VIGIL__. */
export function settingsScript(s: UiSettings): string {
  const value = { mode: s.mode, prefix: s.prefix, version: s.version };
  return `<script>window.__VIGIL__ = ${scriptSafeJson(value)};</script>`;
}

/** index.html with the settings injected and its "./" URLs rooted at the prefix. */
export function renderIndex(html: string, s: UiSettings): string {
  const root = `${escapeHtml(s.prefix)}/`;
  const rooted = html.replace(/(\s(?:src|href)=)(["'])\.\//g, (_m, attr: string, quote: string) => `${attr}${quote}${root}`);
  const script = settingsScript(s);
  if (rooted.includes(SETTINGS_PLACEHOLDER)) return rooted.replace(SETTINGS_PLACEHOLDER, () => script);
  // A build without the placeholder still gets its settings, before the first script.
  return rooted.replace(/<head[^>]*>/i, (head) => `${head}\n${script}`);
}

/** The page served in the app's place when ui/dist has not been built. */
export function notBuiltPage(s: UiSettings): string {
  const title = s.mode === 'alertmanager' ? 'Vigil Alertmanager' : 'Vigil';
  const p = escapeHtml(s.prefix);
  const api = s.mode === 'alertmanager' ? `${p}/api/v2/status` : `${p}/api/v1/status/buildinfo`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title></head>
<body style="font-family:sans-serif;margin:2em;max-width:50em">
<h1>${title}</h1>
<p>The web UI was not built. Build it in the repository with <code>npm run build:ui</code> and reload this page.</p>
<p>The HTTP API works without it: <a href="${api}">${api}</a>, metrics at <a href="${p}/metrics">${p}/metrics</a>.</p>
</body></html>
`;
}
