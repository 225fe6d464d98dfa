/**
 * Links between the status pages (upstream's "Status" menu): runtime and build information, TSDB
 * status, command-line flags, configuration, and the target and rule pages.
 */
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { href } from '../lib/router';

const LINKS: readonly [string, string][] = [
  ['/status', 'Runtime & build information'],
  ['/tsdb-status', 'TSDB status'],
  ['/flags', 'Command-line flags'],
  ['/config', 'Configuration'],
  ['/targets', 'Targets'],
  ['/rules', 'Rules'],
  ['/service-discovery', 'Service discovery'],
];

export function StatusNav(props: { current: string }): JSX.Element {
  const nav = useRef<HTMLElement>(null);
  useEffect(() => {
    // On a phone the links scroll sideways: bring the current one into view.
    const a = nav.current?.querySelector<HTMLElement>('a.active');
    if (a && nav.current && nav.current.scrollWidth > nav.current.clientWidth) nav.current.scrollLeft = a.offsetLeft - 8;
  }, [props.current]);
  return (
    <nav class="st-subnav" aria-label="Status pages" data-testid="status-nav" ref={nav}>
      {LINKS.map(([path, label]) => (
        <a key={path} href={href(path)} class={path === props.current ? 'active' : undefined} aria-current={path === props.current ? 'page' : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}
