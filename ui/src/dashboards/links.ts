/**
 * Dashboard and panel links as Grafana models them: type "link" (title, url with variables
 * interpolated, keepTime and includeVars add the time range and var- parameters, targetBlank)
 * and type "dashboards" (the dashboards with the given tags, found by the search API). Only
 * http(s) and site-relative URLs become links, so no script reaches an href.
 */
import { interpolate, type VarMap } from './interpolate.js';
import { arr, bool, isObject, str, type Json } from './model.js';
import type { TimeRange } from './time-range.js';

export interface LinkModel {
  type: 'link' | 'dashboards';
  title: string;
  url: string;
  tooltip: string;
  tags: string[];
  targetBlank: boolean;
  keepTime: boolean;
  includeVars: boolean;
  asDropdown: boolean;
}

export function parseLinks(list: Json | undefined): LinkModel[] {
  const items = Array.isArray(list) ? list : [];
  return items.filter(isObject).map((l) => ({
    type: str(l, 'type') === 'dashboards' ? 'dashboards' : 'link',
    title: str(l, 'title') ?? '',
    url: str(l, 'url') ?? '',
    tooltip: str(l, 'tooltip') ?? '',
    tags: arr(l, 'tags').filter((t): t is string => typeof t === 'string'),
    targetBlank: bool(l, 'targetBlank') ?? false,
    keepTime: bool(l, 'keepTime') ?? false,
    includeVars: bool(l, 'includeVars') ?? false,
    asDropdown: bool(l, 'asDropdown') ?? false,
  }));
}

/** A URL safe for an href: http(s), site-relative or a fragment; anything else gives ''. */
export function safeUrl(url: string): string {
  const u = url.trim();
  if (u === '') return '';
  if (/^https?:\/\//i.test(u) || u.startsWith('/') || u.startsWith('#') || u.startsWith('?')) return u.startsWith('//') ? '' : u;
  if (/^[a-z][a-z0-9+.-]*:/i.test(u)) return '';
  return u;
}

function urlFormat(values: string[]): string {
  return values.map((v) => encodeURIComponent(v)).join(',');
}

/** The href of a link with variables, time range and var- parameters as its options ask. */
export function linkUrl(link: LinkModel, vars: VarMap, range: TimeRange | null, scoped?: VarMap): string {
  const withBuiltins = new Map(vars);
  let url = interpolate(link.url, withBuiltins, urlFormat, scoped);
  const params: string[] = [];
  if (link.keepTime && range !== null) params.push(`from=${encodeURIComponent(range.raw.from)}`, `to=${encodeURIComponent(range.raw.to)}`);
  if (link.includeVars) {
    for (const [name, v] of vars) {
      if (name.startsWith('__')) continue;
      for (const x of v.value) params.push(`var-${encodeURIComponent(name)}=${encodeURIComponent(x)}`);
    }
  }
  url = url.replace(/\$\{__url_time_range\}/g, range === null ? '' : `from=${encodeURIComponent(range.raw.from)}&to=${encodeURIComponent(range.raw.to)}`);
  if (params.length > 0) url += (url.includes('?') ? '&' : '?') + params.join('&');
  return safeUrl(url);
}
