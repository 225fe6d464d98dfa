/**
 * Canonical text of an expression (upstream Node.String()). Parsing the output gives back an
 * equal expression.
 */
import { MatchType, MetricName, compareStrings, type Matcher } from '../../model/labels/index.js';
import { formatFloat, goQuote } from '../../model/strconv/index.js';
import type { AggregateExpr, BinaryExpr, DurationExpr, Expr, MatrixSelector, StartOrEnd, SubqueryExpr, VectorSelector } from './ast.js';
import { formatDuration, secondsToMsTruncated } from './duration.js';

const LEGACY_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Grouping label list, quoting names that are not legacy label names. */
export function formatLabelList(names: readonly string[]): string {
  return names.map((n) => (LEGACY_LABEL.test(n) ? n : goQuote(n))).join(', ');
}

/** A matcher as upstream prints it: name (quoted if needed), operator, quoted value. */
export function formatMatcher(m: Matcher): string {
  const name = LEGACY_LABEL.test(m.name) ? m.name : goQuote(m.name);
  return `${name}${m.type}${goQuote(m.value)}`;
}

/** Upstream's %.3f of a millisecond timestamp in seconds (an int64 timestamp has no -0). */
function formatTimestamp(ts: number): string {
  return formatFloat(ts === 0 ? 0 : ts / 1000, 'f', 3);
}

function atSuffix(timestamp: number | null, startOrEnd: StartOrEnd): string {
  if (timestamp !== null) return ` @ ${formatTimestamp(timestamp)}`;
  if (startOrEnd === 'start') return ' @ start()';
  if (startOrEnd === 'end') return ' @ end()';
  return '';
}

function offsetSuffix(offset: number, offsetExpr: DurationExpr | null): string {
  if (offsetExpr !== null) return ` offset ${durationExprToString(offsetExpr)}`;
  if (offset > 0) return ` offset ${formatDuration(offset)}`;
  if (offset < 0) return ` offset -${formatDuration(-offset)}`;
  return '';
}

/** The `op by (..) ` / `op without (..) ` head of an aggregation. */
export function aggregateHead(e: AggregateExpr): string {
  if (e.without) return `${e.op} without (${formatLabelList(e.grouping)}) `;
  if (e.grouping.length > 0) return `${e.op} by (${formatLabelList(e.grouping)}) `;
  return e.op;
}

function aggregateToString(e: AggregateExpr): string {
  const param = e.param !== null && isAggregatorWithParam(e.op) ? `${exprToString(e.param)}, ` : '';
  return `${aggregateHead(e)}(${param}${exprToString(e.expr)})`;
}

function isAggregatorWithParam(op: string): boolean {
  return op === 'topk' || op === 'bottomk' || op === 'count_values' || op === 'quantile' || op === 'limitk' || op === 'limit_ratio';
}

/** ` bool`, ` on (..)`, ` group_left (..)`, ` fill (..)` after a binary operator. */
export function binaryModifiers(e: BinaryExpr): string {
  let s = e.returnBool ? ' bool' : '';
  const vm = e.vectorMatching;
  if (vm === null) return s;
  const grouped = vm.card === 'many-to-one' || vm.card === 'one-to-many';
  if (vm.matchingLabels.length > 0 || vm.on || grouped) {
    s += ` ${vm.on ? 'on' : 'ignoring'} (${formatLabelList(vm.matchingLabels)})`;
  }
  if (grouped) s += ` group_${vm.card === 'many-to-one' ? 'left' : 'right'} (${formatLabelList(vm.include)})`;
  const { lhs, rhs } = vm.fillValues;
  if (lhs !== null && rhs !== null && lhs === rhs) {
    s += ` fill (${formatFloat(lhs)})`;
  } else {
    if (lhs !== null) s += ` fill_left (${formatFloat(lhs)})`;
    if (rhs !== null) s += ` fill_right (${formatFloat(rhs)})`;
  }
  return s;
}

