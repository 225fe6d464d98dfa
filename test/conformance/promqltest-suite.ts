/**
 * Runs upstream's PromQL conformance scripts (../shared/conformance/promqltest/*.test, read in
 * place) through the promqltest runner: one node:test test per file, one subtest per eval (or
 * script/load error), skips from test/skips.ts reported as node:test skips. Used for the
 * in-memory store and for the real TSDB.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type EvalResult, runTestFile, type TestStorage } from '../../src/promql/promqltest/index.js';
import { sharedDir } from '../shared-dir.js';
import { skipReason } from '../skips.js';

function subtestName(r: EvalResult): string {
  const what = r.kind === 'instant' || r.kind === 'range' ? r.query : `(${r.kind} error)${r.query ? ` ${r.query}` : ''}`;
  return `${r.file}:${r.line} ${what}`;
}

function failureText(r: EvalResult): string {
  const parts = [r.message];
  if (r.kind === 'instant' || r.kind === 'range') {
    parts.push(`expected:\n${r.expected || '(none)'}`, `actual:\n${r.actual || '(none)'}`);
  }
  return parts.join('\n');
}

/** Registers the suite's tests; `suite` names it in test/skips.ts. */
export function promqlConformanceSuite(suite: string, storage?: () => TestStorage): void {
  const dir = sharedDir('conformance', 'promqltest');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.test')).sort() : [];
  if (files.length === 0) {
    test(`${suite} conformance`, { skip: `no promqltest files found in ${dir}` }, () => {});
  }
  for (const file of files) {
    test(`${suite}: ${file}`, async (t) => {
      const results = await runTestFile(join(dir, file), {
        ...(storage ? { storage } : {}),
        skip: (ev) => skipReason({ suite, file, line: ev.line, rules: ev.nativeHistograms ? ['native-histograms'] : [] }),
      });
      for (const r of results) {
        const named = { ...r, file };
        if (r.status === 'skipped') {
          await t.test(subtestName(named), { skip: r.message }, () => {});
        } else if (r.status === 'failed') {
          await t.test(subtestName(named), () => assert.fail(failureText(r)));
        } else {
          await t.test(subtestName(named), () => {});
        }
      }
    });
  }
}
