/**
 * End to end: real HTTP targets on loopback scraped by the ScrapeManager into memory storage.
 * Samples and synthetic series, negotiation headers, gzip, OpenMetrics vs text, honor_labels,
 * honor_timestamps, relabeling, params and the target state the API shows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { newRelabelConfig } from '../../src/model/relabel/index.js';
import { dump, group, harness, latest, onlyTarget, startServer, textHandler, waitFor } from './harness.js';

test('scrapes a text target: samples, synthetic series, headers and target state', async () => {
  let n = 0;
  const srv = await startServer(textHandler(() => `# TYPE requests_total counter\nrequests_total{path="/"} ${++n}\ntemp 21.5\n`));
  const h = harness();
  try {
    await h.start([{ job_name: 'app', scrape_interval: 200, scrape_timeout: 150 }], { app: [group('static/0', [srv.address], { env: 'test' })] });
    await waitFor('three scrapes', () => n >= 3);
    await waitFor('commit', () => (dump(h.storage, 'up').values().next().value?.length ?? 0) >= 3);
    const base = { instance: srv.address, job: 'app', env: 'test' };
    assert.equal(latest(h.storage, { __name__: 'up', ...base }), 1);
    assert.equal(latest(h.storage, { __name__: 'scrape_samples_scraped', ...base }), 2);
    assert.equal(latest(h.storage, { __name__: 'scrape_samples_post_metric_relabeling', ...base }), 2);
    assert.equal(latest(h.storage, { __name__: 'temp', ...base }), 21.5);
    const added = dump(h.storage, 'scrape_series_added').values().next().value ?? [];
    assert.deepEqual(added.slice(0, 2).map((s) => s.v), [2, 0]);
    const dur = latest(h.storage, { __name__: 'scrape_duration_seconds', ...base }) ?? -1;
    assert.ok(dur >= 0 && dur < 1);
    const req = srv.requests[0];
    assert.equal(
      req?.headers['accept'],
      'application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2',
    );
    assert.equal(req?.headers['accept-encoding'], 'gzip');
    assert.equal(req?.headers['x-prometheus-scrape-timeout-seconds'], '0.15');
    assert.match(req?.headers['user-agent'] ?? '', /^Vigil\//);
    assert.equal(req?.url, '/metrics');
    const t = onlyTarget(h, 'app');
    assert.equal(t.health, 'up');
    assert.equal(t.lastError, null);
    assert.ok(t.lastScrape > 0 && t.lastScrapeDuration >= 0);
    assert.equal(t.url(), `http://${srv.address}/metrics`);
    assert.deepEqual(t.publicLabels().toObject(), base);
    assert.equal(t.discoveredLabels().get('__address__'), srv.address);
    assert.equal(t.discoveredLabels().get('__scrape_interval__'), '200ms');
    assert.equal(t.interval, 200);
    assert.equal(t.getMetadata('requests_total')?.type, 'counter');
  } finally {
    await h.stop();
    await srv.close();
  }
});

test('gzip bodies, OpenMetrics by Content-Type, params, metrics_path and protocol choice', async () => {
  const om = '# TYPE build info\nbuild_info{version="1"} 1\n# TYPE c counter\nc_total 5\nc_created 1700000000\n# EOF\n';
  const srv = await startServer((req, res) => {
    if (req.url?.startsWith('/om')) {
      res.writeHead(200, { 'Content-Type': 'application/openmetrics-text; version=1.0.0; charset=utf-8', 'Content-Encoding': 'gzip' });
      res.end(gzipSync(om));
    } else {
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
      res.end(`q_param{q="${new URL(req.url ?? '/', 'http://x').searchParams.get('module') ?? ''}"} 1\n`);
    }
  });
  const h = harness();
  try {
    await h.start(
      [
        { job_name: 'om', scrape_interval: 200, scrape_timeout: 100, metrics_path: '/om' },
        { job_name: 'params', scrape_interval: 200, scrape_timeout: 100, params: { module: ['a', 'b'] }, scrape_protocols: ['PrometheusText0.0.4'], enable_compression: false },
      ],
      { om: [group('s', [srv.address])], params: [group('s', [srv.address])] },
    );
    await waitFor('both scraped', () => latest(h.storage, { __name__: 'up', job: 'om', instance: srv.address }) !== undefined && latest(h.storage, { __name__: 'up', job: 'params', instance: srv.address }) !== undefined);
    assert.equal(latest(h.storage, { __name__: 'up', job: 'om', instance: srv.address }), 1);
    assert.equal(latest(h.storage, { __name__: 'build_info', version: '1', job: 'om', instance: srv.address }), 1);
    assert.equal(latest(h.storage, { __name__: 'c_total', job: 'om', instance: srv.address }), 5);
    assert.equal(latest(h.storage, { __name__: 'q_param', q: 'a', job: 'params', instance: srv.address }), 1);
    const preq = srv.requests.find((r) => r.url?.startsWith('/metrics'));
    assert.equal(preq?.url, '/metrics?module=a&module=b');
    assert.equal(preq?.headers['accept'], 'text/plain;version=0.0.4;q=0.6,*/*;q=0.5');
    assert.equal(preq?.headers['accept-encoding'], 'identity');
    assert.equal(onlyTarget(h, 'params').labels.get('__param_module'), 'a');
  } finally {
    await h.stop();
    await srv.close();
  }
});

