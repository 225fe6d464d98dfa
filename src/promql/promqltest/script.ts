/**
 * Parses a promqltest script into commands (upstream promqltest's parse/parseLoad/parseEval).
 * Lines are trimmed, `#` lines are blank, a command ends at the first blank line.
 * Unlike upstream, an error does not abort the whole script: it becomes a ScriptErrorCmd at
 * its line and parsing resumes after the block, so one bad block costs one failure.
 */
import { goQuote } from '../../model/strconv/index.js';
import { parseExpr, parseModelDuration } from '../parser/index.js';
import {
  type EvalCmd,
  type LoadCmd,
  type SequenceValue,
  type TestCommand,
  newEvalCmd,
} from './commands.js';
import { parseTimeRange } from './duration.js';
import { parseEvalBody } from './eval-body.js';
import { TEST_PARSER_OPTIONS } from './engine-settings.js';
import { ScriptSyntaxError, isSTLine, parseSTSequence, parseSeriesLine } from './series-line.js';
import type { Labels } from '../../model/labels/index.js';

const LOAD_RE = /^load(?:_(with_nhcb))?\s+(.+?)$/;
const EVAL_INSTANT_RE = /^eval(?:_(fail|warn|ordered|info))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$/;
const EVAL_RANGE_RE = /^eval(?:_(fail|warn|info))?\s+range\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+?)\s+(.+)$/;

/** A script error bound to a 0-based line index. */
export class LineError extends Error {
  override name = 'LineError';
  constructor(
    readonly lineIndex: number,
    message: string,
    readonly query = '',
  ) {
    super(message);
  }
}

export function scriptLines(input: string): string[] {
  return input.split('\n').map((l) => {
    const t = l.trim();
    return t.startsWith('#') ? '' : t;
  });
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function parseSeriesAt(line: string, i: number): { labels: Labels; values: SequenceValue[] } {
  try {
    return parseSeriesLine(line);
  } catch (e) {
    throw new LineError(i, errorText(e));
  }
}

function parseSTLine(line: string, i: number): { labels: Labels; values: SequenceValue[] } {
  const sp = /[\t ]/.exec(line);
  if (!sp) throw new LineError(i, 'invalid @st line: missing value sequence');
  const metricPart = line.slice(0, sp.index).replace(/@st$/, '');
  let labels: Labels;
  try {
    labels = parseSeriesLine(`${metricPart} _`).labels;
  } catch (e) {
    throw new LineError(i, `invalid @st line metric ${goQuote(metricPart)}: ${errorText(e)}`);
  }
  try {
    return { labels, values: parseSTSequence(line.slice(sp.index + 1).trim()) };
  } catch (e) {
    throw new LineError(i, `invalid @st sequence: ${errorText(e)}`);
  }
}

function setLoadSeries(cmd: LoadCmd, labels: Labels, vals: SequenceValue[], stVals: SequenceValue[] | null): void {
  const samples = [];
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i] as SequenceValue;
    const t = i * cmd.step;
    if (v.omitted) continue;
    const st = stVals && !(stVals[i] as SequenceValue).omitted ? t + (stVals[i] as SequenceValue).value : 0;
    samples.push({ t, f: v.value, h: v.histogram, st });
  }
  cmd.series.set(labels.key(), { labels, samples });
}

function parseLoad(lines: string[], start: number): [number, LoadCmd] {
  const m = LOAD_RE.exec(lines[start] as string);
  if (!m) throw new LineError(start, 'invalid load command. (load[_with_nhcb] <step:duration>)');
  let step: number;
  try {
    step = parseModelDuration(m[2] as string);
  } catch (e) {
    throw new LineError(start, `invalid step definition ${goQuote(m[2] ?? '')}: ${errorText(e)}`);
  }
  const cmd: LoadCmd = { kind: 'load', line: start + 1, step, withNHCB: m[1] === 'with_nhcb', series: new Map() };
  let pending: { labels: Labels; values: SequenceValue[]; line: number } | null = null;
  let i = start;
  while (i + 1 < lines.length) {
    i++;
    const def = lines[i] as string;
    if (def === '') {
      i--;
      break;
    }
    if (isSTLine(def)) {
      if (pending) throw new LineError(pending.line, '@st line has no following sample line');
      pending = { ...parseSTLine(def, i), line: i };
      continue;
    }
    const { labels, values } = parseSeriesAt(def, i);
    if (pending) {
      if (!pending.labels.equals(labels)) {
        throw new LineError(pending.line, '@st metric does not match the following sample line metric');
      }
      if (pending.values.length !== values.length) {
        throw new LineError(
          pending.line,
          `@st line has ${pending.values.length} values but sample line has ${values.length}`,
        );
      }
    }
    setLoadSeries(cmd, labels, values, pending?.values ?? null);
    pending = null;
  }
  if (pending) throw new LineError(pending.line, '@st line has no following sample line');
  return [i, cmd];
}

