import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from '../../instrument/index.js';
import { Labels } from '../../model/labels/index.js';
import { Inhibitor } from '../inhibit/index.js';
import { AmMatcher, AmMatchType } from '../labels/index.js';
import { NotificationLog } from '../nflog/index.js';
import { AlertMarker, fingerprintString, Silencer, Silences } from '../silence/index.js';
import { Intervener, parseTimeInterval } from '../timeinterval/index.js';
import type { Alert } from '../types/index.js';
import { NotifyMetrics } from './metrics.js';
import { buildPipeline, type PipelineOptions } from './pipeline.js';
import { MultiError, type Muter } from './stages.js';
import { NotifyError, type Integration, type Notifier, type NotifyContext } from './types.js';

const T0 = Date.parse('2026-03-02T10:00:00Z'); // a Monday
const H = 3600_000;

/** A notifier that records what it is sent and can fail or be slow on demand. */
class RecordingNotifier implements Notifier {
  readonly calls: { at: number; alerts: string[] }[] = [];
  failures: NotifyError[] = [];
  delay = 0;

  async notify(ctx: NotifyContext, alerts: readonly Alert[]): Promise<void> {
    if (this.delay > 0) {
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(resolve, this.delay);
        ctx.signal.addEventListener('abort', () => {
          clearTimeout(t);
          reject(new Error('request canceled'));
        }, { once: true });
      });
    }
    const f = this.failures.shift();
    if (f !== undefined) throw f;
    this.calls.push({ at: performance.now(), alerts: alerts.map((a) => `${a.labels.get('alertname')}${a.endsAt !== 0 ? ':resolved' : ''}`) });
  }

  sent(): string[][] {
    return this.calls.map((c) => c.alerts);
  }
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function integration(receiverName: string, name: string, index: number, notifier: Notifier, sendResolved = true): Integration {
  return { name, index, receiverName, notifier, sendResolved: () => sendResolved };
}

interface Env {
  clock: { t: number };
  nflog: NotificationLog;
  metrics: NotifyMetrics;
  registry: Registry;
  marker: AlertMarker;
  silences: Silences;
  inhibitor: Inhibitor;
  opts: PipelineOptions;
}

const ALLOW: Muter = { mutes: () => false };

function env(receivers: Map<string, Integration[]>, over: Partial<PipelineOptions> = {}, nflog?: NotificationLog): Env {
  const clock = { t: T0 };
  const now = (): number => clock.t;
  const registry = new Registry();
  const metrics = new NotifyMetrics(registry);
  const marker = new AlertMarker();
  const silences = new Silences({ now });
  const rule = {
    sourceMatchers: [new AmMatcher(AmMatchType.Equal, 'severity', 'critical')],
    targetMatchers: [new AmMatcher(AmMatchType.Equal, 'severity', 'warning')],
    equal: ['cluster'],
  };
  const inhibitor = new Inhibitor([rule], { now, marker });
  const log = nflog ?? new NotificationLog({ now });
  const intervener = new Intervener({
    always: [parseTimeInterval({})],
    never: [parseTimeInterval({ years: ['1999'] })],
    mondays: [parseTimeInterval({ weekdays: ['monday'] })],
  });
  const opts: PipelineOptions = {
    receivers,
    inhibitor,
    silencer: new Silencer(silences, marker),
    intervener,
    notificationLog: log,
    metrics,
    now,
    backoff: { initialInterval: 5, randomizationFactor: 0 },
    ...over,
  };
  return { clock, nflog: log, metrics, registry, marker, silences, inhibitor, opts };
}

function alert(labels: Record<string, string>, endsAt = 0): Alert {
  return { labels: Labels.fromObject(labels), annotations: Labels.EMPTY, startsAt: T0 - H, endsAt, generatorURL: '', updatedAt: T0 - H, timeout: false };
}

/** An abort signal with a referenced timer (AbortSignal.timeout's does not keep the test alive). */
function deadline(ms: number): AbortSignal {
  const ac = new AbortController();
  setTimeout(() => ac.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms);
  return ac.signal;
}

