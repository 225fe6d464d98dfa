import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Labels } from '../../model/labels/index.js';
import { AmMatchType } from '../labels/index.js';
import { AlertMarker, fingerprintString, SilenceError, SilenceNotFoundError, Silencer, Silences, validateSilence } from './index.js';
import type { SilenceInput } from './index.js';

const H = 3600_000;

function clock(start: number): { now: () => number; set(t: number): void } {
  let t = start;
  return { now: () => t, set: (v: number): void => { t = v; } };
}

const eq = (name: string, value: string): { name: string; value: string; type: AmMatchType } => ({ name, value, type: AmMatchType.Equal });

function input(over: Partial<SilenceInput> = {}): SilenceInput {
  return { matchers: [eq('job', 'api')], startsAt: 1000 * H, endsAt: 1002 * H, createdBy: 'me', comment: 'c', ...over };
}

test('fingerprint matches model.LabelSet.Fingerprint', () => {
  // Values reported by Alertmanager 0.25's API for the same label sets.
  assert.equal(fingerprintString(Labels.EMPTY), 'cbf29ce484222325');
  assert.equal(fingerprintString(Labels.fromObject({ a: 'b' })), 'd2b371819297f98a');
  assert.equal(fingerprintString(Labels.fromObject({ alertname: 'X', job: 'é', zz: '1' })), '736c68e0cca5eb90');
  assert.equal(fingerprintString(Labels.fromObject({ a: 'b', c: 'd' })), fingerprintString(Labels.fromObject({ c: 'd', a: 'b' })));
  assert.notEqual(fingerprintString(Labels.fromObject({ a: 'bc' })), fingerprintString(Labels.fromObject({ ab: 'c' })));
});

test('set creates an active silence that mutes matching labels', () => {
  const c = clock(1000 * H);
  const s = new Silences({ now: c.now });
  const id = s.set(input());
  assert.match(id, /^[0-9a-f-]{36}$/);
  assert.deepEqual(s.mutes(Labels.fromObject({ job: 'api', x: '1' })), [id]);
  assert.deepEqual(s.mutes(Labels.fromObject({ job: 'db' })), []);
  const got = s.get(id);
  assert.equal(got?.createdBy, 'me');
  assert.equal(s.state(got!), 'active');
});

test('start in the past is moved to now for new silences', () => {
  const c = clock(1000 * H);
  const s = new Silences({ now: c.now });
  const id = s.set(input({ startsAt: 999 * H }));
  assert.equal(s.get(id)?.startsAt, 1000 * H);
});

test('validation errors', () => {
  const s = new Silences({ now: () => 1000 * H });
  const cases: Array<[Partial<SilenceInput>, string]> = [
    [{ matchers: [] }, 'silence invalid: at least one matcher required'],
    [{ endsAt: 999 * H, startsAt: 1001 * H }, 'silence invalid: end time must not be before start time'],
    [{ matchers: [eq('job', '')] }, 'silence invalid: at least one matcher must not match the empty string'],
    [{ matchers: [{ name: 'job', value: '.*', type: AmMatchType.Regexp }] }, 'silence invalid: at least one matcher must not match the empty string'],
    [{ matchers: [eq('0bad', 'x')] }, 'silence invalid: invalid label matcher 0: invalid label name "0bad"'],
    [{ endsAt: 0 }, 'silence invalid: invalid zero end timestamp'],
  ];
  for (const [over, msg] of cases) {
    assert.throws(() => s.set(input(over)), (e: unknown) => e instanceof SilenceError && e.message === msg, msg);
  }
  assert.throws(
    () => s.set(input({ matchers: [{ name: 'a', value: '(', type: AmMatchType.Regexp }] })),
    (e: unknown) => e instanceof SilenceError && e.message === 'silence invalid: invalid label matcher 0: invalid regular expression "(": error parsing regexp: missing closing ): `(`',
  );
  assert.throws(() => s.set(input({ id: 'missing' })), SilenceNotFoundError);
});

test('update in place when matchers unchanged, replace otherwise', () => {
  const c = clock(1000 * H);
  const s = new Silences({ now: c.now });
  const id = s.set(input());
  c.set(1000 * H + 10);
  const same = s.set(input({ id, endsAt: 1005 * H, comment: 'longer' }));
  assert.equal(same, id);
  assert.equal(s.get(id)?.endsAt, 1005 * H);
  assert.equal(s.get(id)?.updatedAt, 1000 * H + 10);

  c.set(1000 * H + 20);
  const other = s.set(input({ id, matchers: [eq('job', 'db')] }));
  assert.notEqual(other, id);
  assert.equal(s.state(s.get(id)!), 'expired');
  assert.equal(s.get(id)?.endsAt, 1000 * H + 20);
  assert.equal(s.state(s.get(other)!), 'active');

  // Changing the start of an active silence also replaces it.
  const third = s.set(input({ id: other, matchers: [eq('job', 'db')], startsAt: 1001 * H }));
  assert.notEqual(third, other);
  assert.equal(s.state(s.get(third)!), 'pending');
});

