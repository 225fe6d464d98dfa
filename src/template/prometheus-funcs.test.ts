import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Labels } from '../model/labels/index.js';
import { FloatHistogram } from '../model/value/index.js';
import { expandAlertTemplate, prometheusFuncMap, type QuerySample } from './prometheus-funcs.js';
import { parseTemplate } from './template.js';

interface Scenario {
  text: string;
  output?: string;
  input?: unknown;
  missingKey?: 'default' | 'zero' | 'error';
  queryResult?: QuerySample[];
  errorMsg?: string;
}

/** As template_test.go's testTemplateExpansion (text mode, default missingkey=zero). */
async function expand(s: Scenario): Promise<string> {
  const funcs = prometheusFuncMap({
    queryFunc: async () => s.queryResult ?? [],
    externalURL: 'http://testhost:9090/path/prefix',
    timestamp: 1353755652000,
  });
  let t;
  try {
    t = parseTemplate(s.text, 'test', funcs, { missingKey: s.missingKey ?? 'zero' });
  } catch (e) {
    throw new Error(`error parsing template test: ${(e as Error).message}`);
  }
  try {
    return await t.execute(s.input);
  } catch (e) {
    throw new Error(`error executing template test: ${(e as Error).message}`);
  }
}

const metric = (instance: string, v: number): QuerySample => ({
  labels: Labels.fromPairs(['__name__', 'metric', 'instance', instance]),
  value: v,
});

const MAX_I64 = 9223372036854775807n;
const MIN_I64 = -9223372036854775808n;
const MAX_U64 = 18446744073709551615n;

