/**
 * Alertmanager's config test data (../shared/conformance/alertmanager-config, read in place):
 * every file expected_errors.json marks as failing fails with the expected text (exactly or
 * as a substring, as it says); every other conf.*.yml loads. One subtest per file; skips come
 * from test/skips.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AlertmanagerConfig, configToYaml, loadAlertmanagerConfigFile } from '../../src/alertmanager/config/index.js';
import { sharedDir } from '../shared-dir.js';
import { skipReason } from '../skips.js';

const SUITE = 'alertmanager-config';
const dir = sharedDir('conformance', 'alertmanager-config');

interface Expected {
  file: string;
  expect_error: boolean;
  match: 'exact' | 'contains';
  error: string;
}

function errorOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

const expected = JSON.parse(readFileSync(join(dir, 'expected_errors.json'), 'utf8')) as Expected[];
const bad = new Map(expected.filter((e) => e.expect_error).map((e) => [e.file, e]));
/** What the Go tests check on some of the files that load (global values inherited, etc.). */
const VALUE_CHECKS: Record<string, (c: AlertmanagerConfig) => void> = {
  'conf.good.yml': (c) => {
    assert.ok(!configToYaml(c).includes('mysecret'), 'a secret shows in the re-serialised config');
    assert.equal(c.global.resolve_timeout, 5 * 60_000);
  },
  'conf.group-by-all.yml': (c) => assert.equal(c.route?.groupByAll, true),
  'conf.empty-fields.yml': (c) => {
    // Explicitly empty values replace the defaults.
    assert.equal(c.global.smtp_hello, '');
    assert.equal(c.global.smtp_auth_username, '');
    assert.equal(c.global.smtp_require_tls, true);
    assert.equal(c.route?.routes[0]?.match_re['service']?.original, '^(foo1|foo2|baz)$');
  },
  'conf.http-config.good.yml': (c) => {
    assert.equal(c.global.http_config?.follow_redirects, false);
    assert.equal(c.receivers[0]?.slack_configs[0]?.http_config?.follow_redirects, true);
  },
  'conf.victorops-default-apikey.yml': (c) => {
    for (const r of c.receivers) for (const v of r.victorops_configs) assert.notEqual(v?.api_key, '');
  },
  'conf.telegram-default-bot-token.yml': (c) => assert.equal(c.receivers[0]?.telegram_configs[0]?.bot_token, 'asd132'),
  'conf.wechat-default-api-secret-file.yml': (c) => {
    assert.equal(c.receivers[0]?.wechat_configs[0]?.api_secret_file, '/global_file');
  },
  'conf.opsgenie-default-apikey-file.yml': (c) => {
    const byName = new Map(c.receivers.map((r) => [r.name, r.opsgenie_configs[0]?.api_key_file]));
    assert.equal(byName.get('team-X-opsgenie'), '/global_file');
    assert.equal(byName.get('escalation-Y-opsgenie'), '/override_file');
  },
  'conf.rocketchat-default-token.yml': (c) => {
    assert.equal(c.receivers[0]?.rocketchat_configs[0]?.token, 'token123');
    assert.equal(c.receivers[0]?.rocketchat_configs[0]?.token_id, 'id123');
  },
  'conf.mattermost-default-webhook-url.yml': (c) => {
    assert.equal(c.receivers[0]?.mattermost_configs[0]?.webhook_url, 'https://mattermost.example.com/hooks/xxxxxxxxxxxxxxxxxxxxxxxxxx');
  },
  'conf.slack-default-api-url-file.yml': (c) => {
    for (const s of c.receivers[0]?.slack_configs ?? []) assert.ok(s?.api_url !== undefined || s?.api_url_file !== '');
  },
  'conf.slack-default-app-token.yml': (c) => {
    const sc = c.receivers[0]?.slack_configs ?? [];
    assert.equal(sc[0]?.http_config?.authorization?.credentials, 'xoxb-1234-abcdefgh');
    assert.equal(sc[0]?.api_url, 'https://slack.com/api/chat.postMessage');
    assert.equal(sc[1]?.http_config?.authorization?.credentials, 'xoxb-1234-xxxxxx');
    assert.equal(sc[2]?.api_url, 'http://api.fakeslack.example/');
    assert.equal(sc[3]?.http_config?.authorization?.credentials, 'xoxb-my-bot-token');
    assert.equal(sc[4]?.http_config?.authorization, undefined);
  },
  'conf.smtp-no-username-or-password.yml': (c) => {
    const ec = c.receivers[0]?.email_configs[0];
    assert.equal(ec?.auth_username, '');
    assert.equal(ec?.auth_password, '');
    assert.equal(ec?.hello, 'host.example.org');
  },
};

/** The "Must load" files EXPECTED_ERRORS.md lists (some may be absent from the folder). */
const mustLoad = [...readFileSync(join(dir, 'EXPECTED_ERRORS.md'), 'utf8').matchAll(/^- (conf\.[^ ]+\.yml) \(/gm)].map((m) => m[1] as string);

const files = [...new Set([...readdirSync(dir).filter((f) => f.endsWith('.yml')), ...mustLoad])].sort();

for (const file of files) {
  const reason = skipReason({ suite: SUITE, file, line: 0 });
  test(file, reason !== null ? { skip: reason } : {}, () => {
    let cfg: AlertmanagerConfig | undefined;
    const msg = errorOf(() => (cfg = loadAlertmanagerConfigFile(join(dir, file))));
    const e = bad.get(file);
    if (e === undefined) {
      assert.equal(msg, null, `expected ${file} to load`);
      VALUE_CHECKS[file]?.(cfg as unknown as AlertmanagerConfig);
      return;
    }
    assert.notEqual(msg, null, `expected an error ${JSON.stringify(e.error)}, but it loaded`);
    if (e.match === 'exact') assert.equal(msg, e.error);
    else assert.ok((msg as string).includes(e.error), `error ${JSON.stringify(msg)} does not contain ${JSON.stringify(e.error)}`);
  });
}
