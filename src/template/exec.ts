/**
 * Executes parsed text/template trees over the Go value model (values.ts), with Go's error
 * texts (`template: NAME:LINE:COL: executing "NAME" at <NODE>: MSG`). Async because template
 * functions may be (PromQL `query`); bounded in steps and template depth.
 */
import { goQuote } from '../model/strconv/index.js';
import { BUILTINS, type GoFunc } from './builtins.js';
import { ArgCountError, ArgTypeError, TemplateError } from './errors.js';
import { formatV } from './fmt.js';
import type {
  ChainNode, CommandNode, FieldNode, IdentifierNode, ListNode, Node, PipeNode, RangeNode, TemplateNode, VariableNode,
} from './nodes.js';
import { nodeString } from './nodes.js';
import type { Tree } from './parser.js';
import { goTypeName, isGoMap, isGoObject, isNil, isTrue, sortedMapEntries } from './values.js';

export type MissingKey = 'default' | 'zero' | 'error';

export interface ExecOptions {
  missingKey: MissingKey;
  maxExecDepth: number;
  maxSteps: number;
  /** Bound on the output length (UTF-16 units). */
  maxOutput: number;
}

/** The "no final value" marker of a pipeline stage (distinct from nil). */
const MISSING: unique symbol = Symbol('missing');
type Final = unknown;

class BreakSignal {}
class ContinueSignal {}
const BREAK = new BreakSignal();
const CONTINUE = new ContinueSignal();

interface Variable {
  name: string;
  value: unknown;
}

const YIELD_EVERY = 10000;

export interface ExecContext {
  trees: ReadonlyMap<string, Tree>;
  funcs: ReadonlyMap<string, GoFunc>;
  opts: ExecOptions;
  steps: number;
  out: string[];
  outLen: number;
}

/** A JS stack overflow (deep template recursion), as opposed to other RangeErrors. */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

export class ExecState {
  private node: Node | null = null;
  private vars: Variable[];

  constructor(
    private readonly ctx: ExecContext,
    private readonly tree: Tree,
    private readonly name: string,
    dot: unknown,
    private readonly depth: number,
  ) {
    this.vars = [{ name: '$', value: dot }];
  }

  errorf(msg: string): never {
    if (this.node === null) throw new TemplateError(`template: ${this.name}: ${msg}`);
    const pos = this.node.pos;
    const before = this.tree.text.slice(0, pos);
    const nl = before.lastIndexOf('\n');
    const col = nl < 0 ? utf8Len(before) : utf8Len(before.slice(nl + 1));
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    const context = nodeString(this.node);
    throw new TemplateError(
      `template: ${this.tree.parseName}:${line}:${col}: executing ${goQuote(this.name)} at <${context}>: ${msg}`,
    );
  }

  private at(n: Node): void {
    this.node = n;
  }

  /** Counts one step; every YIELD_EVERY steps returns a promise that yields to the event loop. */
  private step(): Promise<void> | undefined {
    this.ctx.steps++;
    if (this.ctx.steps > this.ctx.opts.maxSteps) {
      throw new TemplateError(`template: ${this.name}: exceeded maximum execution steps (${this.ctx.opts.maxSteps})`);
    }
    if (this.ctx.steps % YIELD_EVERY === 0) return new Promise<void>((r) => setImmediate(r));
    return undefined;
  }

  async walk(dot: unknown, n: Node): Promise<void> {
    const pause = this.step();
    if (pause !== undefined) await pause;
    this.at(n);
    switch (n.type) {
      case 'action': {
        const val = await this.evalPipeline(dot, n.pipe);
        if (n.pipe.decl.length === 0) this.printValue(n, val);
        return;
      }
      case 'text':
        this.write(n.text);
        return;
      case 'list':
        for (const c of n.nodes) await this.walk(dot, c);
        return;
      case 'if':
      case 'with':
        return this.walkIfOrWith(n.type, dot, n.pipe, n.list, n.elseList);
      case 'range':
        return this.walkRange(dot, n);
      case 'template':
        return this.walkTemplate(dot, n);
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
    }
    this.errorf(`unknown node: ${nodeString(n)}`);
  }

