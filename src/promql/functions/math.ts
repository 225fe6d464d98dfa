/**
 * Element-wise math on instant vectors (abs, ceil, ln, trig, clamp, round, ...), the scalar
 * helpers (time, pi, scalar, vector, min_of, max_of) and timestamp()/start_timestamp().
 * Histogram samples are skipped by the float functions, as upstream.
 */
import { Labels } from '../../model/labels/index.js';
import type { Sample, Vector } from '../value/index.js';
import { nameDroppedMetric, nameDroppingSample } from './metric-labels.js';
import type { EvalNodeHelper, FunctionCall, FunctionTable } from './function-call.js';

/** simpleFloatFunc: applies f to every float sample, dropping the metric name. */
function simpleFloatFunc(vectorVals: Vector[], enh: EvalNodeHelper, f: (v: number) => number): Vector {
  for (const el of vectorVals[0] ?? []) {
    if (el.h === null) enh.out.push(nameDroppingSample(enh, el.metric, f(el.f)));
  }
  return enh.out;
}

function floatFunc(f: (v: number) => number): FunctionCall {
  return (vectorVals, _m, _a, enh) => simpleFloatFunc(vectorVals, enh, f);
}

const frexpView = new DataView(new ArrayBuffer(8));

/** Go's math.Log2: exact for powers of two, Log(frac)/Ln2 + exp otherwise. */
export function goLog2(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log2(x);
  let v = x;
  let adj = 0;
  if (v < 2.2250738585072014e-308) {
    v *= 2 ** 52;
    adj = -52;
  }
  frexpView.setFloat64(0, v);
  const hi = frexpView.getUint32(0);
  const exp = ((hi >>> 20) & 0x7ff) - 1022 + adj;
  frexpView.setUint32(0, (hi & 0x800fffff) | (1022 << 20));
  const frac = frexpView.getFloat64(0);
  if (frac === 0.5) return exp - 1;
  return Math.log(frac) * Math.LOG2E + exp;
}

/** Go's math.Log10: Log(x) * (1/Ln10). */
export function goLog10(x: number): number {
  return Math.log(x) * Math.LOG10E;
}

function sgn(v: number): number {
  if (v < 0) return -1;
  if (v > 0) return 1;
  return v;
}

function scalarArg(vectorVals: Vector[], i: number): number {
  return vectorVals[i]?.[0]?.f ?? NaN;
}

function clamp(vec: Vector, minVal: number, maxVal: number, enh: EvalNodeHelper): Vector {
  if (maxVal < minVal) return enh.out;
  for (const el of vec) {
    if (el.h !== null) continue;
    enh.out.push(nameDroppingSample(enh, el.metric, Math.max(minVal, Math.min(maxVal, el.f))));
  }
  return enh.out;
}

const funcClamp: FunctionCall = (vv, _m, _a, enh) =>
  clamp(vv[0] ?? [], scalarArg(vv, 1), scalarArg(vv, 2), enh);
const funcClampMax: FunctionCall = (vv, _m, _a, enh) => clamp(vv[0] ?? [], -Infinity, scalarArg(vv, 1), enh);
const funcClampMin: FunctionCall = (vv, _m, _a, enh) => clamp(vv[0] ?? [], scalarArg(vv, 1), Infinity, enh);

/** round(v, to_nearest=1): ties round up; uses the inverse of to_nearest as upstream. */
const funcRound: FunctionCall = (vv, _m, args, enh) => {
  const toNearest = args.length >= 2 ? scalarArg(vv, 1) : 1;
  const inv = 1 / toNearest;
  return simpleFloatFunc(vv, enh, (f) => Math.floor(f * inv + 0.5) / inv);
};

/** scalar(v): the single float sample's value, else NaN. */
const funcScalar: FunctionCall = (vv, _m, _a, enh) => {
  let value = NaN;
  let found = false;
  for (const s of vv[0] ?? []) {
    if (s.h !== null) continue;
    if (found) {
      value = NaN;
      break;
    }
    found = true;
    value = s.f;
  }
  enh.out.push(scalarSample(enh, value));
  return enh.out;
};

function scalarSample(enh: EvalNodeHelper, f: number): Sample {
  return { metric: Labels.EMPTY, t: enh.ts, f, h: null, dropName: false };
}

const funcVector: FunctionCall = (vv, _m, _a, enh) => {
  enh.out.push(scalarSample(enh, scalarArg(vv, 0)));
  return enh.out;
};

const funcTime: FunctionCall = (_v, _m, _a, enh) => {
  enh.out.push(scalarSample(enh, enh.ts / 1000));
  return enh.out;
};

const funcPi: FunctionCall = (_v, _m, _a, enh) => {
  enh.out.push(scalarSample(enh, Math.PI));
  return enh.out;
};

const funcMaxOf: FunctionCall = (vv, _m, _a, enh) => {
  enh.out.push(scalarSample(enh, Math.max(scalarArg(vv, 0), scalarArg(vv, 1))));
  return enh.out;
};

const funcMinOf: FunctionCall = (vv, _m, _a, enh) => {
  enh.out.push(scalarSample(enh, Math.min(scalarArg(vv, 0), scalarArg(vv, 1))));
  return enh.out;
};

/** timestamp(v): each sample's timestamp in seconds (histogram samples included). */
const funcTimestamp: FunctionCall = (vv, _m, _a, enh) => {
  for (const el of vv[0] ?? []) enh.out.push(nameDroppingSample(enh, el.metric, el.t / 1000));
  return enh.out;
};

/**
 * start_timestamp(v) (experimental): the start timestamps the engine put into
 * enh.startTimestamps.floats, aligned with vectorVals[0]; nothing when there are none.
 */
const funcStartTimestamp: FunctionCall = (vv, _m, _a, enh) => {
  const sts = enh.startTimestamps?.floats ?? [];
  const vec = vv[0] ?? [];
  for (let i = 0; i < vec.length && i < sts.length; i++) {
    const el = vec[i] as Sample;
    enh.out.push({ metric: nameDroppedMetric(enh, el.metric), t: enh.ts, f: (sts[i] as number) / 1000, h: null, dropName: true });
  }
  return enh.out;
};

export const MATH_FUNCTIONS: FunctionTable = {
  abs: floatFunc(Math.abs),
  ceil: floatFunc(Math.ceil),
  floor: floatFunc(Math.floor),
  exp: floatFunc(Math.exp),
  sqrt: floatFunc(Math.sqrt),
  ln: floatFunc(Math.log),
  log2: floatFunc(goLog2),
  log10: floatFunc(goLog10),
  sin: floatFunc(Math.sin),
  cos: floatFunc(Math.cos),
  tan: floatFunc(Math.tan),
  asin: floatFunc(Math.asin),
  acos: floatFunc(Math.acos),
  atan: floatFunc(Math.atan),
  sinh: floatFunc(Math.sinh),
  cosh: floatFunc(Math.cosh),
  tanh: floatFunc(Math.tanh),
  asinh: floatFunc(Math.asinh),
  acosh: floatFunc(Math.acosh),
  atanh: floatFunc(Math.atanh),
  rad: floatFunc((v) => (v * Math.PI) / 180),
  deg: floatFunc((v) => (v * 180) / Math.PI),
  sgn: floatFunc(sgn),
  clamp: funcClamp,
  clamp_max: funcClampMax,
  clamp_min: funcClampMin,
  round: funcRound,
  scalar: funcScalar,
  vector: funcVector,
  time: funcTime,
  pi: funcPi,
  max_of: funcMaxOf,
  min_of: funcMinOf,
  timestamp: funcTimestamp,
  start_timestamp: funcStartTimestamp,
};
