/**
 * `amtool config routes [show]` and `amtool config routes test`: print the routing tree of an
 * alertmanager.yml, and resolve a label set to its receivers (as amtool 0.25).
 */
import { existsSync } from 'node:fs';
import { Labels } from '../../model/labels/index.js';
import { AmMatchType, parseMatcher } from '../../alertmanager/labels/index.js';
import { matchersString, type Route } from '../../alertmanager/dispatch/index.js';
import { loadAmtoolConfig } from './load-config.js';

/** Where a command writes (process streams in the CLI, buffers in tests). */
export interface AmtoolIO {
  out(s: string): void;
  err(s: string): void;
}

export const processIO: AmtoolIO = {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
};

/** A node of an ASCII tree printed as github.com/xlab/treeprint does. */
interface TreeNode {
  value: string;
  children: TreeNode[];
}

/**
 * treeprint's String(): a "." root line, then one line per node with box-drawing branches;
 * below a non-last branch the indent is `│`, two no-break spaces and a space, as treeprint prints.
 */
export function renderTree(children: readonly TreeNode[]): string {
  let s = '.\n';
  const walk = (nodes: readonly TreeNode[], prefix: string): void => {
    nodes.forEach((n, i) => {
      const last = i === nodes.length - 1;
      s += `${prefix}${last ? '└── ' : '├── '}${n.value}\n`;
      walk(n.children, prefix + (last ? '    ' : '│\u00a0\u00a0 '));
    });
  };
  walk(children, '');
  return s;
}

/** The text amtool shows for a route: its matchers (or default-route), continue, receiver. */
function routeSlug(r: Route, showContinue: boolean, showReceiver: boolean): string {
  let s = r.matchers.length === 0 ? 'default-route' : matchersString(r.matchers);
  if (r.continue && showContinue) s += '  continue: true';
  if (showReceiver) s += `  receiver: ${r.opts.receiver}`;
  return s;
}

function routeTree(r: Route): TreeNode {
  return { value: routeSlug(r, true, true), children: r.routes.map(routeTree) };
}

function matchingTree(r: Route, lset: Labels): TreeNode {
  const node: TreeNode = { value: routeSlug(r, false, false), children: [] };
  for (const child of r.routes) {
    if (!child.matchers.every((m) => m.matches(lset.get(m.name)))) continue;
    node.children.push(matchingTree(child, lset));
    if (!child.continue) break;
  }
  if (node.children.length === 0) node.value = routeSlug(r, false, true);
  return node;
}

/** The `Routing tree:` text of `amtool config routes show`. */
export function formatRoutingTree(root: Route): string {
  return `Routing tree:\n${renderTree([routeTree(root)])}\n`;
}

/** The `Matching routes:` text of `amtool config routes test --tree`. */
export function formatMatchingTree(root: Route, lset: Labels): string {
  return `Matching routes:\n${renderTree([matchingTree(root, lset)])}\n\n`;
}

/** The receivers a label set resolves to, in routing order. */
export function resolveReceivers(root: Route, lset: Labels): string[] {
  return root.match(lset).map((r) => r.opts.receiver);
}

interface RoutesArgs {
  configFile: string | undefined;
  verifyReceivers: string;
  tree: boolean;
  positional: string[];
}

function parseRoutesArgs(args: readonly string[]): RoutesArgs {
  const out: RoutesArgs = { configFile: undefined, verifyReceivers: '', tree: false, positional: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const [flag, inline] = a.startsWith('--') ? splitFlag(a) : [undefined, undefined];
    const value = (): string => inline ?? (args[++i] as string | undefined) ?? '';
    if (flag === undefined) out.positional.push(a);
    else if (flag === 'config.file') out.configFile = value();
    else if (flag === 'verify.receivers') out.verifyReceivers = value();
    else if (flag === 'tree') out.tree = inline === undefined || inline === 'true';
    else if (inline === undefined && TAKES_VALUE.has(flag)) i++;
  }
  return out;
}

/** amtool's global flags that take a value (accepted and ignored here). */
const TAKES_VALUE = new Set(['alertmanager.url', 'output', 'timeout', 'http.config.file', 'date.format']);

function splitFlag(a: string): [string, string | undefined] {
  const eq = a.indexOf('=');
  return eq < 0 ? [a.slice(2), undefined] : [a.slice(2, eq), a.slice(eq + 1)];
}

function fatal(io: AmtoolIO, msg: string): number {
  io.err(`amtool: error: ${msg}\n`);
  return 1;
}

/** The routing tree of --config.file; amtool's `show` and `test` end a load error differently. */
async function loadRoute(io: AmtoolIO, configFile: string | undefined, errEnd: string): Promise<Route | number> {
  if (configFile === undefined) {
    return fatal(io, 'querying a running Alertmanager is not implemented yet: pass --config.file');
  }
  if (!existsSync(configFile)) return fatal(io, `path '${configFile}' does not exist`);
  try {
    return loadAmtoolConfig(configFile).route;
  } catch (e) {
    return fatal(io, `${e instanceof Error ? e.message : String(e)}${errEnd}`);
  }
}

/** `amtool config routes show` (args after `show`). */
export async function configRoutesShow(args: readonly string[], io: AmtoolIO = processIO): Promise<number> {
  const a = parseRoutesArgs(args);
  const root = await loadRoute(io, a.configFile, '');
  if (typeof root === 'number') return root;
  io.out(formatRoutingTree(root));
  return 0;
}

/** Parses `name=value` arguments as amtool does (a matcher that must be an equality). */
export function parseLabelArgs(args: readonly string[]): Labels {
  const pairs: string[] = [];
  for (const s of args) {
    const m = parseMatcher(s);
    if (m.type !== AmMatchType.Equal) throw new Error('labels must be specified as key=value pairs');
    pairs.push(m.name, m.value);
  }
  return Labels.fromPairs(pairs);
}

/** `amtool config routes test [--verify.receivers=a,b] [--tree] label=value...`. */
export async function configRoutesTest(args: readonly string[], io: AmtoolIO = processIO): Promise<number> {
  const a = parseRoutesArgs(args);
  const root = await loadRoute(io, a.configFile, '\n');
  if (typeof root === 'number') return root;
  let lset: Labels;
  try {
    lset = parseLabelArgs(a.positional);
  } catch (e) {
    return fatal(io, `Failed to parse labels: ${e instanceof Error ? e.message : String(e)}\n`);
  }
  if (a.tree) io.out(formatMatchingTree(root, lset));
  const slug = resolveReceivers(root, lset).join(',');
  io.out(`${slug}\n`);
  if (a.verifyReceivers !== '' && a.verifyReceivers !== slug) {
    io.out('WARNING: Expected receivers did not match resolved receivers.\n');
    return 1;
  }
  return 0;
}