function ctx(e: Env, over: Partial<NotifyContext> = {}): NotifyContext {
  return {
    groupKey: '{}:{alertname="A"}',
    routeID: '{}',
    receiverName: 'team',
    groupLabels: Labels.fromObject({ alertname: 'A' }),
    now: e.clock.t,
    repeatInterval: 4 * H,
    muteTimeIntervals: [],
    activeTimeIntervals: [],
    signal: new AbortController().signal,
    ...over,
  };
}

test('the same alerts twice notify once; again after repeat_interval or when a new one fires', async () => {
  const n = new RecordingNotifier();
  const e = env(new Map([['team', [integration('team', 'webhook', 0, n)]]]));
  const p = buildPipeline(e.opts);
  const a = alert({ alertname: 'A' });
  await p.exec(ctx(e), [a]);
  await p.exec(ctx(e), [a]);
  assert.deepEqual(n.sent(), [['A']]);
  e.clock.t += 4 * H - 1;
  await p.exec(ctx(e), [a]);
  assert.equal(n.calls.length, 1);
  e.clock.t += 2;
  await p.exec(ctx(e), [a]);
  assert.equal(n.calls.length, 2);
  await p.exec(ctx(e), [a, alert({ alertname: 'B' })]);
  assert.deepEqual(n.sent()[2], ['A', 'B']);
  // A subset of what was sent is no news.
  await p.exec(ctx(e), [a]);
  assert.equal(n.calls.length, 3);
  const entry = e.nflog.query({ groupName: 'team', integration: 'webhook', idx: 0 }, '{}:{alertname="A"}');
  assert.deepEqual(entry?.firingAlerts, [fingerprintString(a.labels), fingerprintString(Labels.fromObject({ alertname: 'B' }))]);
});

test('resolved alerts with send_resolved', async () => {
  const n = new RecordingNotifier();
  const e = env(new Map([['team', [integration('team', 'webhook', 0, n, true)]]]));
  const p = buildPipeline(e.opts);
  await p.exec(ctx(e), [alert({ alertname: 'A' }), alert({ alertname: 'B' })]);
  e.clock.t += 1000;
  await p.exec(ctx(e), [alert({ alertname: 'A' }), alert({ alertname: 'B' }, e.clock.t - 1)]);
  await p.exec(ctx(e), [alert({ alertname: 'A' }), alert({ alertname: 'B' }, e.clock.t - 1)]);
  await p.exec(ctx(e), [alert({ alertname: 'A' }, e.clock.t - 1), alert({ alertname: 'B' }, e.clock.t - 1)]);
  await p.exec(ctx(e), [alert({ alertname: 'A' }, e.clock.t - 1), alert({ alertname: 'B' }, e.clock.t - 1)]);
  assert.deepEqual(n.sent(), [['A', 'B'], ['A', 'B:resolved'], ['A:resolved', 'B:resolved']]);
});

test('resolved alerts without send_resolved: filtered out, all-resolved logged but not sent', async () => {
  const n = new RecordingNotifier();
  const e = env(new Map([['team', [integration('team', 'webhook', 0, n, false)]]]));
  const p = buildPipeline(e.opts);
  const recv = { groupName: 'team', integration: 'webhook', idx: 0 };
  await p.exec(ctx(e), [alert({ alertname: 'A' }), alert({ alertname: 'B' }, T0 - 1)]);
  assert.deepEqual(n.sent(), [['A']]);
  e.clock.t += 1000;
  // B resolving again or A newly resolved in a mixed group is no news.
  await p.exec(ctx(e), [alert({ alertname: 'A' }), alert({ alertname: 'C' }, T0 - 1)]);
  assert.equal(n.calls.length, 1);
  // Everything resolved: nothing is sent but the log is cleared of firing alerts.
  await p.exec(ctx(e), [alert({ alertname: 'A' }, T0)]);
  assert.equal(n.calls.length, 1);
  assert.deepEqual(e.nflog.query(recv, '{}:{alertname="A"}')?.firingAlerts, []);
  assert.deepEqual(e.nflog.query(recv, '{}:{alertname="A"}')?.resolvedAlerts, [fingerprintString(Labels.fromObject({ alertname: 'A' }))]);
  // Firing again is news.
  await p.exec(ctx(e), [alert({ alertname: 'A' })]);
  assert.equal(n.calls.length, 2);
  assert.equal(e.registry.expose().match(/^alertmanager_notifications_total\{integration="webhook"\} (\d+)$/m)?.[1], '3');
  assert.equal(e.registry.expose().match(/^alertmanager_notification_requests_total\{integration="webhook"\} (\d+)$/m)?.[1], '2');
});