  private async walkIfOrWith(kind: 'if' | 'with', dot: unknown, pipe: PipeNode, list: ListNode, elseList: ListNode | null): Promise<void> {
    const mark = this.vars.length;
    try {
      const val = await this.evalPipeline(dot, pipe);
      if (isTrue(val)) await this.walk(kind === 'with' ? val : dot, list);
      else if (elseList !== null) await this.walk(dot, elseList);
    } finally {
      this.vars.length = mark;
    }
  }

  private async walkRange(dot: unknown, r: RangeNode): Promise<void> {
    this.at(r);
    const outer = this.vars.length;
    try {
      const val = await this.evalPipeline(dot, r.pipe);
      const mark = this.vars.length;
      const iter = async (index: unknown, elem: unknown): Promise<boolean> => {
        this.setRangeVars(r.pipe, index, elem);
        try {
          await this.walk(elem, r.list);
        } catch (e) {
          if (e === BREAK) return false;
          if (e !== CONTINUE) throw e;
        } finally {
          this.vars.length = mark;
        }
        return true;
      };
      if (await this.rangeOver(val, r, iter)) return;
      if (r.elseList !== null) await this.walk(dot, r.elseList);
    } finally {
      this.vars.length = outer;
    }
  }

  /** Runs the iterations; false when there were none (so `else` runs). */
  private async rangeOver(val: unknown, r: RangeNode, iter: (i: unknown, e: unknown) => Promise<boolean>): Promise<boolean> {
    if (isNil(val)) return false;
    if (Array.isArray(val)) {
      for (let i = 0; i < val.length; i++) if (!(await iter(BigInt(i), val[i]))) break;
      return val.length > 0;
    }
    if (isGoMap(val)) {
      const entries = sortedMapEntries(val);
      for (const [k, v] of entries) if (!(await iter(k, v))) break;
      return entries.length > 0;
    }
    if (typeof val === 'bigint') {
      if (r.pipe.decl.length > 1) this.errorf(`can't use ${val} to iterate over more than one variable`);
      for (let i = 0n; i < val; i++) if (!(await iter(undefined, i))) break;
      return val > 0n;
    }
    this.errorf(`range can't iterate over ${formatV(val)}`);
  }

  private setRangeVars(pipe: PipeNode, index: unknown, elem: unknown): void {
    const decl = pipe.decl;
    if (decl.length === 0) return;
    if (pipe.isAssign) {
      if (decl.length > 1) {
        this.setVar((decl[0] as VariableNode).ident[0] as string, index);
        this.setVar((decl[1] as VariableNode).ident[0] as string, elem);
      } else {
        this.setVar((decl[0] as VariableNode).ident[0] as string, elem);
      }
      return;
    }
    this.setTopVar(1, elem);
    if (decl.length > 1) this.setTopVar(2, index);
  }

  private setTopVar(n: number, value: unknown): void {
    const v = this.vars[this.vars.length - n];
    if (v !== undefined) v.value = value;
  }

