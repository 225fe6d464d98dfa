/**
 * Fuzzing: random and mutated expositions must either parse or throw ParseError (never another
 * exception), and every parser must reach the end in a bounded number of entries.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EntryEOF,
  EntrySeries,
  OpenMetricsParser,
  ParseError,
  type Parser,
  PromParser,
  parseMetricFamilies,
  validateOpenMetrics,
} from './index.js';
import { dump } from './entry-dump.js';

const SEEDS = [
  '# HELP a_total help \\n text\n# TYPE a_total counter\na_total{b="c",d="e\\"f"} 1.5e3 1700000000000\n',
  '# TYPE h histogram\nh_bucket{le="0.5"} 1\nh_bucket{le="+Inf"} 2\nh_sum 3\nh_count 2\n',
  '{"my.metric","a.b"="c"} NaN\n# comment\n\n  x -Inf\n',
  '# TYPE a counter\n# UNIT a_seconds seconds\na_total 1 123.5 # {id="x"} 2 3\na_created 100\n# EOF\n',
  '# TYPE s summary\ns{quantile="0.5"} 1\ns_sum 1\ns_count 1\ns_created 5\n# TYPE st stateset\nst{st="a"} 1\n# EOF',
];
const ALPHABET = ' \t\n\0#{}",=._\\:aAzZ019eE+-pxInfNa\xff\xc3\xa9';

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(base: Uint8Array, r: () => number): Uint8Array {
  const out = Array.from(base);
  const n = 1 + Math.floor(r() * 4);
  for (let k = 0; k < n; k++) {
    const pos = Math.floor(r() * (out.length + 1));
    const ch = ALPHABET.charCodeAt(Math.floor(r() * ALPHABET.length));
    const op = r();
    if (op < 0.4 && out.length > 0) out[Math.min(pos, out.length - 1)] = ch;
    else if (op < 0.7) out.splice(pos, 0, ch);
    else out.splice(pos, 1 + Math.floor(r() * 3));
  }
  return Uint8Array.from(out);
}

function randomInput(r: () => number): Uint8Array {
  const len = Math.floor(r() * 60);
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = ALPHABET.charCodeAt(Math.floor(r() * ALPHABET.length));
  return out;
}

/** Drains a parser, touching every accessor; returns normally or throws ParseError. */
function drain(p: Parser, limit: number): void {
  for (let n = 0; ; n++) {
    assert.ok(n <= limit, 'parser did not reach the end');
    const e = p.next();
    if (e === EntryEOF) return;
    if (e === EntrySeries) {
      p.labels();
      void p.series().text;
      p.exemplar();
      p.createdTimestamp();
    }
  }
}

function expectOnlyParseErrors(what: string, input: Uint8Array, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    if (err instanceof ParseError) return;
    assert.fail(`${what} threw ${String(err)} for ${JSON.stringify(Buffer.from(input).toString('latin1'))}`);
  }
}

test('fuzz: parsers only throw ParseError and always terminate', () => {
  const r = rng(42);
  const inputs: Uint8Array[] = [];
  for (const s of SEEDS) {
    const base = Buffer.from(s, 'latin1');
    for (let k = 0; k < 400; k++) inputs.push(mutate(base, r));
  }
  for (let k = 0; k < 1000; k++) inputs.push(randomInput(r));
  for (const input of inputs) {
    const limit = input.length + 2;
    expectOnlyParseErrors('PromParser', input, () => drain(new PromParser(input), limit));
    expectOnlyParseErrors('OpenMetricsParser', input, () => drain(new OpenMetricsParser(input), limit));
    expectOnlyParseErrors('OpenMetricsParser(skip)', input, () => drain(new OpenMetricsParser(input, { skipCreatedSeries: true }), limit));
    expectOnlyParseErrors('validateOpenMetrics', input, () => validateOpenMetrics(input));
    expectOnlyParseErrors('parseMetricFamilies', input, () => parseMetricFamilies(input, 'legacy'));
  }
});

test('fuzz: a 1 MiB exposition of one unterminated quoted value fails fast', () => {
  const big = Buffer.from('a{b="' + 'x'.repeat(1 << 20));
  const t0 = Date.now();
  assert.throws(() => drain(new PromParser(big), 10), ParseError);
  assert.throws(() => drain(new OpenMetricsParser(big), 10), ParseError);
  assert.ok(Date.now() - t0 < 2000);
});

function dumpOrError(p: Parser): string {
  try {
    return dump(p).join('\n');
  } catch (err) {
    return err instanceof ParseError ? `error: ${err.message} (line ${err.line})` : `threw ${String(err)}`;
  }
}

test('fuzz: the text parser gives the same entries and errors when known series skip lexing', () => {
  const r = rng(7);
  const inputs: Uint8Array[] = [];
  for (const s of SEEDS) {
    const base = Buffer.from(s + 'm{a="x}\\"y",b="\\\\"} 1\n{"q.r",c="d"} 2\nm{a="x"} 3\n', 'latin1');
    inputs.push(base);
    for (let k = 0; k < 300; k++) inputs.push(mutate(base, r));
  }
  const known = new Set<string>();
  for (const input of inputs) {
    const p = new PromParser(input);
    try {
      for (let e = p.next(); e !== EntryEOF; e = p.next()) {
        const sv = p.series();
        if (e === EntrySeries) known.add(Buffer.from(sv.bytes).subarray(sv.start, sv.end).toString('latin1'));
      }
    } catch {
      // Only the series before the error are known.
    }
  }
  const lookup = (b: Uint8Array, s: number, e: number): boolean => known.has(Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1', s, e));
  let hits = 0;
  const counting = (b: Uint8Array, s: number, e: number): boolean => {
    const k = lookup(b, s, e);
    if (k) hits++;
    return k;
  };
  for (const input of inputs) {
    assert.equal(dumpOrError(new PromParser(input, { knownSeries: counting })), dumpOrError(new PromParser(input)));
  }
  assert.ok(hits > 1000, `only ${hits} known-series hits`);
});
