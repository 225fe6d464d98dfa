import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FileSDConfig, SDConfig, StaticSDConfig } from '../config/index.js';
import { Labels } from '../model/labels/index.js';
import { FakeClock } from './fake-clock.js';
import { deepEqual, DiscoveryManager } from './manager.js';
import type { Discoverer, DiscoveryLogger, TargetGroup } from './targetgroup/index.js';

/** A discoverer the test drives: send() pushes groups; it records starts and stops. */
class FakeDiscoverer implements Discoverer {
  runs = 0;
  stopped = 0;
  private up: ((g: TargetGroup[]) => void) | null = null;
  constructor(private readonly initial: TargetGroup[]) {}
  run(signal: AbortSignal, up: (groups: TargetGroup[]) => void): Promise<void> {
    this.runs++;
    this.up = up;
    up(this.initial);
    return new Promise((resolve) =>
      signal.addEventListener(
        'abort',
        () => {
          this.stopped++;
          resolve();
        },
        { once: true },
      ),
    );
  }
  send(groups: TargetGroup[]): void {
    this.up?.(groups);
  }
}

function group(source: string, ...addrs: string[]): TargetGroup {
  return { source, targets: addrs.map((a) => Labels.fromObject({ __address__: a })), labels: Labels.EMPTY };
}

function fileCfg(name: string): FileSDConfig {
  return { mechanism: 'file', files: [name], refresh_interval: 60_000 };
}

interface Harness {
  clock: FakeClock;
  mgr: DiscoveryManager;
  updates: Array<{ at: number; all: Map<string, TargetGroup[]> }>;
  discoverers: Map<string, FakeDiscoverer>;
  logs: string[];
}

function harness(groupsFor: (cfg: SDConfig) => TargetGroup[] = () => []): Harness {
  const clock = new FakeClock();
  const discoverers = new Map<string, FakeDiscoverer>();
  const logs: string[] = [];
  const logger: DiscoveryLogger = {
    info: (m) => logs.push(m),
    warn: (m) => logs.push(m),
    error: (m) => logs.push(m),
  };
  const mgr = new DiscoveryManager({
    clock,
    logger,
    random: () => 0.5,
    newDiscoverer: (cfg) => {
      const d = new FakeDiscoverer(groupsFor(cfg));
      discoverers.set(JSON.stringify(cfg), d);
      return d;
    },
  });
  const updates: Harness['updates'] = [];
  mgr.onUpdate((all) => updates.push({ at: clock.now(), all }));
  return { clock, mgr, updates, discoverers, logs };
}

function addresses(all: Map<string, TargetGroup[]> | undefined, job: string): string[] {
  return (all?.get(job) ?? []).flatMap((g) => g.targets.map((t) => t.get('__address__'))).sort();
}

test('first update at once, later ones throttled by the backoff up to 5 s', async () => {
  const h = harness((cfg) => [group('g', (cfg as FileSDConfig).files[0] ?? '')]);
  h.mgr.run();
  const start = h.clock.now();
  await h.mgr.applyConfig(new Map([['job', [fileCfg('a:1')]]]));
  h.clock.advance(100);
  assert.equal(h.updates.length, 1);
  assert.equal((h.updates[0]?.at ?? 0) - start, 100);
  assert.deepEqual(addresses(h.updates[0]?.all, 'job'), ['a:1']);

  // A burst of changes: each tick sends at most one update, ticks spread out 150, 225, 337.5, ...
  const d = [...h.discoverers.values()][0];
  assert.ok(d);
  for (let i = 0; i < 60; i++) {
    d.send([group('g', `b:${i}`)]);
    h.clock.advance(250);
  }
  // The last update carries the latest groups once the next tick comes.
  h.clock.advance(5000);
  assert.deepEqual(addresses(h.updates.at(-1)?.all, 'job'), ['b:59']);
  const times = h.updates.map((u) => u.at - start);
  assert.deepEqual(times, [100, 250, 475, 812.5, 1318.75, 2078.125, 3217.1875, 4925.78125, 7488.671875, 11333.0078125, 16333.0078125]);
  await h.mgr.stop();
});

test('backoff starts again from 100 ms after a quiet period', async () => {
  const h = harness(() => [group('g', 'x:1')]);
  h.mgr.run();
  await h.mgr.applyConfig(new Map([['job', [fileCfg('a')]]]));
  h.clock.advance(100);
  assert.equal(h.updates.length, 1);
  h.clock.advance(60_000);
  const d = [...h.discoverers.values()][0];
  d?.send([group('g', 'x:2')]);
  const before = h.clock.now();
  h.clock.advance(200);
  assert.equal(h.updates.length, 2);
  assert.ok((h.updates[1]?.at ?? 0) - before <= 200);
  await h.mgr.stop();
});

test('a provider whose config is gone is stopped and its groups removed', async () => {
  const h = harness((cfg) => [group('g', (cfg as FileSDConfig).files[0] ?? '')]);
  h.mgr.run();
  await h.mgr.applyConfig(new Map([['job', [fileCfg('a:1'), fileCfg('b:1')]]]));
  h.clock.advance(100);
  assert.deepEqual(addresses(h.updates.at(-1)?.all, 'job'), ['a:1', 'b:1']);
  const b = h.discoverers.get(JSON.stringify(fileCfg('b:1')));
  await h.mgr.applyConfig(new Map([['job', [fileCfg('a:1')]]]));
  assert.equal(b?.stopped, 1);
  h.clock.advance(5000);
  assert.deepEqual(addresses(h.updates.at(-1)?.all, 'job'), ['a:1']);
  await h.mgr.stop();
});

