import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FlagSyntaxError, FlagValueError } from '../kingpin/index.js';
import { configHashValue } from './coordinator.js';
import { alertmanagerExternalURL, alertmanagerRoutePrefix } from './external-url.js';
import { alertmanagerUsage, parseAlertmanagerFlags, parseFlagDuration } from './flags.js';

test('defaults are Alertmanager 0.25 defaults', () => {
  const f = parseAlertmanagerFlags([]);
  assert.equal(f.configFile, 'alertmanager.yml');
  assert.equal(f.storagePath, 'data/');
  assert.equal(f.retention, 120 * 3600_000);
  assert.equal(f.maintenanceInterval, 15 * 60_000);
  assert.equal(f.alertGCInterval, 30 * 60_000);
  assert.deepEqual(f.listenAddresses, [':9093']);
  assert.equal(f.webConfigFile, '');
  assert.equal(f.externalUrl, '');
  assert.equal(f.routePrefix, '');
  assert.equal(f.getConcurrency, 0);
  assert.equal(f.httpTimeout, 0);
  assert.equal(f.clusterListenAddress, '0.0.0.0:9094');
  assert.deepEqual(f.clusterPeers, []);
  assert.equal(f.logLevel, 'info');
  assert.equal(f.logFormat, 'logfmt');
  assert.equal(f.asStrings['data.retention'], '120h0m0s');
  assert.equal(f.asStrings['cluster.pushpull-interval'], '1m0s');
  assert.equal(f.help, false);
  assert.equal(f.version, false);
});

test('values, repeated flags and cluster flags', () => {
  const f = parseAlertmanagerFlags([
    '--config.file',
    'am.yml',
    '--storage.path=/tmp/x',
    '--data.retention=1h30m',
    '--data.maintenance-interval=10s',
    '--alerts.gc-interval=500ms',
    '--web.listen-address=127.0.0.1:1',
    '--web.listen-address=127.0.0.1:2',
    '--web.external-url=http://am.example/sub/',
    '--web.route-prefix=/x',
    '--web.get-concurrency=3',
    '--web.timeout=2s',
    '--cluster.listen-address=',
    '--cluster.peer=a:1',
    '--cluster.peer=b:1',
    '--cluster.allow-insecure-public-advertise-address-discovery',
    '--log.level=debug',
    '--log.format=json',
  ]);
  assert.equal(f.configFile, 'am.yml');
  assert.equal(f.storagePath, '/tmp/x');
  assert.equal(f.retention, 5_400_000);
  assert.equal(f.maintenanceInterval, 10_000);
  assert.equal(f.alertGCInterval, 500);
  assert.deepEqual(f.listenAddresses, ['127.0.0.1:1', '127.0.0.1:2']);
  assert.equal(f.externalUrl, 'http://am.example/sub/');
  assert.equal(f.routePrefix, '/x');
  assert.equal(f.getConcurrency, 3);
  assert.equal(f.httpTimeout, 2000);
  assert.equal(f.clusterListenAddress, '');
  assert.deepEqual(f.clusterPeers, ['a:1', 'b:1']);
  assert.equal(f.logLevel, 'debug');
  assert.equal(f.logFormat, 'json');
});

test('kingpin errors: unknown flag, missing argument, stray argument, bad values', () => {
  assert.throws(() => parseAlertmanagerFlags(['--foo']), (e: unknown) => e instanceof FlagSyntaxError && e.message === "unknown long flag '--foo'");
  assert.throws(
    () => parseAlertmanagerFlags(['--web.listen-address']),
    (e: unknown) => e instanceof FlagSyntaxError && e.message === "expected argument for flag '--web.listen-address'",
  );
  assert.throws(() => parseAlertmanagerFlags(['extra']), (e: unknown) => e instanceof FlagSyntaxError && e.message === 'unexpected extra');
  assert.throws(() => parseAlertmanagerFlags(['--data.retention=xx']), (e: unknown) => e instanceof FlagValueError && e.message === 'time: invalid duration "xx"');
  assert.throws(
    () => parseAlertmanagerFlags(['--data.retention=5d']),
    (e: unknown) => e instanceof FlagValueError && e.message === 'time: unknown unit "d" in duration "5d"',
  );
  assert.throws(() => parseAlertmanagerFlags(['--log.level=xx']), (e: unknown) => e instanceof FlagValueError && e.message === 'unrecognized log level "xx"');
  assert.throws(
    () => parseAlertmanagerFlags(['--web.get-concurrency=x']),
    (e: unknown) => e instanceof FlagValueError && e.message === 'strconv.ParseFloat: parsing "x": invalid syntax',
  );
});

