import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32c, Decbuf, Encbuf } from './index.js';

test('crc32c matches the standard check value', () => {
  assert.equal(crc32c(new TextEncoder().encode('123456789')), 0xe3069283);
  const b = new Uint8Array(1000).map((_, i) => (i * 7) & 0xff);
  assert.equal(crc32c(b, 500, 1000, crc32c(b, 0, 500)), crc32c(b));
});

test('varints, fixed ints and strings round-trip', () => {
  const e = new Encbuf(4);
  const nums = [0, 1, 127, 128, 300, 2 ** 31, 2 ** 53 - 1];
  for (const n of nums) e.putUvarint(n);
  for (const n of [0, -1, 1, -64, 64, -(2 ** 40), 2 ** 40]) e.putVarint(n);
  e.putBE32(0xdeadbeef);
  e.putBE64(1234567890123);
  e.putUvarintStr('héllo');
  const d = new Decbuf(e.get());
  for (const n of nums) assert.equal(d.uvarint(), n);
  for (const n of [0, -1, 1, -64, 64, -(2 ** 40), 2 ** 40]) assert.equal(d.varint(), n);
  assert.equal(d.be32(), 0xdeadbeef);
  assert.equal(d.be64(), 1234567890123);
  assert.equal(d.uvarintStr(), 'héllo');
  assert.equal(d.err, null);
  d.be32();
  assert.ok(d.err);
});

test('Encbuf.putUvarintStr: ASCII fast path and UTF-8 give the uvarint length and bytes', () => {
  const cases = ['', 'a', 'node_cpu_seconds_total', 'x'.repeat(127), 'y'.repeat(128), 'x'.repeat(300), 'héllo', 'ascii then ü', '日本語', '\u{1F600}'];
  for (const s of cases) {
    const e = new Encbuf(1);
    e.putByte(7);
    e.putUvarintStr(s);
    e.putByte(9);
    const want = new TextEncoder().encode(s);
    const d = new Decbuf(e.get());
    assert.equal(d.byte(), 7);
    assert.equal(d.uvarint(), want.length, s);
    assert.deepEqual(d.bytes(want.length), want, s);
    assert.equal(d.byte(), 9);
  }
});