function binaryToString(e: BinaryExpr): string {
  return `${exprToString(e.lhs)} ${e.op}${binaryModifiers(e)} ${exprToString(e.rhs)}`;
}

export function durationExprToString(e: DurationExpr): string {
  let s: string;
  switch (e.op) {
    case 'step':
    case 'range':
      s = `${e.op}()`;
      break;
    case 'min_of':
    case 'max_of':
      s = `${e.op}(${exprToString(e.lhs as Expr)}, ${exprToString(e.rhs as Expr)})`;
      break;
    default:
      if (e.lhs === null) s = (e.op === '-' ? '-' : '') + exprToString(e.rhs as Expr);
      else s = `${exprToString(e.lhs)} ${e.op} ${exprToString(e.rhs as Expr)}`;
  }
  return e.wrapped ? `(${s})` : s;
}

/** The selector with its matchers; modifiers are added by the callers. */
function selectorBody(vs: VectorSelector): string {
  const parts: string[] = [];
  for (const m of vs.labelMatchers) {
    if (m.name === MetricName && m.type === MatchType.Equal && m.value === vs.name && m.value !== '') continue;
    parts.push(formatMatcher(m));
  }
  if (parts.length === 0) return vs.name;
  parts.sort(compareStrings);
  return `${vs.name}{${parts.join(',')}}`;
}

function extendedRange(vs: VectorSelector): string {
  if (vs.anchored) return ' anchored';
  if (vs.smoothed) return ' smoothed';
  return '';
}

function vectorSelectorToString(vs: VectorSelector): string {
  return selectorBody(vs) + atSuffix(vs.timestamp, vs.startOrEnd) + extendedRange(vs) + offsetSuffix(vs.originalOffset, vs.originalOffsetExpr);
}

function matrixSelectorToString(e: MatrixSelector): string {
  const vs = e.vectorSelector;
  const range = e.rangeExpr !== null ? durationExprToString(e.rangeExpr) : formatDuration(e.range);
  return `${selectorBody(vs)}[${range}]${extendedRange(vs)}${atSuffix(vs.timestamp, vs.startOrEnd)}${offsetSuffix(vs.originalOffset, vs.originalOffsetExpr)}`;
}

/** `[range:step] @ t offset d` of a subquery. */
export function subquerySuffix(e: SubqueryExpr): string {
  let step = '';
  if (e.step !== 0) step = formatDuration(e.step);
  else if (e.stepExpr !== null) step = durationExprToString(e.stepExpr);
  const range = e.rangeExpr !== null ? durationExprToString(e.rangeExpr) : formatDuration(e.range);
  return `[${range}:${step}]${atSuffix(e.timestamp, e.startOrEnd)}${offsetSuffix(e.originalOffset, e.originalOffsetExpr)}`;
}

function numberToString(val: number, duration: boolean): string {
  if (!duration) return formatFloat(val, 'f');
  if (val < 0) return `-${formatDuration(secondsToMsTruncated(-val))}`;
  return formatDuration(secondsToMsTruncated(val));
}

export function exprToString(e: Expr): string {
  switch (e.kind) {
    case 'AggregateExpr': return aggregateToString(e);
    case 'BinaryExpr': return binaryToString(e);
    case 'Call': return `${e.func.name}(${e.args.map(exprToString).join(', ')})`;
    case 'DurationExpr': return durationExprToString(e);
    case 'MatrixSelector': return matrixSelectorToString(e);
    case 'SubqueryExpr': return exprToString(e.expr) + subquerySuffix(e);
    case 'NumberLiteral': return numberToString(e.val, e.duration);
    case 'ParenExpr': return `(${exprToString(e.expr)})`;
    case 'StringLiteral': return goQuote(e.val);
    case 'UnaryExpr': return e.op + exprToString(e.expr);
    case 'StepInvariantExpr': return exprToString(e.expr);
    case 'VectorSelector': return vectorSelectorToString(e);
  }
}
