/**
 * The OpenMetrics parser test suite (../shared/conformance/openmetrics/parsers/<case>/, read in
 * place): every case's `metrics` file goes through the strict OpenMetrics validator (upstream's
 * grammar plus the suite's metric-family rules) and must be accepted exactly when test.json says
 * shouldParse. Skips come from test/skips.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParseError, validateOpenMetrics } from '../../src/model/textparse/index.js';
import { sharedDir } from '../shared-dir.js';
import { skipReason } from '../skips.js';

const SUITE = 'openmetrics';

function casesDir(): string {
  return sharedDir('conformance', 'openmetrics', 'parsers');
}

interface CaseSpec {
  type: string;
  file: string;
  shouldParse: boolean;
  comment?: string;
}

function readSpec(path: string): CaseSpec {
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (typeof raw !== 'object' || raw === null) throw new Error(`${path}: not an object`);
  const o = raw as Record<string, unknown>;
  if (typeof o['shouldParse'] !== 'boolean' || typeof o['file'] !== 'string' || typeof o['type'] !== 'string') {
    throw new Error(`${path}: missing type/file/shouldParse`);
  }
  const spec: CaseSpec = { type: o['type'], file: o['file'], shouldParse: o['shouldParse'] };
  if (typeof o['comment'] === 'string') spec.comment = o['comment'];
  return spec;
}

/** null when the input parsed to # EOF, else the parse error. */
function parseOutcome(body: Uint8Array): ParseError | null {
  try {
    validateOpenMetrics(body);
    return null;
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
}

const dir = casesDir();
const cases = existsSync(dir)
  ? readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'test.json')))
      .map((d) => d.name)
      .sort()
  : [];

if (cases.length === 0) {
  test('openmetrics conformance', { skip: `no OpenMetrics parser cases found in ${dir}` }, () => {});
}

for (const name of cases) {
  const spec = readSpec(join(dir, name, 'test.json'));
  const skip = skipReason({ suite: SUITE, file: name, line: 0 });
  test(`${name}${spec.comment ? ` (${spec.comment})` : ''}`, { skip: skip ?? false }, () => {
    assert.equal(spec.type, 'text', `unsupported case type ${spec.type}`);
    const err = parseOutcome(readFileSync(join(dir, name, spec.file)));
    if (spec.shouldParse) {
      assert.equal(err, null, `expected to parse, got: ${err?.message} (line ${err?.line})`);
    } else {
      assert.notEqual(err, null, 'expected a parse error, but the input parsed');
    }
  });
}
