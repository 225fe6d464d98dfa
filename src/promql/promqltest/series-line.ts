/**
 * The value-bearing lines of a script: `<series> <values>` (through the PromQL parser's
 * series-description grammar), bare numbers (Go strconv semantics), and `@st` start-timestamp
 * offset sequences.
 */
import type { Labels } from '../../model/labels/index.js';
import { goQuote, NumError, parseGoNumber } from '../../model/strconv/index.js';
import { parseModelDuration, parseSeriesDesc } from '../parser/index.js';
import type { SequenceValue } from './commands.js';

export class ScriptSyntaxError extends Error {
  override name = 'ScriptSyntaxError';
}

export interface SeriesLine {
  labels: Labels;
  values: SequenceValue[];
}

/** Parses `metric{a="b"} 1+1x3 _ stale {{...}}` into labels and expanded values. */
export function parseSeriesLine(line: string): SeriesLine {
  const desc = parseSeriesDesc(line);
  return {
    labels: desc.labels,
    values: desc.values.map((v) => ({
      value: v.value,
      omitted: v.omitted,
      histogram: v.histogram ?? null,
      counterResetHintSet: v.counterResetHintSet ?? false,
    })),
  };
}

/**
 * A bare number on an expected-result line, as upstream's parseNumber: Go integer syntax
 * (base prefixes, underscores) first, then Go float syntax (Inf, NaN). Returns null if not a number.
 */
export function parseNumber(s: string): number | null {
  try {
    return parseGoNumber(s);
  } catch (e) {
    if (e instanceof NumError) return null;
    throw e;
  }
}

/** Whether the line is a start-timestamp line: `metric{...}@st <offsets>`. */
export function isSTLine(line: string): boolean {
  const m = /[\t ]/.exec(line);
  if (!m) return false;
  return line.slice(0, m.index).endsWith('@st');
}

function repeatCount(s: string, allowZero: boolean): number {
  if (!/^\d+$/.test(s)) throw new ScriptSyntaxError('invalid repeat count');
  const n = Number(s);
  if (!allowZero && n === 0) throw new ScriptSyntaxError('invalid repeat count');
  return n;
}

/** Parses a signed duration at the start of s; returns [ms, rest]. */
function durationPrefix(s: string): [number, string] {
  if (s === '') throw new ScriptSyntaxError('empty duration');
  let i = 0;
  const neg = s[0] === '-';
  if (s[0] === '-' || s[0] === '+') i++;
  const start = i;
  while (i < s.length && /[0-9]/.test(s[i] as string)) i++;
  if (i === start) throw new ScriptSyntaxError(`expected digits in duration ${goQuote(s)}`);
  while (i < s.length && /[a-zA-Z]/.test(s[i] as string) && s[i] !== 'x') i++;
  let ms: number;
  try {
    ms = parseModelDuration(s.slice(start, i));
  } catch (e) {
    throw new ScriptSyntaxError(`invalid duration ${goQuote(s.slice(start, i))}: ${(e as Error).message}`);
  }
  return [neg ? -ms : ms, s.slice(i)];
}

function omitted(): SequenceValue {
  return { value: 0, omitted: true, histogram: null, counterResetHintSet: false };
}

function offsetValue(ms: number): SequenceValue {
  return { value: ms, omitted: false, histogram: null, counterResetHintSet: false };
}

function parseSTItem(item: string): SequenceValue[] {
  if (item === '_') return [omitted()];
  if (item.startsWith('_x')) return Array.from({ length: repeatCount(item.slice(2), false) }, omitted);
  const [base, rest] = durationPrefix(item);
  if (rest === '') return [offsetValue(base)];
  if (rest[0] === 'x') {
    const n = repeatCount(rest.slice(1), true);
    return Array.from({ length: n + 1 }, () => offsetValue(base));
  }
  if (rest[0] !== '+' && rest[0] !== '-') {
    throw new ScriptSyntaxError(`unexpected character ${goQuote(rest[0] ?? '')} after duration`);
  }
  const [d, rest2] = durationPrefix(rest.slice(1));
  const delta = rest[0] === '-' ? -d : d;
  if (rest2 === '' || rest2[0] !== 'x') throw new ScriptSyntaxError("expected 'x<count>' after step duration");
  const n = repeatCount(rest2.slice(1), true);
  return Array.from({ length: n + 1 }, (_, i) => offsetValue(base + i * delta));
}

/** Parses the offsets of an `@st` line: `_`, `_xN`, `<dur>`, `<dur>xN`, `<dur>[+-]<dur>xN`. */
export function parseSTSequence(input: string): SequenceValue[] {
  const out: SequenceValue[] = [];
  for (const item of input.split(/\s+/)) {
    if (item === '') continue;
    try {
      out.push(...parseSTItem(item));
    } catch (e) {
      throw new ScriptSyntaxError(`invalid ST item ${goQuote(item)}: ${(e as Error).message}`);
    }
  }
  return out;
}
