/**
 * The commands that read GET /api/v2/status: `amtool cluster show`, `amtool config show`, and
 * `amtool config routes show|test` when the routing tree comes from a running Alertmanager.
 */
import { AmConfigError, loadAlertmanagerConfig } from '../../alertmanager/config/index.js';
import { newRouteFromConfig, type Route } from '../../alertmanager/dispatch/index.js';
import { formatRoutingTree, formatMatchingTree, parseLabelArgs, resolveReceivers } from './config-routes.js';
import { formatOptions, withClient, type AmtoolContext } from './context.js';
import { AmtoolError } from './errors.js';
import { flagBool, flagValue } from './flags.js';
import { dateTimeJSON, parseDateTime } from './go-time.js';
import { goJSONString } from './models.js';
import { tabwrite } from './tabwriter.js';

interface Peer {
  address: string | null;
  name: string | null;
}

interface Status {
  cluster: { name: string; peers: Peer[] | null; status: string | null } | null;
  config: { original: string | null } | null;
  uptime: string | null;
  versionInfo: Record<string, string | null> | null;
  raw: Record<string, unknown>;
}

const VERSION_FIELDS = ['branch', 'buildDate', 'buildUser', 'goVersion', 'revision', 'version'] as const;

function obj(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function s(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function decodeStatus(body: unknown): Status {
  const o = obj(body) ?? {};
  const c = obj(o['cluster']);
  const peers = Array.isArray(c?.['peers']) ? (c?.['peers'] as unknown[]).map((p) => ({ address: s(obj(p)?.['address']), name: s(obj(p)?.['name']) })) : null;
  const vi = obj(o['versionInfo']);
  return {
    cluster: c === null ? null : { name: s(c['name']) ?? '', peers, status: s(c['status']) },
    config: obj(o['config']) === null ? null : { original: s(obj(o['config'])?.['original']) },
    uptime: s(o['uptime']),
    versionInfo: vi === null ? null : Object.fromEntries(VERSION_FIELDS.map((f) => [f, s(vi[f])])),
    raw: o,
  };
}

const js = (v: string | null): string => (v === null ? 'null' : goJSONString(v));

function uptimeText(u: string | null): string | null {
  if (u === null) return null;
  const t = parseDateTime(u);
  return t === null ? u : dateTimeJSON(t);
}

function clusterJSON(c: Status['cluster']): string {
  if (c === null) return 'null';
  const peers = c.peers === null ? 'null' : `[${c.peers.map((p) => `{"address":${js(p.address)},"name":${js(p.name)}}`).join(',')}]`;
  return `{${c.name === '' ? '' : `"name":${goJSONString(c.name)},`}"peers":${peers},"status":${js(c.status)}}`;
}

function statusJSON(st: Status): string {
  const vi = st.versionInfo;
  const version = vi === null ? 'null' : `{${VERSION_FIELDS.map((f) => `"${f}":${js(vi[f] ?? null)}`).join(',')}}`;
  const config = st.config === null ? 'null' : `{"original":${js(st.config.original)}}`;
  return `{"cluster":${clusterJSON(st.cluster)},"config":${config},"uptime":${js(uptimeText(st.uptime))},"versionInfo":${version}}\n`;
}

async function getStatus(ctx: AmtoolContext): Promise<Status> {
  return decodeStatus(await withClient(ctx, (c) => c.call('getStatus')));
}

function ipKey(addr: string): [string, number] {
  const m = /^\[?(.*?)\]?:(\d+)$/.exec(addr);
  return m === null ? [addr, 0] : [m[1] as string, Number(m[2])];
}

/** `amtool cluster show`. */
export async function clusterShow(ctx: AmtoolContext): Promise<number> {
  const st = await getStatus(ctx);
  const c = st.cluster ?? { name: '', peers: null, status: null };
  const out = formatOptions(ctx).output;
  if (out === 'json') {
    ctx.io.out(`${clusterJSON(st.cluster)}\n`);
    return 0;
  }
  let text = `Cluster Status:\t${c.status ?? ''}\nNode Name:\t${c.name}\n`;
  if (out === 'extended') {
    text += '\nAddress\tName\n';
    const peers = [...(c.peers ?? [])].sort((a, b) => {
      const [ia, pa] = ipKey(a.address ?? '');
      const [ib, pb] = ipKey(b.address ?? '');
      return ia === ib ? pa - pb : ia < ib ? -1 : 1;
    });
    for (const p of peers) text += `${p.address ?? ''}\t${p.name ?? ''}\t\n`;
  }
  ctx.io.out(tabwrite(text));
  return 0;
}

/** `amtool config show`. */
export async function configShow(ctx: AmtoolContext): Promise<number> {
  const st = await getStatus(ctx);
  const out = formatOptions(ctx).output;
  if (out === 'json') {
    ctx.io.out(statusJSON(st));
    return 0;
  }
  ctx.io.out(`${st.config?.original ?? ''}\n`);
  if (out === 'extended') {
    // amtool 0.25 prints the addresses of these strings (Go pointers); Vigil prints their values.
    const vi = st.versionInfo ?? {};
    for (const f of ['buildUser', 'goVersion', 'revision', 'version', 'branch', 'buildDate'] as const) ctx.io.out(`${f} ${vi[f] ?? ''}\n`);
    ctx.io.out(`uptime ${uptimeText(st.uptime) ?? ''}\n`);
  }
  return 0;
}

/** The routing tree of the running Alertmanager's configuration. */
async function remoteRoute(ctx: AmtoolContext): Promise<Route> {
  const st = await getStatus(ctx);
  const cfg = loadAlertmanagerConfig(st.config?.original ?? '');
  if (cfg.route === undefined) throw new AmConfigError('no route provided in config');
  return newRouteFromConfig(cfg.route);
}

/** checkRoutingConfigInputFlags: without --config.file the URL is required. */
export function requireRoutingSource(ctx: AmtoolContext): void {
  const url = flagValue(ctx.parsed, 'alertmanager.url');
  const file = flagValue(ctx.parsed, 'config.file');
  if (url !== '' && file !== '') ctx.io.err('Warning: --config.file flag overrides the --alertmanager.url.\n');
  if (url === '' && file === '') throw new AmtoolError('You have to specify one of --config.file or --alertmanager.url flags.', true);
}

/** `amtool config routes [show]` against --alertmanager.url. */
export async function remoteRoutesShow(ctx: AmtoolContext): Promise<number> {
  let route: Route;
  try {
    route = await remoteRoute(ctx);
  } catch (e) {
    throw new AmtoolError(e instanceof Error ? e.message : String(e), true);
  }
  ctx.io.out(formatRoutingTree(route));
  return 0;
}

/** `amtool config routes test` against --alertmanager.url. */
export async function remoteRoutesTest(ctx: AmtoolContext): Promise<number> {
  let route: Route;
  try {
    route = await remoteRoute(ctx);
  } catch (e) {
    throw new AmtoolError(`${e instanceof Error ? e.message : String(e)}\n`, true);
  }
  let lset;
  try {
    lset = parseLabelArgs(ctx.parsed.args);
  } catch (e) {
    throw new AmtoolError(`Failed to parse labels: ${e instanceof Error ? e.message : String(e)}\n`, true);
  }
  if (flagBool(ctx.parsed, 'tree')) ctx.io.out(formatMatchingTree(route, lset));
  const slug = resolveReceivers(route, lset).join(',');
  ctx.io.out(`${slug}\n`);
  const verify = flagValue(ctx.parsed, 'verify.receivers');
  if (verify !== '' && verify !== slug) {
    ctx.io.out('WARNING: Expected receivers did not match resolved receivers.\n');
    return 1;
  }
  return 0;
}