test('--help and --version are recognised; the usage lists the flags as kingpin v2', () => {
  assert.equal(parseAlertmanagerFlags(['--help']).help, true);
  assert.equal(parseAlertmanagerFlags(['-h', '--data.retention=bad']).help, true);
  assert.equal(parseAlertmanagerFlags(['--version']).version, true);
  const u = alertmanagerUsage('alertmanager');
  assert.match(u, /^usage: alertmanager \[<flags>\]\n/);
  assert.match(u, /\n {2}-h, --help {21}Show context-sensitive help \(also try\n/);
  assert.match(u, /\n {6}--config\.file="alertmanager\.yml" {2}\n {33}Alertmanager configuration file name\.\n/);
  assert.match(u, /\n {6}--data\.retention=120h {6}How long to keep data for\.\n/);
  assert.match(u, /\n {6}--web\.listen-address=:9093 \.\.\. {2}\n/);
  assert.match(u, /\n {6}--web\.config\.file="" {7}\[EXPERIMENTAL\]/);
  assert.match(u, /\n {6}--version {18}Show application version\.\n\n$/);
});

test('durations parse as Go time.ParseDuration', () => {
  assert.equal(parseFlagDuration('0'), 0);
  assert.equal(parseFlagDuration('1h2m3s'), 3_723_000);
  assert.equal(parseFlagDuration('250ms'), 250);
  assert.throws(() => parseFlagDuration('1'), /missing unit/);
});

test('external URL and route prefix as extURL', () => {
  const host = (): string => 'myhost';
  assert.deepEqual(alertmanagerExternalURL('', ':9093', host), { text: 'http://myhost:9093', path: '' });
  assert.deepEqual(alertmanagerExternalURL('', '127.0.0.1:1234', host), { text: 'http://myhost:1234', path: '' });
  assert.deepEqual(alertmanagerExternalURL('https://am.example/sub/path/', ':9093', host), { text: 'https://am.example/sub/path', path: '/sub/path' });
  assert.throws(() => alertmanagerExternalURL('ftp://x/', ':9093', host), { message: `"ftp://x/": invalid "ftp" scheme, only 'http' and 'https' are supported` });
  assert.throws(() => alertmanagerExternalURL('am.example', ':9093', host), { message: `"am.example": invalid "" scheme, only 'http' and 'https' are supported` });
  assert.throws(() => alertmanagerExternalURL('', 'nohostport', host), /missing port in address/);
  const ext = alertmanagerExternalURL('http://x/am/', ':9093', host);
  assert.equal(alertmanagerRoutePrefix('', ext), '/am');
  assert.equal(alertmanagerRoutePrefix('/other/', ext), '/other');
  assert.equal(alertmanagerRoutePrefix('', alertmanagerExternalURL('http://x/', ':9093', host)), '/');
});

test('config hash is the first 48 bits of the MD5, little endian (as upstream reports it)', () => {
  const text = 'route:\n  receiver: web\n  group_wait: 1s\nreceivers:\n  - name: web\n    webhook_configs:\n      - url: http://127.0.0.1:1/hook\n';
  // alertmanager 0.25 reported alertmanager_config_hash 1.99686281695734e+14 for this file.
  assert.equal(configHashValue(text), 199686281695734);
});
