import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MailAddressError, multipartBody, parseAddressList, qEncodeHeader, quotedPrintable, randomBoundary } from './email-mime.js';

test('parseAddressList: addresses as Go net/mail finds them', () => {
  const cases: Array<[string, string[]]> = [
    ['alerts@example.com', ['alerts@example.com']],
    ['a@x.org, b@y.org', ['a@x.org', 'b@y.org']],
    ['Alertmanager <am@example.org>', ['am@example.org']],
    ['"Team, B" <b@example.org>, c@example.org (Carol)', ['b@example.org', 'c@example.org']],
    ['undisclosed: a@x.org, b@x.org;', ['a@x.org', 'b@x.org']],
    ['empty:;', []],
    ['"quoted local"@example.org', ['quoted local@example.org']],
    ['Jörg <jörg@example.org>', ['jörg@example.org']],
  ];
  for (const [input, want] of cases) assert.deepEqual(parseAddressList(input).map((a) => a.address), want, input);
  assert.equal(parseAddressList('Alertmanager <am@example.org>')[0]?.name, 'Alertmanager');
});

test('parseAddressList: Go net/mail error texts', () => {
  const cases: Array<[string, string]> = [
    ['xxx', 'mail: no angle-addr'],
    ['a@x.org (unclosed', 'mail: misformatted parenthetical comment'],
    ['', 'mail: no address'],
    ['a@x.org b@y.org', 'mail: expected comma'],
    ['a@x.org,', 'mail: no address'],
    ['<a@x.org', 'mail: unclosed angle-addr'],
    ['Name a@x.org', 'mail: no angle-addr'],
    ['a@', 'mail: no angle-addr'],
    ['"unclosed <a@x.org>', 'mail: missing word in phrase: mail: unclosed quoted-string'],
    ['a..b@x.org', 'mail: no angle-addr'],
  ];
  for (const [input, want] of cases) {
    assert.throws(() => parseAddressList(input), (e: unknown) => e instanceof MailAddressError && e.message === want, input);
  }
});

test('qEncodeHeader: mime.QEncoding.Encode("utf-8", s)', () => {
  assert.equal(qEncodeHeader('plain ASCII, with tab\tand = ? _'), 'plain ASCII, with tab\tand = ? _');
  assert.equal(qEncodeHeader('héllo wörld firing'), '=?utf-8?q?h=C3=A9llo_w=C3=B6rld_firing?=');
  // Recorded from Alertmanager 0.25: a long value splits into encoded words of at most 75 bytes.
  assert.equal(
    qEncodeHeader('[FIRING] Ünïcode subject that is fairly long so that the encoded word splits into two or more parts'),
    '=?utf-8?q?[FIRING]_=C3=9Cn=C3=AFcode_subject_that_is_fairly_long_so_that_?= =?utf-8?q?the_encoded_word_splits_into_two_or_more_parts?=',
  );
  assert.equal(qEncodeHeader('a=b?c_d é'), '=?utf-8?q?a=3Db=3Fc=5Fd_=C3=A9?=');
  // A multi-byte rune is never split across words.
  const long = qEncodeHeader('é'.repeat(30));
  for (const w of long.split(' ')) assert.ok(w.length <= 75 && /^=\?utf-8\?q\?(=C3=A9)+\?=$/.test(w), w);
});

test('quotedPrintable: mime/quotedprintable Writer output', () => {
  const qp = (s: string): string => quotedPrintable(Buffer.from(s, 'utf8')).toString('latin1');
  assert.equal(qp('hello'), 'hello');
  assert.equal(qp('a=b'), 'a=3Db');
  assert.equal(qp('trailing space \nnext'), 'trailing space=20\r\nnext');
  assert.equal(qp('tab\t\r\nx'), 'tab=09\r\nx');
  assert.equal(qp('end with space '), 'end with space=20');
  assert.equal(qp('ü'), '=C3=BC');
  assert.equal(qp('lf\ncrlf\r\ncr\rend'), 'lf\r\ncrlf\r\ncr\r\nend');
  // 75 characters and a soft break ("=" makes 76).
  const line = 'x'.repeat(100);
  assert.equal(qp(line), `${'x'.repeat(75)}=\r\n${'x'.repeat(25)}`);
  // An escape never straddles a soft break.
  assert.equal(qp(`${'x'.repeat(73)}=`), `${'x'.repeat(73)}=\r\n=3D`);
  assert.equal(qp(`${'x'.repeat(72)}=`), `${'x'.repeat(72)}=3D`);
});

test('multipartBody: parts framed as Go multipart.Writer frames them', () => {
  const b = randomBoundary();
  assert.match(b, /^[0-9a-f]{60}$/);
  const body = multipartBody('B', [
    { headers: { 'Content-Type': 'text/plain', 'Content-Transfer-Encoding': 'quoted-printable' }, body: Buffer.from('one') },
    { headers: { 'Content-Type': 'text/html' }, body: Buffer.from('two') },
  ]).toString();
  assert.equal(body, '--B\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Type: text/plain\r\n\r\none\r\n--B\r\nContent-Type: text/html\r\n\r\ntwo\r\n--B--\r\n');
  assert.equal(multipartBody('B', []).toString(), '\r\n--B--\r\n');
});