test('only resolved alerts never notified before are not sent', async () => {
  const n = new RecordingNotifier();
  const e = env(new Map([['team', [integration('team', 'webhook', 0, n, true)]]]));
  const p = buildPipeline(e.opts);
  await p.exec(ctx(e), [alert({ alertname: 'A' }, T0 - 1)]);
  assert.equal(n.calls.length, 0);
  assert.equal(e.nflog.size, 0);
});

test('silenced and inhibited alerts are filtered and marked', async () => {
  const n = new RecordingNotifier();
  const e = env(new Map([['team', [integration('team', 'webhook', 0, n)]]]));
  const p = buildPipeline(e.opts);
  const sid = e.silences.set({ matchers: [{ name: 'alertname', value: 'Silenced', type: AmMatchType.Equal }], startsAt: T0 - 1, endsAt: T0 + H });
  const src = alert({ alertname: 'Src', severity: 'critical', cluster: 'c1' });
  const target = alert({ alertname: 'Target', severity: 'warning', cluster: 'c1' });
  const other = alert({ alertname: 'Other', severity: 'warning', cluster: 'c2' });
  const silenced = alert({ alertname: 'Silenced' });
  e.inhibitor.setAlerts([src, target, other, silenced]);
  await p.exec(ctx(e), [src, target, other, silenced]);
  assert.deepEqual(n.sent(), [['Src', 'Other']]);
  assert.deepEqual(e.marker.status(fingerprintString(target.labels)), { state: 'suppressed', silencedBy: [], inhibitedBy: [fingerprintString(src.labels)] });
  assert.deepEqual(e.marker.status(fingerprintString(silenced.labels)), { state: 'suppressed', silencedBy: [sid], inhibitedBy: [] });
  assert.equal(e.marker.status(fingerprintString(other.labels)).state, 'active');
  // Inhibited alerts never reach the silencer (upstream's order).
  assert.deepEqual(e.marker.status(fingerprintString(target.labels)).silencedBy, []);
});

test('mute and active time intervals', async () => {
  const n = new RecordingNotifier();
  const e = env(new Map([['team', [integration('team', 'webhook', 0, n)]]]));
  const p = buildPipeline(e.opts);
  const a = [alert({ alertname: 'A' })];
  await p.exec(ctx(e, { muteTimeIntervals: ['always'] }), a);
  await p.exec(ctx(e, { activeTimeIntervals: ['never'] }), a);
  await p.exec(ctx(e, { activeTimeIntervals: ['never', 'mondays'], muteTimeIntervals: ['never'], groupKey: 'g1' }), a);
  await p.exec(ctx(e, { activeTimeIntervals: ['mondays'], now: T0 + 24 * H, groupKey: 'g2' }), a);
  assert.equal(n.calls.length, 1);
  await assert.rejects(p.exec(ctx(e, { muteTimeIntervals: ['nope'] }), a), { message: "time interval nope doesn't exist in config" });
});

test('a slow integration does not delay another, and a failing one does not stop it', async () => {
  const slow = new RecordingNotifier();
  slow.delay = 400;
  const fast = new RecordingNotifier();
  const broken = new RecordingNotifier();
  broken.failures = [new NotifyError('bad request', false)];
  const e = env(new Map([['team', [integration('team', 'email', 0, slow), integration('team', 'webhook', 0, fast), integration('team', 'webhook', 1, broken)]]]));
  const p = buildPipeline(e.opts);
  const start = performance.now();
  const err: unknown = await p.exec(ctx(e), [alert({ alertname: 'A' })]).then(() => undefined, (x: unknown) => x);
  assert.ok(err instanceof MultiError);
  assert.equal(err.message, 'team/webhook[1]: notify retry canceled due to unrecoverable error after 1 attempts: bad request');
  assert.equal(fast.calls.length, 1);
  assert.ok((fast.calls[0]?.at ?? Infinity) - start < 200, 'fast integration sent before the slow one finished');
  assert.equal(slow.calls.length, 1);
  assert.ok((slow.calls[0]?.at ?? 0) - start >= 390);
  // The broken one was not logged, so it is tried again on the next flush; the others are not.
  broken.failures = [];
  await p.exec(ctx(e), [alert({ alertname: 'A' })]);
  assert.deepEqual([slow.calls.length, fast.calls.length, broken.calls.length], [1, 1, 1]);
});

