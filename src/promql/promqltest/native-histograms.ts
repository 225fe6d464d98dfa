/**
 * Deciding, mechanically, whether an eval needs native histograms: its expected result
 * contains a histogram literal, or its query selects a series that holds histogram samples
 * in the data loaded so far (the runner tracks those series as it loads them).
 */
import type { Labels, Matcher } from '../../model/labels/index.js';
import { inspect, parseExpr } from '../parser/index.js';
import { type EvalCmd, expectsHistogram } from './commands.js';
import { TEST_PARSER_OPTIONS } from './engine-settings.js';

function selectorMatchers(expr: string): Matcher[][] | null {
  let root;
  try {
    root = parseExpr(expr, TEST_PARSER_OPTIONS);
  } catch {
    return null;
  }
  const out: Matcher[][] = [];
  inspect(root, (node) => {
    if (node.kind === 'VectorSelector') out.push(node.labelMatchers);
  });
  return out;
}

/** Whether the query's selectors match any of the given (histogram-holding) series. */
export function selectsAny(expr: string, series: readonly Labels[]): boolean {
  if (series.length === 0) return false;
  const sels = selectorMatchers(expr);
  if (!sels) return false;
  return sels.some((ms) => series.some((l) => ms.every((m) => m.matches(l.get(m.name)))));
}

/** The mechanical "needs native histograms" rule for one eval. */
export function needsNativeHistograms(ev: EvalCmd, histSeries: readonly Labels[]): boolean {
  return expectsHistogram(ev) || selectsAny(ev.expr, histSeries);
}
