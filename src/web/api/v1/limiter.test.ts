import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QueryGate } from './limiter.js';

test('gate admits up to capacity and queues the rest in order', async () => {
  const g = new QueryGate(2);
  const r1 = await g.acquire();
  const r2 = await g.acquire();
  const order: number[] = [];
  const p3 = g.acquire().then((r) => (order.push(3), r));
  const p4 = g.acquire().then((r) => (order.push(4), r));
  assert.equal(g.inUse, 2);
  assert.equal(g.queued, 2);
  r1();
  r1();
  const r3 = await p3;
  assert.deepEqual(order, [3]);
  r2();
  const r4 = await p4;
  assert.deepEqual(order, [3, 4]);
  r3();
  r4();
  assert.equal(g.inUse, 0);
});

test('a queued request that goes away leaves the line', async () => {
  const g = new QueryGate(1);
  const r1 = await g.acquire();
  const ac = new AbortController();
  const p = g.acquire(ac.signal);
  ac.abort();
  await assert.rejects(p, /query was canceled in queue/);
  assert.equal(g.queued, 0);
  r1();
  assert.equal(g.inUse, 0);
});
