import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBase2Bytes, parseBase2Bytes } from './units.js';
import { formatDuration, parseDuration } from './duration.js';
import { parseGoURL, redactURL } from './go-url.js';

test('Base2Bytes parsing and printing', () => {
  assert.equal(parseBase2Bytes('0'), 0);
  assert.equal(parseBase2Bytes('1KB'), 1024);
  assert.equal(parseBase2Bytes('1.5MiB'), 1.5 * 1024 * 1024);
  assert.equal(parseBase2Bytes('-1GB'), -(1024 ** 3));
  assert.throws(() => parseBase2Bytes('100'), { message: 'units: unknown unit  in 100' });
  assert.throws(() => parseBase2Bytes('x'), { message: 'units: invalid x' });
  assert.equal(formatBase2Bytes(15 * 1024 * 1024), '15MiB');
  assert.equal(formatBase2Bytes(1536), '1KiB512B');
  assert.equal(formatBase2Bytes(0), '0B');
  assert.equal(formatBase2Bytes(-(1024 ** 3)), '-1GiB');
});

test('model.Duration parsing and printing', () => {
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration('0'), 0);
  assert.throws(() => parseDuration(''), { message: 'empty duration string' });
  assert.throws(() => parseDuration('1m1h'), { message: 'not a valid duration string: "1m1h"' });
  assert.throws(() => parseDuration('1x'), { message: 'unknown unit "x" in duration "1x"' });
  assert.equal(formatDuration(5_400_000), '1h30m');
  assert.equal(formatDuration(0), '0s');
  assert.equal(formatDuration(7 * 86_400_000), '1w');
});

test("Go's url.Parse acceptance and errors", () => {
  assert.equal(parseGoURL('http://u:p@host:9090/path?q=1#f').host, 'host:9090');
  assert.equal(parseGoURL('localhost:9090').scheme, 'localhost');
  assert.equal(parseGoURL('http://').host, '');
  assert.throws(() => parseGoURL(':foo'), { message: 'parse ":foo": missing protocol scheme' });
  assert.throws(() => parseGoURL('1.2.3.4:80'), { message: 'parse "1.2.3.4:80": first path segment in URL cannot contain colon' });
  assert.throws(() => parseGoURL('http://host:port'), { message: 'parse "http://host:port": invalid port ":port" after host' });
  assert.throws(() => parseGoURL('http://a b'), /invalid character " " in host name/);
  assert.equal(redactURL('http://user:secret@h/x'), 'http://user:xxxxx@h/x');
});
