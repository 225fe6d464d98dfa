import { test } from 'node:test';
import assert from 'node:assert/strict';
import { truncateInBytes, truncateInRunes } from './truncate.js';

// The cases of upstream's TestTruncate (notify/util_test.go, Alertmanager 0.25).
const CASES: ReadonlyArray<{ in: string; n: number; runes: [string, boolean]; bytes: [string, boolean] }> = [
  { in: '', n: 5, runes: ['', false], bytes: ['', false] },
  { in: 'abcde', n: 2, runes: ['ab', true], bytes: ['..', true] },
  { in: 'abcde', n: 4, runes: ['abc…', true], bytes: ['a…', true] },
  { in: 'abcde', n: 5, runes: ['abcde', false], bytes: ['abcde', false] },
  { in: 'abcdefgh', n: 5, runes: ['abcd…', true], bytes: ['ab…', true] },
  { in: 'a⌘cde', n: 5, runes: ['a⌘cde', false], bytes: ['a…', true] },
  { in: 'a⌘cdef', n: 5, runes: ['a⌘cd…', true], bytes: ['a…', true] },
  { in: '世界cdef', n: 3, runes: ['世界c', true], bytes: ['…', true] },
  {
    in: '❤️✅🚀🔥❌❤️✅🚀🔥❌❤️✅🚀🔥❌❤️✅🚀🔥❌',
    n: 19,
    runes: ['❤️✅🚀🔥❌❤️✅🚀🔥❌❤️✅🚀🔥❌…', true],
    bytes: ['❤️✅🚀…', true],
  },
];

test('truncateInRunes and truncateInBytes cut as Alertmanager 0.25 does', () => {
  for (const c of CASES) {
    assert.deepEqual(truncateInRunes(c.in, c.n), c.runes, `runes ${c.in} ${c.n}`);
    assert.deepEqual(truncateInBytes(c.in, c.n), c.bytes, `bytes ${c.in} ${c.n}`);
  }
});

test('astral characters count as one rune each', () => {
  assert.deepEqual(truncateInRunes('🚀🚀🚀🚀🚀', 5), ['🚀🚀🚀🚀🚀', false]);
  assert.deepEqual(truncateInRunes('🚀🚀🚀🚀🚀🚀', 5), ['🚀🚀🚀🚀…', true]);
  assert.deepEqual(truncateInBytes('🚀🚀', 7), ['🚀…', true]);
});
