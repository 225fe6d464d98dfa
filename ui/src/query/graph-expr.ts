/**
 * The expression the Graph tab runs: a range vector selector (`foo[5m]`, also with offset or @)
 * cannot be graphed, so, as the Prometheus UI does, its instant vector selector is graphed.
 */
import { LanguageType, promQLLanguage } from '@prometheus-io/codemirror-promql';

const WRAPPERS = new Set(['OffsetExpr', 'StepInvariantExpr']);

export function graphExpr(expr: string): string {
  const tree = promQLLanguage(LanguageType.PromQL).parser.parse(expr);
  let bad = false;
  tree.iterate({ enter: (n) => { if (n.type.isError) bad = true; } });
  if (bad) return expr;
  let node = tree.topNode.firstChild;
  while (node !== null && WRAPPERS.has(node.name)) node = node.firstChild;
  if (node === null || node.name !== 'MatrixSelector') return expr;
  const vs = node.firstChild;
  if (vs === null || vs.name !== 'VectorSelector') return expr;
  return expr.slice(0, node.from) + expr.slice(vs.from, vs.to) + expr.slice(node.to);
}
