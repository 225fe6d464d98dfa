/**
 * Runs promqltest scripts: parse, then execute load/clear/eval in order against an in-memory
 * storage (or another TestStorage) and the engine, producing one result record per eval (and per script/load error).
 * Shared by `vigil test promql` and the conformance suite.
 */
import { readFile } from 'node:fs/promises';
import type { Labels } from '../../model/labels/index.js';
import type { EvalCmd, TestCommand } from './commands.js';
import { type EvalContext, type EvalOutcome, type QueryEngine, execInstantEval, execRangeEval } from './eval.js';
import { applyLoad } from './load.js';
import { needsNativeHistograms } from './native-histograms.js';
import { parseTestScript } from './script.js';
import { newTestEngine } from './engine-settings.js';
import { MemoryTestStorage, type TestStorage } from './test-storage.js';

export type EvalStatus = 'passed' | 'failed' | 'skipped';

export interface EvalResult {
  /** The script name as given to the runner (the path for runTestFile). */
  file: string;
  /** 1-based line of the eval (or of the script/load error). */
  line: number;
  query: string;
  kind: 'instant' | 'range' | 'load' | 'script';
  status: EvalStatus;
  /** The eval needs native histograms (expected histogram literal, or selects histogram series). */
  nativeHistograms: boolean;
  /** Failure text, or the skip reason; '' when passed. */
  message: string;
  /** The eval's body as written (expect lines and expected values), for failures. */
  expected: string;
  /** The offending actual result, in script notation, for failures. */
  actual: string;
  durationMs: number;
}

/** What a skip decision sees about an eval before it runs. */
export interface EvalInfo {
  file: string;
  line: number;
  query: string;
  nativeHistograms: boolean;
}

export interface RunOptions {
  /** Engine to use; defaults to one configured as upstream's test engine. */
  engine?: QueryEngine;
  /** Returns a reason to skip the eval, or null to run it. */
  skip?: (ev: EvalInfo) => string | null;
  /** Called with each result as soon as it is known. */
  onResult?: (r: EvalResult) => void;
  /** Per-query time limit in ms (default 30 s). */
  queryTimeoutMs?: number;
  /** Makes the storage a script runs on (default: in memory). Closed when the script ends. */
  storage?: () => TestStorage;
}

function evalResult(file: string, cmd: EvalCmd, nh: boolean, out: EvalOutcome, ms: number): EvalResult {
  return {
    file,
    line: cmd.line,
    query: cmd.expr,
    kind: cmd.isRange ? 'range' : 'instant',
    status: out.error === null ? 'passed' : 'failed',
    nativeHistograms: nh,
    message: out.error ?? '',
    expected: out.error === null ? '' : cmd.expectedText.join('\n'),
    actual: out.error === null ? '' : out.actual,
    durationMs: ms,
  };
}

function errorResult(file: string, kind: 'load' | 'script', line: number, query: string, message: string): EvalResult {
  return { file, line, query, kind, status: 'failed', nativeHistograms: false, message, expected: '', actual: '', durationMs: 0 };
}

class ScriptRun {
  readonly storage: TestStorage;
  /** Loaded series that hold histogram samples (for the native-histogram rule). */
  private histSeries: Labels[] = [];
  readonly results: EvalResult[] = [];
  private readonly ctx: EvalContext;

  constructor(
    private readonly file: string,
    private readonly opts: RunOptions,
  ) {
    this.storage = opts.storage?.() ?? new MemoryTestStorage();
    this.ctx = {
      engine: opts.engine ?? newTestEngine(),
      storage: this.storage,
      queryTimeoutMs: opts.queryTimeoutMs ?? 30_000,
    };
  }

  private emit(r: EvalResult): void {
    this.results.push(r);
    this.opts.onResult?.(r);
  }

  async exec(cmd: TestCommand): Promise<void> {
    switch (cmd.kind) {
      case 'clear':
        await this.storage.clear();
        this.histSeries = [];
        return;
      case 'load':
        try {
          this.histSeries.push(...(await applyLoad(this.storage, cmd)));
        } catch (e) {
          this.emit(errorResult(this.file, 'load', cmd.line, '', e instanceof Error ? e.message : String(e)));
        }
        return;
      case 'error':
        this.emit(errorResult(this.file, 'script', cmd.line, cmd.query, cmd.message));
        return;
      case 'eval':
        await this.execEval(cmd);
        return;
    }
  }

  private async execEval(cmd: EvalCmd): Promise<void> {
    const nh = needsNativeHistograms(cmd, this.histSeries);
    const reason = this.opts.skip?.({ file: this.file, line: cmd.line, query: cmd.expr, nativeHistograms: nh }) ?? null;
    if (reason !== null) {
      this.emit({
        ...evalResult(this.file, cmd, nh, { error: null, actual: '' }, 0),
        status: 'skipped',
        message: reason,
      });
      return;
    }
    const t0 = performance.now();
    let out: EvalOutcome;
    try {
      out = cmd.isRange ? await execRangeEval(this.ctx, cmd) : await execInstantEval(this.ctx, cmd);
    } catch (e) {
      out = { error: `runner fault: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, actual: '' };
    }
    this.emit(evalResult(this.file, cmd, nh, out, performance.now() - t0));
  }
}

/** Runs a script given as text; `name` labels the results. Never throws for script content. */
export async function runTestScript(text: string, name: string, opts: RunOptions = {}): Promise<EvalResult[]> {
  const run = new ScriptRun(name, opts);
  try {
    for (const cmd of parseTestScript(text)) await run.exec(cmd);
  } finally {
    await run.storage.close();
  }
  return run.results;
}

/** Reads and runs a script file. Throws only if the file cannot be read. */
export async function runTestFile(path: string, opts: RunOptions = {}): Promise<EvalResult[]> {
  const text = await readFile(path, 'utf8');
  return runTestScript(text, path, opts);
}

export interface RunSummary {
  passed: number;
  failed: number;
  skipped: number;
}

export function summarize(results: readonly EvalResult[]): RunSummary {
  const s: RunSummary = { passed: 0, failed: 0, skipped: 0 };
  for (const r of results) s[r.status]++;
  return s;
}
