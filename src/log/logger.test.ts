import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Logger } from './index.js';

function capture(opts: Parameters<typeof Logger.create>[0] = {}): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = Logger.create({ now: () => Date.UTC(2024, 0, 2, 3, 4, 5, 678), sink: (l) => lines.push(l), ...opts });
  return { logger, lines };
}

test('logfmt lines look like promslog output, values quoted only when needed', () => {
  const { logger, lines } = capture();
  logger.with({ source: 'main', component: 'scrape manager' }).info('Server is ready', { n: 3, ok: true, empty: '', err: new Error('boom "x"') });
  assert.deepEqual(lines, [
    'time=2024-01-02T03:04:05.678Z level=INFO source=main msg="Server is ready" component="scrape manager" n=3 ok=true empty="" err="boom \\"x\\""',
  ]);
});

test('levels filter records; setLevel applies to derived loggers', () => {
  const { logger, lines } = capture({ level: 'warn' });
  const child = logger.with({ component: 'web' });
  child.info('hidden');
  child.warn('shown');
  logger.setLevel('debug');
  child.debug('now shown');
  assert.deepEqual(
    lines.map((l) => /level=(\w+)/.exec(l)?.[1]),
    ['WARN', 'DEBUG'],
  );
});

test('json format carries the same fields', () => {
  const { logger, lines } = capture({ format: 'json' });
  logger.with({ source: 'tsdb' }).error('Fatal error', { err: new Error('disk full'), v: NaN });
  assert.deepEqual(JSON.parse(lines[0] as string), {
    time: '2024-01-02T03:04:05.678Z',
    level: 'ERROR',
    source: 'tsdb',
    msg: 'Fatal error',
    err: 'disk full',
    v: 'NaN',
  });
});

test('a later source overrides an earlier one; newlines are escaped', () => {
  const { logger, lines } = capture();
  logger.with({ source: 'a' }).with({ source: 'b' }).info('x\ny');
  assert.equal(lines[0], 'time=2024-01-02T03:04:05.678Z level=INFO source=b msg="x\\ny"');
});
