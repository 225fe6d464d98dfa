import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { hashModulo, md5Low64 } from './md5.js';

test('md5Low64 agrees with node:crypto for lengths around the block boundaries', () => {
  const samples: string[] = ['', 'baz', 'foo\nbar', 'ünïcødé ✓ 𝄞', '10.132.183.40:80'];
  for (let n = 0; n < 200; n++) samples.push('x'.repeat(n), 'é'.repeat(n));
  for (const s of samples) {
    const d = createHash('md5').update(s, 'utf8').digest();
    assert.deepEqual(md5Low64(s), [d.readUInt32BE(8), d.readUInt32BE(12)], JSON.stringify(s));
  }
});

test('hashModulo over small and large moduli', () => {
  for (const s of ['baz', 'a', 'some-long-address.example.com:9100']) {
    const v = createHash('md5').update(s).digest().readBigUInt64BE(8);
    for (const m of [1, 3, 1000, 0x200000, 0x200001, 2 ** 40, 2 ** 52]) {
      assert.equal(hashModulo(s, m), (v % BigInt(m)).toString(), `${s} % ${m}`);
    }
  }
});
