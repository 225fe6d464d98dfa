/** /api/v1/series: the label sets of the series matching any match[] selector over a time range. */
import { compareLabels } from '../../../model/labels/index.js';
import type { Labels } from '../../../model/labels/index.js';
import type { ApiContext } from './context.js';
import { RawJson } from './envelope.js';
import type { ApiResult } from './envelope.js';
import { ApiError, toApiError } from './errors.js';
import { labelsJson } from './json.js';
import { hintLimit, limitParam, matchersParam, MAX_TIME, MIN_TIME, timeParam } from './params.js';

const CHECK_EVERY = 128;

export function series(c: ApiContext): ApiResult {
  const match = c.form.all('match[]');
  if (match.length === 0) throw new ApiError('bad_data', 'no match[] parameter provided');
  const limit = limitParam(c.form);
  const start = timeParam(c.form, 'start', MIN_TIME);
  const end = timeParam(c.form, 'end', MAX_TIME);
  const sets = matchersParam(match, 'match[]');
  const q = c.deps.queryable.querier(start, end);
  const hints = { start, end, func: 'series', limit: hintLimit(limit) };
  const out: Labels[] = [];
  const warnings: string[] = [];
  let truncated = false;
  try {
    const seen = sets.length > 1 ? new Set<string>() : null;
    let n = 0;
    outer: for (const ms of sets) {
      const ss = q.select(true, hints, ...ms);
      while (ss.next()) {
        if (++n % CHECK_EVERY === 0 && c.signal.aborted) throw new ApiError('canceled', 'context canceled');
        const l = ss.at().labels;
        if (seen !== null) {
          const k = l.key();
          if (seen.has(k)) continue;
          seen.add(k);
        }
        out.push(l);
        if (seen === null && limit > 0 && out.length > limit) break outer;
      }
      const err = ss.err();
      if (err !== null) throw toApiError(err);
      for (const w of ss.warnings()) warnings.push(w);
    }
  } finally {
    q.close();
  }
  if (sets.length > 1) out.sort(compareLabels);
  if (limit > 0 && out.length > limit) {
    out.length = limit;
    truncated = true;
  }
  if (truncated) warnings.push('results truncated due to limit');
  return { data: new RawJson(() => labelSetChunks(out)), warnings };
}

function* labelSetChunks(list: readonly Labels[]): Generator<string> {
  let buf = '[';
  for (let i = 0; i < list.length; i++) {
    if (i > 0) buf += ',';
    buf += labelsJson(list[i] as Labels);
    if (buf.length > 65536) {
      yield buf;
      buf = '';
    }
  }
  yield buf + ']';
}
