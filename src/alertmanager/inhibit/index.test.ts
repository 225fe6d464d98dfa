import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Labels } from '../../model/labels/index.js';
import { AmMatcher, AmMatchType } from '../labels/index.js';
import { AlertMarker, fingerprintString } from '../silence/index.js';
import type { Alert } from '../types/index.js';
import { Inhibitor } from './index.js';

const NOW = 1_700_000_000_000;
const m = (name: string, value: string): AmMatcher => new AmMatcher(AmMatchType.Equal, name, value);

function alert(labels: Record<string, string>, endsAt = 0): Alert {
  return { labels: Labels.fromObject(labels), annotations: Labels.EMPTY, startsAt: NOW - 1000, endsAt, generatorURL: '', updatedAt: NOW - 1000, timeout: false };
}

const rule = { sourceMatchers: [m('severity', 'critical')], targetMatchers: [m('severity', 'warning')], equal: ['cluster'] };

test('target is inhibited by a firing source with equal labels', () => {
  const marker = new AlertMarker();
  const ih = new Inhibitor([rule], { now: () => NOW, marker });
  const src = alert({ alertname: 'Down', severity: 'critical', cluster: 'a' });
  ih.setAlerts([src]);
  const target = Labels.fromObject({ alertname: 'Slow', severity: 'warning', cluster: 'a' });
  assert.equal(ih.mutes(target), true);
  assert.deepEqual(marker.status(fingerprintString(target)).inhibitedBy, [fingerprintString(src.labels)]);
  assert.equal(ih.mutes(Labels.fromObject({ alertname: 'Slow', severity: 'warning', cluster: 'b' })), false);
  assert.equal(ih.mutes(Labels.fromObject({ alertname: 'Slow', severity: 'info', cluster: 'a' })), false);
});

test('missing equal label on both sides counts as equal', () => {
  const ih = new Inhibitor([rule], { now: () => NOW });
  ih.setAlerts([alert({ severity: 'critical' })]);
  assert.equal(ih.mutes(Labels.fromObject({ severity: 'warning' })), true);
  assert.equal(ih.mutes(Labels.fromObject({ severity: 'warning', cluster: 'a' })), false);
});

test('resolved sources do not inhibit', () => {
  const ih = new Inhibitor([rule], { now: () => NOW });
  ih.setAlerts([alert({ severity: 'critical', cluster: 'a' }, NOW - 1)]);
  assert.equal(ih.mutes(Labels.fromObject({ severity: 'warning', cluster: 'a' })), false);
  ih.setAlerts([alert({ severity: 'critical', cluster: 'a' }, NOW + 60_000)]);
  assert.equal(ih.mutes(Labels.fromObject({ severity: 'warning', cluster: 'a' })), true);
});

test('an alert matching both sides does not inhibit itself', () => {
  const both = { sourceMatchers: [m('alertname', 'X')], targetMatchers: [m('alertname', 'X')], equal: [] };
  const ih = new Inhibitor([both], { now: () => NOW });
  const self = alert({ alertname: 'X', instance: '1' });
  ih.setAlerts([self]);
  assert.equal(ih.mutes(self.labels), false);
  // A second two-sided alert is not inhibited by the first either.
  ih.setAlerts([self, alert({ alertname: 'X', instance: '2' })]);
  assert.equal(ih.mutes(self.labels), false);
});

test('a two-sided alert is inhibited by a source-only alert', () => {
  const r = { sourceMatchers: [m('team', 'ops')], targetMatchers: [m('alertname', 'X')], equal: [] };
  const ih = new Inhibitor([r], { now: () => NOW });
  ih.setAlerts([alert({ alertname: 'X', team: 'ops' }), alert({ alertname: 'Y', team: 'ops' })]);
  assert.equal(ih.mutes(Labels.fromObject({ alertname: 'X', team: 'ops' })), true);
});

test('putAlert adds sources and marker clears when not inhibited', () => {
  const marker = new AlertMarker();
  const ih = new Inhibitor([rule], { now: () => NOW, marker });
  const target = Labels.fromObject({ severity: 'warning', cluster: 'a' });
  assert.equal(ih.mutes(target), false);
  assert.equal(marker.status(fingerprintString(target)).state, 'active');
  ih.putAlert(alert({ severity: 'critical', cluster: 'a' }));
  assert.equal(ih.mutes(target), true);
  assert.equal(marker.status(fingerprintString(target)).state, 'suppressed');
  ih.setAlerts([]);
  assert.equal(ih.mutes(target), false);
  assert.deepEqual(marker.status(fingerprintString(target)).inhibitedBy, []);
});
