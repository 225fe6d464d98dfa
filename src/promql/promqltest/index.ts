// Public face of the promqltest runner (upstream promql/promqltest): parse and run PromQL test
// scripts against the engine and an in-memory storage.
export {
  runTestScript,
  runTestFile,
  summarize,
  type EvalResult,
  type EvalStatus,
  type EvalInfo,
  type RunOptions,
  type RunSummary,
} from './runner.js';
export { parseTestScript } from './script.js';
export type { TestCommand, EvalCmd, LoadCmd, ClearCmd, ScriptErrorCmd, SequenceValue } from './commands.js';
export { newTestEngine, TEST_PARSER_OPTIONS, DEFAULT_MAX_SAMPLES_PER_QUERY } from './engine-settings.js';
export type { QueryEngine } from './eval.js';
export { MemoryTestStorage, type TestStorage } from './test-storage.js';
export type { LoadSeries, LoadSample } from './commands.js';