test('honor_labels, honor_timestamps and metric relabeling', async () => {
  const now = Date.now();
  const body = `m{job="exposed",instance="x"} 1\nts_metric 7 ${now - 60_000}\ndrop_me 1\n`;
  const srv = await startServer(textHandler(() => body));
  const h = harness();
  try {
    const mrc = [
      newRelabelConfig({ action: 'drop', source_labels: ['__name__'], regex: 'drop_.*' }),
      newRelabelConfig({ source_labels: ['__name__'], target_label: 'renamed', replacement: 'yes' }),
    ];
    await h.start(
      [
        { job_name: 'honor', scrape_interval: 200, scrape_timeout: 100, honor_labels: true, honor_timestamps: false },
        { job_name: 'plain', scrape_interval: 200, scrape_timeout: 100, metric_relabel_configs: mrc },
      ],
      { honor: [group('s', [srv.address])], plain: [group('s', [srv.address])] },
    );
    await waitFor('scraped', () => dump(h.storage, 'm').size === 2 && dump(h.storage, 'ts_metric').size === 2);
    const m = [...dump(h.storage, 'm').keys()].sort();
    assert.deepEqual(m, [
      `{__name__="m", exported_instance="x", exported_job="exposed", instance="${srv.address}", job="plain", renamed="yes"}`,
      '{__name__="m", instance="x", job="exposed"}',
    ]);
    for (const [k, s] of dump(h.storage, 'ts_metric')) {
      if (k.includes('job="plain"')) assert.equal(s[0]?.t, now - 60_000);
      else assert.ok((s[0]?.t ?? 0) >= now - 1000);
    }
    assert.equal(dump(h.storage, 'drop_me').size, 1);
    await waitFor('post relabel count', () => latest(h.storage, { __name__: 'scrape_samples_post_metric_relabeling', job: 'plain', instance: srv.address }) !== undefined);
    assert.equal(latest(h.storage, { __name__: 'scrape_samples_scraped', job: 'plain', instance: srv.address }), 3);
    assert.equal(latest(h.storage, { __name__: 'scrape_samples_post_metric_relabeling', job: 'plain', instance: srv.address }), 2);
  } finally {
    await h.stop();
    await srv.close();
  }
});

test('target relabeling, dropped targets and keep_dropped_targets', async () => {
  const srv = await startServer(textHandler(() => 'x 1\n'));
  const h = harness();
  try {
    const rc = [newRelabelConfig({ action: 'keep', source_labels: ['__address__'], regex: '127\\.0\\.0\\.1:.*' })];
    await h.start([{ job_name: 'j', scrape_interval: 200, scrape_timeout: 100, relabel_configs: rc, keep_dropped_targets: 2 }], {
      j: [group('s', [srv.address, 'other:1', 'other:2', 'other:3', 'http://bad/x'])],
    });
    assert.equal(h.manager.targetsActive().get('j')?.length, 1);
    assert.equal(h.manager.targetsDropped().get('j')?.length, 2);
    assert.equal(h.manager.targetsDroppedCounts().get('j'), 4);
    assert.equal(h.manager.targetsDropped().get('j')?.[0]?.discoveredLabels().get('__address__'), 'other:1');
  } finally {
    await h.stop();
    await srv.close();
  }
});

test('a loaded prometheus.yml drives the manager (defaults from the config loader)', async () => {
  const { loadConfig } = await import('../../src/config/index.js');
  const srv = await startServer(textHandler(() => 'from_yaml 1\n'));
  const cfg = loadConfig(
    [
      'global:',
      '  scrape_interval: 200ms',
      '  scrape_timeout: 100ms',
      '  external_labels: {dc: x}',
      'scrape_configs:',
      '  - job_name: yaml',
      '    basic_auth: {username: u, password: p}',
      '    metric_relabel_configs:',
      '      - {source_labels: [__name__], target_label: seen, replacement: "1"}',
      '',
    ].join('\n'),
    '/tmp/prometheus.yml',
  );
  const h = harness();
  try {
    await h.manager.applyConfig(cfg);
    await h.manager.sync(new Map([['yaml', [group('s', [srv.address])]]]));
    await h.manager.run();
    await waitFor('scraped', () => dump(h.storage, 'from_yaml').size === 1);
    assert.deepEqual([...dump(h.storage, 'from_yaml').keys()], [`{__name__="from_yaml", instance="${srv.address}", job="yaml", seen="1"}`]);
    assert.equal(srv.requests[0]?.headers['authorization'], 'Basic ' + Buffer.from('u:p').toString('base64'));
    assert.equal(onlyTarget(h, 'yaml').interval, 200);
  } finally {
    await h.stop();
    await srv.close();
  }
});
