/**
 * The engine and parser settings upstream's promqltest runs with: lookback 5m, at most 10000
 * samples per query, 1m default subquery step, @ and negative offsets, delayed __name__
 * removal, start timestamps, and every experimental parser feature.
 */
import { Engine } from '../engine/index.js';
import type { ParserOptions } from '../parser/index.js';

export const TEST_PARSER_OPTIONS: ParserOptions = {
  enableExperimentalFunctions: true,
  experimentalDurationExpr: true,
  enableExtendedRangeSelectors: true,
  enableBinopFillModifiers: true,
};

export const DEFAULT_MAX_SAMPLES_PER_QUERY = 10000;

/** A new engine configured as upstream's NewTestEngine. */
export function newTestEngine(maxSamples = DEFAULT_MAX_SAMPLES_PER_QUERY): Engine {
  return new Engine({
    maxSamples,
    timeout: 100_000,
    lookbackDelta: 5 * 60_000,
    noStepSubqueryIntervalFn: () => 60_000,
    enableAtModifier: true,
    enableNegativeOffset: true,
    enableDelayedNameRemoval: true,
    enableStartTimestamps: true,
    parserOptions: TEST_PARSER_OPTIONS,
  });
}
