import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exprToString, parseExpr, parseSeriesDesc, prettify, ParseErrors, type ParserOptions } from './index.js';

const ALL: ParserOptions = {
  enableExperimentalFunctions: true,
  experimentalDurationExpr: true,
  enableExtendedRangeSelectors: true,
  enableBinopFillModifiers: true,
};

/** The conformance corpus, found by walking up from this file to the folder beside the repo. */
function conformanceDir(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = resolve(dir, '..', 'shared', 'conformance', 'promqltest');
    if (existsSync(candidate)) return candidate;
    dir = resolve(dir, '..');
  }
  return null;
}

const EVAL_RE = /^eval(?:_fail|_warn|_info|_ordered)?\s+(?:instant\s+at\s+\S+|range\s+from\s+\S+\s+to\s+\S+\s+step\s+\S+)\s+(.*)$/;

function corpus(): { queries: string[]; series: string[] } {
  const dir = conformanceDir();
  const queries: string[] = [];
  const series: string[] = [];
  if (dir === null) return { queries, series };
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.test')).sort()) {
    let inLoad = false;
    for (const raw of readFileSync(join(dir, f), 'utf8').split('\n')) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) {
        inLoad = false;
        continue;
      }
      const m = EVAL_RE.exec(line);
      if (m !== null) {
        queries.push(m[1] as string);
        inLoad = false;
      } else if (line.startsWith('load')) {
        inLoad = true;
      } else if (inLoad) {
        series.push(line.replace(/@st\b.*$/, ''));
      }
    }
  }
  return { queries, series };
}

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAGMENTS = [
  '(', ')', '[', ']', '{', '}', ',', ':', '@', '+', '-', '*', '/', '%', '^', '==', '!=', '=~', '!~', '<', '>', '</', '>/',
  ' offset ', ' by ', ' without ', ' on', ' ignoring', ' group_left', ' bool ', ' and ', ' or ', ' unless ', ' atan2 ',
  'fill(', 'fill_left(', 'fill_right(', 'step()', 'range()', 'min_of(', 'max_of(', 'start()', 'end()', ' anchored', ' smoothed',
  '5m', '1h30m', '0x1f', '1e3', '.5', 'Inf', 'NaN', '"s"', "'q'", '`r`', '"\\x', '#', '\n', 'sum(', 'rate(', 'topk(',
  'foo', 'a="b"', '_', 'x', '😀', '\\', '"\\u00e4"', '1', '0', '-1', '[5m:]', '[5m]', '{{', '}}',
];

function mutate(q: string, r: () => number): string {
  const pos = (): number => Math.floor(r() * (q.length + 1));
  const pick = (): string => FRAGMENTS[Math.floor(r() * FRAGMENTS.length)] as string;
  switch (Math.floor(r() * 6)) {
    case 0: {
      const a = pos();
      return q.slice(0, a) + q.slice(a + 1 + Math.floor(r() * 4));
    }
    case 1: {
      const a = pos();
      return q.slice(0, a) + pick() + q.slice(a);
    }
    case 2: {
      const a = pos();
      const b = pos();
      return q.slice(0, Math.min(a, b)) + q.slice(Math.max(a, b)) + q.slice(Math.min(a, b), Math.max(a, b));
    }
    case 3:
      return q.slice(0, pos());
    case 4: {
      const a = pos();
      return q.slice(0, a) + q.slice(a, a + 8).repeat(2 + Math.floor(r() * 3)) + q.slice(a + 8);
    }
    default:
      return pick() + q + pick();
  }
}

/** Parses q; returns the expression, or null for a ParseErrors. Anything else fails the test. */
function tryParse(q: string, opts: ParserOptions = ALL): ReturnType<typeof parseExpr> | null {
  try {
    return parseExpr(q, opts);
  } catch (e) {
    if (!(e instanceof ParseErrors)) assert.fail(`non-ParseErrors thrown for ${JSON.stringify(q)}: ${String(e)}`);
    assert.ok(e.errors.length > 0);
    assert.doesNotMatch(e.message, /unexpected error|too complex/, `internal failure for ${JSON.stringify(q)}`);
    for (const err of e.errors) {
      assert.ok(err.positionRange.start >= 0 && err.positionRange.start <= q.length, `error position outside input: ${JSON.stringify(q)}`);
    }
    return null;
  }
}

const { queries, series } = corpus();

test('every conformance query parses and its printed form round-trips', () => {
  if (queries.length === 0) return;
  for (const q of queries) {
    const e = tryParse(q);
    assert.ok(e !== null, `conformance query does not parse: ${q}`);
    const s = exprToString(e);
    assert.equal(exprToString(parseExpr(s, ALL)), s, `round trip of ${q}`);
    assert.equal(exprToString(parseExpr(prettify(e), ALL)), s, `prettified round trip of ${q}`);
  }
});

test('mutated queries parse or fail with ParseErrors, quickly; whatever parses round-trips', () => {
  if (queries.length === 0) return;
  const r = rng(20240601);
  const deadline = Date.now() + 60_000;
  let parsed = 0;
  let failed = 0;
  for (let i = 0; i < 20_000 && Date.now() < deadline; i++) {
    let q = queries[Math.floor(r() * queries.length)] as string;
    const rounds = 1 + Math.floor(r() * 3);
    for (let k = 0; k < rounds; k++) q = mutate(q, r);
    const opts = i % 4 === 3 ? {} : ALL;
    const t0 = performance.now();
    const e = tryParse(q, opts);
    assert.ok(performance.now() - t0 < 500, `slow parse of ${JSON.stringify(q)}`);
    if (e === null) {
      failed++;
      continue;
    }
    parsed++;
    const s = exprToString(e);
    const again = tryParse(s, opts);
    assert.ok(again !== null, `printed form does not parse: ${JSON.stringify(q)} -> ${JSON.stringify(s)}`);
    assert.equal(exprToString(again), s, `round trip of ${JSON.stringify(q)}`);
  }
  assert.ok(parsed > 100 && failed > 100, `parsed ${parsed}, failed ${failed}`);
});

test('random byte soup never escapes ParseErrors', () => {
  const r = rng(7);
  const alphabet = '(){}[],:@+-*/%^=!~<>"\'`\\#_ \n\tabcxyz019.eEsmhdwy';
  for (let i = 0; i < 5_000; i++) {
    let q = '';
    const n = Math.floor(r() * 40);
    for (let k = 0; k < n; k++) q += alphabet[Math.floor(r() * alphabet.length)];
    tryParse(q);
  }
});

test('every load line of the conformance corpus is a valid series description; mutations fail cleanly', () => {
  const r = rng(99);
  for (const line of series) {
    parseSeriesDesc(line);
    const m = mutate(line, r);
    try {
      parseSeriesDesc(m);
    } catch (e) {
      assert.ok(e instanceof ParseErrors, `non-ParseErrors for series ${JSON.stringify(m)}: ${String(e)}`);
    }
  }
});
