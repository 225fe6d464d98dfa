import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compareLabels, Labels, MatchType, Matcher } from '../../model/labels/index.js';
import {
  compareBytewise,
  expandPostings,
  IndexFileReader,
  IndexWriter,
  labelNamesWithMatchers,
  labelValuesWithMatchers,
  postingsForMatchers,
  setMatches,
} from './index.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const NAMES = ['__name__', 'job', 'instance', 'code', 'empty_sometimes'];

function buildIndex(): { ir: IndexFileReader; series: Labels[]; refs: number[]; dir: string } {
  const r = rng(99);
  const m = new Map<string, Labels>();
  while (m.size < 400) {
    const o: Record<string, string> = {};
    for (const n of NAMES) if (r() < 0.75) o[n] = `${n === '__name__' ? 'm' : n[0]}${Math.floor(r() * 6)}`;
    const l = Labels.fromObject(o);
    if (!l.isEmpty()) m.set(l.key(), l);
  }
  const series = [...m.values()].sort(compareLabels);
  const syms = new Set<string>();
  for (const l of series) l.forEach((n, v) => (syms.add(n), syms.add(v)));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-pfm-'));
  const w = new IndexWriter(path.join(dir, 'index'));
  for (const s of [...syms].sort(compareBytewise)) w.addSymbol(s);
  const refs = series.map((l) => w.addSeries(l, []));
  w.close();
  return { ir: IndexFileReader.open(path.join(dir, 'index')), series, refs, dir };
}

const VALUE_POOL = ['', '.*', '.+', 'm1', 'j2', 'j2|j3', 'i1|i4|nope', 'c.*', '.*3', 'c[0-2]', 'x', 'm.', '(j1|)', 'e1', '^$|e2'];
const TYPES = [MatchType.Equal, MatchType.NotEqual, MatchType.Regexp, MatchType.NotRegexp];

function randomMatchers(r: () => number): Matcher[] {
  const k = 1 + Math.floor(r() * 3);
  const out: Matcher[] = [];
  for (let i = 0; i < k; i++) {
    const name = [...NAMES, 'absent'][Math.floor(r() * (NAMES.length + 1))] as string;
    const type = TYPES[Math.floor(r() * TYPES.length)] as MatchType;
    const value = VALUE_POOL[Math.floor(r() * VALUE_POOL.length)] as string;
    out.push(new Matcher(type, name, value));
  }
  return out;
}

test('postingsForMatchers agrees with brute force on random matchers', () => {
  const { ir, series, refs, dir } = buildIndex();
  const r = rng(5);
  for (let iter = 0; iter < 2000; iter++) {
    const ms = randomMatchers(r);
    const expect = refs.filter((_, i) => ms.every((m) => m.matches((series[i] as Labels).get(m.name))));
    const got = expandPostings(postingsForMatchers(ir, ...ms));
    assert.deepEqual(got, expect, ms.map(String).join(','));

    const names = new Set<string>();
    const jobs = new Set<string>();
    series.forEach((l) => {
      if (!ms.every((m) => m.matches(l.get(m.name)))) return;
      l.forEach((n) => names.add(n));
      if (l.get('job') !== '') jobs.add(l.get('job'));
    });
    assert.deepEqual(labelNamesWithMatchers(ir, ...ms), [...names].sort());
    assert.deepEqual(labelValuesWithMatchers(ir, 'job', 0, ...ms), [...jobs].sort(), `job values for ${ms.map(String).join(',')}`);
  }
  fs.rmSync(dir, { recursive: true });
});

test('postingsForMatchers special cases', () => {
  const { ir, refs, dir } = buildIndex();
  assert.deepEqual(expandPostings(postingsForMatchers(ir, new Matcher(MatchType.Equal, '', ''))), refs);
  assert.deepEqual(expandPostings(postingsForMatchers(ir, new Matcher(MatchType.Regexp, 'job', '.*'))), refs);
  assert.deepEqual(expandPostings(postingsForMatchers(ir, new Matcher(MatchType.NotRegexp, 'job', '.*'))), []);
  assert.deepEqual(expandPostings(postingsForMatchers(ir, new Matcher(MatchType.Equal, 'absent', 'x'))), []);
  assert.deepEqual(expandPostings(postingsForMatchers(ir, new Matcher(MatchType.Equal, 'absent', ''))), refs);
  assert.deepEqual(labelValuesWithMatchers(ir, 'job', 2), ['j0', 'j1']);
  fs.rmSync(dir, { recursive: true });
});

test('setMatches only for literal alternations', () => {
  assert.deepEqual(setMatches(new Matcher(MatchType.Regexp, 'a', 'x|y|zz')), ['x', 'y', 'zz']);
  assert.equal(setMatches(new Matcher(MatchType.Regexp, 'a', 'x|y.')), null);
  assert.equal(setMatches(new Matcher(MatchType.Regexp, 'a', 'x|')), null);
  assert.equal(setMatches(new Matcher(MatchType.Equal, 'a', 'x')), null);
});
