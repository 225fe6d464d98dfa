/**
 * Upstream's config test data (../shared/conformance/prometheus-config, read in place): every
 * *.good.yml loads, every bad file of expected_errors.json fails with an error containing the
 * expected text (loaded as its `loader` says), plus the specific expectations EXPECTED_ERRORS.md
 * lists for good files. One subtest per file; skips come from test/skips.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Config,
  configToYaml,
  getScrapeConfigs,
  loadConfig,
  loadConfigFile,
  type LoadOptions,
  parseTargetGroupYaml,
} from '../../src/config/index.js';
import { sharedDir } from '../shared-dir.js';
import { skipReason } from '../skips.js';

const SUITE = 'prometheus-config';
const dir = sharedDir('conformance', 'prometheus-config');

interface Expected {
  file: string;
  match: string;
  error: string;
  loader: string;
}

function errorOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** The expected text without the `parsing YAML file testdata/<file>: ` prefix the Go test embeds. */
function expectedText(e: Expected): string {
  return e.error.replace(/^parsing YAML file testdata\/[^:]*: /, '');
}

function load(file: string, opts: LoadOptions = {}): Config {
  return loadConfigFile(join(dir, file), opts);
}

function runBad(e: Expected): void {
  const path = join(dir, e.file);
  const want = expectedText(e);
  const check = (what: string, msg: string | null): void => {
    assert.notEqual(msg, null, `${what}: expected an error containing ${JSON.stringify(want)}, but it loaded`);
    assert.ok((msg as string).includes(want), `${what}: error ${JSON.stringify(msg)} does not contain ${JSON.stringify(want)}`);
  };
  if (e.loader.startsWith('strict YAML unmarshal')) {
    assert.notEqual(errorOf(() => parseTargetGroupYaml(readFileSync(path, 'utf8'))), null, 'target group decoded');
  } else if (e.loader.startsWith('LoadFile OK, then GetScrapeConfigs')) {
    const cfg = load(e.file);
    check('GetScrapeConfigs', errorOf(() => getScrapeConfigs(cfg)));
  } else if (e.loader === 'LoadFile and Load(string)') {
    check('LoadFile', errorOf(() => load(e.file)));
    check('Load', errorOf(() => loadConfig(readFileSync(path, 'utf8'))));
  } else {
    check('LoadFile', errorOf(() => load(e.file, { agentMode: e.loader.includes('agentMode=true') })));
  }
}

function runGood(file: string): void {
  const cfg = load(file);
  getScrapeConfigs(cfg);
}

/** Expectations for specific good or neutral files (EXPECTED_ERRORS.md, second part). */
const SPECIAL: Readonly<Record<string, () => void>> = {
  'agent_mode.good.yml': () => {
    const cfg = load('agent_mode.good.yml', { agentMode: true });
    assert.equal(cfg.remote_write.length, 1);
    assert.equal(cfg.remote_write[0]?.url, 'http://remote1/push');
  },
  'agent_mode.without_remote_writes.yml': () => {
    assert.equal(load('agent_mode.without_remote_writes.yml', { agentMode: true }).remote_write.length, 0);
  },
  'external_labels.good.yml': () => {
    const empty = load('external_labels.good.yml', { env: { TEST: '' } }).global.external_labels.toObject();
    assert.deepEqual(empty, { bar: 'foo', baz: 'foobar', foo: '', qux: 'foo${TEST}', xyz: 'foo$bar' });
    const set = load('external_labels.good.yml', { env: { TEST: 'TestValue' } }).global.external_labels.toObject();
    assert.deepEqual(set, { bar: 'foo', baz: 'fooTestValuebar', foo: 'TestValue', qux: 'foo${TEST}', xyz: 'foo$bar' });
  },
  'roundtrip.good.yml': () => {
    const first = configToYaml(load('roundtrip.good.yml'));
    assert.equal(configToYaml(loadConfig(first)), first);
  },
  'tsdb_chunk_encoding_floats_xor.good.yml': () => {
    assert.equal(load('tsdb_chunk_encoding_floats_xor.good.yml').storage.tsdb?.chunk_encoding.floats, 'xor');
  },
  'tsdb_chunk_encoding_floats_xor2.good.yml': () => {
    assert.equal(load('tsdb_chunk_encoding_floats_xor2.good.yml').storage.tsdb?.chunk_encoding.floats, 'xor2');
  },
};

const SCHEMES: ReadonlyArray<[string, string, string]> = [
  ['scrape_config_default_validation_mode.yml', 'utf8', 'allow-utf-8'],
  ['scrape_config_global_validation_mode.yml', 'legacy', 'dots'],
  ['scrape_config_local_validation_mode.yml', 'legacy', 'values'],
  ['scrape_config_local_global_validation_mode.yml', 'utf8', 'dots'],
  ['scrape_config_local_infer_escaping.yml', 'legacy', 'underscores'],
];

function subtest(file: string, fn: () => void): void {
  const reason = skipReason({ suite: SUITE, file, line: 0 });
  test(file, reason ? { skip: reason } : {}, fn);
}

if (!existsSync(join(dir, 'expected_errors.json'))) {
  test('prometheus-config conformance', { skip: `no conformance data in ${dir}` }, () => {});
} else {
  const expected = JSON.parse(readFileSync(join(dir, 'expected_errors.json'), 'utf8')) as Expected[];
  const files = readdirSync(dir).sort();
  for (const file of files.filter((f) => f.endsWith('.good.yml'))) subtest(file, () => runGood(file));
  for (const e of expected) subtest(e.file, () => runBad(e));
  for (const [file, check] of Object.entries(SPECIAL)) subtest(`${file} (expectations)`, check);
  for (const [file, scheme, escaping] of SCHEMES) {
    subtest(file, () => {
      const sc = load(file).scrape_configs[0];
      assert.equal(sc?.metric_name_validation_scheme, scheme);
      assert.equal(sc?.metric_name_escaping_scheme, escaping);
    });
  }
  subtest('conf.good.yml (expectations)', () => {
    const cfg = load('conf.good.yml');
    assert.equal(cfg.global.scrape_interval, 15_000);
    assert.equal(cfg.global.body_size_limit, 15 * 1024 * 1024);
    assert.equal(cfg.runtime.gogc, 42);
    assert.equal(cfg.scrape_configs.length, 34);
    const prom = cfg.scrape_configs[0];
    assert.equal(prom?.scrape_timeout, 10_000);
    assert.equal(prom?.authorization?.credentials_file, join(dir, 'valid_token_file'));
    assert.deepEqual(prom?.service_discovery_configs.map((c) => c.mechanism), ['file', 'file', 'static']);
    assert.equal(cfg.storage.tsdb?.out_of_order_time_window, 30 * 60_000);
    assert.equal(cfg.tracing.client_type, 'grpc');
  });
}