test('a failing receiver is retried with backoff until it succeeds', async () => {
  const n = new RecordingNotifier();
  n.failures = [new NotifyError('unexpected status code 503', true), new NotifyError('unexpected status code 503', true), new NotifyError('connection refused', true)];
  const lines: string[] = [];
  const logger = {
    debug: (m: string): void => void lines.push(`debug ${m}`),
    info: (m: string, f?: Record<string, unknown>): void => void lines.push(`info ${m} ${JSON.stringify(f)}`),
    warn: (m: string, f?: Record<string, unknown>): void => void lines.push(`warn ${m} attempts=${String(f?.['attempts'])} err=${errText(f?.['err'])}`),
    error: (m: string): void => void lines.push(`error ${m}`),
  };
  const e = env(new Map([['team', [integration('team', 'webhook', 0, n)]]]), { logger, backoff: { initialInterval: 10, randomizationFactor: 0 } });
  const p = buildPipeline(e.opts);
  await p.exec(ctx(e), [alert({ alertname: 'A' })]);
  assert.deepEqual(n.sent(), [['A']]);
  assert.deepEqual(lines, [
    'warn Notify attempt failed, will retry later attempts=1 err=unexpected status code 503',
    'warn Notify attempt failed, will retry later attempts=3 err=connection refused',
    'info Notify success {"aggrGroup":"{}:{alertname=\\"A\\"}","receiver":"team","integration":"webhook[0]","attempts":4}',
  ]);
  const text = e.registry.expose();
  assert.match(text, /^alertmanager_notifications_total\{integration="webhook"\} 1$/m);
  assert.match(text, /^alertmanager_notifications_failed_total\{integration="webhook"\} 0$/m);
  assert.match(text, /^alertmanager_notification_requests_total\{integration="webhook"\} 4$/m);
  assert.match(text, /^alertmanager_notification_requests_failed_total\{integration="webhook"\} 3$/m);
  assert.match(text, /^alertmanager_notification_latency_seconds_count\{integration="webhook"\} 4$/m);
  assert.notEqual(e.nflog.query({ groupName: 'team', integration: 'webhook', idx: 0 }, '{}:{alertname="A"}'), undefined);
});

test('retries stop at the flush deadline with the last error', async () => {
  const n = new RecordingNotifier();
  n.failures = Array.from({ length: 1000 }, () => new NotifyError('unexpected status code 500', true));
  const e = env(new Map([['team', [integration('team', 'slack', 0, n)]]]), { backoff: { initialInterval: 10, randomizationFactor: 0, multiplier: 1 } });
  const p = buildPipeline(e.opts);
  const start = performance.now();
  await assert.rejects(p.exec(ctx(e, { signal: deadline(120) }), [alert({ alertname: 'A' })]), (err: unknown) => {
    assert.ok(err instanceof MultiError);
    assert.match(err.message, /^team\/slack\[0\]: notify retry canceled after \d+ attempts: unexpected status code 500$/);
    return true;
  });
  assert.ok(performance.now() - start < 1000);
  assert.equal(n.calls.length, 0);
  const text = e.registry.expose();
  assert.match(text, /^alertmanager_notifications_failed_total\{integration="slack"\} 1$/m);
  assert.equal(e.nflog.size, 0);
});

