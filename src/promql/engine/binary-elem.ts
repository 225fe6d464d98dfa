/**
 * Element-wise binary operations (engine.go scalarBinop and vectorElemBinop), with Go's
 * float semantics where they differ from JavaScript's (math.Pow special cases).
 */
import { goQuote } from '../../model/strconv/index.js';
import type { FloatHistogram } from '../../model/value/index.js';
import { CounterResetHint, CustomBucketsSchema } from '../../model/value/index.js';
import { isComparisonOperator, type BinaryOp } from '../parser/index.js';
import { histogramEquals } from '../functions/index.js';
import { addHistograms, divideHistogram, scaleHistogram } from './histogram-ops.js';

/** Go's math.Pow (differs from ** for a base of 1 or -1 with NaN or infinite exponents). */
export function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (x === -1 && (y === Infinity || y === -Infinity)) return 1;
  return Math.pow(x, y);
}

/** Operations that change the meaning of a metric, so its name is dropped. */
export function changesMetricSchema(op: BinaryOp): boolean {
  switch (op) {
    case '+':
    case '-':
    case '*':
    case '/':
    case '^':
    case '%':
    case 'atan2':
      return true;
    default:
      return false;
  }
}

function arith(op: BinaryOp, l: number, r: number): number {
  switch (op) {
    case '+':
      return l + r;
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      return l / r;
    case '^':
      return goPow(l, r);
    case '%':
      return l % r;
    case 'atan2':
      return Math.atan2(l, r);
    default:
      return NaN;
  }
}

function compare(op: BinaryOp, l: number, r: number): boolean {
  switch (op) {
    case '==':
      return l === r;
    case '!=':
      return l !== r;
    case '>':
      return l > r;
    case '<':
      return l < r;
    case '>=':
      return l >= r;
    case '<=':
      return l <= r;
    default:
      return false;
  }
}

/** Scalar op scalar; comparisons give 1 or 0. */
export function scalarBinop(op: BinaryOp, l: number, r: number): number {
  if (isComparisonOperator(op)) return compare(op, l, r) ? 1 : 0;
  return arith(op, l, r);
}

/** Result of vectorElemBinop (one reused object). */
export interface ElemResult {
  f: number;
  h: FloatHistogram | null;
  keep: boolean;
  /** An info annotation message that makes the sample fail (incompatible types). */
  errInfo: string | null;
  /** An info annotation message to report while keeping the sample. */
  info: string | null;
  /** A warning annotation message that makes the sample fail (incompatible bucket layouts). */
  errWarn: string | null;
  /** Histogram operation not supported (yet): the sample is dropped silently. */
  unsupported: boolean;
}

export function newElemResult(): ElemResult {
  return { f: 0, h: null, keep: false, errInfo: null, errWarn: null, info: null, unsupported: false };
}

function incompatible(res: ElemResult, lt: string, op: BinaryOp, rt: string): void {
  res.errInfo = `incompatible sample types encountered for binary operator ${goQuote(op)}: ${lt} ${op} ${rt}`;
  res.keep = false;
}

/** Vector element op vector element (engine.go vectorElemBinop), into res. */
export function vectorElemBinop(
  op: BinaryOp,
  l: number,
  r: number,
  hl: FloatHistogram | null,
  hr: FloatHistogram | null,
  res: ElemResult,
): void {
  res.h = null;
  res.f = 0;
  res.errInfo = null;
  res.info = null;
  res.errWarn = null;
  res.unsupported = false;
  const trim = op === '</' || op === '>/';
  if (hl === null && hr === null) {
    if (trim) {
      incompatible(res, 'float', op, 'float');
      return;
    }
    if (isComparisonOperator(op)) {
      res.f = l;
      res.keep = compare(op, l, r);
    } else {
      res.f = arith(op, l, r);
      res.keep = true;
    }
    return;
  }
  if (hl === null && hr !== null) {
    if (op === '*') {
      res.h = scaleHistogram(hr, l);
      res.keep = true;
    } else {
      incompatible(res, 'float', op, 'histogram');
    }
    return;
  }
  if (hl !== null && hr === null) {
    if (op === '*') {
      res.h = scaleHistogram(hl, r);
      res.keep = true;
    } else if (op === '/') {
      res.h = divideHistogram(hl, r);
      res.keep = true;
    } else if (trim) {
      // Bucket trimming needs the native-histogram arithmetic (not available yet).
      res.unsupported = true;
      res.keep = false;
    } else {
      incompatible(res, 'histogram', op, 'float');
    }
    return;
  }
  histogramPair(op, hl as FloatHistogram, hr as FloatHistogram, res);
}

function histogramPair(op: BinaryOp, hl: FloatHistogram, hr: FloatHistogram, res: ElemResult): void {
  switch (op) {
    case '+':
    case '-': {
      const sum = addHistograms(hl, hr, op === '+' ? 1 : -1);
      if (sum === null) {
        res.keep = false;
        if ((hl.schema === CustomBucketsSchema) !== (hr.schema === CustomBucketsSchema)) {
          res.errWarn = `incompatible bucket layout encountered for binary operator ${op}`;
        } else res.unsupported = true;
        return;
      }
      if (op === '-') sum.counterResetHint = CounterResetHint.Gauge;
      res.h = sum;
      res.keep = true;
      return;
    }
    case '==':
      res.h = hl;
      res.keep = histogramEquals(hl, hr);
      return;
    case '!=':
      res.h = hl;
      res.keep = !histogramEquals(hl, hr);
      return;
    default:
      incompatible(res, 'histogram', op, 'histogram');
  }
}
