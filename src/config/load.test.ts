import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configToYaml } from './marshal.js';
import { ConfigError, expandEnv, getScrapeConfigs, loadConfig, loadConfigFile } from './load.js';

test('an empty file gives the defaults', () => {
  const c = loadConfig('');
  assert.equal(c.global.scrape_interval, 60_000);
  assert.equal(c.global.scrape_timeout, 10_000);
  assert.equal(c.global.evaluation_interval, 60_000);
  assert.deepEqual(c.storage.tsdb?.retention, { time: 0, size: 0, percentage: 0 });
  assert.equal(c.otlp.translation_strategy, 'UnderscoreEscapingWithSuffixes');
});

test('scrape configs inherit the global settings', () => {
  const c = loadConfig(
    'global:\n  scrape_interval: 15s\n  scrape_timeout: 5s\n  sample_limit: 10\n  body_size_limit: 1MB\n' +
      'scrape_configs:\n- job_name: a\n- job_name: b\n  scrape_interval: 2s\n  sample_limit: 3\n',
  );
  const [a, b] = c.scrape_configs;
  assert.equal(a?.scrape_interval, 15_000);
  assert.equal(a?.scrape_timeout, 5000);
  assert.equal(a?.sample_limit, 10);
  assert.equal(a?.body_size_limit, 1024 * 1024);
  assert.equal(a?.metrics_path, '/metrics');
  assert.equal(a?.scheme, 'http');
  assert.equal(a?.honor_timestamps, true);
  assert.deepEqual(a?.scrape_protocols, ['OpenMetricsText1.0.0', 'OpenMetricsText0.0.1', 'PrometheusText1.0.0', 'PrometheusText0.0.4']);
  assert.equal(b?.scrape_timeout, 2000, 'timeout is capped by the interval');
  assert.equal(b?.sample_limit, 3);
});

test('native histograms put the protobuf format first', () => {
  const c = loadConfig('scrape_configs:\n- job_name: a\n  scrape_native_histograms: true\n');
  assert.equal(c.scrape_configs[0]?.scrape_protocols?.[0], 'PrometheusProto');
});

test('validation texts', () => {
  const cases: Array<[string, string]> = [
    ['scrape_configs:\n- job_name: a\n  scrape_interval: 5s\n  scrape_timeout: 6s\n', 'scrape timeout greater than scrape interval for scrape config with job name "a"'],
    ['scrape_configs:\n- job_name: a\n- job_name: a\n', 'found multiple scrape configs with job name "a"'],
    ['scrape_configs:\n- job_name: a\n  static_configs:\n  - targets: [http://x]\n', '"http://x" is not a valid hostname'],
    ['rule_files: ["a/*/b"]\n', 'invalid rule file path "a/*/b"'],
    ['scrape_config_files: ["a/*/b"]\n', 'invalid scrape config file path "a/*/b"'],
    ['global:\n  external_labels:\n    "": x\n', '"" is not a valid label name'],
    ['global:\n  metric_name_validation_scheme: legacy\n  external_labels:\n    a.b: x\n', '"a.b" is not a valid label name'],
    ['remote_write:\n- url: http://x\n  headers: {Content-Type: x}\n', 'Content-Type is a reserved header. It must not be changed'],
    ['remote_write:\n- url: http://x\n  basic_auth: {username: a}\n  sigv4: {region: x}\n', 'at most one of basic_auth, authorization, oauth2, sigv4, azuread or google_iam must be configured. Currently configured: [basic_auth sigv4]'],
    ['remote_write:\n- url: http://x\n  name: a\n- url: http://y\n  name: a\n', 'found multiple remote write configs with job name "a"'],
    ['alerting:\n  alertmanagers:\n  - api_version: v1\n', 'expected Alertmanager api version to be one of [v2] but got v1'],
    ['scrape_configs:\n- job_name: a\n  file_sd_configs:\n  - files: [x.txt]\n', 'path name "x.txt" is not valid for file discovery'],
    ['scrape_configs:\n- job_name: a\n  relabel_configs:\n  - action: hashmod\n    target_label: x\n', 'relabel configuration for hashmod requires non-zero modulus'],
  ];
  for (const [text, msg] of cases) {
    assert.throws(() => loadConfig(text), (e: unknown) => e instanceof ConfigError && e.message === msg, text);
  }
});

