import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { EntrySeries, EntryHelp, ParseError, type Parser, PromParser } from './index.js';
import { dump } from './entry-dump.js';
import { PROM_ERROR_CASES } from './upstream-error-cases.js';

function firstError(p: Parser): string {
  try {
    dump(p);
    return '';
  } catch (err) {
    assert.ok(err instanceof ParseError, `not a ParseError: ${String(err)}`);
    return err.message;
  }
}

test('prom: upstream TestPromParse input', () => {
  const input = `# HELP go_gc_duration_seconds A summary of the GC invocation durations.
# 	TYPE go_gc_duration_seconds summary
go_gc_duration_seconds{quantile="0"} 4.9351e-05
go_gc_duration_seconds{quantile="0.25",} 7.424100000000001e-05
go_gc_duration_seconds{quantile="0.5",a="b"} 8.3835e-05
go_gc_duration_seconds{ quantile="0.9", a="b"} 8.3835e-05
# Hrandom comment starting with prefix of HELP
#
wind_speed{A="2",c="3"} 12345
# HELP nohelp1
# HELP nohelp2 
go_gc_duration_seconds { quantile = "2.0" a = "b" } 8.3835e-05
some:aggregate:rate5m{a_b="c"}	1
go_goroutines 33  	123123
testmetric{label="\\"bar\\""} 1
# HELP metric foo\x00bar
null_byte_metric{a="abc\x00"} 1`;
  assert.deepEqual(dump(new PromParser(Buffer.from(input, 'latin1'))), [
    'help go_gc_duration_seconds "A summary of the GC invocation durations."',
    'type go_gc_duration_seconds summary',
    'series go_gc_duration_seconds{quantile="0"} => {__name__="go_gc_duration_seconds", quantile="0.0"} 0.000049351',
    'series go_gc_duration_seconds{quantile="0.25",} => {__name__="go_gc_duration_seconds", quantile="0.25"} 0.00007424100000000001',
    'series go_gc_duration_seconds{quantile="0.5",a="b"} => {__name__="go_gc_duration_seconds", a="b", quantile="0.5"} 0.000083835',
    'series go_gc_duration_seconds{ quantile="0.9", a="b"} => {__name__="go_gc_duration_seconds", a="b", quantile="0.9"} 0.000083835',
    'comment "# Hrandom comment starting with prefix of HELP"',
    'comment "#"',
    'series wind_speed{A="2",c="3"} => {A="2", __name__="wind_speed", c="3"} 12345',
    'help nohelp1 ""',
    'help nohelp2 ""',
    'series go_gc_duration_seconds { quantile = "2.0" a = "b" } => {__name__="go_gc_duration_seconds", a="b", quantile="2.0"} 0.000083835',
    'series some:aggregate:rate5m{a_b="c"} => {__name__="some:aggregate:rate5m", a_b="c"} 1',
    'series go_goroutines => {__name__="go_goroutines"} 33 @123123',
    'series testmetric{label="\\"bar\\""} => {__name__="testmetric", label="\\"bar\\""} 1',
    'help metric "foo\\u0000bar"',
    'series null_byte_metric{a="abc\u0000"} => {__name__="null_byte_metric", a="abc\\u0000"} 1',
  ]);
});

test('prom: UTF-8 quoted metric and label names', () => {
  const input = `# HELP "go.gc_duration_seconds" A summary
# TYPE "go.gc_duration_seconds" summary
{"go.gc_duration_seconds",quantile="0"} 4.9351e-05
{quantile="0.25","go.gc_duration_seconds"} 7.4
{"http.status",q="0.9","a\\"b"="c"} 8.3835e-05
`;
  assert.deepEqual(dump(new PromParser(input)), [
    'help go.gc_duration_seconds "A summary"',
    'type go.gc_duration_seconds summary',
    'series {"go.gc_duration_seconds",quantile="0"} => {__name__="go.gc_duration_seconds", quantile="0.0"} 0.000049351',
    'series {quantile="0.25","go.gc_duration_seconds"} => {__name__="go.gc_duration_seconds", quantile="0.25"} 7.4',
    'series {"http.status",q="0.9","a\\"b"="c"} => {__name__="http.status", a"b="c", q="0.9"} 0.000083835',
  ]);
});

