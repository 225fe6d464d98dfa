/**
 * A parsed Go text/template: `parseTemplate(text, name, funcs)` then `execute(data)`.
 */
import { goQuote } from '../model/strconv/index.js';
import { BUILTINS, type GoFunc } from './builtins.js';
import { ExecState, isStackOverflow, type ExecContext, type MissingKey } from './exec.js';
import { TemplateError } from './errors.js';
import { escapeHTMLTrees } from './html-escape.js';
import { HTML_ESCAPERS } from './html-escapers.js';
import { parseTrees, type Tree } from './parser.js';

/** A template function: receives Go values (values.ts), may be async, throws to fail. */
export type TemplateFunc = (...args: unknown[]) => unknown;
export type FuncMap = Record<string, TemplateFunc>;

const ARITY = Symbol.for('vigil.template.arity');

/**
 * Declares a function's Go arity so a call with the wrong number of arguments fails as Go's
 * does (`wrong number of args for f: want 1 got 2`). `numIn` counts the variadic parameter.
 */
export function withArity<F extends TemplateFunc>(fn: F, numIn: number, variadic = false): F {
  Object.defineProperty(fn, ARITY, { value: { numIn, variadic }, configurable: true });
  return fn;
}

function toGoFunc(fn: TemplateFunc): GoFunc {
  const a = (fn as unknown as Record<symbol, { numIn: number; variadic: boolean } | undefined>)[ARITY];
  return { fn, numIn: a?.numIn ?? -1, variadic: a?.variadic ?? false };
}

export interface TemplateOptions {
  /** Go's Option("missingkey=..."): default prints <no value>, zero the zero value, error fails. */
  missingKey?: MissingKey;
  /** Go's maxExecDepth for nested {{template}} calls. */
  maxExecDepth?: number;
  /** Bound on evaluated nodes, so a runaway range cannot hang the process. */
  maxSteps?: number;
  /** Bound on the output length, so a runaway template cannot exhaust memory. */
  maxOutput?: number;
}

export class Template {
  private readonly funcs: Map<string, GoFunc>;

  constructor(
    readonly name: string,
    private readonly trees: ReadonlyMap<string, Tree>,
    private readonly funcMap: FuncMap,
    private readonly options: TemplateOptions,
  ) {
    this.funcs = new Map(Object.entries(funcMap).map(([k, f]) => [k, toGoFunc(f)]));
  }

  /**
   * Go's Clone then Parse on this set: parses `text` as template `name` with this set's
   * functions and options, and returns a new set holding this set's templates plus the new
   * ones (a non-empty definition replaces an existing one, an empty one does not). This set
   * is left unchanged.
   */
  parseMore(text: string, name: string): Template {
    const added = parseTemplate(text, name, this.funcMap, this.options);
    const trees = new Map(this.trees);
    for (const [n, tree] of added.trees) {
      const blank = tree.root.nodes.every((node) => node.type === 'text' && node.text.trim() === '');
      if (blank && trees.has(n)) continue;
      trees.set(n, tree);
    }
    return new Template(this.name, trees, this.funcMap, this.options);
  }

  /**
   * Go's html/template: this set with template `name` (and every template it calls)
   * contextually escaped for HTML output; this set is left unchanged. Throws TemplateError
   * (`html/template:...`) when the template's HTML cannot be escaped unambiguously.
   */
  escapeHTML(name: string = this.name): Template {
    if (!this.trees.has(name)) return this;
    const funcs: FuncMap = { ...this.funcMap };
    for (const [k, f] of Object.entries(HTML_ESCAPERS)) funcs[k] = withArity(f, 1, true);
    return new Template(this.name, escapeHTMLTrees(this.trees, name), funcs, this.options);
  }

  /** Names of the templates defined in this set (the main one and every define/block). */
  templateNames(): string[] {
    return [...this.trees.keys()];
  }

  /** Executes the main template (or a named one) with `data` as dot. Throws TemplateError. */
  async execute(data: unknown, name: string = this.name): Promise<string> {
    const tree = this.trees.get(name);
    if (tree === undefined) {
      if (name === this.name) {
        throw new TemplateError(`template: ${name}: ${goQuote(name)} is an incomplete or empty template`);
      }
      throw new TemplateError(`template: no template ${goQuote(name)} associated with template ${goQuote(this.name)}`);
    }
    const ctx: ExecContext = {
      trees: this.trees,
      funcs: this.funcs,
      opts: {
        missingKey: this.options.missingKey ?? 'default',
        maxExecDepth: this.options.maxExecDepth ?? 100000,
        maxSteps: this.options.maxSteps ?? 1_000_000,
        maxOutput: this.options.maxOutput ?? 64 * 1024 * 1024,
      },
      steps: 0,
      out: [],
      outLen: 0,
    };
    const state = new ExecState(ctx, tree, name, data, 0);
    try {
      await state.walk(data, tree.root);
    } catch (e) {
      if (e instanceof TemplateError) throw e;
      if (isStackOverflow(e)) {
        throw new TemplateError(`template: ${name}: exceeded maximum template depth (${ctx.opts.maxExecDepth})`);
      }
      throw new TemplateError(`template: ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return ctx.out.join('');
  }
}

/**
 * Parses a template (Go's template.New(name).Funcs(funcs).Parse(text)). Throws TemplateError
 * with Go's text, e.g. `template: name:1: function "foo" not defined`.
 */
export function parseTemplate(text: string, name: string, funcs: FuncMap = {}, options: TemplateOptions = {}): Template {
  const hasFunc = (f: string): boolean => Object.prototype.hasOwnProperty.call(funcs, f) || BUILTINS.has(f);
  let trees: Map<string, Tree>;
  try {
    trees = parseTrees(text, name, hasFunc);
  } catch (e) {
    if (e instanceof TemplateError) throw e;
    if (isStackOverflow(e)) throw new TemplateError(`template: ${name}: nesting too deep`);
    throw new TemplateError(`template: ${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return new Template(name, trees, funcs, options);
}