const SCENARIOS: Scenario[] = [
  { text: 'plain text', output: 'plain text' },
  { text: '{{ 1 }}', output: '1' },
  { text: '{{\u00a0}}', errorMsg: 'error parsing template test: template: test:1: unrecognized character in action: U+00A0' },
  { text: '{{ "<b>" }}', output: '<b>' },
  { text: '{{define "x"}}{{.arg0}} {{.arg1}}{{end}}{{template "x" (args 1 "2")}}', output: '1 2' },
  { text: '{{ query "1.5" | first | value }}', output: '1.5', queryResult: [{ labels: {}, value: 1.5 }] },
  { text: "{{ query \"metric{instance='a'}\" | first | value }}", queryResult: [metric('a', 11)], output: '11' },
  { text: "{{ query \"metric{instance='a'}\" | first | label \"instance\" }}", queryResult: [metric('a', 11)], output: 'a' },
  {
    text: "{{ query \"metric{__value__='a'}\" | first | strvalue }}",
    queryResult: [{ labels: Labels.fromPairs(['__name__', 'metric', '__value__', 'a']), value: 11 }],
    output: 'a',
  },
  { text: "{{ query \"metric{instance='a'}\" | first | label \"foo\" }}", queryResult: [metric('a', 11)], output: '' },
  { text: '{{ $x := query "metric" | first }}{{ $x.Labels.foo }}', queryResult: [metric('a', 11)], output: '' },
  {
    text: '{{ range query "metric" | sortByLabel "instance" }}{{.Labels.instance}}:{{.Value}}: {{end}}',
    queryResult: [metric('b', 21), metric('a', 11)],
    output: 'a:11: b:21: ',
  },
  { text: '{{ "foo.example.com" | stripPort }}', output: 'foo.example.com' },
  { text: '{{ "foo.example.com:12345" | stripPort }}', output: 'foo.example.com' },
  { text: '{{ "192.0.2.1" | stripPort }}', output: '192.0.2.1' },
  { text: '{{ "192.0.2.1:12345" | stripPort }}', output: '192.0.2.1' },
  { text: '{{ "2001:0DB8::1" | stripPort }}', output: '2001:0DB8::1' },
  { text: '{{ "[2001:0DB8::1]:12345" | stripPort }}', output: '2001:0DB8::1' },
  { text: '{{ "[2001:0DB8::1]::12345" | stripPort }}', output: '[2001:0DB8::1]::12345' },
  { text: '{{ .Foo }}', output: '<no value>' },
  { text: '{{ .Foo }}', missingKey: 'default', output: '<no value>' },
  {
    text: '{{ .Foo }}',
    missingKey: 'error',
    errorMsg: 'error executing template test: template: test:1:3: executing "test" at <.Foo>: nil data; no entry for key "Foo"',
  },
  { text: '{{', errorMsg: 'error parsing template test: template: test:1: unclosed action' },
  {
    text: '{{ query "missing" | first }}',
    queryResult: [],
    errorMsg: 'error executing template test: template: test:1:21: executing "test" at <first>: error calling first: first() called on vector with no elements',
  },
  {
    text: '{{ (query "missing").banana }}',
    queryResult: [],
    errorMsg: 'error executing template test: template: test:1:10: executing "test" at <"missing">: can\'t evaluate field banana in type template.queryResult',
  },
  { text: '{{ reReplaceAll "(a)b" "x$1" "ab" }}', output: 'xa' },
  { text: '{{ range . }}{{ humanize . }}:{{ end }}', input: [0.0, 1.0, 1234567.0, 0.12], output: '0:1:1.235M:120m:' },
  { text: '{{ range . }}{{ humanize . }}:{{ end }}', input: ['0.0', '1.0', '1234567.0', '.12'], output: '0:1:1.235M:120m:' },
  {
    text: '{{ humanize "one" }}',
    errorMsg: 'error executing template test: template: test:1:3: executing "test" at <humanize "one">: error calling humanize: strconv.ParseFloat: parsing "one": invalid syntax',
  },
  { text: '{{ range . }}{{ humanize . }}:{{ end }}', input: [0n, -1n, 1n, 1234567n, MAX_I64], output: '0:-1:1:1.235M:9.223E:' },
  { text: '{{ range . }}{{ humanize . }}:{{ end }}', input: [0n, 1n, 1234567n, MAX_U64], output: '0:1:1.235M:18.45E:' },
  { text: '{{ range . }}{{ humanize1024 . }}:{{ end }}', input: [0.0, 1.0, 1048576.0, 0.12], output: '0:1:1Mi:0.12:' },
  { text: '{{ range . }}{{ humanize1024 . }}:{{ end }}', input: ['0.0', '1.0', '1048576.0', '.12'], output: '0:1:1Mi:0.12:' },
  {
    text: '{{ humanize1024 "one" }}',
    errorMsg: 'error executing template test: template: test:1:3: executing "test" at <humanize1024 "one">: error calling humanize1024: strconv.ParseFloat: parsing "one": invalid syntax',
  },
  { text: '{{ range . }}{{ humanize1024 . }}:{{ end }}', input: [0n, -1n, 1n, 1234567n, MAX_I64], output: '0:-1:1:1.177Mi:8Ei:' },
  { text: '{{ range . }}{{ humanize1024 . }}:{{ end }}', input: [0n, 1n, 1234567n, MAX_U64], output: '0:1:1.177Mi:16Ei:' },
  {
    text: '{{ range . }}{{ humanizeDuration . }}:{{ end }}',
    input: [0, 1, 60, 3600, 86400, 86400 + 3600, -(86400 * 2 + 3600 * 3 + 60 * 4 + 5), 899.99],
    output: '0s:1s:1m 0s:1h 0m 0s:1d 0h 0m 0s:1d 1h 0m 0s:-2d 3h 4m 5s:14m 59s:',
  },
  {
    text: '{{ range . }}{{ humanizeDuration . }}:{{ end }}',
    input: ['0', '1', '60', '3600', '86400'],
    output: '0s:1s:1m 0s:1h 0m 0s:1d 0h 0m 0s:',
  },
  {
    text: '{{ range . }}{{ humanizeDuration . }}:{{ end }}',
    input: [0.1, 0.0001, 0.12345, 60.1, 60.5, 1.2345, 12.345],
    output: '100ms:100us:123.5ms:1m 0s:1m 0s:1.234s:12.35s:',
  },
  {
    text: '{{ range . }}{{ humanizeDuration . }}:{{ end }}',
    input: ['.1', '.0001', '.12345', '60.1', '60.5', '1.2345', '12.345'],
    output: '100ms:100us:123.5ms:1m 0s:1m 0s:1.234s:12.35s:',
  },
  {
    text: '{{ humanizeDuration "one" }}',
    errorMsg: 'error executing template test: template: test:1:3: executing "test" at <humanizeDuration "one">: error calling humanizeDuration: strconv.ParseFloat: parsing "one": invalid syntax',
  },
  { text: '{{ range . }}{{ humanizeDuration . }}:{{ end }}', input: [0n, -1n, 1n, 1234567n], output: '0s:-1s:1s:14d 6h 56m 7s:' },
  {
    text: '{{ range . }}{{ humanize . }}:{{ humanize1024 . }}:{{ humanizeDuration . }}:{{humanizeTimestamp .}}:{{ end }}',
    input: [Infinity, -Infinity, NaN],
    output: '+Inf:+Inf:+Inf:+Inf:-Inf:-Inf:-Inf:-Inf:NaN:NaN:NaN:NaN:',
  },
  {
    text: '{{ range . }}{{ humanize . }}:{{ humanize1024 . }}:{{ humanizeDuration . }}:{{humanizeTimestamp .}}:{{ end }}',
    input: ['+Inf', '-Inf', 'NaN'],
    output: '+Inf:+Inf:+Inf:+Inf:-Inf:-Inf:-Inf:-Inf:NaN:NaN:NaN:NaN:',
  },
  {
    text: '{{ -0.22222 | humanizePercentage }}:{{ 0.0 | humanizePercentage }}:{{ 0.1234567 | humanizePercentage }}:{{ 1.23456 | humanizePercentage }}',
    output: '-22.22%:0%:12.35%:123.5%',
  },
  {
    text: '{{ range . }}{{ humanizePercentage . }}:{{ end }}',
    input: [0n, -1n, 1n, 1234567n, MAX_I64],
    output: '0%:-100%:100%:1.235e+08%:9.223e+20%:',
  },
  {
    text: '{{ range . }}{{ humanizePercentage . }}:{{ end }}',
    input: [0n, 1n, 1234567n, MAX_U64],
    output: '0%:100%:1.235e+08%:1.845e+21%:',
  },
  {
    text: '{{ "-0.22222" | humanizePercentage }}:{{ "0.0" | humanizePercentage }}:{{ "0.1234567" | humanizePercentage }}:{{ "1.23456" | humanizePercentage }}',
    output: '-22.22%:0%:12.35%:123.5%',
  },
  {
    text: '{{ "one" | humanizePercentage }}',
    errorMsg: 'error executing template test: template: test:1:11: executing "test" at <humanizePercentage>: error calling humanizePercentage: strconv.ParseFloat: parsing "one": invalid syntax',
  },
  {
    text: '{{ range . }}{{ humanizeTimestamp . }}:{{ end }}',
    input: [0n, -1n, 1n, 1234567n, 9223372036n],
    output: '1970-01-01 00:00:00 +0000 UTC:1969-12-31 23:59:59 +0000 UTC:1970-01-01 00:00:01 +0000 UTC:1970-01-15 06:56:07 +0000 UTC:2262-04-11 23:47:16 +0000 UTC:',
  },
  {
    text: '{{ range . }}{{ humanizeTimestamp . }}:{{ end }}',
    input: [MIN_I64, MAX_I64],
    errorMsg: 'error executing template test: template: test:1:16: executing "test" at <humanizeTimestamp .>: error calling humanizeTimestamp: -9.223372036854776e+18 cannot be represented as a nanoseconds timestamp since it overflows int64',
  },
  {
    text: '{{ range . }}{{ humanizeTimestamp . }}:{{ end }}',
    input: [MAX_U64],
    errorMsg: 'error executing template test: template: test:1:16: executing "test" at <humanizeTimestamp .>: error calling humanizeTimestamp: 1.8446744073709552e+19 cannot be represented as a nanoseconds timestamp since it overflows int64',
  },
  { text: '{{ 1435065584.128 | humanizeTimestamp }}', output: '2015-06-23 13:19:44.128 +0000 UTC' },
  { text: '{{ "1435065584.128" | humanizeTimestamp }}', output: '2015-06-23 13:19:44.128 +0000 UTC' },
  { text: '{{ (1435065584.128 | toTime).Format "2006" }}', output: '2015' },
  { text: '{{ ("1435065584.128" | toTime).Format "2006" }}', output: '2015' },
  { text: '{{ (1800 | toDuration).String }}', output: '30m0s' },
  { text: '{{ ("1800" | toDuration).String }}', output: '30m0s' },
  { text: '{{ now }}', output: '1.353755652e+09' },
  { text: '{{ (now | toTime).Format "Mon Jan 2 15:04:05 2006" }}', output: 'Sat Nov 24 11:14:12 2012' },
  { text: '{{ ("-30m" | parseDuration | toDuration | (now | toTime).Add).UnixMilli }}', output: '1353753852000' },
  { text: '{{ "aa bb CC" | title }}', output: 'Aa Bb CC' },
  { text: '{{ "aa bb CC" | toUpper }}', output: 'AA BB CC' },
  { text: '{{ "aA bB CC" | toLower }}', output: 'aa bb cc' },
  { text: '{{ match "a+" "aa" }} {{ match "a+" "b" }}', output: 'true false' },
  { text: '{{ graphLink "up" }}', output: '/graph?g0.expr=up&g0.tab=0' },
  { text: '{{ tableLink "up" }}', output: '/graph?g0.expr=up&g0.tab=1' },
  { text: '{{ pathPrefix }}', output: '/path/prefix' },
  { text: '{{ externalURL }}', output: 'http://testhost:9090/path/prefix' },
  { text: '{{ printf "%0.2f" (parseDuration "1h2m10ms") }}', output: '3720.01' },
  { text: '{{ printf "%0.2f" (parseDuration "-1h2m10ms") }}', output: '-3720.01' },
  { text: '{{ "foo.example.com" | stripDomain }}', output: 'foo' },
  { text: '{{ "foo.example.com:12345" | stripDomain }}', output: 'foo:12345' },
  { text: '{{ "192.0.2.1" | stripDomain }}', output: '192.0.2.1' },
  { text: '{{ "192.0.2.1:12345" | stripDomain }}', output: '192.0.2.1:12345' },
  { text: '{{ "2001:0DB8::1" | stripDomain }}', output: '2001:0DB8::1' },
  { text: '{{ "[2001:0DB8::1]:12345" | stripDomain }}', output: '[2001:0DB8::1]:12345' },
  { text: '{{ "[2001:0DB8::1]::12345" | stripDomain }}', output: '[2001:0DB8::1]::12345' },
  // Beyond template_test.go.
  { text: '{{ reReplaceAll "a*" "-" "baaac" }}', output: '-b-c-' },
  {
    text: '{{ reReplaceAll "(" "x" "y" }}',
    errorMsg: 'error executing template test: template: test:1:3: executing "test" at <reReplaceAll "(" "x" "y">: error calling reReplaceAll: regexp: Compile(`(`): error parsing regexp: missing closing ): `(`',
  },
  { text: '{{ toUpper "straße" }}', output: 'STRAßE' },
  { text: '{{ urlQueryEscape "a b&c" }}', output: 'a+b%26c' },
  { text: '{{ query "x" | first }}', queryResult: [metric('a', 11)], output: '&{map[__name__:metric instance:a] 11}' },
  { text: '{{ (1.5 | toDuration) }} {{ (0.0015 | toDuration) }}', output: '1.5s 1.5ms' },
  { text: '{{ toUpper 1.5 }}', errorMsg: 'error executing template test: template: test:1:3: executing "test" at <toUpper 1.5>: wrong type for value; expected string; got float64' },
  { text: '{{ humanize }}', errorMsg: 'error executing template test: template: test:1:3: executing "test" at <humanize>: wrong number of args for humanize: want 1 got 0' },
];

