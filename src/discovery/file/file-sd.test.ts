import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileSDConfig } from '../../config/index.js';
import { FakeClock } from '../fake-clock.js';
import type { DiscoveryLogger, TargetGroup } from '../targetgroup/index.js';
import { FileDiscoverer } from './file-sd.js';

interface Run {
  state: Map<string, TargetGroup>;
  errors: string[];
  stop: () => Promise<void>;
  sends: number;
}

function start(cfg: FileSDConfig, clock = new FakeClock()): Run {
  const errors: string[] = [];
  const logger: DiscoveryLogger = { info: () => {}, warn: () => {}, error: (m, f) => errors.push(`${m}: ${String(f?.['err'] ?? '')}`) };
  const d = new FileDiscoverer(cfg, { logger, clock });
  const ac = new AbortController();
  const run: Run = { state: new Map(), errors, stop: async () => {}, sends: 0 };
  const done = d.run(ac.signal, (groups) => {
    run.sends++;
    for (const g of groups) {
      if (g.targets.length === 0) run.state.delete(g.source);
      else run.state.set(g.source, g);
    }
  });
  run.stop = async (): Promise<void> => {
    ac.abort();
    await done;
  };
  return run;
}

async function waitFor(what: string, pred: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function summary(state: Map<string, TargetGroup>): string[] {
  return [...state.values()]
    .map((g) => `${g.source} ${g.targets.map((t) => t.get('__address__')).join(',')} ${g.labels.toString()}`)
    .sort();
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'vigil-filesd-'));
}

test('reads JSON and YAML files matched by globs, with sources and __meta_filepath', async () => {
  const dir = tempDir();
  try {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.yml');
    writeFileSync(a, JSON.stringify([{ targets: ['h1:1', 'h2:2'], labels: { env: 'prod' } }, { targets: ['h3:3'] }]));
    writeFileSync(b, '- targets: [h4:4]\n  labels:\n    team: x\n');
    const r = start({ mechanism: 'file', files: [join(dir, '*.json'), join(dir, '*.yml')], refresh_interval: 300_000 });
    await waitFor('initial groups', () => r.state.size === 3);
    assert.deepEqual(summary(r.state), [
      `${a}:0 h1:1,h2:2 {__meta_filepath=${JSON.stringify(a)}, env="prod"}`,
      `${a}:1 h3:3 {__meta_filepath=${JSON.stringify(a)}}`,
      `${b}:0 h4:4 {__meta_filepath=${JSON.stringify(b)}, team="x"}`,
    ]);
    await r.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a watched change is picked up; a bad file keeps its last good groups; removals empty their groups', async () => {
  const dir = tempDir();
  try {
    const a = join(dir, 'a.json');
    writeFileSync(a, JSON.stringify([{ targets: ['h1:1'] }, { targets: ['h2:2'] }]));
    const r = start({ mechanism: 'file', files: [join(dir, '*.json')], refresh_interval: 300_000 });
    await waitFor('initial groups', () => r.state.size === 2);

    writeFileSync(a, JSON.stringify([{ targets: ['h9:9'] }]));
    await waitFor('the shrunk file', () => r.state.size === 1 && r.state.get(`${a}:0`)?.targets[0]?.get('__address__') === 'h9:9');

    writeFileSync(a, '[{"targets": ["oops"');
    await waitFor('the error to be logged', () => r.errors.some((e) => e.startsWith('Error reading file')));
    assert.equal(r.state.get(`${a}:0`)?.targets[0]?.get('__address__'), 'h9:9');

    const b = join(dir, 'b.json');
    writeFileSync(b, JSON.stringify([{ targets: ['new:1'] }]));
    await waitFor('a new file', () => r.state.has(`${b}:0`));

    unlinkSync(b);
    await waitFor('the deleted file to be emptied', () => !r.state.has(`${b}:0`));
    assert.ok(r.state.has(`${a}:0`));
    await r.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('refresh_interval re-reads files even without watch events', async () => {
  const dir = tempDir();
  try {
    const clock = new FakeClock();
    const a = join(dir, 'sub', 'a.json');
    // The directory does not exist yet: the watch fails (logged once), the interval still works.
    const r = start({ mechanism: 'file', files: [a], refresh_interval: 60_000 }, clock);
    await waitFor('the first refresh', () => r.errors.some((e) => e.startsWith('Error adding file watch')));
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(a, JSON.stringify([{ targets: ['t:1'] }]));
    assert.equal(r.state.size, 0);
    clock.advance(60_000);
    await waitFor('the interval refresh', () => r.state.size === 1);
    assert.equal(r.errors.filter((e) => e.startsWith('Error adding file watch')).length, 1);
    await r.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('YAML files are decoded strictly', async () => {
  const dir = tempDir();
  try {
    const a = join(dir, 'a.yaml');
    writeFileSync(a, '- targets: [x:1]\n  lables: {a: b}\n');
    const r = start({ mechanism: 'file', files: [a], refresh_interval: 300_000 });
    await waitFor('the decode error', () => r.errors.length > 0);
    assert.match(r.errors[0] ?? '', /Error reading file: .*field lables not found/s);
    assert.equal(r.state.size, 0);
    await r.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
