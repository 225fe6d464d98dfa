import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Labels } from '../model/labels/index.js';
import { newRelabelConfig } from '../model/relabel/index.js';
import { isStaleNaN } from '../model/value/index.js';
import { type Appendable, type Appender, OutOfOrderSampleError, type SeriesRef } from '../storage/index.js';
import { appendScrape, type AppendOptions } from './scrape-append.js';
import { ScrapeCache } from './scrape-cache.js';
import { mutateSampleLabels } from './sample-labels.js';

interface Rec {
  labels: string;
  t: number;
  v: number;
}

/** Records committed samples; rejects samples older than a series' newest committed one. */
class RecordingStorage implements Appendable {
  committed: Rec[] = [];
  labelsBuilt = 0;
  private refs = new Map<string, number>();
  private last = new Map<string, number>();
  appender(): Appender {
    const pending: Rec[] = [];
    const st = this;
    return {
      append(ref: SeriesRef, l: Labels, t: number, v: number): SeriesRef {
        const k = l.toString();
        const lastT = st.last.get(k);
        if (lastT !== undefined && t < lastT) throw new OutOfOrderSampleError();
        pending.push({ labels: k, t, v });
        let r = st.refs.get(k);
        if (r === undefined) {
          r = st.refs.size + 1;
          st.refs.set(k, r);
        }
        return r;
      },
      appendHistogram(): SeriesRef {
        throw new Error('no histograms');
      },
      async commit(): Promise<void> {
        for (const p of pending) {
          st.committed.push(p);
          st.last.set(p.labels, Math.max(p.t, st.last.get(p.labels) ?? -Infinity));
        }
      },
      rollback(): void {
        pending.length = 0;
      },
    };
  }
}

const target = Labels.fromObject({ job: 'j', instance: 'i:1' });

function opts(cache: ScrapeCache, over: Partial<AppendOptions> = {}, counter?: { n: number }): AppendOptions {
  return {
    cache,
    honorTimestamps: true,
    trackTimestampsStaleness: false,
    sampleLimit: 0,
    labelLimits: { labelLimit: 0, labelNameLengthLimit: 0, labelValueLengthLimit: 0 },
    validationScheme: 'utf8',
    fallbackMediaType: '',
    sampleMutator: (l) => {
      if (counter) counter.n++;
      return mutateSampleLabels(l, target, false, []);
    },
    now: 1_000_000,
    ...over,
  };
}

async function scrape(st: RecordingStorage, body: string, t: number, o: AppendOptions): Promise<ReturnType<typeof appendScrape>> {
  const app = st.appender();
  const r = await appendScrape(app, Buffer.from(body), 'text/plain; version=0.0.4', t, o);
  if (r.err === null) await app.commit();
  else app.rollback();
  return r;
}

test('cached series are not relabeled again; counts as upstream', async () => {
  const st = new RecordingStorage();
  const cache = new ScrapeCache();
  const counter = { n: 0 };
  const o = opts(cache, {}, counter);
  let r = await scrape(st, 'a 1\nb{x="y"} 2\n', 1000, o);
  assert.deepEqual([r.total, r.added, r.seriesAdded, r.err], [2, 2, 2, null]);
  r = await scrape(st, 'a 3\nb{x="y"} 4\n', 2000, o);
  assert.deepEqual([r.total, r.added, r.seriesAdded], [2, 2, 0]);
  assert.equal(counter.n, 2);
  assert.deepEqual(
    st.committed.map((c) => `${c.labels}@${c.t}=${c.v}`),
    [
      '{__name__="a", instance="i:1", job="j"}@1000=1',
      '{__name__="b", instance="i:1", job="j", x="y"}@1000=2',
      '{__name__="a", instance="i:1", job="j"}@2000=3',
      '{__name__="b", instance="i:1", job="j", x="y"}@2000=4',
    ],
  );
});