test('Prometheus template expansion (template_test.go)', async () => {
  for (const s of SCENARIOS) {
    if (s.errorMsg !== undefined) {
      await assert.rejects(expand(s), (e: Error) => {
        assert.equal(e.message, s.errorMsg, s.text);
        return true;
      });
    } else {
      assert.equal(await expand(s), s.output, s.text);
    }
  }
});

test('native histogram value prints with count and sum', async () => {
  const h = new FloatHistogram();
  h.count = 3;
  h.sum = 10;
  assert.equal(await expand({ text: '{{ query "x" | first | value }}', queryResult: [{ labels: {}, value: h }] }), '{count:3, sum:10}');
});

const alertInput = {
  labels: Labels.fromPairs(['__name__', 'up', 'instance', 'h:9090', 'job', 'node']),
  value: 0.5,
  externalLabels: { cluster: 'eu' },
  externalURL: 'http://prom.example:9090/p',
  timestamp: 1000,
};

test('expandAlertTemplate: $labels, $value, $externalLabels, $externalURL', async () => {
  const q = async (): Promise<QuerySample[]> => [];
  const out = await expandAlertTemplate(
    '{{ $labels.instance }} of {{ $labels.job }} is {{ $value }} ({{ $value | humanizePercentage }}) in {{ $externalLabels.cluster }} at {{ $externalURL }}; {{ $labels.missing }}|{{ .Value }}',
    '__alert_Up',
    alertInput,
    q,
  );
  assert.equal(out, 'h:9090 of node is 0.5 (50%) in eu at http://prom.example:9090/p; |0.5');
});

