import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentType } from './content-type.js';
import { notBuiltPage, renderIndex, scriptSafeJson, settingsScript, SETTINGS_PLACEHOLDER } from './index-page.js';

const BUILT = `<!doctype html>
<html lang="en">
  <head>
    <title>Vigil</title>
    ${SETTINGS_PLACEHOLDER}
    <script type="module" crossorigin src="./assets/index-abc.js"></script>
    <link rel="stylesheet" crossorigin href="./assets/index-def.css">
  </head>
  <body><div id="app"></div></body>
</html>
`;

/** The value the injected script assigns (what the browser would see). */
function injected(html: string): unknown {
  const m = /<script>window\.__VIGIL__ = (.*?);<\/script>/.exec(html);
  assert.ok(m !== null, 'settings script present');
  return JSON.parse(m[1] ?? '') as unknown;
}

test('the settings replace the placeholder; asset URLs are rooted at the prefix', () => {
  const html = renderIndex(BUILT, { mode: 'prometheus', prefix: '/prom', version: '0.1.0' });
  assert.ok(!html.includes(SETTINGS_PLACEHOLDER));
  assert.deepEqual(injected(html), { mode: 'prometheus', prefix: '/prom', version: '0.1.0' });
  assert.match(html, /src="\/prom\/assets\/index-abc\.js"/);
  assert.match(html, /href="\/prom\/assets\/index-def\.css"/);
  const root = renderIndex(BUILT, { mode: 'alertmanager', prefix: '', version: '1' });
  assert.match(root, /src="\/assets\/index-abc\.js"/);
  assert.deepEqual(injected(root), { mode: 'alertmanager', prefix: '', version: '1' });
});

test('settings cannot end the script element or inject markup', () => {
  const evil = '</script><script>alert(1)</script><!--';
  const html = renderIndex(BUILT, { mode: 'prometheus', prefix: `/p"><img src=x onerror=alert(2)>`, version: evil });
  assert.equal(html.split('</script>').length - 1, 2, 'only the page\'s own two closing tags');
  assert.ok(!html.includes('<script>alert(1)'));
  assert.ok(!html.includes('<img src=x'));
  assert.ok(!html.includes('<!--</'));
  assert.deepEqual(injected(html), { mode: 'prometheus', prefix: `/p"><img src=x onerror=alert(2)>`, version: evil });
  assert.equal(scriptSafeJson('a<b>&\u2028'), '"a\\u003cb\\u003e\\u0026\\u2028"');
  assert.equal(settingsScript({ mode: 'prometheus', prefix: '', version: '1' }), '<script>window.__VIGIL__ = {"mode":"prometheus","prefix":"","version":"1"};</script>');
  // String.replace patterns in a value stay literal.
  assert.equal((injected(renderIndex(BUILT, { mode: 'prometheus', prefix: '', version: "$&$1$'" })) as { version: string }).version, "$&$1$'");
});

test('a build without the placeholder still gets its settings at the top of <head>', () => {
  const html = renderIndex('<html><head><title>x</title></head><body></body></html>', { mode: 'prometheus', prefix: '', version: 'v' });
  assert.match(html, /<head>\n<script>window\.__VIGIL__ = /);
});

test('the not-built page names the build command and escapes the prefix', () => {
  const p = notBuiltPage({ mode: 'prometheus', prefix: '/a<b', version: '' });
  assert.match(p, /npm run build:ui/);
  assert.match(p, /\/a&#60;b\/api\/v1\/status\/buildinfo/);
  assert.ok(!p.includes('/a<b'));
  assert.match(notBuiltPage({ mode: 'alertmanager', prefix: '', version: '' }), /\/api\/v2\/status/);
});

test('content types by extension', () => {
  assert.equal(contentType('index.html'), 'text/html; charset=utf-8');
  assert.equal(contentType('assets/index-abc.js'), 'text/javascript; charset=utf-8');
  assert.equal(contentType('assets/x.CSS'), 'text/css; charset=utf-8');
  assert.equal(contentType('favicon.svg'), 'image/svg+xml');
  assert.equal(contentType('f.woff2'), 'font/woff2');
  assert.equal(contentType('a.map'), 'application/json');
  assert.equal(contentType('noext'), 'application/octet-stream');
});
