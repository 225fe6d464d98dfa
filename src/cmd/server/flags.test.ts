import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FlagSyntaxError, FlagValueError } from '../kingpin/index.js';
import { parseServerFlags } from './flags.js';
import { computeExternalURL, computeRoutePrefix, globalURL } from './external-url.js';

test('defaults are Prometheus 3 defaults', () => {
  const f = parseServerFlags([]);
  assert.equal(f.configFile, 'prometheus.yml');
  assert.equal(f.storagePath, 'data/');
  assert.deepEqual(f.listenAddresses, ['0.0.0.0:9090']);
  assert.equal(f.maxConnections, 512);
  assert.equal(f.queryTimeout, 120_000);
  assert.equal(f.lookbackDelta, 300_000);
  assert.equal(f.queryMaxSamples, 50_000_000);
  assert.equal(f.queryMaxConcurrency, 20);
  assert.equal(f.enableLifecycle, false);
  assert.equal(f.logLevel, 'info');
  assert.equal(f.logFormat, 'logfmt');
  assert.equal(f.asStrings['storage.tsdb.retention.time'], '0s');
  assert.equal(f.asStrings['storage.tsdb.retention.size'], '0B');
  assert.equal(f.asStrings['web.cors.origin'], '.*');
  assert.equal(f.asStrings['enable-feature'], '');
});

test('--flag=value, --flag value, --no-flag, repeated flags', () => {
  const f = parseServerFlags([
    '--config.file',
    'a.yml',
    '--query.timeout=90s',
    '--web.enable-lifecycle',
    '--no-storage.tsdb.wal-compression',
    '--web.listen-address=127.0.0.1:1',
    '--web.listen-address=127.0.0.1:2',
    '--enable-feature=promql-experimental-functions,promql-delayed-name-removal',
    '--storage.tsdb.retention.size=512MB',
    '--log.format=json',
  ]);
  assert.equal(f.configFile, 'a.yml');
  assert.equal(f.queryTimeout, 90_000);
  assert.equal(f.asStrings['query.timeout'], '1m30s');
  assert.equal(f.enableLifecycle, true);
  assert.equal(f.walCompression, false);
  assert.deepEqual(f.listenAddresses, ['127.0.0.1:1', '127.0.0.1:2']);
  assert.deepEqual(f.features, ['promql-experimental-functions', 'promql-delayed-name-removal']);
  assert.equal(f.retentionSize, 512 * 1024 * 1024);
  assert.equal(f.asStrings['storage.tsdb.retention.size'], '512MiB');
  assert.equal(f.logFormat, 'json');
});

test('the deprecated --storage.tsdb.retention is an alias of retention.time', () => {
  assert.equal(parseServerFlags(['--storage.tsdb.retention=2d']).retentionTime, 2 * 86_400_000);
  assert.equal(parseServerFlags(['--storage.tsdb.retention=2d', '--storage.tsdb.retention.time=1d']).retentionTime, 86_400_000);
});

test("kingpin's error texts", () => {
  const err = (args: string[]): string => {
    try {
      parseServerFlags(args);
    } catch (e) {
      return `${(e as Error).name}: ${(e as Error).message}`;
    }
    return 'no error';
  };
  assert.equal(err(['--foo']), "FlagSyntaxError: unknown long flag '--foo'");
  assert.equal(err(['-x']), "FlagSyntaxError: unknown short flag '-x'");
  assert.equal(err(['stray']), 'FlagSyntaxError: unexpected stray');
  assert.equal(err(['--web.enable-lifecycle=true']), 'FlagSyntaxError: unexpected true');
  assert.equal(err(['--config.file']), "FlagSyntaxError: expected argument for flag '--config.file'");
  assert.equal(err(['--no-query.timeout']), "FlagSyntaxError: unknown long flag '--no-query.timeout'");
  assert.equal(err(['--query.timeout=xx']), 'FlagValueError: not a valid duration string: "xx"');
  assert.equal(err(['--query.max-samples=abc']), 'FlagValueError: strconv.ParseFloat: parsing "abc": invalid syntax');
  assert.equal(err(['--log.level=trace']), 'FlagValueError: unrecognized log level "trace"');
  assert.ok(FlagSyntaxError && FlagValueError);
});

test('help and version are recognised', () => {
  assert.equal(parseServerFlags(['-h']).help, true);
  assert.equal(parseServerFlags(['--version']).version, true);
});

test('external URL, route prefix and global URLs', () => {
  const u = computeExternalURL('http://example.com:8080/prom/', '0.0.0.0:9090');
  assert.equal(u.pathname, '/prom');
  assert.equal(computeRoutePrefix('', u), '/prom');
  assert.equal(computeRoutePrefix('/other/', u), '/other');
  assert.equal(computeRoutePrefix('', computeExternalURL('http://example.com', '0.0.0.0:9090')), '/');
  assert.throws(() => computeExternalURL('"http://x"', ':9090'), /must not begin or end with quotes/);
  assert.match(computeExternalURL('', '0.0.0.0:9091').toString(), /^http:\/\/[^/]+:9091\/$/);
  assert.equal(globalURL('http://localhost:9090/metrics', '0.0.0.0:9090', u), 'http://example.com:8080/metrics');
  assert.equal(globalURL('http://127.0.0.1:9100/metrics', '0.0.0.0:9090', u), 'http://example.com:9100/metrics');
  assert.equal(globalURL('http://10.0.0.1:9100/metrics', '0.0.0.0:9090', u), 'http://10.0.0.1:9100/metrics');
});
