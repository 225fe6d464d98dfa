/**
 * The lines under an `eval` header: expect lines, `expect range vector`, `expect string`,
 * the deprecated expected_fail_message/expected_fail_regexp, a bare scalar, or series lines.
 */
import { compileGoRegex } from '../../model/labels/index.js';
import { goQuote, unquote, UnquoteError } from '../../model/strconv/index.js';
import type { EvalCmd } from './commands.js';
import { parseTimeRange } from './duration.js';
import { parseExpect, validateExpects } from './expect.js';
import { ScriptSyntaxError, parseNumber, parseSeriesLine } from './series-line.js';

const RANGE_VECTOR_PREFIX = 'expect range vector';
const EXPECT_STRING_PREFIX = 'expect string';
const EXPECT_RANGE_RE = /^expect range vector\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+)$/;

function parseExpectString(line: string): string {
  const bad = 'expected string literal not valid - a quoted string literal is required';
  if (line === EXPECT_STRING_PREFIX) throw new ScriptSyntaxError(bad);
  const str = line.startsWith(`${EXPECT_STRING_PREFIX} `) ? line.slice(EXPECT_STRING_PREFIX.length + 1) : line;
  if (str === '') throw new ScriptSyntaxError(bad);
  try {
    return unquote(str);
  } catch (e) {
    if (!(e instanceof UnquoteError)) throw e;
    throw new ScriptSyntaxError('expected string literal not valid - check that the string is correctly quoted');
  }
}

function applyRangeVector(cmd: EvalCmd, line: string): void {
  const m = EXPECT_RANGE_RE.exec(line);
  if (!m) throw new ScriptSyntaxError(`invalid range vector definition ${goQuote(line)}`);
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
        cmd.expectedFailRegexp = compileGoRegex(pattern, false).regexp;
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
