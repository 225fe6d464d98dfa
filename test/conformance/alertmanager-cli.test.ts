/**
 * amtool conformance (../shared/conformance/alertmanager-cli/EXPECTED.md): the routing table
 * (config, alert labels, receivers in order) through `amtool config routes test`, and
 * check-config's verdict on the good and bad configs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { amtoolCommand, type AmtoolIO } from '../../src/cmd/amtool/index.js';
import { sharedDir } from '../shared-dir.js';
import { skipReason } from '../skips.js';

const SUITE = 'alertmanager-cli';
const dir = sharedDir('conformance', 'alertmanager-cli');
const expectedLines = readFileSync(join(dir, 'EXPECTED.md'), 'utf8').split('\n');

interface RoutingCase {
  line: number;
  config: string;
  labels: string[];
  receivers: string[];
}

/** Rows `| conf.x.yml | {a="1", b="2"} | r1, r2 (note) |` of the routing table. */
function routingCases(): RoutingCase[] {
  const out: RoutingCase[] = [];
  expectedLines.forEach((text, i) => {
    const m = /^\|\s*(conf\.[\w.-]+\.yml)\s*\|\s*\{(.*)\}\s*\|\s*([^|(]*?)\s*(?:\(.*\))?\s*\|\s*$/.exec(text);
    if (!m) return;
    const labels = (m[2] as string).split(',').map((s) => s.trim()).filter((s) => s !== '');
    const receivers = (m[3] as string).split(',').map((s) => s.trim()).filter((s) => s !== '');
    out.push({ line: i + 1, config: m[1] as string, labels, receivers });
  });
  return out;
}

function capture(): { io: AmtoolIO; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { out: (s) => void (out += s), err: (s) => void (err += s) }, out: () => out, err: () => err };
}

const cases = routingCases();

test('alertmanager-cli: EXPECTED.md has routing rows', () => {
  assert.ok(cases.length >= 4, `found ${cases.length} routing rows`);
});

for (const c of cases) {
  const skip = skipReason({ suite: SUITE, file: c.config, line: c.line });
  test(`amtool config routes test: ${c.config} {${c.labels.join(', ')}} (EXPECTED.md:${c.line})`, { skip: skip ?? false }, async () => {
    const file = join(dir, c.config);
    const cap = capture();
    const code = await amtoolCommand(
      ['config', 'routes', 'test', `--config.file=${file}`, `--verify.receivers=${c.receivers.join(',')}`, ...c.labels],
      cap.io,
    );
    assert.equal(cap.err(), '');
    assert.equal(cap.out(), `${c.receivers.join(',')}\n`);
    assert.equal(code, 0);
  });
}

const checkCases: { file: string; ok: boolean }[] = [];
for (const text of expectedLines) {
  const m = /`amtool check-config`: (.*)$/.exec(text);
  if (!m) continue;
  for (const v of (m[1] as string).matchAll(/(conf\.[\w.-]+\.yml) (passes|fails)/g)) {
    checkCases.push({ file: v[1] as string, ok: v[2] === 'passes' });
  }
}

test('alertmanager-cli: EXPECTED.md has check-config expectations', () => {
  assert.equal(checkCases.length, 2);
});

for (const c of checkCases) {
  const skip = skipReason({ suite: SUITE, file: c.file, line: 0 });
  test(`amtool check-config ${c.file} ${c.ok ? 'passes' : 'fails'}`, { skip: skip ?? false }, async () => {
    const file = join(dir, c.file);
    const cap = capture();
    const code = await amtoolCommand(['check-config', file], cap.io);
    assert.equal(code, c.ok ? 0 : 1);
    assert.ok(cap.out().startsWith(`Checking '${file}'  ${c.ok ? 'SUCCESS' : 'FAILED: '}`), cap.out());
  });
}
