/**
 * A dashboard's links bar (dashboard.links): plain links with variables interpolated and the
 * time range / variables kept as asked, and "dashboards" links listing the dashboards with
 * the given tags (each on its own, or in a dropdown with asDropdown).
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { searchDashboards, type SearchHit } from '../../dashboards/grafana-api';
import type { VarMap } from '../../dashboards/interpolate';
import { interpolate } from '../../dashboards/interpolate';
import { linkUrl, parseLinks, type LinkModel } from '../../dashboards/links';
import type { Json } from '../../dashboards/model';
import type { TimeRange } from '../../dashboards/time-range';
import { href } from '../../lib/router';

function hitPath(hit: SearchHit): string {
  const m = /\/d\/[^?#]+/.exec(hit.url);
  return m !== null ? m[0] : `/d/${encodeURIComponent(hit.uid)}`;
}

function TagLinks(props: { link: LinkModel; currentUid: string; vars: VarMap; range: TimeRange | null }): JSX.Element | null {
  const { link } = props;
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    let live = true;
    searchDashboards('', link.tags).then((h) => { if (live) setHits(h.filter((x) => x.uid !== props.currentUid)); }, () => undefined);
    return () => { live = false; };
  }, [link.tags.join('\u0000')]);
  const params = new URLSearchParams();
  if (link.keepTime && props.range !== null) {
    params.set('from', props.range.raw.from);
    params.set('to', props.range.raw.to);
  }
  if (link.includeVars) for (const [k, v] of props.vars) if (!k.startsWith('__')) for (const x of v.value) params.append(`var-${k}`, x);
  const target = link.targetBlank ? { target: '_blank', rel: 'noopener noreferrer' } : {};
  const items = hits.map((h) => <a key={h.uid} href={href(hitPath(h), params)} data-testid="dashboard-link-item" {...target}>{h.title}</a>);
  if (!link.asDropdown) return <>{items}</>;
  return (
    <span class="dash-link-dropdown">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>{link.title !== '' ? link.title : 'Dashboards'} ▾</button>
      {open && <ul onMouseLeave={() => setOpen(false)}>{items.map((a, i) => <li key={i}>{a}</li>)}</ul>}
    </span>
  );
}

export function DashboardLinks(props: { links: Json | undefined; uid: string; vars: VarMap; range: TimeRange | null }): JSX.Element | null {
  const links = parseLinks(props.links);
  if (links.length === 0) return null;
  return (
    <nav class="dash-links" data-testid="dashboard-links">
      {links.map((l, i) => {
        if (l.type === 'dashboards') return <TagLinks key={i} link={l} currentUid={props.uid} vars={props.vars} range={props.range} />;
        const url = linkUrl(l, props.vars, props.range);
        const title = interpolate(l.title, props.vars) || url;
        if (url === '') return <span key={i} class="muted">{title}</span>;
        return <a key={i} href={url} title={l.tooltip} {...(l.targetBlank ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>{title}</a>;
      })}
    </nav>
  );
}
