/**
 * $__interval and $__rate_interval follow the Prometheus data source's scrape interval
 * (jsonData.timeInterval), as Grafana's do; 15 s when it is not set.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SCRAPE_INTERVAL_MS, queryInterval, scrapeIntervalOf } from '../../ui/src/dashboards/time-range.js';

const now = Date.UTC(2024, 0, 1);
const hour = { from: now - 3600_000, to: now, raw: { from: 'now-1h', to: 'now' } };
const week = { from: now - 7 * 86400_000, to: now, raw: { from: 'now-7d', to: 'now' } };

test('the scrape interval comes from the default Prometheus data source', () => {
  assert.equal(scrapeIntervalOf([]), DEFAULT_SCRAPE_INTERVAL_MS);
  assert.equal(scrapeIntervalOf([{ type: 'prometheus', isDefault: true }]), 15_000);
  assert.equal(scrapeIntervalOf([{ type: 'prometheus', isDefault: true, timeInterval: '30s' }]), 30_000);
  assert.equal(scrapeIntervalOf([{ type: 'prometheus', isDefault: true, timeInterval: '>1m' }]), 60_000);
  assert.equal(scrapeIntervalOf([{ type: 'prometheus', isDefault: true, timeInterval: 'nonsense' }]), 15_000);
  assert.equal(
    scrapeIntervalOf([
      { type: 'alertmanager', isDefault: true, timeInterval: '1h' },
      { type: 'prometheus', isDefault: false, timeInterval: '5s' },
      { type: 'prometheus', isDefault: false, timeInterval: '10s' },
    ]),
    5_000,
  );
  assert.equal(
    scrapeIntervalOf([
      { type: 'prometheus', isDefault: false, timeInterval: '5s' },
      { type: 'prometheus', isDefault: true, timeInterval: '2m' },
    ]),
    120_000,
  );
});

test('$__interval and $__rate_interval use the scrape interval (timeInterval)', () => {
  // 1h over 1000 points: 3.6 s rounds to 2 s, raised to the scrape interval.
  assert.deepEqual(queryInterval(hour, 1000, '', '', 1, 30_000), { intervalMs: 30_000, stepMs: 30_000, rateIntervalMs: 120_000 });
  assert.deepEqual(queryInterval(hour, 1000, '', '', 1, 5_000), { intervalMs: 5_000, stepMs: 5_000, rateIntervalMs: 20_000 });
  // Without a timeInterval: 15 s as before.
  assert.deepEqual(queryInterval(hour, 1000, ''), { intervalMs: 15_000, stepMs: 15_000, rateIntervalMs: 60_000 });
  // 7d over 500 points: 20 min; rate interval = step + one scrape interval.
  assert.deepEqual(queryInterval(week, 500, '', '', 1, 60_000), { intervalMs: 1_200_000, stepMs: 1_200_000, rateIntervalMs: 1_260_000 });
  // The panel's min interval wins over the scrape interval.
  assert.equal(queryInterval(hour, 1000, '10s', '', 1, 30_000).intervalMs, 10_000);
  assert.equal(queryInterval(hour, 1000, '10s', '', 1, 30_000).rateIntervalMs, 120_000);
});
