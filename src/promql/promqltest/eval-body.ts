/**
 * The lines under an `eval` header: expect lines, `expect range vector`, `expect string`,
 * the deprecated expected_fail_message/expected_fail_regexp, a bare scalar, or series lines.
 */
import type { EvalCmd } from './commands.js';
import { parseTimeRange } from './duration.js';
import { parseExpect, validateExpects } from './expect.js';
import { compileGoRegexp } from './go-regexp.js';
import { ScriptSyntaxError, parseNumber, parseSeriesLine } from './series-line.js';

const RANGE_VECTOR_PREFIX = 'expect range vector';
const EXPECT_STRING_PREFIX = 'expect string';
const EXPECT_RANGE_RE = /^expect range vector\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+)$/;

const GO_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

/** Go's strconv.Unquote for "..." and `...` literals; null when malformed. */
export function goUnquote(s: string): string | null {
  if (s.length < 2) return null;
  const q = s[0];
  if (q !== s[s.length - 1]) return null;
  const body = s.slice(1, -1);
  if (q === '`') return body.includes('`') ? null : body.replace(/\r/g, '');
  if (q !== '"') return null;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c === '"' || c === '\n') return null;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = body[++i];
    if (n === undefined) return null;
    if (n in GO_ESCAPES && n !== "'") {
      out += GO_ESCAPES[n];
    } else if (n === 'x' || n === 'u' || n === 'U') {
      const len = n === 'x' ? 2 : n === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) return null;
      out += n === 'x' ? String.fromCharCode(parseInt(hex, 16)) : String.fromCodePoint(parseInt(hex, 16));
      i += len;
    } else if (/[0-7]/.test(n)) {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) return null;
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else {
      return null;
    }
  }
  return out;
}

function parseExpectString(line: string): string {
  const bad = 'expected string literal not valid - a quoted string literal is required';
  if (line === EXPECT_STRING_PREFIX) throw new ScriptSyntaxError(bad);
  const str = line.startsWith(`${EXPECT_STRING_PREFIX} `) ? line.slice(EXPECT_STRING_PREFIX.length + 1) : line;
  if (str === '') throw new ScriptSyntaxError(bad);
  const v = goUnquote(str);
  if (v === null) {
    throw new ScriptSyntaxError('expected string literal not valid - check that the string is correctly quoted');
  }
  return v;
}

function applyRangeVector(cmd: EvalCmd, line: string): void {
  const m = EXPECT_RANGE_RE.exec(line);
  if (!m) throw new ScriptSyntaxError(`invalid range vector definition ${JSON.stringify(line)}`);
  const [start, end, step] = parseTimeRange(m[1] as string, m[2] as string, m[3] as string);
  cmd.start = start;
  cmd.end = end;
  cmd.step = step;
  cmd.eval = end;
  cmd.excludeFromRangeQuery = true;
}

/**
 * Parses the body of the eval whose header is at line index `i`; returns the index of the
 * last line consumed. Throws on malformed lines.
 */
export function parseEvalBody(lines: string[], i: number, cmd: EvalCmd): number {
  let expectRangeVector = false;
  for (let j = 1; i + 1 < lines.length; j++) {
    i++;
    const def = lines[i] as string;
    if (def === '') return i - 1;
    if (cmd.fail && def.startsWith('expected_fail_message')) {
      cmd.expectedFailMessage = def.slice('expected_fail_message'.length).trim();
      return i;
    }
    if (cmd.fail && def.startsWith('expected_fail_regexp')) {
      const pattern = def.slice('expected_fail_regexp'.length).trim();
      try {
        cmd.expectedFailRegexp = compileGoRegexp(pattern);
      } catch (e) {
        throw new ScriptSyntaxError(`invalid regexp '${pattern}' for expected_fail_regexp: ${(e as Error).message}`);
      }
      return i;
    }
    if (def.startsWith(RANGE_VECTOR_PREFIX)) {
      applyRangeVector(cmd, def);
      expectRangeVector = true;
      continue;
    }
    if (def.startsWith(EXPECT_STRING_PREFIX)) {
      cmd.expectedString = parseExpectString(def);
      cmd.excludeFromRangeQuery = true;
      continue;
    }
    if (def.split(' ')[0] === 'expect') {
      const { type, cmd: ex } = parseExpect(def);
      cmd.expects[type].push(ex);
      j--;
      validateExpects(cmd);
      continue;
    }
    const n = parseNumber(def);
    if (n !== null) {
      cmd.scalar = { pos: 0, vals: [{ value: n, omitted: false, histogram: null, counterResetHintSet: false }] };
      cmd.expectScalar = true;
      return i;
    }
    const { labels, values } = parseSeriesLine(def);
    if (values.length > 1 && !cmd.isRange && !expectRangeVector) {
      throw new ScriptSyntaxError(
        "expecting multiple values in instant evaluation not allowed. consider using 'expect range vector' directive to enable a range vector result for an instant query",
      );
    }
    cmd.expectScalar = false;
    cmd.metrics.set(labels.key(), labels);
    cmd.expected.set(labels.key(), { pos: j, vals: values });
  }
  return i;
}
