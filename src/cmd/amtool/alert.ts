/**
 * `amtool alert query` (also bare `amtool alert`) and `amtool alert add`, as amtool 0.25:
 * a first argument that is not a matcher is the alertname; query defaults to active alerts.
 */
import { AmMatchType, parseMatcher } from '../../alertmanager/labels/index.js';
import type { AmtoolContext } from './context.js';
import { formatOptions, withClient } from './context.js';
import { AmtoolError } from './errors.js';
import { flagBool, flagList, flagValue } from './flags.js';
import { formatAlerts } from './format.js';
import { parseRFC3339, ZERO_TIME, type ZonedTime } from './go-time.js';
import { decodeAlert, decodeList, encodePostableAlert, type LabelSet } from './models.js';

function parses(s: string): boolean {
  try {
    parseMatcher(s);
    return true;
  } catch {
    return false;
  }
}

/** Prefixes `alertname=` to a first argument that is not a matcher (upstream's shorthand). */
export function withAlertname(args: readonly string[]): string[] {
  const out = [...args];
  const first = out[0];
  if (first !== undefined && !parses(first)) out[0] = `alertname=${first}`;
  return out;
}

/** parseLabels upstream: equality matchers only. */
export function parseLabelSet(args: readonly string[]): LabelSet {
  const ls: LabelSet = {};
  for (const a of args) {
    const m = parseMatcher(a);
    if (m.type !== AmMatchType.Equal) throw new AmtoolError('labels must be specified as key=value pairs');
    ls[m.name] = m.value;
  }
  return ls;
}

/** `amtool alert query [matchers...]`. */
export async function alertQuery(ctx: AmtoolContext): Promise<number> {
  const p = ctx.parsed;
  const filters = withAlertname(p.args);
  const state = { active: flagBool(p, 'active'), inhibited: flagBool(p, 'inhibited'), silenced: flagBool(p, 'silenced'), unprocessed: flagBool(p, 'unprocessed') };
  if (!state.active && !state.inhibited && !state.silenced && !state.unprocessed) state.active = true;
  const query: Array<[string, string]> = Object.entries(state).map(([k, v]) => [k, String(v)]);
  for (const f of filters) query.push(['filter', f]);
  const receiver = flagValue(p, 'receiver');
  if (receiver !== '') query.push(['receiver', receiver]);
  const body = await withClient(ctx, (c) => c.call('getAlerts', { query }));
  const opts = formatOptions(ctx);
  if (body === null && opts.output === 'json') {
    ctx.io.out('null\n');
    return 0;
  }
  ctx.io.out(formatAlerts(decodeList(body, 'models.GettableAlerts', decodeAlert), opts));
  return 0;
}

function optionalTime(s: string): ZonedTime {
  return s === '' ? ZERO_TIME : parseRFC3339(s);
}

/** `amtool alert add [labels...] [--annotation=k=v...] [--start] [--end] [--generator-url]`. */
export async function alertAdd(ctx: AmtoolContext): Promise<number> {
  const p = ctx.parsed;
  const args = [...p.args];
  if (args.length > 0) {
    try {
      parseLabelSet([args[0] as string]);
    } catch {
      args[0] = `alertname=${args[0] as string}`;
    }
  }
  const labels = parseLabelSet(args);
  const annotations = parseLabelSet(flagList(p, 'annotation'));
  const startsAt = optionalTime(flagValue(p, 'start'));
  const endsAt = optionalTime(flagValue(p, 'end'));
  const alert = encodePostableAlert({ annotations, endsAt, startsAt, generatorURL: flagValue(p, 'generator-url'), labels });
  await withClient(ctx, (c) => c.call('postAlerts', { body: `[${alert}]` }));
  return 0;
}