test('a series that disappears gets a stale marker at the scrape timestamp', async () => {
  const st = new RecordingStorage();
  const cache = new ScrapeCache();
  const o = opts(cache);
  await scrape(st, 'a 1\nb 2\n', 1000, o);
  await scrape(st, 'a 1\n', 2000, o);
  const stale = st.committed.filter((c) => isStaleNaN(c.v));
  assert.deepEqual(stale.map((c) => `${c.labels}@${c.t}`), ['{__name__="b", instance="i:1", job="j"}@2000']);
  // An empty (failed) scrape marks everything stale.
  const app = st.appender();
  await appendScrape(app, new Uint8Array(0), '', 3000, o);
  await app.commit();
  assert.deepEqual(
    st.committed.filter((c) => isStaleNaN(c.v) && c.t === 3000).map((c) => c.labels),
    ['{__name__="a", instance="i:1", job="j"}'],
  );
});

test('explicit timestamps: honored, no staleness unless tracked; honor_timestamps false ignores them', async () => {
  const st = new RecordingStorage();
  const o = opts(new ScrapeCache());
  await scrape(st, 'a 1 500\n', 1000, o);
  await scrape(st, '', 2000, o);
  assert.deepEqual(st.committed.map((c) => c.t), [500]);
  const st2 = new RecordingStorage();
  const o2 = opts(new ScrapeCache(), { trackTimestampsStaleness: true });
  await scrape(st2, 'a 1 500\n', 1000, o2);
  const app = st2.appender();
  await appendScrape(app, new Uint8Array(0), '', 2000, o2);
  await app.commit();
  assert.equal(st2.committed.length, 2);
  assert.ok(isStaleNaN(st2.committed[1]?.v as number));
  const st3 = new RecordingStorage();
  await scrape(st3, 'a 1 500\n', 1000, opts(new ScrapeCache(), { honorTimestamps: false }));
  assert.deepEqual(st3.committed.map((c) => c.t), [1000]);
});

test('sample_limit fails the scrape with upstream text and keeps counting', async () => {
  const st = new RecordingStorage();
  const r = await scrape(st, 'a 1\nb 2\nc 3\n', 1000, opts(new ScrapeCache(), { sampleLimit: 2 }));
  assert.equal(r.err?.message, 'sample limit exceeded');
  assert.deepEqual([r.total, r.added], [3, 3]);
  assert.equal(st.committed.length, 0);
});

test('label limits fail the scrape with upstream texts', async () => {
  const st = new RecordingStorage();
  let r = await scrape(st, 'a{x="1",y="2"} 1\n', 1000, opts(new ScrapeCache(), { labelLimits: { labelLimit: 3, labelNameLengthLimit: 0, labelValueLengthLimit: 0 } }));
  assert.equal(r.err?.message, 'label_limit exceeded (metric: a, number of labels: 5, limit: 3)');
  r = await scrape(st, 'a{xyz="1"} 1\n', 1000, opts(new ScrapeCache(), { labelLimits: { labelLimit: 0, labelNameLengthLimit: 2, labelValueLengthLimit: 0 } }));
  assert.equal(r.err?.message, 'label_name_length_limit exceeded (metric: a, label name: __name__, length: 8, limit: 2)');
  r = await scrape(st, 'a{x="long"} 1\n', 1000, opts(new ScrapeCache(), { labelLimits: { labelLimit: 0, labelNameLengthLimit: 0, labelValueLengthLimit: 3 } }));
  assert.equal(r.err?.message, 'label_value_length_limit exceeded (metric: a, label name: x, value: "long", length: 4, limit: 3)');
});

test('duplicates and out-of-order samples are counted and skipped, not fatal', async () => {
  const st = new RecordingStorage();
  const o = opts(new ScrapeCache());
  await scrape(st, 'a 1 2000\n', 3000, o);
  const r = await scrape(st, 'a 1 1000\nb 1\nb 2\n', 4000, o);
  assert.equal(r.err, null);
  assert.deepEqual([r.total, r.added, r.seriesAdded], [3, 3, 1]);
  assert.deepEqual(st.committed.map((c) => c.labels.includes('"b"') ? `b=${c.v}` : `a@${c.t}`), ['a@2000', 'b=1']);
});

