/**
 * The project's one skip list for conformance suites. Every skipped case is here with its
 * reason; suites consult it and report the skips (node:test counts them).
 *
 * Entries:
 *  - a case: { suite, file, line, reason }       one eval/case at that line of that file
 *  - a file: { suite, file, reason }             every case of the file
 *  - a rule: { suite, rule, reason }             every case the runner classifies that way
 *    (rule 'native-histograms': the promqltest runner's mechanical test: the expected result
 *    holds a {{...}} histogram literal, or the query selects a series holding histogram samples)
 */

import { existsSync } from 'node:fs';

export type SkipRule = 'native-histograms';

export type Skip =
  | { suite: string; file: string; line: number; reason: string }
  | { suite: string; file: string; line?: undefined; reason: string }
  | { suite: string; rule: SkipRule; reason: string };

export const NATIVE_HISTOGRAMS_REASON = 'needs native histograms (issue: native histograms)';
export const START_TIMESTAMPS_REASON =
  'needs per-sample start timestamps, which the TSDB does not store (no such field in the 2.42 WAL/chunk formats)';

export const PROMQL_FEATURES_ALWAYS_ON_REASON =
  'the @ modifier and negative offsets are always enabled in Vigil (as in Prometheus 3); there is no option to disable them';

export const AM_CONFIG_MISSING_FILE_REASON =
  'listed under "Must load" in EXPECTED_ERRORS.md, but the file is absent from ../shared/conformance/alertmanager-config';

export const SKIPS: readonly Skip[] = [
  { suite: 'promqltest', rule: 'native-histograms', reason: NATIVE_HISTOGRAMS_REASON },
  { suite: 'promqltest', file: 'native_histograms.test', reason: NATIVE_HISTOGRAMS_REASON },
  // The same scripts over the real TSDB (test/conformance/promqltest-tsdb.test.ts).
  { suite: 'promqltest-tsdb', rule: 'native-histograms', reason: NATIVE_HISTOGRAMS_REASON },
  { suite: 'promqltest-tsdb', file: 'native_histograms.test', reason: NATIVE_HISTOGRAMS_REASON },
  // Evals whose answer depends on per-sample start timestamps (the `@st` lines), which the TSDB
  // does not store: Prometheus 2.42's WAL records and XOR chunks have no place for them.
  { suite: 'promqltest-tsdb', file: 'start_timestamps.test', line: 8, reason: START_TIMESTAMPS_REASON },
  { suite: 'promqltest-tsdb', file: 'start_timestamps.test', line: 13, reason: START_TIMESTAMPS_REASON },
  { suite: 'promqltest-tsdb', file: 'start_timestamps.test', line: 18, reason: START_TIMESTAMPS_REASON },
  { suite: 'promqltest-tsdb', file: 'start_timestamps.test', line: 24, reason: START_TIMESTAMPS_REASON },
  { suite: 'promqltest-tsdb', file: 'start_timestamps.test', line: 42, reason: START_TIMESTAMPS_REASON },
  { suite: 'promqltest-tsdb', file: 'start_timestamps.test', line: 66, reason: START_TIMESTAMPS_REASON },
  { suite: 'promqltest-tsdb', file: 'start_timestamps.test', line: 74, reason: START_TIMESTAMPS_REASON },
  { suite: 'promqltest-tsdb', file: 'start_timestamps.test', line: 82, reason: START_TIMESTAMPS_REASON },
  { suite: 'promqltest-tsdb', file: 'start_timestamps.test', line: 144, reason: START_TIMESTAMPS_REASON },
  { suite: 'promqltest-tsdb', file: 'start_timestamps.test', line: 169, reason: START_TIMESTAMPS_REASON },
  { suite: 'promqltest-tsdb', file: 'start_timestamps.test', line: 189, reason: START_TIMESTAMPS_REASON },
  { suite: 'promqltest-tsdb', file: 'start_timestamps.test', line: 276, reason: START_TIMESTAMPS_REASON },
  { suite: 'promqltest-tsdb', file: 'start_timestamps.test', line: 284, reason: START_TIMESTAMPS_REASON },
  { suite: 'promqltest-tsdb', file: 'start_timestamps.test', line: 289, reason: START_TIMESTAMPS_REASON },
  // promtool test rules rows of ../shared/conformance/promtool/EXPECTED.md (line = the table row's line).
  { suite: 'promtool-unittest', file: 'at-modifier-test.yml', line: 14, reason: PROMQL_FEATURES_ALWAYS_ON_REASON },
  { suite: 'promtool-unittest', file: 'negative-offset-test.yml', line: 16, reason: PROMQL_FEATURES_ALWAYS_ON_REASON },
  // Alertmanager config files that EXPECTED_ERRORS.md lists as "must load" but the shared folder does not hold.
  { suite: 'alertmanager-config', file: 'conf.smtp-password-global-and-local.yml', reason: AM_CONFIG_MISSING_FILE_REASON },
  { suite: 'alertmanager-config', file: 'conf.sns-topic-arn.yml', reason: AM_CONFIG_MISSING_FILE_REASON },
];

/** What a suite knows about a case when deciding whether to skip it. */
export interface CaseInfo {
  suite: string;
  file: string;
  line: number;
  /** The rules the case falls under (e.g. ['native-histograms']). */
  rules?: readonly SkipRule[];
}

/** The reason to skip a case, or null to run it. */
export function skipReason(c: CaseInfo, skips: readonly Skip[] = SKIPS): string | null {
  for (const s of skips) {
    if (s.suite !== c.suite) continue;
    if ('rule' in s) {
      if (c.rules?.includes(s.rule)) return s.reason;
    } else if (s.file === c.file && (s.line === undefined || s.line === c.line)) {
      return s.reason;
    }
  }
  return null;
}

/**
 * Skips that depend on the machine rather than on a case: interop tests that run a Debian
 * reference binary beside Vigil. `.ci/run` installs them all (prometheus, promtool,
 * prometheus-alertmanager, amtool, prometheus-node-exporter, chromium); elsewhere the tests are
 * skipped with this reason. Returns the reason, or false when every binary is present.
 */
export function missingReference(...binaries: string[]): string | false {
  const missing = binaries.filter((b) => !existsSync(b));
  if (missing.length === 0) return false;
  return `reference binary ${missing.join(', ')} not installed (Debian packages; .ci/run installs them)`;
}
