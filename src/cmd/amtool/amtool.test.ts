import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { amtoolCommand, type AmtoolIO } from './index.js';

const dirs: string[] = [];
function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const dir = tempDir('vigil-amtool-');
const CONFIG = join(dir, 'alertmanager.yml');
writeFileSync(
  CONFIG,
  `route:
  receiver: default
  group_by: ['...']
  routes:
    - matchers: ['foo="bar"', 'a=~"x|y"']
      receiver: r1
      continue: true
      routes:
        - match: {b: c}
          receiver: r2
          group_wait: 1s
    - match_re:
        test: ^[12]$
      receiver: test1
inhibit_rules:
  - source_matchers: [a=b]
    target_matchers: [c=d]
receivers:
  - name: default
  - name: r1
  - name: r2
  - name: test1
`,
);
const BAD = join(dir, 'bad.yml');
writeFileSync(BAD, 'BAD\n');

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: AmtoolIO = { out: (s) => void (out += s), err: (s) => void (err += s) };
  const code = await amtoolCommand(args, io);
  return { code, out, err };
}

// Outputs below were taken from amtool 0.25 on the same file.
const TREE = `Routing tree:
.
└── default-route  receiver: default
    ├── {a=~"x|y",foo="bar"}  continue: true  receiver: r1
    │\u00a0\u00a0 └── {b="c"}  receiver: r2
    └── {test=~"^(?:^[12]$)$"}  receiver: test1

`;

test('config routes [show]', async () => {
  assert.deepEqual(await run('config', 'routes', `--config.file=${CONFIG}`), { code: 0, out: TREE, err: '' });
  assert.deepEqual(await run('config', 'routes', 'show', '--config.file', CONFIG), { code: 0, out: TREE, err: '' });
  // --config.file belongs to `config routes`: before the command it is unknown, as in amtool 0.25.
  assert.deepEqual(await run('--config.file', CONFIG, 'config', 'routes', 'show'), { code: 1, out: '', err: "amtool: error: unknown long flag '--config.file'\n\n" });
  assert.deepEqual(await run('config', 'routes', '--config.file', CONFIG, 'show'), { code: 0, out: TREE, err: '' });
});

test('config routes test: receivers in order', async () => {
  const r = await run('config', 'routes', 'test', `--config.file=${CONFIG}`, 'foo=bar', 'a=x', 'b=c', 'test=1');
  assert.deepEqual(r, { code: 0, out: 'r2,test1\n', err: '' });
  const d = await run('config', 'routes', 'test', `--config.file=${CONFIG}`);
  assert.deepEqual(d, { code: 0, out: 'default\n', err: '' });
});

test('config routes test --tree', async () => {
  const r = await run('config', 'routes', 'test', `--config.file=${CONFIG}`, '--tree', 'foo=bar', 'a=x', 'b=c', 'test=1');
  const want = `Matching routes:
.
└── default-route
    ├── {a=~"x|y",foo="bar"}
    │\u00a0\u00a0 └── {b="c"}  receiver: r2
    └── {test=~"^(?:^[12]$)$"}  receiver: test1


r2,test1
`;
  assert.deepEqual(r, { code: 0, out: want, err: '' });
});

test('config routes test --verify.receivers', async () => {
  const ok = await run('config', 'routes', 'test', `--config.file=${CONFIG}`, '--verify.receivers=r2,test1', 'foo=bar', 'a=x', 'b=c', 'test=1');
  assert.equal(ok.code, 0);
  const bad = await run('config', 'routes', 'test', `--config.file=${CONFIG}`, '--verify.receivers=r2', 'foo=bar', 'a=x', 'b=c', 'test=1');
  assert.deepEqual(bad, { code: 1, out: 'r2,test1\nWARNING: Expected receivers did not match resolved receivers.\n', err: '' });
});

test('config routes test: bad labels and missing file', async () => {
  const r = await run('config', 'routes', 'test', `--config.file=${CONFIG}`, 'a!=b');
  assert.deepEqual(r, { code: 1, out: '', err: 'amtool: error: Failed to parse labels: labels must be specified as key=value pairs\n\n' });
  const m = await run('config', 'routes', `--config.file=${join(dir, 'nope.yml')}`);
  assert.equal(m.code, 1);
  assert.match(m.err, /^amtool: error: path '.*nope\.yml' does not exist\n/);
});

test('check-config: success and failure output', async () => {
  const ok = await run('check-config', CONFIG);
  assert.deepEqual(ok, {
    code: 0,
    out: `Checking '${CONFIG}'  SUCCESS\nFound:\n - global config\n - route\n - 1 inhibit rules\n - 4 receivers\n - 0 templates\n\n`,
    err: '',
  });
  const bad = await run('check-config', BAD, CONFIG);
  assert.equal(bad.code, 1);
  assert.ok(bad.out.startsWith(`Checking '${BAD}'  FAILED: yaml: unmarshal errors:\n  line 1: cannot unmarshal !!str \`BAD\` into config.plain\n\nChecking '${CONFIG}'  SUCCESS`));
  assert.equal(bad.err, 'amtool: error: failed to validate 1 file(s)\n\n');
});

test('API commands require --alertmanager.url', async () => {
  const r = await run('silence', 'query');
  assert.deepEqual(r, { code: 1, out: '', err: 'amtool: error: required flag --alertmanager.url not provided\n' });
});

test('check-config: templates are parsed (relative to the config file)', async () => {
  const tdir = tempDir('vigil-amtool-tmpl-');
  writeFileSync(join(tdir, 'ok.tmpl'), '{{ define "x" }}hi{{ end }}\n');
  writeFileSync(join(tdir, 'am.yml'), "route: {receiver: d}\nreceivers: [{name: d}]\ntemplates: ['*.tmpl']\n");
  const ok = await run('check-config', join(tdir, 'am.yml'));
  assert.equal(ok.code, 0);
  assert.ok(ok.out.endsWith(' - 1 templates\n  SUCCESS\n\n'), ok.out);
  writeFileSync(join(tdir, 'bad.tmpl'), '{{ define "x" }}hi{{ end \n');
  const bad = await run('check-config', join(tdir, 'am.yml'));
  assert.equal(bad.code, 1);
  assert.ok(bad.out.endsWith(' - 1 templates\n  FAILED: template: bad.tmpl:2: unclosed action started at bad.tmpl:1\n\n'), bad.out);
});

test('config routes: a config error is reported as amtool does', async () => {
  const tdir = tempDir('vigil-amtool-undef-');
  writeFileSync(join(tdir, 'am.yml'), 'route: {receiver: nope}\nreceivers: [{name: d}]\n');
  const show = await run('config', 'routes', `--config.file=${join(tdir, 'am.yml')}`);
  assert.deepEqual(show, { code: 1, out: '', err: 'amtool: error: undefined receiver "nope" used in route\n' });
  const t = await run('config', 'routes', 'test', `--config.file=${join(tdir, 'am.yml')}`);
  assert.deepEqual(t, { code: 1, out: '', err: 'amtool: error: undefined receiver "nope" used in route\n\n' });
});
