/**
 * Line and column of the YAML nodes rulefmt's errors point at (go-yaml v3 yaml.Node positions):
 * each group's mapping, and each rule's `record`, `alert` and `expr` values. A missing node is
 * at 0:0, as an unset yaml.Node.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

export interface NodePos {
  line: number;
  column: number;
}

export interface RulePositions {
  record: NodePos;
  alert: NodePos;
  expr: NodePos;
}

export interface GroupPositions {
  group: NodePos;
  rules: RulePositions[];
}

const ZERO: NodePos = { line: 0, column: 0 };

function posOf(n: unknown, lines: LineCounter): NodePos {
  if (n === null || typeof n !== 'object' || !('range' in n)) return ZERO;
  const range = (n as Node).range;
  if (!range) return ZERO;
  const p = lines.linePos(range[0]);
  return { line: p.line, column: p.col };
}

function valueOf(map: unknown, key: string): unknown {
  if (!isMap(map)) return undefined;
  for (const it of map.items) {
    if (!isPair(it)) continue;
    const k = it.key;
    if (isScalar(k) && String(k.value) === key) return it.value;
  }
  return undefined;
}

function items(n: unknown): unknown[] {
  return isSeq(n) ? n.items : [];
}

/** Positions for every group and rule of the first document; empty on malformed YAML. */
export function rulePositions(text: string): GroupPositions[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { schema: 'failsafe', uniqueKeys: false, lineCounter: lines, version: '1.1' });
  if (doc.errors.length > 0) return [];
  const resolve = (n: unknown): unknown => (isAlias(n) ? n.resolve(doc) : n);
  return items(resolve(valueOf(doc.contents, 'groups'))).map((g) => {
    const gm = resolve(g);
    return {
      group: posOf(gm, lines),
      rules: items(resolve(valueOf(gm, 'rules'))).map((r) => {
        const rm = resolve(r);
        return {
          record: posOf(valueOf(rm, 'record'), lines),
          alert: posOf(valueOf(rm, 'alert'), lines),
          expr: posOf(valueOf(rm, 'expr'), lines),
        };
      }),
    };
  });
}
