/**
 * Property test of Vigil's default Alertmanager templates: for many generated data sets
 * (labels and annotations with HTML specials, quotes, unicode, template-like text and empty
 * values; zero to many alerts; firing/resolved mixes; odd URLs), every template name renders
 * the same through Vigil's engine from Vigil's defaults as from upstream's default.tmpl and
 * email.tmpl (../shared/conformance/alertmanager-template, read in place): text mode for every
 * name, HTML mode (html/template escaping) for the email templates.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  defaultTemplate, readDefaultTemplates, templateDataFromJSON, type AlertmanagerTemplate, type TemplateData,
} from '../../src/alertmanager/template/index.js';
import { sharedDir } from '../shared-dir.js';

const DIR = sharedDir('conformance', 'alertmanager-template');
const TEXTS = existsSync(`${DIR}/default.tmpl`) ? readDefaultTemplates(DIR) : null;
const skip: string | false = TEXTS === null ? `upstream's default templates not found in ${DIR}` : false;

/** The shared email.tmpl is newer than 0.25 here (https vs http), Vigil's follows 0.25. */
function as025(out: string): string {
  return out.replace('itemtype="https://schema.org/EmailMessage"', 'itemtype="http://schema.org/EmailMessage"');
}

/** A small deterministic PRNG (mulberry32), so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALUES = [
  '', 'x', 'p99 > 1s', 'a < b && c', '"quoted"', "it's", '<b>bold</b>', '&amp;', 'héllo wörld', '日本語', '🔥 fire',
  '{{ .Status }}', '100%', 'a+b=c', 'line1\nline2', '  spaced  ', '\t', 'javascript:alert(1)', '<!-- c -->', '`tick`',
  'critical', 'warning', 'info',
];
const NAMES = ['alertname', 'severity', 'instance', 'job', 'team', 'summary', 'description', 'a_b', 'Z', 'runbook_url'];
const URLS = ['', 'http://prom/graph?g0.expr=up&g0.tab=1', 'https://x/<y>', 'javascript:alert(1)', 'relative/path?q=a b', 'HTTP://ok#frag', ' http://sp '];
const RECEIVERS = ['team-X\\.ops', 'r', '', 'a b/c?d&e', 'ünï'];
const EXTERNAL = ['http://am.example:9093', '', 'https://am/prefix', 'javascript:x'];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

function labelSet(r: () => number, max: number): Record<string, string> {
  const out: Record<string, string> = {};
  const n = Math.floor(r() * (max + 1));
  for (let i = 0; i < n; i++) out[pick(r, NAMES)] = pick(r, VALUES);
  return out;
}

/** A generated data set, in the JSON form amtool's --template.data reads. */
function generateJSON(seed: number): Record<string, unknown> {
  const r = rng(seed);
  const nAlerts = seed % 7 === 0 ? 0 : Math.floor(r() * (seed % 5 === 0 ? 30 : 6)) + 1;
  const group = labelSet(r, 3);
  const alerts = Array.from({ length: nAlerts }, (_, i) => {
    const resolved = r() < 0.4;
    return {
      status: resolved ? 'resolved' : 'firing',
      labels: { ...labelSet(r, 5), ...group },
      annotations: labelSet(r, 4),
      startsAt: '2024-03-01T10:00:00Z',
      endsAt: resolved ? '2024-03-01T11:00:00Z' : '0001-01-01T00:00:00Z',
      generatorURL: pick(r, URLS),
      fingerprint: (seed * 1000 + i).toString(16).padStart(16, '0'),
    };
  });
  const firing = alerts.some((a) => a.status === 'firing');
  return {
    receiver: pick(r, RECEIVERS),
    status: firing ? 'firing' : 'resolved',
    alerts,
    groupLabels: group,
    commonLabels: { ...group, ...(r() < 0.5 ? labelSet(r, 2) : {}) },
    commonAnnotations: labelSet(r, 3),
    externalURL: pick(r, EXTERNAL),
  };
}

function generate(seed: number): TemplateData {
  return templateDataFromJSON(generateJSON(seed));
}

