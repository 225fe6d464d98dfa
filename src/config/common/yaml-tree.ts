/**
 * A YAML document as go-yaml v2 sees it: a tree of scalar, mapping and sequence nodes with
 * 1-based line numbers, aliases resolved and merge keys (`<<`) expanded. Plain scalars keep
 * their source text so that they can be resolved with go-yaml's YAML 1.1 rules (resolve.ts).
 */
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';

export interface YScalar {
  readonly kind: 'scalar';
  /** The scalar's text (after unescaping for quoted styles). */
  readonly value: string;
  /** Explicit tag in short form (`!!binary`), '' when none. */
  readonly tag: string;
  /** True for plain (unquoted, untagged-style) scalars, which are resolved by their text. */
  readonly plain: boolean;
  readonly line: number;
}

export interface YPair {
  readonly key: YNode;
  readonly value: YNode;
  /** True when the pair came from a merge key (`<<`). */
  readonly merged: boolean;
}

export interface YMap {
  readonly kind: 'map';
  readonly pairs: readonly YPair[];
  readonly line: number;
}

export interface YSeq {
  readonly kind: 'seq';
  readonly items: readonly YNode[];
  readonly line: number;
}

export type YNode = YScalar | YMap | YSeq;

/** A YAML syntax error, with go-yaml's `yaml: line N: ...` text. */
export class YamlSyntaxError extends Error {
  override name = 'YamlSyntaxError';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const MAX_ALIAS_DEPTH = 64;

function shortTag(tag: string | undefined): string {
  if (!tag) return '';
  if (tag.startsWith('tag:yaml.org,2002:')) return '!!' + tag.slice('tag:yaml.org,2002:'.length);
  return tag;
}

/** A null scalar standing for an absent node (`key:` with nothing after it). */
export function nullNode(line: number): YScalar {
  return { kind: 'scalar', value: '', tag: '', plain: true, line };
}

class TreeBuilder {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  lineOf(range: readonly number[] | null | undefined, fallback: number): number {
    if (!range || range[0] === undefined) return fallback;
    return this.lines.linePos(range[0]).line;
  }

  build(node: unknown, fallbackLine: number, depth: number): YNode {
    if (depth > MAX_ALIAS_DEPTH) throw new YamlSyntaxError('yaml: exceeded max depth of 64', fallbackLine);
    if (node === null || node === undefined) return nullNode(fallbackLine);
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) throw new YamlSyntaxError(`yaml: unknown anchor '${node.source}' referenced`, fallbackLine);
      return this.build(target, this.lineOf(node.range, fallbackLine), depth + 1);
    }
    if (isScalar(node)) {
      const line = this.lineOf(node.range, fallbackLine);
      const tag = shortTag(node.tag);
      const plain = node.type === 'PLAIN' || node.type === undefined;
      return { kind: 'scalar', value: String(node.value ?? ''), tag: plain || tag ? tag : '!!str', plain: plain && !tag, line };
    }
    if (isSeq(node)) {
      const line = this.lineOf(node.range, fallbackLine);
      return { kind: 'seq', items: node.items.map((it) => this.build(it, line, depth + 1)), line };
    }
    if (isMap(node)) return this.buildMap(node.items, this.lineOf(node.range, fallbackLine), depth);
    throw new YamlSyntaxError('yaml: unsupported node', fallbackLine);
  }

  private buildMap(items: readonly unknown[], line: number, depth: number): YMap {
    const pairs: YPair[] = [];
    for (const item of items) {
      if (!isPair(item)) continue;
      const keyLine = isScalar(item.key) || isMap(item.key) || isSeq(item.key) ? this.lineOf(item.key.range, line) : line;
      const key = this.build(item.key, keyLine, depth + 1);
      const valueLine = isScalar(item.value) || isMap(item.value) || isSeq(item.value) ? this.lineOf(item.value.range, keyLine) : keyLine;
      const value = this.build(item.value, valueLine, depth + 1);
      if (key.kind === 'scalar' && key.plain && key.value === '<<') {
        this.merge(value, pairs);
        continue;
      }
      pairs.push({ key, value, merged: false });
    }
    return { kind: 'map', pairs, line };
  }

  private merge(value: YNode, into: YPair[]): void {
    const sources = value.kind === 'seq' ? value.items : [value];
    for (const src of sources) {
      if (src.kind !== 'map') {
        throw new YamlSyntaxError(`yaml: line ${src.line}: map merge requires map or sequence of maps as the value`, src.line);
      }
      for (const p of src.pairs) into.push({ key: p.key, value: p.value, merged: true });
    }
  }
}

function syntaxMessage(raw: string): string {
  const firstLine = raw.split('\n')[0] ?? raw;
  return firstLine.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Parses the first YAML document of `text`. An empty document yields null (go-yaml leaves the
 * target untouched). Throws YamlSyntaxError on malformed YAML.
 */
export function parseYamlTree(text: string): YNode | null {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    schema: 'failsafe',
    uniqueKeys: false,
    merge: false,
    lineCounter: lines,
    prettyErrors: false,
    version: '1.1',
  });
  const err = doc.errors[0];
  if (err) {
    const line = err.linePos?.[0]?.line ?? lines.linePos(err.pos[0]).line;
    throw new YamlSyntaxError(`yaml: line ${line}: ${syntaxMessage(err.message)}`, line);
  }
  if (doc.contents === null || doc.contents === undefined) return null;
  return new TreeBuilder(doc, lines).build(doc.contents, 1, 0);
}
