/**
 * What the process builds from a loaded alertmanager.yml on every (re)load, as upstream's
 * config subscriber in cmd/alertmanager: the inhibit rules, the named time intervals, the
 * template set (default templates + the `templates` globs) and the receivers in use.
 */
import type { AlertmanagerConfig, InhibitRule, MatchRegexp, TimeInterval as ConfigTimeInterval } from '../../alertmanager/config/index.js';
import type { Route } from '../../alertmanager/dispatch/index.js';
import type { InhibitRuleConfig } from '../../alertmanager/inhibit/index.js';
import { AmMatcher, AmMatchType } from '../../alertmanager/labels/index.js';
import { loadTemplates, type AlertmanagerTemplate } from '../../alertmanager/template/index.js';
import type { TimeInterval } from '../../alertmanager/timeinterval/index.js';

function regexMatchers(m: Readonly<Record<string, MatchRegexp | undefined>>): AmMatcher[] {
  return Object.entries(m).flatMap(([name, re]) => (re === undefined ? [] : [new AmMatcher(AmMatchType.Regexp, name, re.original)]));
}

function equalMatchers(m: Readonly<Record<string, string>>): AmMatcher[] {
  return Object.entries(m).map(([name, v]) => new AmMatcher(AmMatchType.Equal, name, v));
}

/** inhibit.NewInhibitRule: source/target matchers from *_match, *_match_re and *_matchers. */
export function inhibitRulesFromConfig(rules: readonly InhibitRule[]): InhibitRuleConfig[] {
  return rules.map((r) => ({
    sourceMatchers: [...equalMatchers(r.source_match), ...regexMatchers(r.source_match_re), ...r.source_matchers],
    targetMatchers: [...equalMatchers(r.target_match), ...regexMatchers(r.target_match_re), ...r.target_matchers],
    equal: [...r.equal],
  }));
}

function convertInterval(t: ConfigTimeInterval): TimeInterval {
  const ti: TimeInterval = {
    times: t.times,
    weekdays: t.weekdays,
    daysOfMonth: t.days_of_month,
    months: t.months,
    years: t.years,
  };
  if (t.location !== undefined) ti.location = t.location;
  return ti;
}

/** Interval name -> definitions, from mute_time_intervals then time_intervals (a later name wins). */
export function timeIntervalsFromConfig(cfg: AlertmanagerConfig): Map<string, TimeInterval[]> {
  const m = new Map<string, TimeInterval[]>();
  for (const ti of cfg.mute_time_intervals) m.set(ti.name, ti.time_intervals.map(convertInterval));
  for (const ti of cfg.time_intervals) m.set(ti.name, ti.time_intervals.map(convertInterval));
  return m;
}

/** The names of the receivers some route uses (the others are not built, as upstream). */
export function activeReceivers(root: Route): Set<string> {
  const names = new Set<string>();
  root.walk((r) => names.add(r.opts.receiver));
  return names;
}

/** template.FromGlobs over Vigil's default templates, with the external URL set. */
export async function buildTemplate(cfg: AlertmanagerConfig, externalURL: string): Promise<AlertmanagerTemplate> {
  const t = await loadTemplates(cfg.templates);
  t.externalURL = externalURL;
  return t;
}
