/**
 * Evaluation of binary expressions: scalar/scalar, vector/scalar (with `bool` and comparison
 * filtering) and vector/vector (delegated to vector-matching.ts).
 */
import { Labels } from '../../model/labels/index.js';
import type { BinaryExpr, PositionRange, VectorMatching } from '../parser/index.js';
import { exprType, isComparisonOperator, positionRange, ValueType, VectorMatchCardinality } from '../parser/index.js';
import { dropMetadataLabels } from '../functions/index.js';
import type { Matrix, Sample, Vector } from '../value/index.js';
import { changesMetricSchema, newElemResult, scalarBinop, vectorElemBinop } from './binary-elem.js';
import { EvalError } from './errors.js';
import type { Evaluator } from './evaluator.js';
import { NUM_SIGS_KEY } from './node-helper.js';
import { MatchState, vectorAnd, vectorBinop, vectorOr, vectorUnless } from './vector-matching.js';
import type { BinopCtx } from './vector-matching.js';

const DEFAULT_MATCHING: VectorMatching = {
  card: VectorMatchCardinality.ManyToMany,
  matchingLabels: [],
  on: false,
  include: [],
  fillValues: { lhs: null, rhs: null },
};

export function evalBinary(ev: Evaluator, e: BinaryExpr): Matrix {
  const lt = exprType(e.lhs);
  const rt = exprType(e.rhs);
  if (lt === ValueType.Scalar && rt === ValueType.Scalar) {
    return ev.rangeEval([e.lhs, e.rhs], null, (v, _s, enh) => {
      const l = (v[0] as Vector)[0] as Sample;
      const r = (v[1] as Vector)[0] as Sample;
      enh.out.push({ metric: Labels.EMPTY, t: 0, f: scalarBinop(e.op, l.f, r.f), h: null, dropName: false });
      return enh.out;
    });
  }
  if (lt === ValueType.Vector && rt === ValueType.Vector) return evalVectorVector(ev, e);
  if (lt === ValueType.Vector && rt === ValueType.Scalar) return evalVectorScalar(ev, e, false);
  if (lt === ValueType.Scalar && rt === ValueType.Vector) return evalVectorScalar(ev, e, true);
  throw new EvalError(`invalid binary expression operand types ${lt} and ${rt}`);
}

function evalVectorVector(ev: Evaluator, e: BinaryExpr): Matrix {
  const matching = e.vectorMatching ?? DEFAULT_MATCHING;
  let st: MatchState | null = null;
  let ctx: BinopCtx | null = null;
  const pos = positionRange(e);
  return ev.rangeEval([e.lhs, e.rhs], matching, (v, sigs, enh) => {
    if (st === null) {
      st = new MatchState((enh.cache.get(NUM_SIGS_KEY) as number | undefined) ?? 0);
      ctx = { op: e.op, m: matching, returnBool: e.returnBool, delayedNameRemoval: ev.delayedNameRemoval, st, out: enh.out };
    }
    const lhs = v[0] as Vector;
    const rhs = v[1] as Vector;
    const ls = sigs[0] as Int32Array;
    const rs = sigs[1] as Int32Array;
    switch (e.op) {
      case 'and':
        return vectorAnd(lhs, rhs, ls, rs, st, enh.out);
      case 'or':
        return vectorOr(lhs, rhs, ls, rs, st, enh.out);
      case 'unless':
        return vectorUnless(lhs, rhs, ls, rs, st, enh.out);
      default: {
        const c = ctx as BinopCtx;
        c.out = enh.out;
        const out = vectorBinop(c, lhs, rhs, ls, rs);
        reportLastErr(ev, st.lastErr, pos);
        return out;
      }
    }
  });
}

function reportLastErr(ev: Evaluator, err: { level: 'info' | 'warning'; message: string } | null, pos: PositionRange): void {
  if (err === null) return;
  ev.annos.add({ level: err.level, message: err.message, posRange: pos });
}

/** Vector op scalar, or scalar op vector when swap is set (engine.go VectorscalarBinop). */
function evalVectorScalar(ev: Evaluator, e: BinaryExpr, swap: boolean): Matrix {
  const res = newElemResult();
  const pos = positionRange(e);
  const comparison = isComparisonOperator(e.op);
  const changes = changesMetricSchema(e.op);
  const exprs = swap ? [e.rhs, e.lhs] : [e.lhs, e.rhs];
  return ev.rangeEval(exprs, null, (v, _s, enh) => {
    const vec = v[0] as Vector;
    const scalar = ((v[1] as Vector)[0] as Sample).f;
    let lastErr: string | null = null;
    for (let i = 0; i < vec.length; i++) {
      const s = vec[i] as Sample;
      let lf = s.f;
      let rf = scalar;
      const lh = s.h;
      if (swap) vectorElemBinop(e.op, rf, lf, null, lh, res);
      else vectorElemBinop(e.op, lf, rf, lh, null, res);
      if (swap) [lf, rf] = [rf, lf];
      if (res.errInfo !== null) {
        lastErr = res.errInfo;
        continue;
      }
      if (res.unsupported) continue;
      let f = res.f;
      let h = res.h;
      let keep = res.keep;
      if (comparison && swap) {
        f = rf;
        h = lh;
      }
      if (e.returnBool) {
        f = keep ? 1 : 0;
        keep = true;
      }
      if (!keep) continue;
      s.f = f;
      s.h = h;
      if (changes || e.returnBool) {
        if (!ev.delayedNameRemoval) s.metric = dropMetadataLabels(s.metric);
        s.dropName = true;
      }
      enh.out.push(s);
    }
    if (lastErr !== null) ev.annos.info(lastErr, pos);
    return enh.out;
  });
}
