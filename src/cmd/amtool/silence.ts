/**
 * `amtool silence add|query|expire|update` (bare `amtool silence` = query), as amtool 0.25.
 */
import { parseGoDuration } from '../../alertmanager/config/index.js';
import { AmMatchType, parseMatcher, type AmMatcher } from '../../alertmanager/labels/index.js';
import { withAlertname } from './alert.js';
import type { AlertmanagerClient } from './api-client.js';
import { formatOptions, withClient, type AmtoolContext } from './context.js';
import { AmtoolError } from './errors.js';
import { flagBool, flagValue } from './flags.js';
import { formatSilences } from './format.js';
import { addMs, compareTimes, inUTC, parseRFC3339, utcTime } from './go-time.js';
import {
  decodeList, decodeSilence, encodePostableSilence, type ApiMatcher, type GettableSilence, type PostableSilence,
} from './models.js';
import { parseModelDuration } from './model-duration.js';

/** TypeMatcher upstream: a parsed matcher as the API's isEqual/isRegex pair. */
export function apiMatcher(m: AmMatcher): ApiMatcher {
  return {
    name: m.name,
    value: m.value,
    isEqual: m.type === AmMatchType.Equal || m.type === AmMatchType.Regexp,
    isRegex: m.type === AmMatchType.Regexp || m.type === AmMatchType.NotRegexp,
  };
}

function parseMatcherArgs(args: readonly string[]): AmMatcher[] {
  const out = [...args];
  if (out.length > 0) {
    try {
      parseMatcher(out[0] as string);
    } catch {
      out[0] = `alertname=${out[0] as string}`;
    }
  }
  return out.map((a) => parseMatcher(a));
}

/** A positive silence duration (model.ParseDuration). */
function silenceDuration(s: string): number {
  const d = parseModelDuration(s);
  if (d === 0) throw new AmtoolError('silence duration must be greater than 0');
  return d;
}

async function postSilence(c: AlertmanagerClient, s: PostableSilence): Promise<string> {
  const body = await c.call('postSilences', { body: encodePostableSilence(s) });
  const id = (body as { silenceID?: unknown } | null | undefined)?.silenceID;
  return typeof id === 'string' ? id : '';
}

/** `amtool silence add [matchers...]`. */
export async function silenceAdd(ctx: AmtoolContext): Promise<number> {
  const p = ctx.parsed;
  const matchers = parseMatcherArgs(p.args);
  if (matchers.length < 1) throw new AmtoolError('no matchers specified');
  const start = flagValue(p, 'start');
  const startsAt = start !== '' ? parseRFC3339(start) : utcTime(Date.now());
  const end = flagValue(p, 'end');
  const endsAt = end !== '' ? parseRFC3339(end) : addMs(inUTC(startsAt), silenceDuration(flagValue(p, 'duration')));
  if (compareTimes(startsAt, endsAt) > 0) throw new AmtoolError('silence cannot start after it ends');
  const comment = flagValue(p, 'comment');
  if (flagBool(p, 'require-comment') && comment === '') throw new AmtoolError('comment required by config');
  const id = await withClient(ctx, (c) => postSilence(c, {
    id: '', comment, createdBy: flagValue(p, 'author'), endsAt, matchers: matchers.map(apiMatcher), startsAt,
  }));
  ctx.io.out(`${id}\n`);
  return 0;
}

/** Whether a silence is shown by `silence query` with --expired / --within / --created-by. */
function shown(s: GettableSilence, expired: boolean, withinMs: number, createdBy: string, now: number): boolean {
  const ends = s.endsAt === null ? Number.NEGATIVE_INFINITY : s.endsAt.sec * 1000 + s.endsAt.nsec / 1e6;
  if (!expired && ends < now) return false;
  if (expired && ends > now) return false;
  if (!expired && withinMs > 0 && ends > now + withinMs) return false;
  if (expired && withinMs > 0 && ends < now - withinMs) return false;
  return createdBy === '' || s.createdBy === createdBy;
}

/** `amtool silence query [matchers...]`. */
export async function silenceQuery(ctx: AmtoolContext): Promise<number> {
  const p = ctx.parsed;
  const query = withAlertname(p.args).map((f) => ['filter', f] as const);
  const body = await withClient(ctx, (c) => c.call('getSilences', { query }));
  const all = decodeList(body, 'models.GettableSilences', decodeSilence);
  const within = flagValue(p, 'within') === '' ? 0 : parseGoDuration(flagValue(p, 'within'));
  const now = Date.now();
  const silences = all.filter((s): s is GettableSilence => s !== null
    && shown(s, flagBool(p, 'expired'), within, flagValue(p, 'created-by'), now));
  if (flagBool(p, 'quiet')) {
    for (const s of silences) ctx.io.out(`${s.id ?? ''}\n`);
    return 0;
  }
  ctx.io.out(formatSilences(silences, formatOptions(ctx)));
  return 0;
}

/** `amtool silence expire ids...`. */
export async function silenceExpire(ctx: AmtoolContext): Promise<number> {
  const ids = ctx.parsed.args;
  if (ids.length < 1) throw new AmtoolError('no silence IDs specified');
  await withClient(ctx, async (c) => {
    for (const id of ids) await c.call('deleteSilence', { id });
  });
  return 0;
}

function updated(s: GettableSilence, start: string, end: string, duration: string, comment: string): GettableSilence {
  const out = { ...s };
  if (start !== '') out.startsAt = parseRFC3339(start);
  if (end !== '') out.endsAt = parseRFC3339(end);
  else if (duration !== '') {
    const d = silenceDuration(duration);
    out.endsAt = addMs(inUTC(out.startsAt ?? utcTime(0)), d);
  }
  if (out.startsAt !== null && out.endsAt !== null && compareTimes(out.startsAt, out.endsAt) > 0) {
    throw new AmtoolError('silence cannot start after it ends');
  }
  if (comment !== '') out.comment = comment;
  return out;
}

/** `amtool silence update ids... [--start] [--end] [--duration] [--comment]`. */
export async function silenceUpdate(ctx: AmtoolContext): Promise<number> {
  const p = ctx.parsed;
  const ids = p.args;
  if (ids.length < 1) throw new AmtoolError('no silence IDs specified');
  const result = await withClient(ctx, async (c) => {
    const done: GettableSilence[] = [];
    for (const id of ids) {
      const got = decodeSilence(await c.call('getSilence', { id }));
      if (got === null) throw new AmtoolError('invalid memory address or nil pointer dereference');
      const s = updated(got, flagValue(p, 'start'), flagValue(p, 'end'), flagValue(p, 'duration'), flagValue(p, 'comment'));
      c.recheckVersion();
      const newID = await postSilence(c, { ...s, id: s.id ?? '' });
      done.push({ ...s, id: newID });
    }
    return done;
  });
  if (flagBool(p, 'quiet')) {
    // amtool 0.25 prints the address of each ID here (a Go pointer); Vigil prints the ID.
    for (const s of result) ctx.io.out(`${s.id ?? ''}\n`);
    return 0;
  }
  ctx.io.out(formatSilences(result, formatOptions(ctx)));
  return 0;
}