/** Builds the eval command from its header line. */
function evalHeader(line: string, i: number): EvalCmd {
  const inst = EVAL_INSTANT_RE.exec(line);
  const rng = inst ? null : EVAL_RANGE_RE.exec(line);
  if (!inst && !rng) {
    throw new LineError(
      i,
      "invalid evaluation command. Must be either 'eval[_fail|_warn|_ordered] instant [at <offset:duration>] <query>' or 'eval[_fail|_warn] range from <from> to <to> step <step> <query>'",
    );
  }
  const expr = (inst ? inst[3] : (rng as RegExpExecArray)[5]) as string;
  try {
    parseExpr(expr, TEST_PARSER_OPTIONS);
  } catch (e) {
    throw new LineError(i, errorText(e), expr);
  }
  const fmtErr = (msg: string): LineError => new LineError(i, `error in eval ${expr} (line ${i + 1}): ${msg}`, expr);
  const cmd = newEvalCmd(expr, i + 1, !inst);
  if (inst) {
    try {
      cmd.start = cmd.eval = parseModelDuration(inst[2] ?? '');
    } catch (e) {
      throw fmtErr(`invalid timestamp definition ${goQuote(inst[2] ?? '')}: ${errorText(e)}`);
    }
  } else {
    const r = rng as RegExpExecArray;
    try {
      [cmd.start, cmd.end, cmd.step] = parseTimeRange(r[2] as string, r[3] as string, r[4] as string);
    } catch (e) {
      throw fmtErr(errorText(e));
    }
  }
  const mod = inst ? inst[1] : (rng as RegExpExecArray)[1];
  if (mod === 'ordered') cmd.ordered = true;
  else if (mod === 'fail') cmd.fail = true;
  else if (mod === 'warn') cmd.warn = true;
  else if (mod === 'info') cmd.info = true;
  return cmd;
}

function parseEval(lines: string[], i: number): [number, EvalCmd] {
  const cmd = evalHeader(lines[i] as string, i);
  try {
    const last = parseEvalBody(lines, i, cmd);
    cmd.expectedText = lines.slice(i + 1, last + 1);
    return [last, cmd];
  } catch (e) {
    if (e instanceof LineError) throw e;
    throw new LineError(i, `error in eval ${cmd.expr} (line ${i + 1}): ${errorText(e)}`, cmd.expr);
  }
}

/** Index of the last line of the block containing line i. */
function blockEnd(lines: string[], i: number): number {
  let j = i;
  while (j + 1 < lines.length && lines[j + 1] !== '') j++;
  return j;
}

/** Parses a whole script. Never throws: errors come back as `error` commands. */
export function parseTestScript(input: string): TestCommand[] {
  const lines = scriptLines(input);
  const cmds: TestCommand[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l === '') continue;
    const c = (l.split(/[\t ]+/, 1)[0] as string).toLowerCase();
    try {
      if (c === 'clear') {
        cmds.push({ kind: 'clear', line: i + 1 });
      } else if (c.startsWith('load')) {
        const [next, cmd] = parseLoad(lines, i);
        cmds.push(cmd);
        i = next;
      } else if (c.startsWith('eval')) {
        const [next, cmd] = parseEval(lines, i);
        cmds.push(cmd);
        i = next;
      } else {
        throw new LineError(i, `invalid command ${goQuote(l)}`);
      }
    } catch (e) {
      const le = e instanceof LineError ? e : new LineError(i, errorText(e));
      cmds.push({ kind: 'error', line: le.lineIndex + 1, query: le.query, message: le.message });
      i = blockEnd(lines, i);
    }
  }
  return cmds;
}
