import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Decoder, parseYamlTree, struct } from '../common/index.js';
import { collectSDConfigs, encodeSDConfigs, type HasSDConfigs, registeredMechanisms, sdExtraFields, type SDConfig } from './registry.js';
import { parseTargetGroupsJson, parseTargetGroupsYaml, parseTargetGroupYaml } from './target-groups.js';
import { checkLabelSelector } from './label-selector.js';

const holder = struct<HasSDConfigs>({
  goType: 'test.Holder',
  fields: {},
  defaults: () => ({ service_discovery_configs: [] }),
  validate: (c, d) => collectSDConfigs(c, d),
  extra: sdExtraFields<HasSDConfigs>(),
});

function sds(text: string): SDConfig[] {
  const d = new Decoder();
  const root = parseYamlTree(text);
  assert.ok(root);
  const h = holder.decode(root, d);
  d.finish();
  return h.service_discovery_configs;
}

test('every upstream mechanism is registered', () => {
  const names = registeredMechanisms();
  for (const n of ['static', 'file', 'http', 'dns', 'docker', 'dockerswarm', 'kubernetes', 'ec2', 'azure', 'consul', 'kuma', 'nerve', 'serverset', 'stackit']) {
    assert.ok(names.includes(n), n);
  }
});

test('defaults per mechanism', () => {
  const [dns, docker, file, http] = sds(
    'file_sd_configs: [{files: [a.json]}]\ndns_sd_configs: [{names: [x]}]\ndocker_sd_configs: [{host: unix:///s}]\nhttp_sd_configs: [{url: http://h/sd}]\n',
  );
  assert.equal(dns?.mechanism, 'dns');
  assert.ok(dns?.mechanism === 'dns' && dns.type === 'SRV' && dns.refresh_interval === 30_000);
  assert.ok(docker?.mechanism === 'docker' && docker.port === 80 && docker.host_networking_host === 'localhost' && docker.match_first_network);
  assert.ok(file?.mechanism === 'file' && file.refresh_interval === 300_000);
  assert.ok(http?.mechanism === 'http' && http.refresh_interval === 60_000 && http.follow_redirects);
});

test('static groups are coalesced last with their index as source', () => {
  const out = sds('static_configs:\n- targets: [a:1, b:2]\n  labels: {x: y}\n- targets: [c:3]\nfile_sd_configs: [{files: [f.yml]}]\n');
  assert.deepEqual(out.map((c) => c.mechanism), ['file', 'static']);
  const st = out[1];
  assert.ok(st?.mechanism === 'static');
  assert.deepEqual(st.groups.map((g) => g.source), ['0', '1']);
  assert.equal(st.groups[0]?.targets[1]?.get('__address__'), 'b:2');
  assert.equal(st.groups[0]?.labels.get('x'), 'y');
  const back: Record<string, unknown> = {};
  encodeSDConfigs(out, back);
  assert.deepEqual(Object.keys(back), ['file_sd_configs', 'static_configs']);
});

test('validation texts', () => {
  const cases: Array<[string, string]> = [
    ['static_configs: [null]\n', 'empty or null section in static_configs'],
    ['dns_sd_configs: [{names: [a], type: A}]\n', 'a port is required in DNS-SD configs for all record types except SRV'],
    ['dns_sd_configs: [{names: [a], type: TXT}]\n', 'invalid DNS-SD records type TXT'],
    ['file_sd_configs: [{}]\n', 'file service discovery config must contain at least one path name'],
    ['http_sd_configs: [{url: ftp://x}]\n', "URL scheme must be 'http' or 'https'"],
    ['dockerswarm_sd_configs: [{host: http://x}]\n', 'role missing (one of: tasks, services, nodes)'],
    ['docker_sd_configs: [{}]\n', 'host missing'],
    ['kubernetes_sd_configs: [{role: pod, selectors: [{role: pod, label: "a in (b"}]}]\n', 'unable to parse requirement: found \'a in (b\', expected: in, notin, =, ==, !=, gt, lt'],
    ['gce_sd_configs: [{project: p}]\n', 'GCE SD configuration requires a zone'],
    ['consul_sd_configs: [{server: " "}]\n', 'consul SD configuration requires a server address'],
    ['serverset_sd_configs: [{servers: [a], paths: [x]}]\n', "serverset SD config paths must begin with '/': x"],
  ];
  for (const [text, msg] of cases) assert.throws(() => sds(text), { message: msg }, text);
});

test('target group files', () => {
  const y = parseTargetGroupsYaml('- targets: [a:1]\n  labels: {job: x}\n');
  assert.equal(y[0]?.labels.get('job'), 'x');
  const j = parseTargetGroupsJson('[{"targets": ["a:1"], "labels": {"env": "p"}}]');
  assert.equal(j[0]?.targets[0]?.get('__address__'), 'a:1');
  assert.throws(() => parseTargetGroupsJson('[{"targets": [], "foo": 1}]'), { message: 'json: unknown field "foo"' });
  assert.throws(() => parseTargetGroupsYaml('- null\n'), { message: 'nil target group item found (index 0)' });
  assert.throws(() => parseTargetGroupYaml('targets: [a]\nlabels:\n  !!binary "/w==": x\n'), { message: '"\\xff" is not a valid label name' });
});

test('label selectors', () => {
  assert.equal(checkLabelSelector(''), null);
  assert.equal(checkLabelSelector('a=b,!c,d in (e, f),g'), null);
  assert.notEqual(checkLabelSelector('a=b c'), null);
});