async function outcome(p: Promise<string>): Promise<string> {
  try {
    return as025(await p);
  } catch (e) {
    return `error: ${e instanceof Error ? e.message : String(e)}`;
  }
}

const HTML_NAMES = ['email.default.html', 'email.default.subject', '__subject'];

test('Vigil defaults define exactly the template names upstream\'s default.tmpl and email.tmpl define', { skip }, () => {
  const upstream = defaultTemplate({ defaults: TEXTS ?? [] }).templateNames().sort();
  assert.deepEqual(defaultTemplate().templateNames().sort(), upstream);
});

test('Vigil defaults render as upstream\'s for generated data, every name, text and HTML', { skip }, async () => {
  const upstream: AlertmanagerTemplate = defaultTemplate({ defaults: TEXTS ?? [] });
  const vigil = defaultTemplate();
  const names = upstream.templateNames().filter((n) => n !== '').sort();
  for (let seed = 1; seed <= 40; seed++) {
    const data = generate(seed);
    for (const name of names) {
      const text = `{{ template "${name}" . }}`;
      const want = await outcome(upstream.executeTextString(text, data));
      assert.equal(await outcome(vigil.executeTextString(text, data)), want, `seed ${seed}, ${name}`);
    }
    for (const name of HTML_NAMES) {
      const text = `{{ template "${name}" . }}`;
      const want = await outcome(upstream.executeHTMLString(text, data));
      assert.equal(await outcome(vigil.executeHTMLString(text, data)), want, `seed ${seed}, ${name} (html)`);
    }
  }
});

test('Vigil defaults fail as upstream\'s when the alert-list templates get data instead of alerts', { skip }, async () => {
  const upstream = defaultTemplate({ defaults: TEXTS ?? [] });
  const vigil = defaultTemplate();
  for (const name of ['__text_alert_list', '__text_alert_list_markdown', 'pagerduty.default.instances']) {
    const text = `{{ template "${name}" . }}`;
    assert.equal(await outcome(vigil.executeTextString(text, generate(3))), await outcome(upstream.executeTextString(text, generate(3))));
  }
});

// Interop: the real Alertmanager 0.25 (Debian's amtool and its default templates) renders the
// generated data as Vigil's defaults and html/template escaping do.
const AMTOOL = '/usr/bin/amtool';
const DEBIAN_TEMPLATES = '/usr/share/prometheus/alertmanager';
const noAmtool: string | false = existsSync(AMTOOL) && existsSync(join(DEBIAN_TEMPLATES, 'email.tmpl'))
  ? false : `${AMTOOL} or ${DEBIAN_TEMPLATES} absent (apt-get install prometheus-alertmanager)`;

test('Vigil defaults render generated data as amtool 0.25 does (text and html)', { skip: noAmtool, timeout: 60_000 }, async () => {
  const run = promisify(execFile);
  const vigil = defaultTemplate();
  const dir = await mkdtemp(join(tmpdir(), 'vigil-am-prop-'));
  try {
    const cases = [2, 5, 11].flatMap((seed) => ([['html', 'email.default.html'], ['text', 'opsgenie.default.description'],
      ['text', 'slack.default.fallback']] as const).map(([type, name]) => ({ seed, type, name })));
    await Promise.all([2, 5, 11].map((seed) => writeFile(join(dir, `data-${seed}.json`), JSON.stringify(generateJSON(seed)))));
    // amtool starts slowly: run the renders concurrently.
    const outputs = await Promise.all(cases.map(async ({ seed, type, name }) => {
      const { stdout } = await run(AMTOOL, ['template', 'render', `--template.glob=${DEBIAN_TEMPLATES}/*.tmpl`,
        `--template.type=${type}`, `--template.text={{ template "${name}" . }}`, `--template.data=${join(dir, `data-${seed}.json`)}`],
      { timeout: 20_000 });
      return stdout;
    }));
    for (const [i, { seed, type, name }] of cases.entries()) {
      const text = `{{ template "${name}" . }}`;
      const data = generate(seed);
      const got = type === 'html' ? await vigil.executeHTMLString(text, data) : await vigil.executeTextString(text, data);
      assert.equal(got, outputs[i], `seed ${seed}, ${name} (${type})`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
