/**
 * dns_sd_configs (upstream discovery/dns): every refresh_interval each name is looked up
 * (SRV, A, AAAA, MX or NS) and becomes one group with the name as its source. A name that
 * does not exist (or has no records of the type) yields an empty group; a lookup that fails
 * otherwise (server failure, timeout) is logged and the name keeps its previous targets.
 */
import { promises as dnsPromises } from 'node:dns';
import { isIPv6 } from 'node:net';
import type { DNSSDConfig } from '../../config/index.js';
import { Labels } from '../../model/labels/index.js';
import { RefreshDiscoverer } from '../refresh/index.js';
import {
  errorText,
  type Discoverer,
  type DiscovererOptions,
  type DiscoveryLogger,
  type TargetGroup,
} from '../targetgroup/index.js';

const NAME_LABEL = '__meta_dns_name';
const SRV_TARGET_LABEL = '__meta_dns_srv_record_target';
const SRV_PORT_LABEL = '__meta_dns_srv_record_port';
const MX_TARGET_LABEL = '__meta_dns_mx_record_target';
const NS_TARGET_LABEL = '__meta_dns_ns_record_target';

/** Answers that mean "this name has no such records": an empty group, not an error. */
const NO_RECORDS = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN']);

/** What the discoverer needs from a resolver (node:dns's Resolver has it). */
export interface DNSResolver {
  resolveSrv(name: string): Promise<Array<{ name: string; port: number }>>;
  resolve4(name: string): Promise<string[]>;
  resolve6(name: string): Promise<string[]>;
  resolveMx(name: string): Promise<Array<{ exchange: string }>>;
  resolveNs(name: string): Promise<string[]>;
  cancel?(): void;
}

export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') || isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}

/** DNS names as upstream reports them in meta labels: rooted, with the final dot. */
function rooted(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}

function trimDot(name: string): string {
  return name.replace(/\.+$/, '');
}

export function newResolver(servers: readonly string[] | undefined, timeoutMs: number): DNSResolver {
  const r = new dnsPromises.Resolver({ timeout: Math.max(100, Math.min(timeoutMs, 5000)), tries: 2 });
  if (servers !== undefined && servers.length > 0) r.setServers([...servers]);
  return r;
}

export class DNSDiscoverer implements Discoverer {
  private readonly cfg: DNSSDConfig;
  private readonly logger: DiscoveryLogger;
  private readonly resolver: DNSResolver;
  private readonly refresher: RefreshDiscoverer;
  private readonly qtype: string;
  /** Lookups done and failed, for tests and metrics. */
  lookups = 0;
  lookupFailures = 0;

  constructor(cfg: DNSSDConfig, o: DiscovererOptions, resolver?: DNSResolver) {
    this.cfg = cfg;
    this.logger = o.logger;
    this.qtype = cfg.type.toUpperCase();
    this.resolver = resolver ?? newResolver(o.dnsServers, cfg.refresh_interval);
    this.refresher = new RefreshDiscoverer({
      logger: o.logger,
      clock: o.clock,
      interval: cfg.refresh_interval,
      refresh: (signal) => this.refresh(signal),
    });
  }

  async run(signal: AbortSignal, up: (groups: TargetGroup[]) => void): Promise<void> {
    const onAbort = (): void => this.resolver.cancel?.();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await this.refresher.run(signal, up);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  async refresh(signal: AbortSignal): Promise<TargetGroup[]> {
    const results = await Promise.all(this.cfg.names.map((n) => this.refreshOne(n)));
    if (signal.aborted) return [];
    return results.filter((g): g is TargetGroup => g !== null);
  }

  private async refreshOne(name: string): Promise<TargetGroup | null> {
    this.lookups++;
    let targets: Labels[];
    try {
      targets = await this.lookup(name);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (typeof code === 'string' && NO_RECORDS.has(code)) {
        targets = [];
      } else {
        this.lookupFailures++;
        this.logger.error('Error refreshing DNS targets', { err: `could not resolve ${JSON.stringify(name)}: ${errorText(e)}` });
        return null;
      }
    }
    return { source: name, targets, labels: Labels.EMPTY };
  }

  private async lookup(name: string): Promise<Labels[]> {
    const r = this.resolver;
    const port = this.cfg.port;
    const target = (addr: string, extra: Record<string, string>): Labels =>
      Labels.fromObject({ __address__: addr, [NAME_LABEL]: name, ...extra });
    switch (this.qtype) {
      case 'A':
        return (await r.resolve4(name)).map((ip) => target(joinHostPort(ip, port), {}));
      case 'AAAA':
        return (await r.resolve6(name)).map((ip) => target(joinHostPort(ip, port), {}));
      case 'MX':
        return (await r.resolveMx(name)).map((mx) =>
          target(joinHostPort(trimDot(mx.exchange), port), { [MX_TARGET_LABEL]: rooted(mx.exchange) }),
        );
      case 'NS':
        return (await r.resolveNs(name)).map((ns) => target(joinHostPort(trimDot(ns), port), { [NS_TARGET_LABEL]: rooted(ns) }));
      default:
        return (await r.resolveSrv(name)).map((srv) =>
          target(joinHostPort(trimDot(srv.name), srv.port), { [SRV_TARGET_LABEL]: rooted(srv.name), [SRV_PORT_LABEL]: String(srv.port) }),
        );
    }
  }
}
