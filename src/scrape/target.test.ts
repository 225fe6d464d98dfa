import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Labels } from '../model/labels/index.js';
import { newRelabelConfig } from '../model/relabel/index.js';
import { formatModelDuration, parseModelDuration } from './duration.js';
import { populateLabels } from './populate-labels.js';
import { resolveScrapeConfig, reusableCache } from './scrape-config.js';
import { Target } from './target.js';
import { targetsFromGroup } from './target-group.js';
import { labelsHash, xxhash64 } from '../model/labels/index.js';
import { acceptHeader } from './accept-header.js';

const cfg = resolveScrapeConfig({ job_name: 'job', scheme: 'https', metrics_path: '/metrics', scrape_interval: 1000, scrape_timeout: 1000 });

function obj(l: Labels | null): Record<string, string> | null {
  return l === null ? null : l.toObject();
}

test('populateLabels fills config defaults and instance', () => {
  const res = populateLabels(cfg, Labels.fromObject({ __address__: '1.2.3.4:1000', custom: 'value' }), Labels.EMPTY);
  assert.deepEqual(obj(res), {
    __address__: '1.2.3.4:1000',
    __always_scrape_classic_histograms__: 'false',
    __convert_classic_histograms_to_nhcb__: 'false',
    __metrics_path__: '/metrics',
    __scheme__: 'https',
    __scrape_interval__: '1s',
    __scrape_native_histograms__: 'false',
    __scrape_timeout__: '1s',
    custom: 'value',
    instance: '1.2.3.4:1000',
    job: 'job',
  });
  const own = populateLabels(
    cfg,
    Labels.fromObject({ __address__: '1.2.3.4', __scheme__: 'http', job: 'custom-job', __scrape_interval__: '2s', __scrape_timeout__: '2s', __meta_x: 'y' }),
    Labels.fromObject({ job: 'group-job', g: 'v' }),
  );
  assert.equal(own?.get('job'), 'custom-job');
  assert.equal(own?.get('g'), 'v');
  assert.equal(own?.get('__scheme__'), 'http');
  assert.equal(own?.has('__meta_x'), false);
});

test('populateLabels errors as upstream', () => {
  const err = (t: Record<string, string>, c = cfg): string => {
    try {
      populateLabels(c, Labels.fromObject(t), Labels.EMPTY);
      return 'no error';
    } catch (e) {
      return (e as Error).message;
    }
  };
  assert.equal(err({ custom: 'value' }), 'no address');
  assert.equal(err({ __address__: 'http://x:1/metrics' }), '"http://x:1/metrics" is not a valid hostname');
  assert.equal(err({ __address__: 'a:1', custom: '\udcbd' }), 'invalid label value for "custom": "\\xbd"');
  assert.equal(err({ __address__: 'a:1', __scrape_interval__: '2notseconds' }), 'error parsing scrape interval: unknown unit "notseconds" in duration "2notseconds"');
  assert.equal(err({ __address__: 'a:1', __scrape_timeout__: '2notseconds' }), 'error parsing scrape timeout: unknown unit "notseconds" in duration "2notseconds"');
  assert.equal(err({ __address__: 'a:1', __scrape_interval__: '0s' }), 'scrape interval cannot be 0');
  assert.equal(err({ __address__: 'a:1', __scrape_timeout__: '0s' }), 'scrape timeout cannot be 0');
  assert.equal(err({ __address__: 'a:1', __scrape_timeout__: '2s' }), 'scrape timeout cannot be greater than scrape interval ("2s" > "1s")');
  assert.equal(
    err({ __address__: 'a:1', __convert_classic_histograms_to_nhcb__: 'maybe' }),
    'error parsing convert classic histograms to nhcb: strconv.ParseBool: parsing "maybe": invalid syntax',
  );
});

test('relabeling can add the address or drop the target', () => {
  const c = resolveScrapeConfig({
    job_name: 'job',
    relabel_configs: [
      newRelabelConfig({ source_labels: ['custom'], target_label: '__address__', replacement: '${1}' }),
      newRelabelConfig({ action: 'drop', source_labels: ['custom'], regex: 'drop.*' }),
    ],
  });
  assert.equal(populateLabels(c, Labels.fromObject({ custom: 'host:1234' }), Labels.EMPTY)?.get('instance'), 'host:1234');
  assert.equal(populateLabels(c, Labels.fromObject({ custom: 'drop:1' }), Labels.EMPTY), null);
  const { targets, failures } = targetsFromGroup(
    { source: 'src', targets: [Labels.fromObject({ custom: 'drop:1' }), Labels.fromObject({ x: 'y' })], labels: Labels.EMPTY },
    c,
  );
  assert.equal(targets.length, 1);
  assert.equal(targets[0]?.labels.isEmpty(), true);
  assert.equal(targets[0]?.discoveredLabels().get('custom'), 'drop:1');
  assert.deepEqual(failures.map((e) => e.message), ['instance 1 in group src: no address']);
});

test('target URL as Go prints it', () => {
  const c = resolveScrapeConfig({ job_name: 'j', params: { abc: ['foo', 'bar', 'baz'], xyz: ['hoo'] } });
  const t = new Target(
    Labels.fromObject({ __address__: 'example.com:1234', __scheme__: 'https', __metrics_path__: '/metricz', __param_abc: 'overwrite', __param_cde: 'huu a&b' }),
    c,
    Labels.EMPTY,
    Labels.EMPTY,
  );
  assert.equal(t.url(), 'https://example.com:1234/metricz?abc=overwrite&abc=bar&abc=baz&cde=huu+a%26b&xyz=hoo');
});

test('hashes, offsets, durations, accept header', () => {
  assert.equal(xxhash64(Buffer.from('abc')).toString(16), '44bc2cf5ad770999');
  assert.equal(xxhash64(Buffer.from('Nobody inspects the spammish repetition')).toString(16), 'fbcea83c8a378bf1');
  assert.notEqual(labelsHash(Labels.fromObject({ a: 'b' })), labelsHash(Labels.fromObject({ a: 'c' })));
  const t = new Target(Labels.fromObject({ __address__: 'a:1', __scheme__: 'http', __metrics_path__: '/m' }), cfg, Labels.EMPTY, Labels.EMPTY);
  for (const now of [0, 1234, 99_999]) {
    const off = t.offset(10_000, 0n, now);
    assert.ok(off >= 0 && off <= 10_000);
    // Pinned to absolute time: the first scrape lands at the same phase.
    assert.equal((now + off) % 10_000, (0 + t.offset(10_000, 0n, 0)) % 10_000);
  }
  assert.equal(formatModelDuration(90_000), '1m30s');
  assert.equal(formatModelDuration(0), '0s');
  assert.equal(formatModelDuration(7 * 86_400_000), '1w');
  assert.equal(formatModelDuration(8 * 86_400_000), '8d');
  assert.equal(parseModelDuration('1h30m'), 5_400_000);
  assert.throws(() => parseModelDuration('1.5s'), /unknown unit "." in duration "1.5s"/);
  assert.equal(
    acceptHeader(['PrometheusText0.0.4'], 'allow-utf-8'),
    'text/plain;version=0.0.4;q=0.6,*/*;q=0.5',
  );
  assert.equal(reusableCache({ job_name: 'a', scrape_interval: 1 }, { job_name: 'a', scrape_interval: 2, tls_config: {} }), true);
  assert.equal(reusableCache({ job_name: 'a' }, { job_name: 'a', honor_labels: true }), false);
});