test('expire active and pending, error on expired', () => {
  const c = clock(1000 * H);
  const s = new Silences({ now: c.now });
  const active = s.set(input());
  const pending = s.set(input({ startsAt: 1001 * H }));
  s.expire(active);
  s.expire(pending);
  assert.equal(s.state(s.get(active)!), 'expired');
  assert.equal(s.get(pending)?.startsAt, 1000 * H);
  assert.deepEqual(s.mutes(Labels.fromObject({ job: 'api' })), []);
  assert.throws(() => s.expire(active), (e: unknown) => e instanceof SilenceError && e.message === `silence ${active} already expired`);
  assert.throws(() => s.expire('nope'), (e: unknown) => e instanceof SilenceNotFoundError && e.message === 'silence not found');
});

test('query by ids, matches and state', () => {
  const c = clock(1000 * H);
  const s = new Silences({ now: c.now });
  const a = s.set(input());
  const b = s.set(input({ matchers: [{ name: 'job', value: 'd.*', type: AmMatchType.Regexp }], startsAt: 1001 * H }));
  const x = s.set(input({ matchers: [eq('env', 'prod')] }));
  s.expire(x);
  assert.deepEqual(s.query({ ids: [b] }).map((q) => q.id), [b]);
  assert.deepEqual(s.query({ states: ['active'] }).map((q) => q.id), [a]);
  assert.deepEqual(s.query({ states: ['pending'] }).map((q) => q.id), [b]);
  assert.deepEqual(s.query({ states: ['expired'] }).map((q) => q.id), [x]);
  assert.deepEqual(s.query({ matches: Labels.fromObject({ job: 'db' }) }).map((q) => q.id), [b]);
  assert.equal(s.query().length, 3);
});

test('pending silences become active, then expire', () => {
  const c = clock(1000 * H);
  const s = new Silences({ now: c.now });
  const id = s.set(input({ startsAt: 1001 * H }));
  const ls = Labels.fromObject({ job: 'api' });
  assert.deepEqual(s.mutes(ls), []);
  c.set(1001 * H);
  assert.deepEqual(s.mutes(ls), [id]);
  c.set(1002 * H);
  assert.deepEqual(s.mutes(ls), []);
});

test('gc removes silences expired longer than retention', () => {
  const c = clock(1000 * H);
  const s = new Silences({ now: c.now, retention: 10 * H });
  const id = s.set(input());
  c.set(1011 * H);
  assert.equal(s.gc(), 0);
  c.set(1012 * H);
  assert.equal(s.gc(), 1);
  assert.equal(s.get(id), undefined);
});

test('snapshot round trip and corrupt file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-silences-'));
  const file = join(dir, 'silences');
  const c = clock(1000 * H);
  const s = new Silences({ now: c.now, snapshotFile: file });
  const a = s.set(input({ matchers: [eq('job', 'api'), { name: 'env', value: 'pr.*', type: AmMatchType.Regexp }], comment: 'multi\nline' }));
  s.snapshot();
  assert.ok(existsSync(file));
  const warnings: string[] = [];
  const s2 = new Silences({ now: c.now, snapshotFile: file, logger: { warn: (m): void => { warnings.push(m); } } });
  assert.equal(warnings.length, 0);
  const flat = (x: ReturnType<typeof s.get>): string => x === undefined ? '' : JSON.stringify([x.id, x.matchers.map((m) => m.toString()), x.startsAt, x.endsAt, x.updatedAt, x.createdBy, x.comment]);
  assert.equal(flat(s2.get(a)), flat(s.get(a)));
  assert.deepEqual(s2.mutes(Labels.fromObject({ job: 'api', env: 'prod' })), [a]);

  writeFileSync(file, '{"id": "x"\n');
  const s3 = new Silences({ now: c.now, snapshotFile: file, logger: { warn: (m): void => { warnings.push(m); } } });
  assert.equal(s3.query().length, 0);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0] ?? '', /corrupt silences snapshot .* line 1/);
});

test('Silencer records silencedBy in the marker', () => {
  const c = clock(1000 * H);
  const s = new Silences({ now: c.now });
  const marker = new AlertMarker();
  const m = new Silencer(s, marker);
  const id = s.set(input());
  const ls = Labels.fromObject({ job: 'api' });
  assert.equal(m.mutes(ls), true);
  assert.deepEqual(marker.status(fingerprintString(ls)), { state: 'suppressed', silencedBy: [id], inhibitedBy: [] });
  s.expire(id);
  assert.equal(m.mutes(ls), false);
  assert.equal(marker.status(fingerprintString(ls)).state, 'active');
});

test('validateSilence: != and !~ matchers never count as matching the empty string (as 0.25)', () => {
  const base: SilenceInput = { matchers: [{ name: 'job', value: 'x', type: AmMatchType.NotRegexp }], startsAt: 1000, endsAt: 2000, createdBy: 'a', comment: 'c' };
  assert.equal(validateSilence(base).length, 1);
  assert.equal(validateSilence({ ...base, matchers: [{ name: 'job', value: '', type: AmMatchType.NotEqual }] }).length, 1);
});
