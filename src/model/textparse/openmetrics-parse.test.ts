import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { EntryEOF, EntrySeries, EntryType, EntryUnit, OpenMetricsParser, ParseError, type Parser } from './index.js';
import { dump } from './entry-dump.js';
import { OM_ERROR_CASES } from './upstream-error-cases.js';

function firstError(p: Parser): string {
  try {
    dump(p);
    return '';
  } catch (err) {
    assert.ok(err instanceof ParseError, `not a ParseError: ${String(err)}`);
    return err.message;
  }
}

test('om: metadata, units, exemplars and timestamps', () => {
  const input = `# HELP go_gc_duration_seconds A summary of the GC invocation durations.
# TYPE go_gc_duration_seconds summary
# UNIT go_gc_duration_seconds seconds
go_gc_duration_seconds{quantile="0"} 4.9351e-05
# HELP nohelp1 
# HELP help2 escape \\ \\n \\\\ \\" \\x chars
# UNIT nounit 
go_goroutines 33 123.123
# TYPE hhh histogram
hhh_bucket{le="+Inf"} 1 # {id="histogram-bucket-test"} 4
# TYPE ggh gaugehistogram
ggh_bucket{le="+Inf"} 1 # {id="gaugehistogram-bucket-test",xx="yy"} 4 123.123
# TYPE ss stateset
ss{ss="foo"} 1
{"my.metric","a.b"="c"} 1
# EOF
`;
  assert.deepEqual(dump(new OpenMetricsParser(input)), [
    'help go_gc_duration_seconds "A summary of the GC invocation durations."',
    'type go_gc_duration_seconds summary',
    'unit go_gc_duration_seconds seconds',
    'series go_gc_duration_seconds{quantile="0"} => {__name__="go_gc_duration_seconds", quantile="0.0"} 0.000049351',
    'help nohelp1 ""',
    'help help2 "escape \\\\ \\n \\\\ \\" \\\\x chars"',
    'unit nounit ',
    'series go_goroutines => {__name__="go_goroutines"} 33 @123123',
    'type hhh histogram',
    'series hhh_bucket{le="+Inf"} => {__name__="hhh_bucket", le="+Inf"} 1 # {id="histogram-bucket-test"} 4',
    'type ggh gaugehistogram',
    'series ggh_bucket{le="+Inf"} => {__name__="ggh_bucket", le="+Inf"} 1 # {id="gaugehistogram-bucket-test", xx="yy"} 4 123123',
    'type ss stateset',
    'series ss{ss="foo"} => {__name__="ss", ss="foo"} 1',
    'series {"my.metric","a.b"="c"} => {__name__="my.metric", a.b="c"} 1',
  ]);
});

const CREATED_INPUT = `# TYPE foo counter
foo_total 17.0 1520879607.789 # {id="counter-test"} 5
foo_created 1520872607.123
foo_total{a="b"} 17.0 1520879607.789 # {id="counter-test"} 5
foo_created{a="b"} 1520872607.123
foo_total{le="c"} 21.0
foo_created{le="c"} 1520872621.123
foo_total{le="1"} 10.0
# TYPE bar summary
bar_count 17.0
bar_sum 324789.3
bar{quantile="0.95"} 123.7
bar_created 1520872608.124
# TYPE fizz_created gauge
fizz_created 17.0
# TYPE something histogram
something_count 18
something_created 1520430001
something_bucket{le="0.0"} 1
# EOF
`;

test('om: created timestamps from _created series (skipped when asked)', () => {
  const p = new OpenMetricsParser(CREATED_INPUT, { skipCreatedSeries: true });
  const got: string[] = [];
  for (let e = p.next(); e !== EntryEOF; e = p.next()) {
    if (e !== EntrySeries) continue;
    const text = p.series().text;
    const ex = p.exemplar() !== null ? ' ex' : '';
    got.push(`${text} ${p.createdTimestamp()} ${p.series().value}${ex}`);
  }
  assert.deepEqual(got, [
    'foo_total 1520872607123 17 ex',
    'foo_total{a="b"} 1520872607123 17 ex',
    'foo_total{le="c"} 1520872621123 21',
    'foo_total{le="1"} 0 10',
    'bar_count 1520872608124 17',
    'bar_sum 1520872608124 324789.3',
    'bar{quantile="0.95"} 1520872608124 123.7',
    'fizz_created 0 17',
    'something_count 1520430001000 18',
    // upstream's cache: le is not part of the series identity, so the bucket reuses the count's.
    'something_bucket{le="0.0"} 1520430001000 1',
  ]);
});

test('om: _created series are returned by default', () => {
  const p = new OpenMetricsParser(CREATED_INPUT);
  let created = 0;
  for (let e = p.next(); e !== EntryEOF; e = p.next()) {
    if (e === EntrySeries && p.series().text.startsWith('foo_created')) created++;
  }
  assert.equal(created, 3);
});

test('om: exemplar() returns the exemplar once', () => {
  const p = new OpenMetricsParser('# TYPE a counter\na_total 1 # {b="c"} 2 3.5\n# EOF\n');
  assert.equal(p.next(), EntryType);
  assert.equal(p.next(), EntrySeries);
  const ex = p.exemplar();
  assert.deepEqual(ex && { l: ex.labels.pairs, v: ex.value, t: ex.timestamp }, { l: ['b', 'c'], v: 2, t: 3500 });
  assert.equal(p.exemplar(), null);
  assert.equal(p.next(), EntryEOF);
});

test('om: unit entry and unit suffix rule', () => {
  const p = new OpenMetricsParser('# UNIT a_seconds seconds\n# EOF');
  assert.equal(p.next(), EntryUnit);
  assert.deepEqual(p.unit(), { name: 'a_seconds', value: 'seconds' });
  assert.equal(p.next(), EntryEOF);
});

test('om: upstream error texts', () => {
  for (const [input, want] of OM_ERROR_CASES) {
    const got = firstError(new OpenMetricsParser(Buffer.from(input, 'latin1'), { skipCreatedSeries: true }));
    assert.equal(got, want === 'EOF' ? '' : want, `input ${JSON.stringify(input)}`);
  }
});

test('om: error carries the line number', () => {
  try {
    dump(new OpenMetricsParser('a 1\nb 2\nc 3 z\n# EOF\n'));
    assert.fail('expected an error');
  } catch (err) {
    assert.ok(err instanceof ParseError);
    assert.equal(err.line, 3);
  }
});
