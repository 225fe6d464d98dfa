import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { checkBcryptHash, parseWebConfig, validateWebConfigFile, verifyBasicAuth, WebConfigError } from './web-config.js';

// A throwaway self-signed P-256 certificate and its key (test fixture only).
const CERT = `-----BEGIN CERTIFICATE-----
MIIBgTCCASegAwIBAgIUI7Bm3buWcifUS7/seojILEVEjtIwCgYIKoZIzj0EAwIw
FTETMBEGA1UEAwwKdmlnaWwtdGVzdDAgFw0yNjExMjExNzM5NThaGA8yMTI2MTAy
ODE3Mzk1OFowFTETMBEGA1UEAwwKdmlnaWwtdGVzdDBZMBMGByqGSM49AgEGCCqG
SM49AwEHA0IABGP16v7RmFbcshMLhjPmntI0K9IH9GQm92EmYV2uPxqZT+vdboxJ
dwVBuWcfbtJSTbcs3E/WAoO0iw3mljH8pIKjUzBRMB0GA1UdDgQWBBRoPM7GtOIl
NVAwvRu0U6jLRl5oOTAfBgNVHSMEGDAWgBRoPM7GtOIlNVAwvRu0U6jLRl5oOTAP
BgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIQD4ykF5mzTCF/iOVfSq
/XGGZ7z5pC80o7I/7qz3X+LmGwIgSTNDDJC6j9tHeTRFfXRZFzsuJWd0qeQNTF/S
Vkyj2vk=
-----END CERTIFICATE-----`;
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg7YPdLYgIEEzBm0yX
eCPitk1wRO7eLAAMCmc2XssRP/ahRANCAARj9er+0ZhW3LITC4Yz5p7SNCvSB/Rk
JvdhJmFdrj8amU/r3W6MSXcFQblnH27SUk23LNxP1gKDtIsN5pYx/KSC
-----END PRIVATE KEY-----`;

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-web-'));
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

test('defaults and strict decoding', () => {
  const c = parseWebConfig('');
  assert.equal(c.http_server_config.http2, true);
  assert.equal(c.tls_server_config.min_version, 'TLS12');
  assert.throws(() => parseWebConfig('tls_server_config:\n  foo: 1\n'), /field foo not found in type web.TLSConfig/);
  assert.throws(() => parseWebConfig('tls_server_config:\n  cipher_suites: [NOPE]\n'), { message: 'unknown cipher: NOPE' });
  assert.throws(() => parseWebConfig('tls_server_config:\n  curve_preferences: [P1]\n'), { message: 'unknown curve: P1' });
  assert.throws(() => parseWebConfig('tls_server_config:\n  min_version: TLS9\n'), { message: 'unknown TLS version: TLS9' });
});

test('security headers are checked', () => {
  assert.doesNotThrow(() => parseWebConfig('http_server_config:\n  headers:\n    X-Frame-Options: deny\n'));
  assert.throws(() => parseWebConfig('http_server_config:\n  headers:\n    X-Foo: a\n'), { message: 'HTTP header "X-Foo" can not be configured' });
  assert.throws(
    () => parseWebConfig('http_server_config:\n  headers:\n    X-Frame-Options: allow\n'),
    { message: 'invalid value for X-Frame-Options. Expected one of: ["deny" "sameorigin"], but got: "allow"' },
  );
});

test('bcrypt verification of basic auth users ($2a$, $2b$, $2y$)', () => {
  const hash = bcrypt.hashSync('s3cret', 4);
  for (const prefix of ['$2a$', '$2b$', '$2y$']) {
    const users = { alice: prefix + hash.slice(4) };
    assert.equal(verifyBasicAuth(users, 'alice', 's3cret'), true, prefix);
    assert.equal(verifyBasicAuth(users, 'alice', 'wrong'), false, prefix);
  }
  assert.equal(verifyBasicAuth({ alice: hash }, 'bob', 's3cret'), false);
  assert.equal(verifyBasicAuth({ alice: 'plain' }, 'alice', 'plain'), false);
});

test('bcrypt hash checks as x/crypto', () => {
  assert.equal(checkBcryptHash('short'), 'crypto/bcrypt: hashedSecret too short to be a bcrypted password');
  const hash = bcrypt.hashSync('x', 4);
  assert.equal(checkBcryptHash(hash), null);
  assert.equal(checkBcryptHash(hash.replace('$04$', '$03$')), 'crypto/bcrypt: cost 3 is outside allowed inclusive range 4..31');
  assert.equal(checkBcryptHash('x' + hash.slice(1)), "crypto/bcrypt: bcrypt hashes must start with '$', but hashedSecret started with 'x'");
});

test('web.Validate: TLS settings and users', () => {
  const cert = tempFile('c.pem', CERT);
  const key = tempFile('k.pem', KEY);
  assert.doesNotThrow(() => validateWebConfigFile(tempFile('w.yml', `tls_server_config:\n  cert_file: ${cert}\n  key_file: ${key}\n`)));
  assert.throws(() => validateWebConfigFile(tempFile('w.yml', `tls_server_config:\n  cert_file: ${cert}\n`)), { message: 'missing one of key or key_file' });
  assert.throws(
    () => validateWebConfigFile(tempFile('w.yml', `tls_server_config:\n  cert_file: ${cert}\n  key_file: ${key}\n  client_ca_file: ${cert}\n`)),
    { message: "client CA's have been configured without a Client Auth Policy" },
  );
  assert.throws(
    () => validateWebConfigFile(tempFile('w.yml', `tls_server_config:\n  cert_file: ${cert}\n  key_file: ${key}\n  client_auth_type: Maybe\n`)),
    { message: 'invalid ClientAuth: Maybe' },
  );
  assert.throws(() => validateWebConfigFile(tempFile('w.yml', 'basic_auth_users:\n  a: nope\n')), WebConfigError);
  assert.doesNotThrow(() => validateWebConfigFile(tempFile('w.yml', `basic_auth_users:\n  a: ${bcrypt.hashSync('p', 4)}\n`)));
});
