/**
 * The silence endpoints: GET /silences (filter by equal matchers, upstream's order), POST
 * /silences (create or update, {silenceID}), GET and DELETE /silence/{silenceID}.
 */
import { type AmMatcher, AmMatchType, parseMatcher } from '../../labels/index.js';
import { type Silence, SilenceNotFoundError, type SilenceInput, type SilenceMatcherInput, type SilenceState } from '../../silence/index.js';
import { goZeroTimeMs } from './date-time.js';
import type { PostableSilence } from './decode.js';
import type { ApiSilences } from './deps.js';
import { gettableSilenceJSON, goJSONString } from './encode.js';
import { emptyReply, jsonReply, type Reply, stringReply } from './reply.js';

const STATE_ORDER: Record<SilenceState, number> = { active: 1, pending: 2, expired: 3 };

/** SortSilences: active by soonest end, pending by soonest start, expired by latest end. */
function compareSilences(a: [Silence, SilenceState], b: [Silence, SilenceState]): number {
  const [sa, sta] = a;
  const [sb, stb] = b;
  if (sta !== stb) return STATE_ORDER[sta] - STATE_ORDER[stb];
  switch (sta) {
    case 'active':
      return sa.endsAt - sb.endsAt;
    case 'pending':
      return sa.startsAt - sb.startsAt;
    case 'expired':
      return sb.endsAt - sa.endsAt;
  }
}

/** CheckSilenceMatchesFilterLabels: every filter matcher equals one of the silence's matchers. */
function silenceMatchesFilter(s: Silence, filter: readonly AmMatcher[]): boolean {
  return filter.every((f) => s.matchers.some((m) => m.name === f.name && m.type === f.type && m.value === f.value));
}

export function getSilences(silences: ApiSilences, q: URLSearchParams): Reply {
  const filter: AmMatcher[] = [];
  try {
    for (const f of q.getAll('filter')) filter.push(parseMatcher(f));
  } catch (e) {
    return stringReply(400, e instanceof Error ? e.message : String(e));
  }
  const rows: [Silence, SilenceState][] = silences
    .query()
    .filter((s) => silenceMatchesFilter(s, filter))
    .map((s) => [s, silences.state(s)]);
  rows.sort(compareSilences);
  return jsonReply(200, `[${rows.map(([s, st]) => gettableSilenceJSON(s, st)).join(',')}]`);
}

function matcherType(isEqual: boolean, isRegex: boolean): AmMatchType {
  if (isRegex) return isEqual ? AmMatchType.Regexp : AmMatchType.NotRegexp;
  return isEqual ? AmMatchType.Equal : AmMatchType.NotEqual;
}

/** PostableSilenceToProto. */
function toSilenceInput(p: PostableSilence): SilenceInput {
  const matchers: SilenceMatcherInput[] = (p.matchers ?? []).map((m) => ({
    name: m.name ?? '',
    value: m.value ?? '',
    type: matcherType(m.isEqual ?? true, m.isRegex ?? false),
  }));
  const input: SilenceInput = {
    matchers,
    // The store clamps a start in the past to now, as upstream's Set does before validating; the
    // epoch ("" in JSON) is no zero time upstream, so it must not read as unset (0) here.
    startsAt: p.startsAt === null || p.startsAt === 0 ? goZeroTimeMs() : p.startsAt,
    endsAt: p.endsAt ?? goZeroTimeMs(),
    createdBy: p.createdBy ?? '',
    comment: p.comment ?? '',
  };
  if (p.id !== '') input.id = p.id;
  return input;
}

export function postSilence(silences: ApiSilences, p: PostableSilence, now: number): Reply {
  const input = toSilenceInput(p);
  const startsAt = p.startsAt ?? goZeroTimeMs();
  const endsAt = p.endsAt ?? goZeroTimeMs();
  if (startsAt >= endsAt) return stringReply(400, 'Failed to create silence: start time must be before end time');
  if (endsAt < now) return stringReply(400, "Failed to create silence: end time can't be in the past");
  let id: string;
  try {
    id = silences.set(input);
  } catch (e) {
    if (e instanceof SilenceNotFoundError) return stringReply(404, e.message);
    return stringReply(400, e instanceof Error ? e.message : String(e));
  }
  return jsonReply(200, `{"silenceID":${goJSONString(id)}}`);
}

export function getSilence(silences: ApiSilences, id: string): Reply {
  const s = silences.get(id);
  if (s === undefined) return emptyReply(404);
  return jsonReply(200, gettableSilenceJSON(s, silences.state(s)));
}

/** DELETE: expiring an already expired silence succeeds, as in 0.25. */
export function deleteSilence(silences: ApiSilences, id: string): Reply {
  const s = silences.get(id);
  if (s === undefined) return stringReply(500, new SilenceNotFoundError().message);
  if (silences.state(s) === 'expired') return emptyReply(200);
  try {
    silences.expire(id);
  } catch (e) {
    return stringReply(500, e instanceof Error ? e.message : String(e));
  }
  return emptyReply(200);
}