  private setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i] as Variable;
      if (v.name === name) {
        v.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i] as Variable;
      if (v.name === name) return v.value;
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private async walkTemplate(dot: unknown, t: TemplateNode): Promise<void> {
    this.at(t);
    const tree = this.ctx.trees.get(t.name);
    if (tree === undefined) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.depth >= this.ctx.opts.maxExecDepth) {
      this.errorf(`exceeded maximum template depth (${this.ctx.opts.maxExecDepth})`);
    }
    const newDot = t.pipe === null ? undefined : await this.evalPipeline(dot, t.pipe);
    const sub = new ExecState(this.ctx, tree, t.name, newDot, this.depth + 1);
    try {
      await sub.walk(newDot, tree.root);
    } catch (e) {
      if (isStackOverflow(e)) this.errorf(`exceeded maximum template depth (${this.ctx.opts.maxExecDepth})`);
      throw e;
    }
  }

  private write(s: string): void {
    this.ctx.outLen += s.length;
    if (this.ctx.outLen > this.ctx.opts.maxOutput) {
      throw new TemplateError(`template: ${this.name}: output exceeds ${this.ctx.opts.maxOutput} characters`);
    }
    this.ctx.out.push(s);
  }

  private printValue(n: Node, v: unknown): void {
    if (isNil(v)) {
      this.write('<no value>');
      return;
    }
    if (typeof v === 'function') this.errorf(`can't print ${nodeString(n)} of type ${goTypeName(v)}`);
    this.write(formatV(v));
  }

  private async evalPipeline(dot: unknown, pipe: PipeNode): Promise<unknown> {
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) value = await this.evalCommand(dot, cmd, value);
    for (const v of pipe.decl) {
      const name = v.ident[0] as string;
      if (pipe.isAssign) this.setVar(name, value);
      else this.vars.push({ name, value });
    }
    return value === MISSING ? undefined : value;
  }

  private notAFunction(args: readonly Node[], final: Final): void {
    if (args.length > 1 || final !== MISSING) {
      this.errorf(`can't give argument to non-function ${nodeString(args[0] as Node)}`);
    }
  }

  private async evalCommand(dot: unknown, cmd: CommandNode, final: Final): Promise<unknown> {
    const pause = this.step();
    if (pause !== undefined) await pause;
    const first = cmd.args[0] as Node;
    switch (first.type) {
      case 'field': return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain': return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier': return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable': return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool': return first.value;
      case 'dot': return dot;
      case 'nil': this.errorf('nil is not a command');
      case 'number': return first.value;
      case 'string': return first.text;
    }
    this.errorf(`can't evaluate command ${goQuote(nodeString(first))}`);
  }

  private async evalArg(dot: unknown, n: Node): Promise<unknown> {
    this.at(n);
    switch (n.type) {
      case 'dot': return dot;
      case 'nil': return null;
      case 'field': return this.evalFieldNode(dot, n, [n], MISSING);
      case 'variable': return this.evalVariableNode(dot, n, [], MISSING);
      case 'pipe': return this.evalPipeline(dot, n);
      case 'identifier': return this.evalFunction(dot, n, n, [], MISSING);
      case 'chain': return this.evalChainNode(dot, n, [], MISSING);
      case 'bool': return n.value;
      case 'number': return n.value;
      case 'string': return n.text;
    }
    this.errorf(`can't handle ${nodeString(n)} for arg`);
  }

  private async evalFieldNode(dot: unknown, field: FieldNode, args: readonly Node[], final: Final): Promise<unknown> {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  private async evalChainNode(dot: unknown, chain: ChainNode, args: readonly Node[], final: Final): Promise<unknown> {
    this.at(chain);
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const recv = await this.evalArg(dot, chain.node);
    return this.evalFieldChain(dot, recv, chain, chain.field, args, final);
  }

  private async evalVariableNode(dot: unknown, v: VariableNode, args: readonly Node[], final: Final): Promise<unknown> {
    this.at(v);
    const value = this.varValue(v.ident[0] as string);
    if (v.ident.length === 1) {
      this.notAFunction(args.length === 0 ? [v] : args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  private async evalFieldChain(dot: unknown, recv: unknown, node: Node, ident: readonly string[], args: readonly Node[], final: Final): Promise<unknown> {
    let r = recv;
    for (let i = 0; i < ident.length - 1; i++) r = await this.evalField(dot, ident[i] as string, node, [], MISSING, r);
    return this.evalField(dot, ident[ident.length - 1] as string, node, args, final, r);
  }

  private async evalField(dot: unknown, name: string, node: Node, args: readonly Node[], final: Final, recv: unknown): Promise<unknown> {
    if (isNil(recv)) {
      if (this.ctx.opts.missingKey === 'error') this.errorf(`nil data; no entry for key ${goQuote(name)}`);
      return undefined;
    }
    const hasArgs = args.length > 1 || final !== MISSING;
    if (isGoObject(recv)) {
      const method = recv.goMethod?.(name);
      if (method !== undefined) {
        return this.evalCall(dot, { fn: method, numIn: method.length, variadic: false }, false, node, name, args, final);
      }
      const field = recv.goField?.(name);
      if (field !== undefined) {
        if (hasArgs) this.errorf(`${name} has arguments but cannot be invoked as function`);
        return field.value;
      }
      this.errorf(`can't evaluate field ${name} in type ${recv.goType}`);
    }
    if (isGoMap(recv)) {
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      return this.mapLookup(recv, name);
    }
    this.errorf(`can't evaluate field ${name} in type ${goTypeName(recv)}`);
  }

  private mapLookup(m: Map<unknown, unknown> | Record<string, unknown>, name: string): unknown {
    if (m instanceof Map) {
      if (m.has(name)) return m.get(name);
    } else if (Object.prototype.hasOwnProperty.call(m, name)) {
      return m[name];
    }
    switch (this.ctx.opts.missingKey) {
      case 'error':
        this.errorf(`map has no entry for key ${goQuote(name)}`);
      case 'zero':
        if (!(m instanceof Map) && Object.values(m).every((v) => typeof v === 'string')) return '';
        return undefined;
      default:
        return undefined;
    }
  }

  private async evalFunction(dot: unknown, node: IdentifierNode, cmd: Node, args: readonly Node[], final: Final): Promise<unknown> {
    this.at(node);
    const name = node.name;
    const fn = this.ctx.funcs.get(name) ?? BUILTINS.get(name);
    if (fn === undefined) this.errorf(`${goQuote(name)} is not a defined function`);
    const isBuiltin = !this.ctx.funcs.has(name);
    return this.evalCall(dot, fn, isBuiltin, cmd, name, args, final);
  }

  private checkArity(fn: GoFunc, name: string, nargs: number, final: Final): void {
    const numIn = nargs + (final !== MISSING ? 1 : 0);
    if (fn.variadic) {
      if (numIn < fn.numIn - 1) this.errorf(`wrong number of args for ${name}: want at least ${fn.numIn - 1} got ${nargs}`);
    } else if (fn.numIn >= 0 && numIn !== fn.numIn) {
      this.errorf(`wrong number of args for ${name}: want ${fn.numIn} got ${numIn}`);
    }
  }

  private async evalCall(dot: unknown, fn: GoFunc, isBuiltin: boolean, node: Node, name: string, argNodes: readonly Node[], final: Final): Promise<unknown> {
    const args = argNodes.slice(1);
    this.checkArity(fn, name, args.length, final);
    if (isBuiltin && (name === 'and' || name === 'or')) {
      let v: unknown;
      for (const a of args) {
        v = await this.evalArg(dot, a);
        if (isTrue(v) === (name === 'or')) return v;
      }
      return final !== MISSING ? final : v;
    }
    const argv: unknown[] = [];
    for (const a of args) argv.push(await this.evalArg(dot, a));
    if (final !== MISSING) argv.push(final);
    let target = fn.fn;
    let calleeName = name;
    if (isBuiltin && name === 'call') {
      const f = argv.shift();
      calleeName = nodeString(args[0] as Node);
      if (isNil(f)) {
        this.at(node);
        this.errorf(`error calling call: call of nil`);
      }
      if (typeof f !== 'function') {
        this.at(node);
        this.errorf(`error calling call: non-function ${calleeName} of type ${goTypeName(f)}`);
      }
      target = f as (...a: unknown[]) => unknown;
    }
    try {
      const raw = target(...argv);
      const result: unknown = raw instanceof Promise ? await raw : raw;
      if (typeof result === 'string' && result.length > this.ctx.opts.maxOutput) {
        throw new Error(`result exceeds ${this.ctx.opts.maxOutput} characters`);
      }
      return result;
    } catch (e) {
      this.at(node);
      if (e instanceof TemplateError) throw e;
      if (e instanceof ArgTypeError) this.errorf(e.message);
      if (e instanceof ArgCountError) this.errorf(`wrong number of args for ${name}: ${e.message}`);
      const msg = e instanceof Error ? e.message : String(e);
      this.errorf(`error calling ${name === 'call' && isBuiltin ? calleeName : name}: ${msg}`);
    }
  }
}

function utf8Len(s: string): number {
  return new TextEncoder().encode(s).length;
}
