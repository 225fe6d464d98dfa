/** /api/v1/labels and /api/v1/label/<name>/values. */
import type { Matcher } from '../../../model/labels/index.js';
import { goQuote } from '../../../model/strconv/index.js';
import type { Querier } from '../../../storage/index.js';
import type { ApiContext } from './context.js';
import type { ApiResult } from './envelope.js';
import { ApiError } from './errors.js';
import { hintLimit, limitParam, matchersParam, MAX_TIME, MIN_TIME, timeParam } from './params.js';

type Lookup = (q: Querier, hints: { limit: number }, matchers: Matcher[]) => string[];

function execError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError('execution', e instanceof Error ? e.message : String(e));
}

/** The common part: time range, matcher sets, union over sets, sorting and the limit. */
function collect(c: ApiContext, lookup: Lookup): ApiResult {
  const limit = limitParam(c.form);
  const start = timeParam(c.form, 'start', MIN_TIME);
  const end = timeParam(c.form, 'end', MAX_TIME);
  const sets = matchersParam(c.form.all('match[]'));
  const hints = { limit: hintLimit(limit) };
  const q = c.deps.queryable.querier(start, end);
  let names: string[];
  try {
    if (sets.length > 1) {
      const all = new Set<string>();
      for (const ms of sets) for (const v of lookup(q, hints, ms)) all.add(v);
      names = [...all];
    } else {
      names = lookup(q, hints, sets[0] ?? []).slice();
    }
  } catch (e) {
    throw execError(e);
  } finally {
    q.close();
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const warnings: string[] = [];
  if (limit > 0 && names.length > limit) {
    names.length = limit;
    warnings.push('results truncated due to limit');
  }
  return { data: names, warnings };
}

export function labelNames(c: ApiContext): ApiResult {
  return collect(c, (q, hints, ms) => q.labelNames(hints, ...ms));
}

/** model.UnescapeName for the U__ value encoding (label names in URLs). */
export function unescapeName(name: string): string {
  if (!name.startsWith('U__')) return name;
  const s = name.slice(3);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '_') {
      out += s[i];
      continue;
    }
    i++;
    if (i >= s.length) return name;
    if (s[i] === '_') {
      out += '_';
      continue;
    }
    let cp = 0;
    let closed = false;
    for (let j = 0; i < s.length; j++, i++) {
      if (j >= 6) return name;
      const ch = (s[i] as string).toLowerCase();
      if (ch === '_') {
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return name;
        out += String.fromCodePoint(cp);
        closed = true;
        break;
      }
      const d = parseInt(ch, 16);
      if (Number.isNaN(d)) return name;
      cp = cp * 16 + d;
    }
    if (!closed) return name;
  }
  return out;
}

export function labelValues(c: ApiContext): ApiResult {
  let name = c.params['name'] ?? '';
  if (name.startsWith('U__')) name = unescapeName(name);
  if (name === '') throw new ApiError('bad_data', `invalid label name: ${goQuote(name)}`);
  return collect(c, (q, hints, ms) => q.labelValues(name, hints, ...ms));
}