test('a restart re-sends nothing already sent (nflog persisted)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-pipeline-'));
  try {
    const file = join(dir, 'nflog');
    const n = new RecordingNotifier();
    const receivers = new Map([['team', [integration('team', 'webhook', 0, n)]]]);
    const first = new NotificationLog({ snapshotFile: file, now: () => T0 });
    first.run();
    const e1 = env(receivers, {}, first);
    await buildPipeline(e1.opts).exec(ctx(e1), [alert({ alertname: 'A' })]);
    await first.stop();

    const second = new NotificationLog({ snapshotFile: file, now: () => T0 + 60_000 });
    const e2 = env(receivers, {}, second);
    e2.clock.t = T0 + 60_000;
    const p2 = buildPipeline(e2.opts);
    await p2.exec(ctx(e2), [alert({ alertname: 'A' })]);
    assert.equal(n.calls.length, 1);
    await p2.exec(ctx(e2), [alert({ alertname: 'A' }), alert({ alertname: 'B' })]);
    assert.equal(n.calls.length, 2);
    await second.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('routing by receiver name; an unknown receiver is an error', async () => {
  const a = new RecordingNotifier();
  const b = new RecordingNotifier();
  const e = env(new Map([['ra', [integration('ra', 'webhook', 0, a)]], ['rb', [integration('rb', 'webhook', 0, b)]]]), { inhibitor: ALLOW });
  const p = buildPipeline(e.opts);
  await p.exec(ctx(e, { receiverName: 'rb' }), [alert({ alertname: 'A' })]);
  assert.deepEqual([a.calls.length, b.calls.length], [0, 1]);
  await assert.rejects(p.exec(ctx(e, { receiverName: 'nope' }), [alert({ alertname: 'A' })]), { message: 'stage for receiver missing' });
});

test('the wait stage delays each branch and gives up when the flush is aborted', async () => {
  const n = new RecordingNotifier();
  const e = env(new Map([['team', [integration('team', 'webhook', 0, n)]]]), { wait: () => 60 });
  const p = buildPipeline(e.opts);
  const start = performance.now();
  await p.exec(ctx(e), [alert({ alertname: 'A' })]);
  assert.ok((n.calls[0]?.at ?? 0) - start >= 55);
  await assert.rejects(p.exec(ctx(e, { groupKey: 'other', signal: deadline(10) }), [alert({ alertname: 'A' })]), { message: 'context deadline exceeded' });
  assert.equal(n.calls.length, 1);
});

/** A minimal HTTP notifier: POSTs the alert names; a refused connection or a 5xx is retryable. */
class HttpNotifier implements Notifier {
  constructor(private readonly url: string) {}

  notify(ctx: NotifyContext, alerts: readonly Alert[]): Promise<void> {
    const body = JSON.stringify(alerts.map((a) => a.labels.get('alertname')));
    return new Promise((resolve, reject) => {
      const req = request(this.url, { method: 'POST', signal: ctx.signal, headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        const code = res.statusCode ?? 0;
        if (code >= 200 && code < 300) resolve();
        else reject(new NotifyError(`unexpected status code ${code}`, code >= 500));
      });
      req.on('error', (e) => reject(new NotifyError(e.message, true)));
      req.end(body);
    });
  }
}

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const addr = server.address();
      resolve(typeof addr === 'object' && addr !== null ? addr.port : 0);
    });
  });
}

test('a receiver that is down is retried with backoff and gets the notification once back', async () => {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((r) => probe.close(r));
  const bodies: string[] = [];
  const receiver = createServer((req, res) => {
    let b = '';
    req.on('data', (c: Buffer) => (b += c.toString()));
    req.on('end', () => {
      bodies.push(b);
      res.end('ok');
    });
  });
  const n = new HttpNotifier(`http://127.0.0.1:${port}/hook`);
  const e = env(new Map([['team', [integration('team', 'webhook', 0, n)]]]), { backoff: { initialInterval: 20, randomizationFactor: 0 } });
  const p = buildPipeline(e.opts);
  const upLater = setTimeout(() => void listen(receiver, port), 150);
  const ac = new AbortController();
  const timeout = setTimeout(() => ac.abort(), 3000);
  try {
    await p.exec(ctx(e, { signal: ac.signal }), [alert({ alertname: 'A' }), alert({ alertname: 'B' })]);
    assert.deepEqual(bodies, ['["A","B"]']);
    const failed = Number(e.registry.expose().match(/^alertmanager_notification_requests_failed_total\{integration="webhook"\} (\d+)$/m)?.[1]);
    assert.ok(failed >= 2, `failed attempts: ${failed}`);
    await p.exec(ctx(e), [alert({ alertname: 'A' }), alert({ alertname: 'B' })]);
    assert.equal(bodies.length, 1);
  } finally {
    clearTimeout(upLater);
    clearTimeout(timeout);
    receiver.closeAllConnections();
    await new Promise((r) => receiver.close(r));
  }
});