test('expandAlertTemplate: upstream error texts', async () => {
  const q = async (): Promise<QuerySample[]> => [];
  assert.equal(
    await expandAlertTemplate('{{ foo }}', '__alert_X', alertInput, q),
    '<error expanding template: error parsing template __alert_X: template: __alert_X:1: function "foo" not defined>',
  );
  assert.equal(
    await expandAlertTemplate('{{ query "up" | first }}', '__alert_X', alertInput, q),
    '<error expanding template: error executing template __alert_X: template: __alert_X:1:128: executing "__alert_X" at <first>: error calling first: first() called on vector with no elements>',
  );
  assert.equal(
    await expandAlertTemplate('{{ .Nope }}', '__alert_X', alertInput, q),
    '<error expanding template: error executing template __alert_X: template: __alert_X:1:115: executing "__alert_X" at <.Nope>: can\'t evaluate field Nope in type struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value interface {} }>',
  );
});

test('expandAlertTemplate: query through the injected function', async () => {
  const seen: string[] = [];
  const q = async (expr: string): Promise<QuerySample[]> => {
    seen.push(expr);
    return [{ labels: { instance: 'b' }, value: 2 }, { labels: { instance: 'a' }, value: 1 }];
  };
  const out = await expandAlertTemplate(
    '{{ range query "up == 0" | sortByLabel "instance" }}{{ .Labels.instance }}={{ .Value }} {{ end }}',
    'n',
    alertInput,
    q,
  );
  assert.equal(out, 'a=1 b=2 ');
  assert.deepEqual(seen, ['up == 0']);
});