test('honor_labels and exported_ conflicts; metric relabeling drops are cached', async () => {
  const l = Labels.fromObject({ __name__: 'm', job: 'exposed', instance: 'x' });
  assert.equal(mutateSampleLabels(l, target, true, [])?.toString(), '{__name__="m", instance="x", job="exposed"}');
  assert.equal(
    mutateSampleLabels(l, target, false, [])?.toString(),
    '{__name__="m", exported_instance="x", exported_job="exposed", instance="i:1", job="j"}',
  );
  const drop = [newRelabelConfig({ action: 'drop', source_labels: ['__name__'], regex: 'drop_.*' })];
  const st = new RecordingStorage();
  const counter = { n: 0 };
  const o = opts(new ScrapeCache(), { sampleMutator: (x) => (counter.n++, mutateSampleLabels(x, target, false, drop)) });
  let r = await scrape(st, 'drop_me 1\nkeep 2\n', 1000, o);
  assert.deepEqual([r.total, r.added], [2, 1]);
  r = await scrape(st, 'drop_me 1\nkeep 2\n', 2000, o);
  assert.equal(counter.n, 2);
});

test('invalid input is a scrape error, not a crash', async () => {
  const st = new RecordingStorage();
  const o = opts(new ScrapeCache());
  let r = await scrape(st, 'a{x="\xff"} 1\n', 1000, o);
  assert.equal(r.err, null); // "\xff" as a JS string is valid UTF-8 once encoded
  const app = st.appender();
  r = await appendScrape(app, Buffer.from([0x61, 0x7b, 0x78, 0x3d, 0x22, 0xff, 0x22, 0x7d, 0x20, 0x31, 0x0a]), 'text/plain', 1000, opts(new ScrapeCache()));
  assert.match(r.err?.message ?? '', /invalid UTF-8 label value/);
  app.rollback();
  r = await scrape(st, 'a{x="1",x="2"} 1\n', 1000, opts(new ScrapeCache()));
  assert.equal(r.err?.message, 'label name "x" is not unique: invalid sample');
  r = await scrape(st, 'a 1 99999999999999\n', 1000, opts(new ScrapeCache()));
  assert.equal(r.err, null);
  const app2 = st.appender();
  r = await appendScrape(app2, Buffer.from('a 1\n'), 'application/json', 1000, opts(new ScrapeCache()));
  assert.equal(r.err?.message, 'received unsupported Content-Type "application/json" and no fallback_scrape_protocol specified for target');
  app2.rollback();
});

test('series that move, vanish, return or share a series keep values and staleness right', async () => {
  const st = new RecordingStorage();
  const counter = { n: 0 };
  const o = opts(new ScrapeCache(), {}, counter);
  const at = (t: number): string[] =>
    st.committed.filter((c) => c.t === t).map((c) => `${/x="(\w+)"/.exec(c.labels)?.[1] ?? '?'}=${isStaleNaN(c.v) ? 'stale' : c.v}`);
  await scrape(st, 'a{x="p"} 1\na{x="q"} 2\na{x="r"} 3\n', 1000, o);
  await scrape(st, 'a{x="r"} 4\na{x="p"} 5\n', 2000, o);
  assert.deepEqual(at(2000), ['r=4', 'p=5', 'q=stale']);
  // A failed scrape (parse error) is rolled back and followed by an empty one, as the loop does.
  const r = await scrape(st, 'a{x="r"} 6\na{x= 7\n', 3000, o);
  assert.notEqual(r.err, null);
  await scrape(st, '', 3000, o);
  await scrape(st, 'a{x="q"} 8\na{x="r"} 9\na{x="p"} 10\n', 4000, o);
  assert.deepEqual(at(4000), ['q=8', 'r=9', 'p=10']);
  assert.equal(counter.n, 4); // q was flushed from the cache when a scrape went without it
  // Two texts of one series (a trailing comma): dropping one is no staleness for the other.
  await scrape(st, 'a{x="s"} 1\na{x="s",} 2\n', 5000, o);
  assert.deepEqual(at(5000), ['s=1', 's=2', 'q=stale', 'r=stale', 'p=stale']);
  await scrape(st, 'a{x="s",} 3\n', 6000, o);
  assert.deepEqual(at(6000), ['s=3']);
});