test('unchanged configs keep their provider across applyConfig (no restart)', async () => {
  const h = harness((cfg) => [group('g', (cfg as FileSDConfig).files[0] ?? '')]);
  h.mgr.run();
  await h.mgr.applyConfig(new Map([['job', [fileCfg('a:1')]]]));
  h.clock.advance(100);
  const a = h.discoverers.get(JSON.stringify(fileCfg('a:1')));
  // A new job with the same config shares the provider and gets its groups at once.
  await h.mgr.applyConfig(new Map([['job', [fileCfg('a:1')]], ['other', [fileCfg('a:1')]]]));
  assert.equal(a?.runs, 1);
  assert.equal(a?.stopped, 0);
  assert.equal(h.discoverers.size, 1);
  h.clock.advance(5000);
  assert.deepEqual(addresses(h.updates.at(-1)?.all, 'other'), ['a:1']);
  assert.deepEqual(h.mgr.providers().map((p) => [...p.jobs].sort()), [['job', 'other']]);
  // Dropping the first job keeps the provider for the second.
  await h.mgr.applyConfig(new Map([['other', [fileCfg('a:1')]]]));
  assert.equal(a?.stopped, 0);
  h.clock.advance(5000);
  const last = h.updates.at(-1)?.all;
  assert.equal(last?.has('job'), false);
  assert.deepEqual(addresses(last, 'other'), ['a:1']);
  await h.mgr.stop();
  assert.equal(a?.stopped, 1);
});

test('an empty group removes its source; jobs without configs get an empty list', async () => {
  const h = harness((cfg) => (cfg.mechanism === 'file' ? [group('s1', 'a:1'), group('s2', 'b:1')] : []));
  h.mgr.run();
  await h.mgr.applyConfig(new Map<string, SDConfig[]>([['job', [fileCfg('f')]], ['empty', []]]));
  h.clock.advance(100);
  assert.deepEqual(addresses(h.updates.at(-1)?.all, 'job'), ['a:1', 'b:1']);
  assert.deepEqual(h.updates.at(-1)?.all.get('empty'), []);
  [...h.discoverers.values()][0]?.send([group('s1')]);
  h.clock.advance(5000);
  assert.deepEqual(addresses(h.updates.at(-1)?.all, 'job'), ['b:1']);
  await h.mgr.stop();
});

test('static configs and unsupported mechanisms through the built-in discoverers', async () => {
  const clock = new FakeClock();
  const warnings: string[] = [];
  const mgr = new DiscoveryManager({
    clock,
    random: () => 0.5,
    logger: { info: () => {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) },
  });
  const updates: Array<Map<string, TargetGroup[]>> = [];
  mgr.onUpdate((all) => updates.push(all));
  mgr.run();
  const statics: StaticSDConfig = {
    mechanism: 'static',
    groups: [{ source: '0', targets: [Labels.fromObject({ __address__: 'localhost:9090' })], labels: Labels.fromObject({ env: 'x' }) }],
  };
  const consul = { mechanism: 'consul' } as unknown as SDConfig;
  await mgr.applyConfig(new Map([['a', [statics, consul]], ['b', [consul]]]));
  await new Promise((r) => setImmediate(r));
  clock.advance(100);
  const all = updates.at(-1);
  assert.deepEqual(all?.get('a')?.map((g) => [g.source, g.labels.get('env'), g.targets[0]?.get('__address__')]), [['0', 'x', 'localhost:9090']]);
  assert.deepEqual(all?.get('b'), []);
  assert.deepEqual(warnings, ['consul service discovery is not supported by Vigil; no targets']);
  await mgr.stop();
});

test('a config that cannot build a discoverer is logged and counted', async () => {
  const mgr = new DiscoveryManager({ clock: new FakeClock(), logger: { info: () => {}, warn: () => {}, error: () => {} } });
  const docker = { mechanism: 'docker', host: 'ftp://nope', refresh_interval: 1000 } as unknown as SDConfig;
  await mgr.applyConfig(new Map([['j', [docker]]]));
  assert.equal(mgr.failedConfigs, 1);
  // The job still gets a provider (the empty static config), so it is told it has no targets.
  assert.deepEqual(mgr.allGroups().get('j'), []);
  await mgr.stop();
});

test('deepEqual compares configs structurally', () => {
  assert.equal(deepEqual({ a: [1, { b: Labels.fromObject({ x: 'y' }) }] }, { a: [1, { b: Labels.fromObject({ x: 'y' }) }] }), true);
  assert.equal(deepEqual({ a: [1] }, { a: [2] }), false);
  assert.equal(deepEqual({ a: 1 }, { a: 1, b: undefined }), false);
  assert.equal(deepEqual(Labels.fromObject({ x: 'y' }), Labels.fromObject({ x: 'z' })), false);
});
