import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Annotations } from '../value/index.js';
import { newEvalCmd } from './commands.js';
import { checkAnnotations, checkExpectedFailure, parseExpect, validateExpects } from './expect.js';
import { compileGoRegex } from '../../model/labels/index.js';

const compileGoRegexp = (pattern: string): RegExp => compileGoRegex(pattern, false).regexp;

const QUERY = 'sum(foo)';
const pos = { start: 4, end: 7 };

function evalWith(lines: string[]) {
  const ev = newEvalCmd(QUERY, 3, false);
  for (const l of lines) {
    const { type, cmd } = parseExpect(l);
    ev.expects[type].push(cmd);
  }
  validateExpects(ev);
  return ev;
}

test('parseExpect: types, msg and regex', () => {
  assert.equal(parseExpect('expect warn').type, 'warn');
  assert.equal(parseExpect('expect fail msg: boom ').cmd.message, 'boom');
  assert.ok(parseExpect('expect info regex: a.c').cmd.regex?.test('xabcx'));
  assert.throws(() => parseExpect('expect nonsense'), /invalid expect statement/);
  assert.throws(() => evalWith(['expect warn', 'expect no_warn']), /warn and no_warn cannot be used together/);
  assert.throws(() => evalWith(['expect fail', 'expect fail']), /multiple expect fail/);
});

test('annotations: unchecked without expectations', () => {
  const annos = new Annotations().warn('something', pos);
  assert.equal(checkAnnotations(evalWith([]), QUERY, annos), null);
});

test('annotations: msg must match the full text with position', () => {
  const annos = new Annotations().warn('something', pos);
  assert.equal(checkAnnotations(evalWith(['expect warn msg: PromQL warning: something (1:5)']), QUERY, annos), null);
  assert.match(
    checkAnnotations(evalWith(['expect warn msg: PromQL warning: something']), QUERY, annos) ?? '',
    /no matching annotation was found/,
  );
});

test('annotations: every actual annotation of an expected kind must be expected', () => {
  const annos = new Annotations().warn('one', pos).warn('two', pos);
  assert.match(checkAnnotations(evalWith(['expect warn regex: one']), QUERY, annos) ?? '', /unexpected warn annotation "PromQL warning: two \(1:5\)"/);
  assert.equal(checkAnnotations(evalWith(['expect warn']), QUERY, annos), null);
  assert.match(checkAnnotations(evalWith(['expect info']), QUERY, annos) ?? '', /expected info annotations but none were found/);
});

test('annotations: no_warn and no_info', () => {
  const annos = new Annotations().info('hint', null);
  assert.equal(checkAnnotations(evalWith(['expect no_warn']), QUERY, annos), null);
  assert.match(checkAnnotations(evalWith(['expect no_info']), QUERY, annos) ?? '', /unexpected info annotations/);
});

test('expected failures: any error, exact message, regex, legacy forms', () => {
  assert.equal(checkExpectedFailure(evalWith(['expect fail']), 'anything'), null);
  assert.equal(checkExpectedFailure(evalWith(['expect fail msg: boom']), 'boom'), null);
  assert.match(checkExpectedFailure(evalWith(['expect fail msg: boom']), 'boom!') ?? '', /expected error matching "boom"/);
  assert.equal(checkExpectedFailure(evalWith(['expect fail regex: b.o']), 'a boom'), null);
  const legacy = newEvalCmd(QUERY, 1, false);
  legacy.fail = true;
  legacy.expectedFailMessage = 'exact';
  assert.match(checkExpectedFailure(legacy, 'other') ?? '', /expected error "exact"/);
  legacy.expectedFailMessage = null;
  legacy.expectedFailRegexp = compileGoRegexp('^oth');
  assert.equal(checkExpectedFailure(legacy, 'other'), null);
});

test('Go regexp syntax', () => {
  assert.ok(compileGoRegexp('(?i)ABC').test('xabc'));
  assert.ok(compileGoRegexp('\\Qa.b\\E').test('a.b'));
  assert.ok(!compileGoRegexp('\\Qa.b\\E').test('axb'));
  assert.ok(compileGoRegexp('end\\z').test('the end'));
  assert.ok(!compileGoRegexp('end\\z').test('end\n'));
  assert.ok(compileGoRegexp('\\pL+').test('é'));
});
