/**
 * The page served at the root until the web UI lands: what this server is and where its
 * endpoints are, with a form that runs an instant query through the HTTP API.
 */

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function landingPage(prefix: string, title: string): string {
  const p = esc(prefix === '/' ? '' : prefix);
  const links = [
    ['/api/v1/query?query=up', 'instant query of up'],
    ['/api/v1/targets', 'scrape targets'],
    ['/api/v1/status/config', 'loaded configuration'],
    ['/api/v1/status/flags', 'command-line flags'],
    ['/api/v1/status/tsdb', 'TSDB cardinality'],
    ['/metrics', "the server's own metrics"],
    ['/-/ready', 'readiness'],
  ];
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:sans-serif;margin:2em;max-width:60em}input[type=text]{width:40em}pre{background:#f4f4f4;padding:1em;overflow:auto}</style>
</head><body>
<h1>Vigil</h1>
<p>A Prometheus-compatible server. The web UI is not built yet; the HTTP API is at <code>${p}/api/v1</code>.</p>
<form id="q"><input type="text" name="query" value="up" aria-label="PromQL expression"> <button>Execute</button></form>
<pre id="out"></pre>
<ul>${links.map(([h, t]) => `<li><a href="${p}${h}">${p}${h}</a> ${t}</li>`).join('')}</ul>
<script>
document.getElementById('q').addEventListener('submit', async (e) => {
  e.preventDefault();
  const q = new FormData(e.target).get('query');
  const r = await fetch('${p}/api/v1/query?query=' + encodeURIComponent(q));
  document.getElementById('out').textContent = JSON.stringify(await r.json(), null, 2);
});
</script>
</body></html>
`;
}