test('prom: values, timestamps, escapes and help escapes', () => {
  const input = [
    'a +Inf',
    'a -Inf 1',
    'a NaN',
    'a inf',
    'a 0x0',
    'a .5',
    'a 5.',
    'a 1e3 -0',
    'b{x="a\\\\b\\nc\\z"} 1',
    '# HELP h a\\\\b\\nc\\"d',
  ].join('\n');
  const p = new PromParser(input);
  assert.equal(p.next(), EntrySeries);
  assert.equal(p.series().value, Infinity);
  assert.equal(p.next(), EntrySeries);
  assert.equal(p.series().value, -Infinity);
  assert.equal(p.series().timestamp, 1);
  assert.equal(p.next(), EntrySeries);
  assert.ok(Number.isNaN(p.series().value));
  assert.equal(p.next(), EntrySeries);
  assert.equal(p.series().value, Infinity);
  assert.throws(() => p.next(), { message: 'strconv.ParseFloat: parsing "0x0": invalid syntax while parsing: "a 0x0"' });
  const q = new PromParser(input.split('\n').slice(5).join('\n'));
  assert.equal(q.next(), EntrySeries);
  assert.equal(q.series().value, 0.5);
  assert.equal(q.next(), EntrySeries);
  assert.equal(q.series().value, 5);
  assert.throws(() => q.next(), { message: 'expected timestamp or new record, got "-" ("INVALID") while parsing: "a 1e3 -"' });
  const r = new PromParser(input.split('\n').slice(8).join('\n'));
  assert.equal(r.next(), EntrySeries);
  assert.equal(r.labels().get('x'), 'a\\b\nc\\z');
  assert.equal(r.next(), EntryHelp);
  assert.equal(r.help().value, 'a\\b\nc\\"d');
});

test('prom: timestamp range and line numbers in errors', () => {
  assert.throws(() => dump(new PromParser('a 1 99999999999999999999\n')), {
    message: 'strconv.ParseInt: parsing "99999999999999999999": value out of range while parsing: "a 1 99999999999999999999"',
  });
  // Milliseconds are JS numbers: int64 range is checked, precision above 2^53 is not kept.
  assert.equal(new PromParser('a 1 9223372036854775807\n').next(), EntrySeries);
  try {
    dump(new PromParser('a 1\nb 2\n\nc{ 3\n'));
    assert.fail('expected an error');
  } catch (err) {
    assert.ok(err instanceof ParseError);
    assert.equal(err.line, 4);
  }
});

test('prom: labels() drops empty values and keeps duplicates; series text is the raw line', () => {
  const p = new PromParser('m{b="",a="1",a="2"} 1\n');
  assert.equal(p.next(), EntrySeries);
  assert.deepEqual(p.labels().pairs, ['__name__', 'm', 'a', '1', 'a', '2']);
  assert.equal(p.series().text, 'm{b="",a="1",a="2"}');
});

test('prom: histogram le values are normalised only for histograms', () => {
  const p = new PromParser('# TYPE h histogram\nh_bucket{le="1"} 1\nh_bucket{le="1e6"} 1\n# TYPE g gauge\ng{le="1"} 1\n');
  const out = dump(p);
  assert.match(out[1] as string, /le="1.0"/);
  assert.match(out[2] as string, /le="1e\+06"/);
  assert.match(out[4] as string, /le="1"/);
});

test('prom: upstream error texts', () => {
  for (const [input, want] of PROM_ERROR_CASES) {
    const got = firstError(new PromParser(Buffer.from(input, 'latin1')));
    assert.equal(got, want === 'EOF' ? '' : want, `input ${JSON.stringify(input)}`);
  }
});

test('prom: bare identifier in braces does not crash', () => {
  const p = new PromParser('{A} 0\n');
  assert.throws(() => {
    for (;;) if (p.next() === EntrySeries) p.labels();
  }, ParseError);
});
