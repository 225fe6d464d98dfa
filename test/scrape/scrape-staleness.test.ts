/**
 * End to end: staleness. A series gone from a target gets StaleNaN at the next scrape; a target
 * that goes away gets stale markers for all its series and the synthetic ones about two
 * intervals later; a reload that keeps the cache writes none; the manager's stop writes none
 * (upstream presumes a restart) unless staleMarkersOnStop is set.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStaleNaN } from '../../src/model/value/index.js';
import { dump, group, harness, startServer, textHandler, waitFor } from './harness.js';

function staleCount(h: ReturnType<typeof harness>, name?: string): number {
  let n = 0;
  for (const s of dump(h.storage, name).values()) for (const x of s) if (isStaleNaN(x.v)) n++;
  return n;
}

test('a disappearing series and a removed target get stale markers', { timeout: 20_000 }, async () => {
  let withB = true;
  const srv = await startServer(textHandler(() => (withB ? 'a 1\nb 2\n' : 'a 1\n')));
  const h = harness();
  try {
    await h.start([{ job_name: 'j', scrape_interval: 150, scrape_timeout: 100 }], { j: [group('s', [srv.address])] });
    await waitFor('b scraped', () => dump(h.storage, 'b').size === 1);
    withB = false;
    await waitFor('b stale', () => staleCount(h, 'b') === 1);
    const b = [...dump(h.storage, 'b').values()][0] ?? [];
    const last = b[b.length - 1];
    const upTimes = ([...dump(h.storage, 'up').values()][0] ?? []).map((s) => s.t);
    assert.ok(last !== undefined && upTimes.includes(last.t), 'marker at a scrape timestamp');
    assert.equal(staleCount(h, 'a'), 0);
    // The target goes away: markers for a and every synthetic series ~2 intervals later.
    const removedAt = Date.now();
    await h.manager.sync(new Map([['j', []]]));
    await waitFor('end-of-run markers', () => staleCount(h, 'a') === 1 && staleCount(h, 'up') === 1, 3000);
    assert.ok(Date.now() - removedAt >= 150, 'markers wait for the next intervals');
    for (const n of ['scrape_duration_seconds', 'scrape_samples_scraped', 'scrape_samples_post_metric_relabeling', 'scrape_series_added']) {
      assert.equal(staleCount(h, n), 1, n);
    }
  } finally {
    await h.stop();
    await srv.close();
  }
});

test('manager stop writes no markers by default, and all of them with staleMarkersOnStop', async () => {
  for (const flag of [false, true]) {
    const srv = await startServer(textHandler(() => 'a 1\n'));
    const h = harness({ staleMarkersOnStop: flag });
    await h.start([{ job_name: 'j', scrape_interval: 150, scrape_timeout: 100 }], { j: [group('s', [srv.address])] });
    await waitFor('scraped', () => dump(h.storage, 'a').size === 1);
    await h.stop();
    await srv.close();
    assert.equal(staleCount(h), flag ? 6 : 0, `staleMarkersOnStop=${String(flag)}`);
  }
});

test('reload with a cache-neutral change keeps series state; a removed job stops', { timeout: 20_000 }, async () => {
  let n = 0;
  const srv = await startServer(textHandler(() => `a ${++n}\n`));
  const h = harness();
  try {
    await h.start(
      [
        { job_name: 'j', scrape_interval: 150, scrape_timeout: 100 },
        { job_name: 'k', scrape_interval: 150, scrape_timeout: 100 },
      ],
      { j: [group('s', [srv.address])], k: [group('s', [srv.address])] },
    );
    await waitFor('scraped', () => dump(h.storage, 'a').size === 2);
    const before = onlyUp(h);
    await h.manager.applyConfig({ scrape_configs: [{ job_name: 'j', scrape_interval: 150, scrape_timeout: 100, sample_limit: 100 }] });
    assert.deepEqual(h.manager.scrapePools(), ['j']);
    await waitFor('more scrapes', () => onlyUp(h) >= before + 3);
    const added = ([...dump(h.storage, 'scrape_series_added').entries()].find(([k]) => k.includes('job="j"'))?.[1] ?? []).map((s) => s.v);
    assert.equal(added.filter((v) => v > 0).length, 1, `series added once: ${added.join(',')}`);
    assert.equal(staleCount(h, 'a'), 0, 'no stale markers across the reload (k is stopped without markers)');
    assert.equal(h.manager.targetsActive().get('j')?.[0]?.health, 'up');
  } finally {
    await h.stop();
    await srv.close();
  }
});

function onlyUp(h: ReturnType<typeof harness>): number {
  return ([...dump(h.storage, 'up').entries()].find(([k]) => k.includes('job="j"'))?.[1] ?? []).length;
}

test('target_limit fails every scrape of the pool', async () => {
  const s1 = await startServer(textHandler(() => 'a 1\n'));
  const s2 = await startServer(textHandler(() => 'a 1\n'));
  const h = harness();
  try {
    await h.start([{ job_name: 'j', scrape_interval: 150, scrape_timeout: 100, target_limit: 1 }], { j: [group('s', [s1.address, s2.address])] });
    await waitFor('reports', () => (h.manager.targetsActive().get('j') ?? []).every((t) => t.health === 'down'));
    for (const t of h.manager.targetsActive().get('j') ?? []) {
      assert.equal(t.lastError?.message, 'target_limit exceeded (number of targets: 2, limit: 1)');
    }
    assert.equal(dump(h.storage, 'a').size, 0);
  } finally {
    await h.stop();
    await s1.close();
    await s2.close();
  }
});
