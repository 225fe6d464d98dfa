/**
 * Binary operations between two instant vectors (engine.go VectorAnd/VectorOr/VectorUnless/
 * VectorBinop, resultMetric): signature matching with on/ignoring, group_left/group_right
 * with included labels, fill/fill_left/fill_right, cardinality errors.
 */
import { Labels, MetricName } from '../../model/labels/index.js';
import type { BinaryOp, VectorMatching } from '../parser/index.js';
import { VectorMatchCardinality } from '../parser/index.js';
import { dropMetadataLabels } from '../functions/index.js';
import type { Sample, Vector } from '../value/index.js';
import { changesMetricSchema, newElemResult, vectorElemBinop } from './binary-elem.js';
import type { ElemResult } from './binary-elem.js';
import { EvalError } from './errors.js';

/** Per-node state of a vector/vector operation, reused across steps. */
export class MatchState {
  sigsPresent: Uint8Array;
  matchedSigsPresent: Uint8Array;
  rightSigs: (Sample | null)[];
  matchedSigs: (Set<string> | null)[];
  private readonly resultCache = new Map<Labels, Map<Labels, Labels>>();
  private readonly fillLabels = new Map<number, Labels>();
  readonly elem: ElemResult = newElemResult();
  /** The annotation of the last failed element operation of this step. */
  lastErr: { level: 'info' | 'warning'; message: string } | null = null;

  constructor(readonly numSigs: number) {
    this.sigsPresent = new Uint8Array(numSigs);
    this.matchedSigsPresent = new Uint8Array(numSigs);
    this.rightSigs = new Array<Sample | null>(numSigs).fill(null);
    this.matchedSigs = new Array<Set<string> | null>(numSigs).fill(null);
  }

  resultMetric(lhs: Labels, rhs: Labels, op: BinaryOp, m: VectorMatching, dropMetricName: boolean): Labels {
    let inner = this.resultCache.get(lhs);
    if (inner === undefined) {
      inner = new Map();
      this.resultCache.set(lhs, inner);
    }
    let r = inner.get(rhs);
    if (r === undefined) {
      r = computeResultMetric(lhs, rhs, op, m, dropMetricName);
      inner.set(rhs, r);
    }
    return r;
  }

  /** The labels of a fill sample for signature ordinal ord (MatchLabels of a series with it). */
  fillMetric(ord: number, from: Labels, m: VectorMatching): Labels {
    let l = this.fillLabels.get(ord);
    if (l === undefined) {
      l = matchLabels(from, m.on, m.matchingLabels);
      this.fillLabels.set(ord, l);
    }
    return l;
  }
}

/** labels.MatchLabels: on -> only the named labels; ignoring -> all but them and __name__. */
export function matchLabels(ls: Labels, on: boolean, names: readonly string[]): Labels {
  if (on) return ls.keep(...names);
  return ls.without(MetricName, ...names);
}

function computeResultMetric(lhs: Labels, rhs: Labels, op: BinaryOp, m: VectorMatching, dropMetricName: boolean): Labels {
  let ls = lhs;
  if (dropMetricName || changesMetricSchema(op)) ls = dropMetadataLabels(ls);
  if (m.card === VectorMatchCardinality.OneToOne) {
    ls = m.on ? ls.keep(...m.matchingLabels) : ls.without(...m.matchingLabels);
  }
  for (const ln of m.include) ls = ls.with(ln, rhs.get(ln));
  return ls;
}

export function vectorAnd(lhs: Vector, rhs: Vector, ls: Int32Array, rs: Int32Array, st: MatchState, out: Vector): Vector {
  if (lhs.length === 0 || rhs.length === 0) return out;
  const present = st.sigsPresent;
  present.fill(0);
  for (let j = 0; j < rhs.length; j++) present[rs[j] as number] = 1;
  for (let i = 0; i < lhs.length; i++) if (present[ls[i] as number] === 1) out.push(lhs[i] as Sample);
  return out;
}

export function vectorOr(lhs: Vector, rhs: Vector, ls: Int32Array, rs: Int32Array, st: MatchState, out: Vector): Vector {
  if (lhs.length === 0) {
    for (const s of rhs) out.push(s);
    return out;
  }
  if (rhs.length === 0) {
    for (const s of lhs) out.push(s);
    return out;
  }
  const present = st.sigsPresent;
  present.fill(0);
  for (let i = 0; i < lhs.length; i++) {
    present[ls[i] as number] = 1;
    out.push(lhs[i] as Sample);
  }
  for (let j = 0; j < rhs.length; j++) if (present[rs[j] as number] !== 1) out.push(rhs[j] as Sample);
  return out;
}

export function vectorUnless(lhs: Vector, rhs: Vector, ls: Int32Array, rs: Int32Array, st: MatchState, out: Vector): Vector {
  if (lhs.length === 0 || rhs.length === 0) {
    for (const s of lhs) out.push(s);
    return out;
  }
  const present = st.sigsPresent;
  present.fill(0);
  for (let j = 0; j < rhs.length; j++) present[rs[j] as number] = 1;
  for (let i = 0; i < lhs.length; i++) if (present[ls[i] as number] !== 1) out.push(lhs[i] as Sample);
  return out;
}

