/**
 * Choosing a parser by Content-Type, as upstream textparse.New and extractMediaType do: a blank
 * or unparsable or unsupported type fails unless a fallback protocol is configured, in which case
 * the fallback is used and a warning reported.
 */
import { goQuote } from './go-strconv.js';
import type { BodyScratch, Parser, SeriesLookup, StringInterner } from './interface.js';
import { OpenMetricsParser } from './openmetrics-parse.js';
import { PromParser } from './prom-parse.js';

/** No parser could be chosen for the Content-Type (the scrape fails). */
export class ContentTypeError extends Error {
  override name = 'ContentTypeError';
}

export interface NewParserOptions {
  /** A media type to use when Content-Type is blank, unparsable or unsupported (fallback_scrape_protocol). */
  fallbackContentType?: string;
  /** OpenMetrics: skip `_created` series (they only feed createdTimestamp()). */
  skipCreatedSeries?: boolean;
  /** Receives upstream's warning text when the fallback had to be used. */
  onWarning?: (message: string) => void;
  /** Text format: a scrape-cache probe that lets known series skip label lexing. */
  knownSeries?: SeriesLookup;
  /** Text format: a buffer reused for the parser's copy of the body (one per scrape loop). */
  scratch?: BodyScratch;
  /** Text format: canonicalises the strings of labels() (one per target). */
  interner?: StringInterner;
}

const TSPECIAL = new Set('()<>@,;:\\"/[]?='.split(''));

function isTokenChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c > 0x20 && c < 0x7f && !TSPECIAL.has(ch);
}

function consumeToken(s: string): [string, string] {
  let i = 0;
  while (i < s.length && isTokenChar(s[i] as string)) i++;
  return [s.slice(0, i), s.slice(i)];
}

/** mime.ParseMediaType's media type (lower-cased); throws with Go's error text. */
export function parseMediaType(v: string): string {
  const semi = v.indexOf(';');
  const base = (semi < 0 ? v : v.slice(0, semi)).trim().toLowerCase();
  const [typ, rest] = consumeToken(base);
  if (typ === '') throw new Error('mime: no media type');
  if (rest !== '') {
    if (!rest.startsWith('/')) throw new Error('mime: expected slash after first token');
    const [sub, rest2] = consumeToken(rest.slice(1));
    if (sub === '') throw new Error('mime: expected token after slash');
    if (rest2 !== '') throw new Error('mime: unexpected content after media subtype');
  }
  if (semi >= 0) checkParams(v.slice(semi));
  return base;
}

function checkParams(s: string): void {
  for (;;) {
    s = s.trimStart();
    if (s === '') return;
    if (!s.startsWith(';')) throw new Error('mime: invalid media parameter');
    s = s.slice(1).trimStart();
    if (s === '') return;
    const [key, rest] = consumeToken(s);
    if (key === '' || !rest.trimStart().startsWith('=')) throw new Error('mime: invalid media parameter');
    s = rest.trimStart().slice(1).trimStart();
    if (s.startsWith('"')) {
      let i = 1;
      while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
      if (i >= s.length) throw new Error('mime: invalid media parameter');
      s = s.slice(i + 1);
    } else {
      const [val, r] = consumeToken(s);
      if (val === '') throw new Error('mime: invalid media parameter');
      s = r;
    }
  }
}

/** extractMediaType: the media type to parse with, and a warning when the fallback was used. */
export function extractMediaType(contentType: string, fallback: string): { mediaType: string; warning: string | null } {
  const q = goQuote;
  if (contentType === '') {
    if (fallback === '') {
      throw new ContentTypeError('non-compliant scrape target sending blank Content-Type and no fallback_scrape_protocol specified for target');
    }
    return { mediaType: fallback, warning: `non-compliant scrape target sending blank Content-Type, using fallback_scrape_protocol ${q(fallback)}` };
  }
  let mediaType: string;
  try {
    mediaType = parseMediaType(contentType);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    if (fallback === '') {
      throw new ContentTypeError(`cannot parse Content-Type ${q(contentType)} and no fallback_scrape_protocol for target\n${detail}`);
    }
    return {
      mediaType: fallback,
      warning: `could not parse received Content-Type ${q(contentType)}, using fallback_scrape_protocol ${q(fallback)}\n${detail}`,
    };
  }
  if (mediaType === 'application/openmetrics-text' || mediaType === 'application/vnd.google.protobuf' || mediaType === 'text/plain') {
    return { mediaType, warning: null };
  }
  if (fallback === '') {
    throw new ContentTypeError(`received unsupported Content-Type ${q(contentType)} and no fallback_scrape_protocol specified for target`);
  }
  return { mediaType: fallback, warning: `received unsupported Content-Type ${q(contentType)}, using fallback_scrape_protocol ${q(fallback)}` };
}

/** The fallback_scrape_protocol names and the media types they stand for. */
export const SCRAPE_PROTOCOL_MEDIA_TYPES: Readonly<Record<string, string>> = {
  PrometheusProto: 'application/vnd.google.protobuf',
  PrometheusText0_0_4: 'text/plain',
  PrometheusText1_0_0: 'text/plain',
  OpenMetricsText0_0_1: 'application/openmetrics-text',
  OpenMetricsText1_0_0: 'application/openmetrics-text',
};

/** A parser for body by Content-Type (textparse.New). Throws ContentTypeError when none applies. */
export function newParser(body: Uint8Array | string, contentType: string, opts: NewParserOptions = {}): Parser {
  const { mediaType, warning } = extractMediaType(contentType, opts.fallbackContentType ?? '');
  if (warning !== null) opts.onWarning?.(warning);
  switch (mediaType) {
    case 'application/openmetrics-text':
      return new OpenMetricsParser(body, { skipCreatedSeries: opts.skipCreatedSeries ?? false });
    case 'text/plain':
      return new PromParser(body, { knownSeries: opts.knownSeries, scratch: opts.scratch, interner: opts.interner });
    case 'application/vnd.google.protobuf':
      throw new ContentTypeError('protobuf exposition format is not supported');
    default:
      throw new ContentTypeError(warning ?? `received unsupported Content-Type ${goQuote(contentType)}`);
  }
}
