import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Labels } from '../../model/labels/index.js';
import { fingerprint, fingerprintString } from './fingerprint.js';

/** FNV-1a 64 the plain way, on BigInt, as the reference. */
function reference(labels: Labels): string {
  let h = 0xcbf29ce484222325n;
  const add = (b: number): void => {
    h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  };
  labels.forEach((n, v) => {
    for (const b of Buffer.from(n)) add(b);
    add(0xff);
    for (const b of Buffer.from(v)) add(b);
    add(0xff);
  });
  return h.toString(16).padStart(16, '0');
}

test('fingerprint: known values of model.LabelSet.Fingerprint', () => {
  assert.equal(fingerprintString(Labels.EMPTY), 'cbf29ce484222325');
  assert.equal(fingerprint(Labels.EMPTY), 0xcbf29ce484222325n);
});

test('fingerprint: the limb arithmetic agrees with BigInt FNV-1a on random label sets', () => {
  let seed = 7;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const alphabet = ['a', 'b', 'z', '_', '0', 'é', '日', '\u{1F600}', ' ', '"', '\xff'];
  const str = (): string => Array.from({ length: rnd(12) }, () => alphabet[rnd(alphabet.length)]).join('');
  for (let i = 0; i < 2000; i++) {
    const o: Record<string, string> = {};
    for (let k = rnd(6); k > 0; k--) o[`l${rnd(20)}`] = str();
    const ls = Labels.fromObject(o);
    assert.equal(fingerprintString(ls), reference(ls), JSON.stringify(o));
  }
});
