/**
 * amtool's output formatters (cli/format upstream): `simple` and `extended` tables through
 * text/tabwriter, and `json`, Go's encoding of the API models. Dates are printed with
 * --date.format in the zone the server sent them in; tables sort as upstream does (silences
 * by end time, alerts by start time).
 */
import { openMetricsEscape } from '../../alertmanager/labels/index.js';
import { compareTimes, formatTime, ZERO_TIME, type ZonedTime } from './go-time.js';
import { encodeAlert, encodeSilence, type ApiMatcher, type GettableAlert, type GettableSilence, type LabelSet } from './models.js';
import { tabwrite } from './tabwriter.js';

export type OutputFormat = 'simple' | 'extended' | 'json';

export interface FormatOptions {
  output: OutputFormat;
  dateFormat: string;
}

function date(t: ZonedTime | null, layout: string): string {
  return formatTime(t ?? ZERO_TIME, layout);
}

/** labels.Matcher.String() of an API matcher (isEqual missing means equality). */
function matcherString(m: ApiMatcher | null): string {
  if (m === null) return '';
  const eq = m.isEqual ?? true;
  const op = m.isRegex === true ? (eq ? '=~' : '!~') : eq ? '=' : '!=';
  return `${m.name ?? ''}${op}"${openMetricsEscape(m.value ?? '')}"`;
}

function matchersList(ms: readonly (ApiMatcher | null)[] | null): string[] {
  return (ms ?? []).map(matcherString);
}

function stableSort<T>(items: readonly T[], key: (t: T) => ZonedTime | null): T[] {
  return [...items].sort((a, b) => compareTimes(key(a) ?? ZERO_TIME, key(b) ?? ZERO_TIME));
}

function labelsText(ls: LabelSet | null): string {
  return Object.entries(ls ?? {}).map(([k, v]) => `${k}="${v}"`).sort().join(' ');
}

/** FormatSilences. */
export function formatSilences(silences: readonly GettableSilence[], o: FormatOptions): string {
  if (o.output === 'json') return `[${silences.map(encodeSilence).join(',')}]\n`;
  const sorted = stableSort(silences, (s) => s.endsAt);
  const df = o.dateFormat;
  let text: string;
  if (o.output === 'simple') {
    text = 'ID\tMatchers\tEnds At\tCreated By\tComment\t\n';
    for (const s of sorted) {
      text += `${s.id ?? ''}\t${matchersList(s.matchers).join(' ')}\t${date(s.endsAt, df)}\t${s.createdBy ?? ''}\t${s.comment ?? ''}\t\n`;
    }
  } else {
    text = 'ID\tMatchers\tStarts At\tEnds At\tUpdated At\tCreated By\tComment\t\n';
    for (const s of sorted) {
      text += `${s.id ?? ''}\t{${matchersList(s.matchers).join(',')}}\t${date(s.startsAt, df)}\t${date(s.endsAt, df)}\t`
        + `${date(s.updatedAt, df)}\t${s.createdBy ?? ''}\t${s.comment ?? ''}\t\n`;
    }
  }
  return tabwrite(text);
}

/** FormatAlerts. */
export function formatAlerts(alerts: readonly (GettableAlert | null)[], o: FormatOptions): string {
  if (o.output === 'json') return `[${alerts.map(encodeAlert).join(',')}]\n`;
  const present = alerts.filter((a): a is GettableAlert => a !== null);
  const sorted = stableSort(present, (a) => a.startsAt);
  const df = o.dateFormat;
  let text: string;
  if (o.output === 'simple') {
    text = 'Alertname\tStarts At\tSummary\tState\t\n';
    for (const a of sorted) {
      text += `${a.labels?.['alertname'] ?? ''}\t${date(a.startsAt, df)}\t${a.annotations?.['summary'] ?? ''}\t${a.status?.state ?? ''}\t\n`;
    }
  } else {
    text = 'Labels\tAnnotations\tStarts At\tEnds At\tGenerator URL\tState\t\n';
    for (const a of sorted) {
      text += `${labelsText(a.labels)}\t${labelsText(a.annotations)}\t${date(a.startsAt, df)}\t${date(a.endsAt, df)}\t`
        + `${a.generatorURL}\t${a.status?.state ?? ''}\t\n`;
    }
  }
  return tabwrite(text);
}

