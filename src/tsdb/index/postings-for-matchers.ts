/**
 * Resolving label matchers to postings (Prometheus tsdb PostingsForMatchers) and the label
 * queries built on it. Semantics follow upstream: a matcher that accepts the empty string also
 * selects series without the label; negative matchers are subtracted from the intersection of
 * the positive ones (or from all postings when there is none).
 */
import { Labels, MatchType, Matcher } from '../../model/labels/index.js';
import type { ChunkMeta } from '../chunks/index.js';
import { ALL_POSTINGS_KEY, emptyPostings, findIntersectingPostings, intersect, isEmptyPostings, without } from './postings.js';
import type { IndexReader, Postings } from './reader.js';

function inverse(m: Matcher): Matcher {
  switch (m.type) {
    case MatchType.Equal:
      return new Matcher(MatchType.NotEqual, m.name, m.value);
    case MatchType.NotEqual:
      return new Matcher(MatchType.Equal, m.name, m.value);
    case MatchType.Regexp:
      return new Matcher(MatchType.NotRegexp, m.name, m.value);
    case MatchType.NotRegexp:
      return new Matcher(MatchType.Regexp, m.name, m.value);
  }
}

const META = /[\\.+*?()[\]{}^$|]/;

/**
 * The finite set of strings a regexp matcher accepts when its pattern is a plain alternation of
 * literals ("a|b|c"), else null (a conservative subset of upstream's SetMatches).
 */
export function setMatches(m: Matcher): string[] | null {
  if (m.type !== MatchType.Regexp && m.type !== MatchType.NotRegexp) return null;
  const parts = m.value.split('|');
  for (const p of parts) if (p === '' || META.test(p)) return null;
  return parts;
}

function postingsForMatcher(ix: IndexReader, m: Matcher): Postings {
  if (m.type === MatchType.Equal) return ix.postings(m.name, m.value);
  if (m.type === MatchType.Regexp) {
    const set = setMatches(m);
    if (set !== null) return ix.postings(m.name, ...set);
  }
  return ix.postingsForLabelMatching(m.name, (v) => m.matches(v));
}

/** Postings of the series that have the label set but whose value does not match m. */
function inversePostingsForMatcher(ix: IndexReader, m: Matcher): Postings {
  if (m.type === MatchType.NotRegexp) {
    const set = setMatches(m);
    if (set !== null) return ix.postings(m.name, ...set);
  }
  if (m.type === MatchType.NotEqual) return ix.postings(m.name, m.value);
  if (m.value === '' && (m.type === MatchType.Regexp || m.type === MatchType.Equal)) return ix.postingsForAllLabelValues(m.name);
  return ix.postingsForLabelMatching(m.name, (v) => !m.matches(v));
}

function throwIfErr(p: Postings): Postings {
  const e = p.err();
  if (e) throw e;
  return p;
}

/**
 * Postings of the series matching every matcher. The result is in reference order (label order
 * for a persisted index, not for the head: use sortedPostings). Throws the index's errors.
 */
export function postingsForMatchers(ix: IndexReader, ...input: Matcher[]): Postings {
  if (input.length === 1 && input[0]?.name === '' && input[0].value === '') {
    return ix.postings(ALL_POSTINGS_KEY.name, ALL_POSTINGS_KEY.value);
  }
  const labelMustBeSet = new Set<string>();
  for (const m of input) if (!m.matches('')) labelMustBeSet.add(m.name);
  const isNot = (m: Matcher): boolean => m.type === MatchType.NotEqual || m.type === MatchType.NotRegexp;
  const isSubtracting = (m: Matcher): boolean => !labelMustBeSet.has(m.name) || (isNot(m) && m.matches(''));

  const its: Postings[] = [];
  const notIts: Postings[] = [];
  const hasSubtracting = input.some(isSubtracting);
  const hasIntersecting = input.some((m) => !isSubtracting(m));
  if (hasSubtracting && !hasIntersecting) its.push(ix.postings(ALL_POSTINGS_KEY.name, ALL_POSTINGS_KEY.value));

  // Intersecting matchers first (stable).
  const ms = [...input.filter((m) => !isSubtracting(m)), ...input.filter(isSubtracting)];
  for (const m of ms) {
    if (m.name === '' && m.value === '') throw new Error('unexpected all postings');
    if (m.type === MatchType.Regexp && m.value === '.*') continue;
    if (m.type === MatchType.NotRegexp && m.value === '.*') return emptyPostings();
    if (m.type === MatchType.Regexp && m.value === '.+') {
      const it = throwIfErr(ix.postingsForAllLabelValues(m.name));
      if (isEmptyPostings(it)) return emptyPostings();
      its.push(it);
    } else if (m.type === MatchType.NotRegexp && m.value === '.+') {
      notIts.push(throwIfErr(ix.postingsForAllLabelValues(m.name)));
    } else if (labelMustBeSet.has(m.name)) {
      const matchesEmpty = m.matches('');
      if (isNot(m) && matchesEmpty) {
        // l!="foo": subtract the series with l="foo".
        notIts.push(throwIfErr(postingsForMatcher(ix, inverse(m))));
      } else if (isNot(m) && !matchesEmpty) {
        // l!="": every series with l set to something the inverse rejects.
        const it = throwIfErr(inversePostingsForMatcher(ix, inverse(m)));
        if (isEmptyPostings(it)) return emptyPostings();
        its.push(it);
      } else {
        const it = throwIfErr(postingsForMatcher(ix, m));
        if (isEmptyPostings(it)) return emptyPostings();
        its.push(it);
      }
    } else {
      // l="" or another matcher accepting the empty value: also selects series without l.
      notIts.push(throwIfErr(inversePostingsForMatcher(ix, m)));
    }
  }
  let it = intersect(...its);
  for (const n of notIts) it = without(it, n);
  return it;
}

function checkErr(p: Postings): void {
  const e = p.err();
  if (e) throw e;
}

/** Sorted values of label name among the series matching matchers (limit <= 0: no limit). */
export function labelValuesWithMatchers(ix: IndexReader, name: string, limit: number, ...matchers: Matcher[]): string[] {
  let values = ix.sortedLabelValues(name);
  let otherLabels = false;
  for (const m of matchers) {
    if (m.name !== name) {
      otherLabels = true;
      continue;
    }
    values = values.filter((v) => m.matches(v));
  }
  if (values.length === 0) return [];
  if (!otherLabels) return limit > 0 && values.length > limit ? values.slice(0, limit) : values;

  const p = postingsForMatchers(ix, ...matchers);
  const candidates = values.map((v) => ix.postings(name, v));
  const idx = findIntersectingPostings(p, candidates);
  checkErr(p);
  const out: string[] = [];
  for (const i of idx) {
    out.push(values[i] as string);
    if (limit > 0 && out.length >= limit) break;
  }
  return out;
}

/** Sorted label names of the series matching matchers. */
export function labelNamesWithMatchers(ix: IndexReader, ...matchers: Matcher[]): string[] {
  const p = postingsForMatchers(ix, ...matchers);
  const names = new Set<string>();
  const out: { labels: Labels; chunks: ChunkMeta[] } = { labels: Labels.EMPTY, chunks: [] };
  while (p.next()) {
    if (!ix.series(p.at(), out)) continue;
    const pairs = out.labels.pairs;
    for (let i = 0; i < pairs.length; i += 2) names.add(pairs[i] as string);
  }
  checkErr(p);
  return [...names].sort();
}
