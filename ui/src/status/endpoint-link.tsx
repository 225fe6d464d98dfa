/** A target's scrape URL: a link to what Vigil scrapes, its query parameters as badges. */
import type { JSX } from 'preact';

/** Only http(s) URLs become links (an API value never yields a javascript: href). */
function safeHref(url: string): string | undefined {
  return /^https?:\/\//i.test(url) ? url : undefined;
}

export function EndpointLink(props: { endpoint: string; globalUrl: string }): JSX.Element {
  let display = props.endpoint;
  let params: [string, string][] = [];
  try {
    const u = new URL(props.endpoint);
    display = `${u.protocol}//${u.host}${u.pathname}`;
    params = [...u.searchParams.entries()];
  } catch {
    // IPv6 addresses with a zone are not parsable URLs: show the endpoint without its query.
    const q = props.endpoint.indexOf('?');
    if (q >= 0) {
      display = props.endpoint.slice(0, q);
      params = [...new URLSearchParams(props.endpoint.slice(q + 1)).entries()];
    }
  }
  const link = safeHref(props.globalUrl || props.endpoint);
  return (
    <div class="st-endpoint">
      {link !== undefined ? (
        <a href={link} target="_blank" rel="noopener noreferrer" data-testid="target-endpoint">{display}</a>
      ) : (
        <span data-testid="target-endpoint">{display}</span>
      )}
      {params.length > 0 && (
        <div class="st-labels">
          {params.map(([k, v]) => (
            <span key={`${k}/${v}`} class="st-label st-param">{`${k}="${v}"`}</span>
          ))}
        </div>
      )}
    </div>
  );
}
