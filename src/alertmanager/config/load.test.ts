import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Labels } from '../../model/labels/index.js';
import { matchersMatch } from '../labels/index.js';
import { configToYaml, loadAlertmanagerConfig, loadAlertmanagerConfigFile } from './index.js';

function errorOf(text: string): string {
  try {
    loadAlertmanagerConfig(text);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

const MIN = 'route:\n  receiver: x\nreceivers:\n  - name: x\n';

test('defaults: global section and integrations', () => {
  const c = loadAlertmanagerConfig(
    `${MIN}    webhook_configs:\n      - url: http://h/x\n    pagerduty_configs:\n      - routing_key: k\n`,
  );
  assert.equal(c.global.resolve_timeout, 300_000);
  assert.equal(c.global.smtp_hello, 'localhost');
  assert.equal(c.global.smtp_require_tls, true);
  assert.equal(c.global.opsgenie_api_url, 'https://api.opsgenie.com/');
  const r = c.receivers[0];
  assert.equal(r?.webhook_configs[0]?.send_resolved, true);
  assert.equal(r?.webhook_configs[0]?.http_config?.follow_redirects, true);
  assert.equal(r?.pagerduty_configs[0]?.url, 'https://events.pagerduty.com/v2/enqueue');
  assert.equal(r?.pagerduty_configs[0]?.details['num_firing'], '{{ .Alerts.Firing | len }}');
  assert.deepEqual({ ...r?.labels }, { name: 'x' });
  assert.equal(c.original.startsWith('route:'), true);
});

test('route tree: matchers, match_re, group_by, durations', () => {
  const c = loadAlertmanagerConfig(`route:
  receiver: x
  group_by: ['...']
  group_wait: 10s
  routes:
    - matchers: ['a="1"', 'b=~"x.*", c!=2']
      match_re: { svc: 'foo|bar' }
      continue: true
      repeat_interval: 1h
      receiver: x
receivers:
  - name: x
`);
  const root = c.route;
  assert.equal(root?.groupByAll, true);
  assert.equal(root?.group_wait, 10_000);
  assert.equal(root?.group_interval, undefined);
  const sub = root?.routes[0];
  assert.deepEqual(sub?.matchers.map((m) => m.toString()), ['a="1"', 'b=~"x.*"', 'c!="2"']);
  assert.equal(sub?.continue, true);
  assert.equal(sub?.repeat_interval, 3_600_000);
  assert.ok(sub?.match_re['svc']?.regex.test('bar'));
  assert.ok(!sub?.match_re['svc']?.regex.test('xbar'));
  assert.ok(matchersMatch(sub?.matchers ?? [], Labels.fromObject({ a: '1', b: 'xy', c: '3' })));
});

test('validation texts', () => {
  const cases: [string, string][] = [
    ['', 'no route provided in config'],
    ['receivers: []\n', 'no routes provided'],
    ['route:\n  receiver: x\n  continue: true\nreceivers:\n  - name: x\n', 'cannot have continue in root route'],
    ['route: {}\n', 'root route must specify a default receiver'],
    ['route:\n  receiver: y\nreceivers:\n  - name: x\n', 'undefined receiver "y" used in route'],
    ['route:\n  receiver: x\n  match: {a: b}\nreceivers:\n  - name: x\n', 'root route must not have any matchers'],
    [`${MIN}  - name: x\n`, 'notification config name "x" is not unique'],
    ['route:\n  receiver: x\n  group_by: [a, "..."]\nreceivers:\n  - name: x\n', 'cannot have wildcard group_by (`...`) and other labels at the same time'],
    ['route:\n  receiver: x\n  group_by: [a, a]\nreceivers:\n  - name: x\n', 'duplicated label "a" in group_by'],
    ['route:\n  receiver: x\n  group_interval: 0s\nreceivers:\n  - name: x\n', 'group_interval cannot be zero'],
    ['route:\n  receiver: x\n  routes:\n    - matchers: ["a=~(("]\nreceivers:\n  - name: x\n', 'error parsing regexp: missing closing ): `^(?:(()$`'],
    [`${MIN}    email_configs:\n      - to: a@b\n`, 'no global SMTP smarthost set'],
    [`${MIN}    email_configs:\n      - {}\n`, 'missing to address in email config'],
    [`${MIN}    webhook_configs:\n      - url: ftp://x\n`, 'invalid URL: unsupported scheme "ftp" for URL'],
    [`${MIN}    webhook_configs:\n      - {}\n`, 'one of url or url_file must be configured'],
    [`${MIN}    pagerduty_configs:\n      - {}\n`, 'missing service or routing key in PagerDuty config'],
    [`${MIN}    slack_configs:\n      - channel: a\n`, 'no Slack API URL nor App token set either inline or in a file'],
    [`${MIN}    pushover_configs:\n      - token: a\n`, 'one of user_key or user_key_file must be configured'],
    [`${MIN}    telegram_configs:\n      - bot_token: a\n`, 'missing chat_id or chat_id_file on telegram_config'],
    [`${MIN}    webhook_configs:\n      - url: http://a\n        bogus: 1\n`, 'yaml: unmarshal errors:\n  line 7: field bogus not found in type webhook.plain'],
    ['route:\n  receiver: x\n  bogus: 1\nreceivers:\n  - name: x\n', 'yaml: unmarshal errors:\n  line 3: field bogus not found in type config.plain'],
    ['route:\n  receiver: x\n  routes:\n    - receiver: x\n      mute_time_intervals: [nope]\nreceivers:\n  - name: x\n', 'undefined time interval "nope" used in route'],
    ['route:\n  receiver: x\ninhibit_rules:\n  - equal: ["a-b"]\n    source_match: {"1": x}\nreceivers:\n  - name: x\n', 'invalid label name "1"'],
  ];
  for (const [text, want] of cases) assert.equal(errorOf(text), want, text);
});

test('time intervals: parsed and validated', () => {
  const ok = loadAlertmanagerConfig(`${MIN}time_intervals:
  - name: biz
    time_intervals:
      - times: [{start_time: "09:00", end_time: "17:30"}]
        weekdays: ['monday:friday', saturday]
        days_of_month: ['1:5', '-3:-1']
        months: ['january:march', '12']
        years: ['2020:2030']
        location: Europe/Berlin
`);
  const ti = ok.time_intervals[0]?.time_intervals[0];
  assert.deepEqual(ti?.times, [{ startMinute: 540, endMinute: 1050 }]);
  assert.deepEqual(ti?.weekdays, [{ begin: 1, end: 5 }, { begin: 6, end: 6 }]);
  assert.deepEqual(ti?.days_of_month, [{ begin: 1, end: 5 }, { begin: -3, end: -1 }]);
  assert.deepEqual(ti?.months, [{ begin: 1, end: 3 }, { begin: 12, end: 12 }]);
  assert.equal(ti?.location, 'Europe/Berlin');
  const bad = (body: string): string => errorOf(`${MIN}time_intervals:\n  - name: t\n    time_intervals:\n      - ${body}\n`);
  assert.equal(bad('times: [{start_time: "25:00", end_time: "26:00"}]'), "couldn't parse timestamp 25:00, invalid format");
  assert.equal(bad('times: [{start_time: "10:00", end_time: "09:00"}]'), 'start time cannot be equal or greater than end time');
  assert.equal(bad('times: [{start_time: "10:00"}]'), 'both start and end times must be provided');
  assert.equal(bad('weekdays: [funday]'), 'funday is not a valid weekday');
  assert.equal(bad('weekdays: ["friday:monday"]'), 'start day cannot be before end day');
  assert.equal(bad('days_of_month: ["0"]'), '0 is not a valid day of the month: out of range');
  assert.equal(bad('days_of_month: ["-1:5"]'), 'end day must be negative if start day is negative');
  assert.equal(bad('months: ["march:january"]'), 'end month january is before start month march');
  assert.equal(bad('years: ["2030:2020"]'), 'end year 2020 is before start year 2030');
  assert.equal(bad('years: ["x"]'), 'strconv.Atoi: parsing "x": invalid syntax');
  assert.equal(bad('location: Mars/Olympus'), 'unknown time zone Mars/Olympus');
  assert.equal(errorOf(`${MIN}time_intervals:\n  - time_intervals: []\n`), 'missing name in time interval');
});

test('configToYaml hides secrets', () => {
  const c = loadAlertmanagerConfig(`global:
  slack_api_url: http://hook.example/secret-path
  smtp_auth_password: pw
route:
  receiver: x
receivers:
  - name: x
    pagerduty_configs:
      - routing_key: rk-secret
`);
  const y = configToYaml(c);
  assert.ok(!y.includes('secret-path') && !y.includes('rk-secret') && !y.includes(': pw'), y);
  assert.ok(y.includes('<secret>'));
  assert.ok(y.includes('resolve_timeout: 5m'));
});

test('loadAlertmanagerConfigFile resolves template paths relative to the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'amcfg-'));
  const path = join(dir, 'am.yml');
  writeFileSync(path, `${MIN}templates: ['t/*.tmpl', '/abs/x.tmpl']\n`);
  const c = loadAlertmanagerConfigFile(path);
  assert.deepEqual(c.templates, [join(dir, 't/*.tmpl'), '/abs/x.tmpl']);
});

test('route timings: defaults inherited down the tree', async () => {
  const { routeTimings } = await import('./index.js');
  const c = loadAlertmanagerConfig('route:\n  receiver: x\n  group_wait: 1s\n  routes:\n    - repeat_interval: 1m\nreceivers:\n  - name: x\n');
  const root = routeTimings(c.route as NonNullable<typeof c.route>);
  assert.deepEqual(root, { groupWait: 1000, groupInterval: 300_000, repeatInterval: 14_400_000 });
  assert.deepEqual(routeTimings(c.route?.routes[0] as NonNullable<typeof c.route>, root), { groupWait: 1000, groupInterval: 300_000, repeatInterval: 60_000 });
});

test('label names in group_by and equal use the classic charset (as amtool 0.25)', () => {
  assert.equal(errorOf('route:\n  receiver: x\n  group_by: ["a-b"]\nreceivers:\n  - name: x\n'), 'invalid label name "a-b" in group_by list');
  assert.equal(errorOf(`${MIN}inhibit_rules:\n  - equal: ["a.b"]\n`), 'invalid label name "a.b" in equal list');
});
