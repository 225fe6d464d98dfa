import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { amtoolCommandTree, readConfigDefaults } from './commands.js';
import { flagBool, flagList, flagValue, parseArgs } from './flags.js';

const tree = amtoolCommandTree();
const parse = (args: string[], defaults = new Map<string, string>()): ReturnType<typeof parseArgs> => parseArgs(tree, args, defaults);
const error = (args: string[]): string => {
  try {
    parse(args);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
};

test('default subcommands, flags of default subcommands, positional args', () => {
  assert.deepEqual(parse(['alert']).path, ['alert', 'query']);
  const p = parse(['alert', '-ia', 'foo', '-ojson', '--receiver', 'r']);
  assert.deepEqual(p.path, ['alert', 'query']);
  assert.deepEqual(p.args, ['foo']);
  assert.equal(flagBool(p, 'inhibited'), true);
  assert.equal(flagBool(p, 'active'), true);
  assert.equal(flagValue(p, 'output'), 'json');
  assert.equal(flagValue(p, 'receiver'), 'r');
  assert.equal(flagValue(p, 'timeout'), '30s');
  assert.deepEqual(parse(['silence', 'add', '-c', 'x', 'a=b', '--', '-y']).args, ['a=b', '-y']);
  const add = parse(['alert', 'add', '--annotation=a=b', '--annotation', 'c=d', 'foo']);
  assert.deepEqual(flagList(add, 'annotation'), ['a=b', 'c=d']);
  assert.deepEqual(parse(['alert', '--', '-x']).args, ['-x']);
  // kingpin: `--bool=value` sets the flag and leaves the value as an argument.
  assert.deepEqual(parse(['alert', '--active=false']).args, ['false']);
  assert.equal(flagBool(parse(['--no-version-check', 'alert']), 'version-check'), false);
});

test('kingpin error texts', () => {
  assert.equal(error(['-o', 'foo', 'alert']), "enum value must be one of simple,extended,json, got 'foo'");
  assert.equal(error(['--timeout=abc', 'alert']), 'time: invalid duration "abc"');
  assert.equal(error(['alert', '--foo']), "unknown long flag '--foo'");
  assert.equal(error(['alert', '-x']), "unknown short flag '-x'");
  assert.equal(error(['bogus']), 'expected command but got "bogus"');
  assert.equal(error(['alert', '-o']), "expected argument for flag '-o'");
  assert.equal(error(['template']), "must select a subcommand of 'template'");
  assert.equal(error(['template', 'render', '--template.glob=x']), 'required flag --template.text not provided');
  assert.equal(error(['cluster', 'show', 'extra']), 'unexpected extra');
  assert.equal(error(['-o', 'json', '-o', 'simple', 'alert']), "flag 'output' cannot be repeated");
  assert.equal(error(['silence', 'import', '-w', 'x']), 'strconv.ParseFloat: parsing "x": invalid syntax');
  assert.equal(error(['--alertmanager.url=:bad', 'alert']), 'invalid URL: parse ":bad": missing protocol scheme');
});

test('the config file sets flag defaults; legacy comment_required', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-amtool-cfg-'));
  writeFileSync(join(dir, 'a.yml'), 'alertmanager.url: http://a:9093\noutput: json\ncomment_required: false\nunknown: 1\n');
  writeFileSync(join(dir, 'b.yml'), 'output: extended\nauthor: bob\n');
  const defaults = readConfigDefaults([join(dir, 'a.yml'), join(dir, 'missing.yml'), join(dir, 'b.yml')]);
  const p = parse(['silence', 'add', 'x'], defaults);
  assert.equal(flagValue(p, 'alertmanager.url'), 'http://a:9093');
  assert.equal(flagValue(p, 'output'), 'json');
  assert.equal(flagValue(p, 'author'), 'bob');
  assert.equal(flagBool(p, 'require-comment'), false);
  assert.equal(flagValue(parse(['-o', 'simple', 'alert'], defaults), 'output'), 'simple');
  rmSync(dir, { recursive: true, force: true });
});
