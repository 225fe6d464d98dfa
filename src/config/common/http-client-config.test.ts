import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Decoder } from './decoder.js';
import { canonicalHeaderKey, httpClientConfigCodec, setHTTPClientDirectory, type HTTPClientConfig } from './http-client-config.js';
import { parseYamlTree } from './yaml-tree.js';

function load(text: string): HTTPClientConfig {
  const d = new Decoder();
  const root = parseYamlTree(text);
  assert.ok(root);
  const c = httpClientConfigCodec.decode(root, d);
  d.finish();
  return c;
}

test('defaults: follow redirects and HTTP/2', () => {
  const c = load('{}');
  assert.equal(c.follow_redirects, true);
  assert.equal(c.enable_http2, true);
  assert.equal(c.authorization, undefined);
});

test('a legacy bearer token becomes a Bearer authorization', () => {
  const c = load('bearer_token: abc\n');
  assert.deepEqual(c.authorization, { type: 'Bearer', credentials: 'abc', credentials_file: '', credentials_ref: '' });
  assert.equal(c.bearer_token, '');
  const f = load('bearer_token_file: tok\n');
  assert.equal(f.authorization?.credentials_file, 'tok');
});

test('validation texts', () => {
  const cases: Array<[string, string]> = [
    ['bearer_token: a\nbearer_token_file: b\n', 'at most one of bearer_token & bearer_token_file must be configured'],
    ['bearer_token: a\nbasic_auth: {username: u}\n', 'at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured'],
    ['basic_auth: {password: a, password_file: b}\n', 'at most one of basic_auth password, password_file & password_ref must be configured'],
    ['authorization: {type: Basic, credentials: x}\n', 'authorization type cannot be set to "basic", use "basic_auth" instead'],
    ['authorization: {credentials: x}\nbasic_auth: {username: u}\n', 'at most one of basic_auth, oauth2 & authorization must be configured'],
    ['oauth2: {token_url: http://x}\n', 'oauth2 client_id must be configured'],
    ['oauth2: {client_id: a}\n', 'oauth2 token_url must be configured'],
    ['no_proxy: localhost\n', 'if no_proxy is configured, proxy_url must also be configured'],
    ['proxy_from_environment: true\nproxy_url: http://p\n', 'if proxy_from_environment is configured, proxy_url must not be configured'],
    ['tls_config: {cert_file: a}\n', 'exactly one of key or key_file must be configured when a client certificate is configured'],
    ['tls_config: {min_version: TLS14}\n', 'unknown TLS version: TLS14'],
    ['http_headers: {authorization: {values: [x]}}\n', 'setting header "Authorization" is not allowed'],
  ];
  for (const [text, msg] of cases) assert.throws(() => load(text), { message: msg }, text);
});

test('relative file paths join the config directory', () => {
  const c = load('basic_auth: {username: u, password_file: pw}\ntls_config: {ca_file: /abs/ca, cert_file: c, key_file: k}\n');
  setHTTPClientDirectory(c, '/etc/vigil');
  assert.equal(c.basic_auth?.password_file, '/etc/vigil/pw');
  assert.equal(c.tls_config.ca_file, '/abs/ca');
  assert.equal(c.tls_config.cert_file, '/etc/vigil/c');
});

test('canonical header keys', () => {
  assert.equal(canonicalHeaderKey('x-prometheus-remote-write-version'), 'X-Prometheus-Remote-Write-Version');
  assert.equal(canonicalHeaderKey('bad header'), 'bad header');
});