export interface BinopCtx {
  op: BinaryOp;
  m: VectorMatching;
  returnBool: boolean;
  delayedNameRemoval: boolean;
  st: MatchState;
  out: Vector;
}

function duplicateError(m: VectorMatching, a: Sample, b: Sample): never {
  const oneSide = m.card === VectorMatchCardinality.OneToMany ? 'left' : 'right';
  const matched = matchLabels(a.metric, m.on, m.matchingLabels);
  let d1 = a.metric.toString();
  let d2 = b.metric.toString();
  if (d1 > d2) [d1, d2] = [d2, d1];
  throw new EvalError(
    `found duplicate series for the match group ${matched.toString()} on the ${oneSide} hand-side of the operation: [${d1}, ${d2}]` +
      ';many-to-many matching not allowed: matching labels must be unique on one side',
  );
}

/** Arithmetic and comparison between two vectors (engine.go VectorBinop). */
export function vectorBinop(c: BinopCtx, lhsIn: Vector, rhsIn: Vector, lsIn: Int32Array, rsIn: Int32Array): Vector {
  const { m, st } = c;
  st.lastErr = null;
  const noFill = m.fillValues.lhs === null && m.fillValues.rhs === null;
  if ((lhsIn.length === 0 && rhsIn.length === 0) || ((lhsIn.length === 0 || rhsIn.length === 0) && noFill)) return c.out;
  const swap = m.card === VectorMatchCardinality.OneToMany;
  const lhs = swap ? rhsIn : lhsIn;
  const rhs = swap ? lhsIn : rhsIn;
  const lsig = swap ? rsIn : lsIn;
  const rsig = swap ? lsIn : rsIn;
  const present = st.sigsPresent;
  present.fill(0);
  const rightSigs = st.rightSigs;
  for (let j = 0; j < rhs.length; j++) {
    const ord = rsig[j] as number;
    const rs = rhs[j] as Sample;
    if (present[ord] === 1) duplicateError(m, rs, rightSigs[ord] as Sample);
    rightSigs[ord] = rs;
    present[ord] = 1;
  }
  const oneToOne = m.card === VectorMatchCardinality.OneToOne;
  if (oneToOne) st.matchedSigsPresent.fill(0);
  else for (const s of st.matchedSigs) s?.clear();
  for (let i = 0; i < lhs.length; i++) {
    const ls = lhs[i] as Sample;
    const ord = lsig[i] as number;
    let rs: Sample;
    if (present[ord] === 1) rs = rightSigs[ord] as Sample;
    else {
      const fill = m.fillValues.rhs;
      if (fill === null) continue;
      rs = { metric: st.fillMetric(ord, ls.metric, m), t: 0, f: fill, h: null, dropName: false };
    }
    doBinOp(c, ls, rs, ord, swap, oneToOne);
  }
  const fillL = m.fillValues.lhs;
  if (fillL !== null) {
    for (let j = 0; j < rhs.length; j++) {
      const ord = rsig[j] as number;
      const matched = oneToOne ? st.matchedSigsPresent[ord] === 1 : (st.matchedSigs[ord]?.size ?? 0) > 0;
      if (matched) continue;
      const rs = rhs[j] as Sample;
      const ls: Sample = { metric: st.fillMetric(ord, rs.metric, m), t: 0, f: fillL, h: null, dropName: false };
      doBinOp(c, ls, rs, ord, swap, oneToOne);
    }
  }
  return c.out;
}

function doBinOp(c: BinopCtx, ls: Sample, rs: Sample, ord: number, swap: boolean, oneToOne: boolean): void {
  const st = c.st;
  const res = st.elem;
  if (swap) vectorElemBinop(c.op, rs.f, ls.f, rs.h, ls.h, res);
  else vectorElemBinop(c.op, ls.f, rs.f, ls.h, rs.h, res);
  if (res.errInfo !== null) {
    st.lastErr = { level: 'info', message: res.errInfo };
    return;
  }
  if (res.errWarn !== null) {
    st.lastErr = { level: 'warning', message: res.errWarn };
    return;
  }
  if (res.unsupported) return;
  if (res.info !== null) st.lastErr = { level: 'info', message: res.info };
  let f = res.f;
  let h = res.h;
  if (c.returnBool) {
    h = null;
    f = res.keep ? 1 : 0;
  }
  const metric = st.resultMetric(ls.metric, rs.metric, c.op, c.m, !c.delayedNameRemoval && c.returnBool);
  if (oneToOne) {
    if (st.matchedSigsPresent[ord] === 1) {
      throw new EvalError('multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)');
    }
    st.matchedSigsPresent[ord] = 1;
  } else {
    let set = st.matchedSigs[ord];
    if (set === null || set === undefined) {
      set = new Set();
      st.matchedSigs[ord] = set;
    }
    const k = metric.key();
    if (set.has(k)) throw new EvalError('multiple matches for labels: grouping labels must ensure unique matches');
    set.add(k);
  }
  if (!res.keep && !c.returnBool) return;
  c.out.push({ metric, t: 0, f, h, dropName: c.returnBool });
}
