/**
 * End to end into the TSDB: scraped samples, synthetic series and stale markers land in the
 * head; out-of-order samples rejected by the head are counted and skipped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isStaleNaN } from '../../src/model/value/index.js';
import { ScrapeManager } from '../../src/scrape/index.js';
import { DB } from '../../src/tsdb/index.js';
import { dump, group, recordingLogger, startServer, textHandler, waitFor } from './harness.js';

test('scrapes into the TSDB with staleness and out-of-order handling', { timeout: 20_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-scrape-db-'));
  const db = await DB.open(dir);
  const now = Date.now();
  let n = 0;
  const srv = await startServer(textHandler(() => {
    n++;
    return n <= 2 ? `a ${n}\nb 1\nts 1 ${now - n * 1000}\n` : `a ${n}\n`;
  }));
  const logger = recordingLogger();
  const m = new ScrapeManager({ appendable: db, logger, skipOffset: true });
  try {
    await m.applyConfig({ scrape_configs: [{ job_name: 'j', scrape_interval: 150, scrape_timeout: 100 }] });
    await m.sync(new Map([['j', [group('s', [srv.address])]]]));
    await m.run();
    await waitFor('b stale', () => (dump(db, 'b').values().next().value ?? []).some((s) => isStaleNaN(s.v)));
    const a = dump(db, 'a').values().next().value ?? [];
    assert.ok(a.length >= 3);
    assert.deepEqual(a.slice(0, 3).map((s) => s.v), [1, 2, 3]);
    const ts = dump(db, 'ts').values().next().value ?? [];
    assert.deepEqual(ts.map((s) => s.t), [now - 1000]);
    assert.ok(logger.lines.some((l) => l.startsWith('warn Error on ingesting out-of-order samples')));
    assert.equal(m.targetsActive().get('j')?.[0]?.health, 'up');
  } finally {
    await m.stop();
    await srv.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