test('relabel rules are validated with the scrape config name validation scheme', () => {
  const text = (scheme: string): string =>
    `scrape_configs:\n- job_name: a\n  metric_name_validation_scheme: ${scheme}\n  metric_name_escaping_scheme: underscores\n  relabel_configs:\n  - target_label: a.b\n`;
  assert.doesNotThrow(() => loadConfig(text('utf8')));
  assert.throws(() => loadConfig(text('legacy')), { message: `"a.b" is invalid 'target_label' for replace action` });
});

test('unknown fields in relabel rules are type errors with their line', () => {
  assert.throws(
    () => loadConfig('scrape_configs:\n- job_name: a\n  relabel_configs:\n  - foo: 1\n'),
    { message: 'yaml: unmarshal errors:\n  line 4: field foo not found in type relabel.plain' },
  );
});

test('os.Expand semantics for external labels', () => {
  const env = (n: string): string => ({ A: 'x', B: '' })[n] ?? '';
  assert.equal(expandEnv('$A-${A}-$$-${}-$', env), 'x-x---$');
  assert.equal(expandEnv('$$', (n) => (n === '$' ? '$' : '')), '$');
  assert.equal(expandEnv('plain', env), 'plain');
});

test('LoadFile prefixes errors, applies agent mode and resolves paths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-config-'));
  const path = join(dir, 'p.yml');
  writeFileSync(path, 'global:\n  query_log_file: q.log\nrule_files: [r.yml]\nscrape_configs:\n- job_name: a\n  tls_config: {ca_file: ca.pem}\n');
  const c = loadConfigFile(path);
  assert.equal(c.global.query_log_file, join(dir, 'q.log'));
  assert.deepEqual(c.rule_files, [join(dir, 'r.yml')]);
  assert.equal(c.scrape_configs[0]?.tls_config.ca_file, join(dir, 'ca.pem'));
  assert.throws(() => loadConfigFile(path, { agentMode: true }), { message: 'field rule_files is not allowed in agent mode' });
  writeFileSync(path, 'global: {foo: 1}\n');
  assert.throws(() => loadConfigFile(path), { message: `parsing YAML file ${path}: yaml: unmarshal errors:\n  line 1: field foo not found in type config.plain` });
});

test('scrape_config_files are globbed, validated and joined with their own directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-config-'));
  mkdirSync(join(dir, 'jobs'));
  writeFileSync(join(dir, 'jobs', 'a.yml'), 'scrape_configs:\n- job_name: a\n  tls_config: {ca_file: ca.pem}\n');
  writeFileSync(join(dir, 'jobs', 'b.yml'), 'scrape_configs:\n- job_name: main\n');
  writeFileSync(join(dir, 'p.yml'), 'global: {scrape_interval: 7s}\nscrape_config_files: [jobs/a*.yml]\nscrape_configs:\n- job_name: main\n');
  const all = getScrapeConfigs(loadConfigFile(join(dir, 'p.yml')));
  assert.deepEqual(all.map((s) => s.job_name), ['main', 'a']);
  assert.equal(all[1]?.scrape_interval, 7000);
  assert.equal(all[1]?.tls_config.ca_file, join(dir, 'jobs', 'ca.pem'));
  writeFileSync(join(dir, 'p.yml'), 'scrape_config_files: [jobs/*.yml]\nscrape_configs:\n- job_name: main\n');
  assert.throws(
    () => getScrapeConfigs(loadConfigFile(join(dir, 'p.yml'))),
    { message: `"${join(dir, 'jobs', 'b.yml')}": found multiple scrape configs with job name "main", first found in main config file` },
  );
});

test('re-serialisation hides secrets and keeps durations readable', () => {
  const text = configToYaml(
    loadConfig('scrape_configs:\n- job_name: a\n  scrape_interval: 90s\n  basic_auth: {username: u, password: hunter2}\n  static_configs:\n  - targets: [h:1]\n'),
  );
  assert.ok(text.includes('password: <secret>'));
  assert.ok(!text.includes('hunter2'));
  assert.ok(text.includes('scrape_interval: 1m30s'));
  assert.ok(text.includes('static_configs:\n  - targets:\n    - h:1'));
});
