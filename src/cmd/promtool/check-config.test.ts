import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkConfig } from './check-config.js';
import { checkWebConfig } from './check-web-config.js';

async function run(fn: (a: string[]) => Promise<number>, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const ow = process.stdout.write.bind(process.stdout);
  const ew = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string | Uint8Array): boolean => ((out += String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array): boolean => ((err += String(s)), true)) as typeof process.stderr.write;
  try {
    return { code: await fn(args), out, err };
  } finally {
    process.stdout.write = ow;
    process.stderr.write = ew;
  }
}

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'vigil-check-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

const RULES = 'groups:\n- name: g\n  rules:\n  - record: a\n    expr: up\n  - alert: b\n    expr: up\n';

test('a valid config with rule files', async () => {
  const d = dir({ 'p.yml': 'rule_files: [r.yml]\nscrape_configs:\n- job_name: a\n', 'r.yml': RULES });
  const p = join(d, 'p.yml');
  const r = await run(checkConfig, [p]);
  assert.equal(r.code, 0);
  assert.equal(
    r.out,
    `Checking ${p}\n  SUCCESS: 1 rule files found\n SUCCESS: ${p} is valid prometheus config file syntax\n\nChecking ${join(d, 'r.yml')}\n  SUCCESS: 2 rules found\n\n`,
  );
  assert.equal(r.err, '');
});

test('failures: config errors, missing referenced files', async () => {
  const d = dir({ 'bad.yml': 'scrape_configs:\n- job_name: a\n  foo: 1\n', 'm.yml': 'rule_files: [nope.yml]\n' });
  const bad = join(d, 'bad.yml');
  const r = await run(checkConfig, [bad, join(d, 'm.yml')]);
  assert.equal(r.code, 1);
  assert.equal(
    r.err,
    `  FAILED: parsing YAML file ${bad}: yaml: unmarshal errors:\n  line 3: field foo not found in type config.ScrapeConfig\n` +
      `  FAILED: "${join(d, 'nope.yml')}" does not point to an existing file\n`,
  );
  const s = await run(checkConfig, ['--syntax-only', join(d, 'm.yml')]);
  assert.equal(s.code, 0);
});

test('TLS files and file_sd files are checked unless --syntax-only', async () => {
  const d = dir({ 'p.yml': 'scrape_configs:\n- job_name: a\n  tls_config: {cert_file: c.pem, key_file: k.pem}\n', 'q.yml': 'scrape_configs:\n- job_name: a\n  file_sd_configs: [{files: [sd/*.json]}]\n' });
  const r = await run(checkConfig, [join(d, 'p.yml')]);
  assert.equal(r.code, 1);
  assert.equal(r.err, `  FAILED: error checking client cert file "${join(d, 'c.pem')}": stat ${join(d, 'c.pem')}: no such file or directory\n`);
  const q = await run(checkConfig, [join(d, 'q.yml')]);
  assert.equal(q.code, 0);
  assert.ok(q.out.includes(`  WARNING: file "${join(d, 'sd/*.json')}" for file_sd in scrape job "a" does not exist\n`));
});

test('duplicate rules are lint errors; fatal only with --lint-fatal', async () => {
  const dup = 'groups:\n- name: g\n  rules:\n  - record: a\n    expr: up\n  - record: a\n    expr: up\n';
  const d = dir({ 'p.yml': 'rule_files: [r.yml]\n', 'r.yml': dup });
  const p = join(d, 'p.yml');
  const r = await run(checkConfig, [p]);
  assert.equal(r.code, 0);
  assert.equal(r.err, '  FAILED:\n     lint error 1 duplicate rule(s) found.\nMetric: a\nLabel(s):\nMight cause inconsistency while recording expressions\n');
  assert.equal((await run(checkConfig, ['--lint-fatal', p])).code, 3);
  assert.equal((await run(checkConfig, ['--lint=none', '--lint-fatal', p])).code, 0);
});

test('usage errors', async () => {
  const r = await run(checkConfig, ['/nonexistent/x.yml']);
  assert.equal(r.code, 1);
  assert.equal(r.err, "vigil: error: path '/nonexistent/x.yml' does not exist, try --help\n");
  assert.equal((await run(checkConfig, [])).code, 1);
});

test('check web-config', async () => {
  const d = dir({ 'ok.yml': 'http_server_config:\n  http2: false\n', 'bad.yml': 'basic_auth_users:\n  a: x\n' });
  const r = await run(checkWebConfig, [join(d, 'ok.yml'), join(d, 'bad.yml')]);
  assert.equal(r.code, 1);
  assert.equal(r.err, `${join(d, 'ok.yml')} SUCCESS\n${join(d, 'bad.yml')} FAILED: crypto/bcrypt: hashedSecret too short to be a bcrypted password\n`);
});
