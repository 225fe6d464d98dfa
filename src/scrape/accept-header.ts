/**
 * Content negotiation for scrapes: the Accept header built from scrape_protocols (upstream
 * acceptHeader: descending q-values, escaping scheme on the 1.0.0 text formats, then the
 * wildcard) and Accept-Encoding from enable_compression.
 */

/** The media types upstream proposes for each scrape protocol (config.ScrapeProtocolsHeaders). */
export const SCRAPE_PROTOCOL_HEADERS: Readonly<Record<string, string>> = {
  PrometheusProto: 'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited',
  'PrometheusText0.0.4': 'text/plain;version=0.0.4',
  'PrometheusText1.0.0': 'text/plain;version=1.0.0',
  'OpenMetricsText0.0.1': 'application/openmetrics-text;version=0.0.1',
  'OpenMetricsText1.0.0': 'application/openmetrics-text;version=1.0.0',
};

/** The escaping scheme names content negotiation uses (model.EscapingScheme.String()). */
export function escapingSchemeHeaderName(scheme: string): string {
  switch (scheme) {
    case 'underscores':
      return 'underscores';
    case 'dots':
      return 'dots';
    case 'values':
      return 'values';
    default:
      return 'allow-utf-8';
  }
}

export function acceptHeader(protocols: readonly string[], escapingScheme: string): string {
  const vals: string[] = [];
  let weight = Object.keys(SCRAPE_PROTOCOL_HEADERS).length + 1;
  for (const p of protocols) {
    let val = SCRAPE_PROTOCOL_HEADERS[p] ?? '';
    if (p === 'PrometheusText1.0.0' || p === 'OpenMetricsText1.0.0') {
      val += `;escaping=${escapingSchemeHeaderName(escapingScheme)}`;
    }
    val += `;q=0.${weight}`;
    vals.push(val);
    weight--;
  }
  vals.push(`*/*;q=0.${weight}`);
  return vals.join(',');
}

export function acceptEncodingHeader(enableCompression: boolean): string {
  return enableCompression ? 'gzip' : 'identity';
}

/** The media type of a fallback_scrape_protocol (ScrapeProtocol.HeaderMediaType), '' if none. */
export function fallbackMediaType(protocol: string): string {
  const h = SCRAPE_PROTOCOL_HEADERS[protocol];
  if (h === undefined) return '';
  const semi = h.indexOf(';');
  return (semi < 0 ? h : h.slice(0, semi)).toLowerCase();
}
