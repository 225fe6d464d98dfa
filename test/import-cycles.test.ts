/**
 * Architecture checks over src/: no import cycles between files or between modules (folders),
 * and a module is imported only through its index.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { repoRoot } from './shared-dir.js';

const root = repoRoot();
const src = join(root, 'src');

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) tsFiles(p, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

// Value imports only: `import type` / `export type` statements are erased at run time, so the
// mutual recursion of an evaluator and its node evaluators may share types without a cycle.
const importRe = /(?:^|\n)\s*(?:import|export)\s(?!type\s)[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(importRe)) {
    const spec = m[1] ?? m[2];
    if (spec && spec.startsWith('.')) out.push(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
  }
  return out;
}

function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (n: string): string[] | null => {
    state.set(n, 1);
    stack.push(n);
    for (const m of graph.get(n) ?? []) {
      const s = state.get(m);
      if (s === 1) return [...stack.slice(stack.indexOf(m)), m];
      if (s === undefined) {
        const c = visit(m);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(n, 2);
    return null;
  };
  for (const n of graph.keys()) {
    if (!state.has(n)) {
      const c = visit(n);
      if (c) return c;
    }
  }
  return null;
}

const files = tsFiles(src).filter((f) => !/\.(test|fuzz\.test)\.ts$/.test(f));
const fileGraph = new Map(files.map((f) => [f, imports(f)]));

test('src/ has no import cycles between files', () => {
  const c = findCycle(fileGraph);
  assert.equal(c, null, `import cycle: ${(c ?? []).map((f) => relative(root, f)).join(' -> ')}`);
});

test('src/ has no import cycles between modules', () => {
  const moduleGraph = new Map<string, string[]>();
  for (const [f, deps] of fileGraph) {
    const from = dirname(f);
    const list = moduleGraph.get(from) ?? [];
    for (const d of deps) if (dirname(d) !== from) list.push(dirname(d));
    moduleGraph.set(from, list);
  }
  const c = findCycle(moduleGraph);
  assert.equal(c, null, `module cycle: ${(c ?? []).map((f) => relative(root, f)).join(' -> ')}`);
});

test('modules are imported only through their index.ts', () => {
  const bad: string[] = [];
  for (const [f, deps] of fileGraph) {
    for (const d of deps) {
      if (dirname(d) !== dirname(f) && !d.endsWith('/index.ts')) bad.push(`${relative(root, f)} -> ${relative(root, d)}`);
    }
  }
  assert.deepEqual(bad, []);
});
