/**
 * Requests whose answers do not depend on time or ids, with the status and body Alertmanager
 * 0.25 (Debian's /usr/bin/prometheus-alertmanager, single node) returned for them: recorded
 * from 0.25 and replayed against the API v2 over the real silence store and alert provider.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AM_YML, rawRequest, startApiFixture } from './api-fixture.js';


/** [method, path, body, content type, status, response body] recorded from Alertmanager 0.25. */
const RECORDED: [string, string, string | null, string | null, number, string][] = [
  ["POST", "/api/v2/alerts", "[{\"annotations\":{}}]", "application/json", 422, "{\"code\":602,\"message\":\"0.labels in body is required\"}"],
  ["POST", "/api/v2/alerts", "[{\"labels\":{}}]", "application/json", 400, "\"at least one label pair required\"\n"],
  ["POST", "/api/v2/alerts", "[{\"labels\":{\"0bad\":\"x\"}}]", "application/json", 400, "\"invalid label set: invalid name \\\"0bad\\\"\"\n"],
  ["POST", "/api/v2/alerts", "[{\"labels\":{\"a\":\"x\"},\"annotations\":{\"1b\":\"y\"}}]", "application/json", 400, "\"invalid annotations: invalid name \\\"1b\\\"\"\n"],
  ["POST", "/api/v2/alerts", "[{\"labels\":{\"a\":\"x\"},\"startsAt\":\"2026-11-21T10:00:00Z\",\"endsAt\":\"2026-11-21T09:00:00Z\"}]", "application/json", 400, "\"start time must be before end time\"\n"],
  ["POST", "/api/v2/alerts", "[{\"labels\":{\"a\":\"\"}}]", "application/json", 400, "\"at least one label pair required\"\n"],
  ["POST", "/api/v2/alerts", "[{\"labels\":{\"a\":\"x\"},\"startsAt\":\"garbage\"}]", "application/json", 400, "{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because parsing time \\\"garbage\\\" as \\\"2006-01-02 15:04:05\\\": cannot parse \\\"garbage\\\" as \\\"2006\\\"\"}"],
  ["POST", "/api/v2/alerts", "[{\"labels\":{\"a\":\"x\"},\"generatorURL\":\"not a url\"}]", "application/json", 422, "{\"code\":601,\"message\":\"0.generatorURL in body must be of type uri: \\\"not a url\\\"\"}"],
  ["POST", "/api/v2/alerts", "[{\"labels\":{\"a\":\"x\"},\"generatorURL\":\"::\"}]", "application/json", 422, "{\"code\":601,\"message\":\"0.generatorURL in body must be of type uri: \\\"::\\\"\"}"],
  ["POST", "/api/v2/alerts", "[{\"labels\":{\"a\":1}}]", "application/json", 400, "{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because json: cannot unmarshal number into Go struct field Alert.labels of type string\"}"],
  ["POST", "/api/v2/alerts", "{\"labels\":{\"a\":\"x\"}}", "application/json", 400, "{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because json: cannot unmarshal object into Go value of type models.PostableAlerts\"}"],
  ["POST", "/api/v2/alerts", "[{\"labels\":{\"a\":\"x\"}", "application/json", 400, "{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because unexpected EOF\"}"],
  ["POST", "/api/v2/alerts", "", "application/json", 422, "{\"code\":602,\"message\":\"alerts in body is required\"}"],
  ["POST", "/api/v2/alerts", "null", "application/json", 200, ""],
  ["POST", "/api/v2/alerts", "[]", "application/json", 200, ""],
  ["POST", "/api/v2/alerts", "[{\"labels\":{\"0bad\":\"x\"}},{\"labels\":{}},{\"labels\":{\"ok\":\"1\"}}]", "application/json", 400, "\"invalid label set: invalid name \\\"0bad\\\"; at least one label pair required\"\n"],
  ["POST", "/api/v2/alerts", "[{\"labels\":{\"a\":\"x\"},\"annotations\":{\"b\":2}}]", "application/json", 400, "{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because json: cannot unmarshal number into Go struct field .annotations of type string\"}"],
  ["POST", "/api/v2/alerts", "[{\"labels\":{\"a\":\"x\"},\"annotations\":[]}]", "application/json", 400, "{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because json: cannot unmarshal array into Go struct field .annotations of type models.LabelSet\"}"],
  ["POST", "/api/v2/alerts", "[{\"labels\":{\"a\":\"x\"},\"startsAt\":5}]", "application/json", 400, "{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because json: cannot unmarshal number into Go struct field .startsAt of type string\"}"],
  ["POST", "/api/v2/alerts", "[{\"labels\":{\"a\":\"x\"},\"generatorURL\":5}]", "application/json", 400, "{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because json: cannot unmarshal number into Go struct field Alert.generatorURL of type string\"}"],
  ["POST", "/api/v2/alerts", "[{\"labels\":\"x\"}]", "application/json", 400, "{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because json: cannot unmarshal string into Go struct field Alert.labels of type models.LabelSet\"}"],
  ["POST", "/api/v2/alerts", "[{\"labels\":null}]", "application/json", 422, "{\"code\":602,\"message\":\"0.labels in body is required\"}"],
  ["POST", "/api/v2/alerts", "[5]", "application/json", 400, "{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because json: cannot unmarshal number into Go value of type struct { Annotations models.LabelSet \\\"json:\\\\\\\"annotations,omitempty\\\\\\\"\\\"; EndsAt strfmt.DateTime \\\"json:\\\\\\\"endsAt,omitempty\\\\\\\"\\\"; StartsAt strfmt.DateTime \\\"json:\\\\\\\"startsAt,omitempty\\\\\\\"\\\" }\"}"],
  ["POST", "/api/v2/alerts", "x", "application/json", 400, "{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because invalid character 'x' looking for beginning of value\"}"],
  ["POST", "/api/v2/alerts", "[{\"labels\":{\"a\":\"x\"},}]", "application/json", 400, "{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because invalid character '}' looking for beginning of object key string\"}"],
  ["POST", "/api/v2/alerts", "[{\"labels\":{\"a\":\"x\"}} x]", "application/json", 400, "{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because invalid character 'x' after array element\"}"],
  ["POST", "/api/v2/alerts", "[{\"labels\":{\"a\":\"x\"},\"startsAt\":\"2026-13-21T10:00:00Z\"}]", "application/json", 400, "{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because parsing time \\\"2026-13-21T10:00:00Z\\\": month out of range\"}"],
  ["POST", "/api/v2/alerts", "[{\"labels\":{\"a\":\"x\"},\"startsAt\":\"2026-02-30 10:00:00\"}]", "application/json", 400, "{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because parsing time \\\"2026-02-30 10:00:00\\\": day out of range\"}"],
  ["POST", "/api/v2/alerts", "[{\"labels\":{\"a\":\"x\"},\"startsAt\":\"2026-02-20 10:00:00 x\"}]", "application/json", 400, "{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because parsing time \\\"2026-02-20 10:00:00 x\\\": extra text: \\\" x\\\"\"}"],
  ["POST", "/api/v2/alerts", "[{\"labels\":{\"a\":\"x\"},\"startsAt\":\"2026-02-20T25:00:00Z\"}]", "application/json", 400, "{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because parsing time \\\"2026-02-20T25:00:00Z\\\" as \\\"2006-01-02 15:04:05\\\": cannot parse \\\"T25:00:00Z\\\" as \\\" \\\"\"}"],
  ["POST", "/api/v2/alerts", "[{\"labels\":{\"a\":\"x\"},\"startsAt\":\"2026-02-2\"}]", "application/json", 400, "{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because parsing time \\\"2026-02-2\\\" as \\\"2006-01-02 15:04:05\\\": cannot parse \\\"2\\\" as \\\"02\\\"\"}"],
  ["POST", "/api/v2/alerts", "[{\"labels\":{\"a\":\"x\"},\"startsAt\":\"2026-02-20T10:00:00+0200\"}]", "application/json", 400, "{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because parsing time \\\"2026-02-20T10:00:00+0200\\\" as \\\"2006-01-02 15:04:05\\\": cannot parse \\\"T10:00:00+0200\\\" as \\\" \\\"\"}"],
  ["POST", "/api/v2/alerts", "[{\"labels\":{\"a\":\"x\"},\"startsAt\":\"2026-02-20T10:00:00.123+0200\"}]", "application/json", 200, ""],
  ["POST", "/api/v2/alerts", "[{\"labels\":{\"a\":\"x\"},\"startsAt\":\"2026-02-20\\\"T\"}]", "application/json", 400, "{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because parsing time \\\"2026-02-20\\\\\\\"T\\\" as \\\"2006-01-02 15:04:05\\\": cannot parse \\\"\\\\\\\"T\\\" as \\\" \\\"\"}"],
  ["POST", "/api/v2/alerts", "[{\"labels\":{\"a\":\"x\"}}]", "text/plain", 415, "{\"code\":415,\"message\":\"unsupported media type \\\"text/plain\\\", only [application/json] are allowed\"}"],
  ["POST", "/api/v2/alerts", "[{\"labels\":{\"a\":\"x\"}}]", null, 415, "{\"code\":415,\"message\":\"unsupported media type \\\"application/octet-stream\\\", only [application/json] are allowed\"}"],
  ["GET", "/api/v2/nope", null, "application/json", 404, "{\"code\":404,\"message\":\"path /api/v2/nope was not found\"}"],
  ["GET", "/api/v2/", null, "application/json", 404, "{\"code\":404,\"message\":\"path /api/v2/ was not found\"}"],
  ["GET", "/api/v2/alerts?filter=foo%3D%22", null, "application/json", 400, "\"matcher value contains unescaped double quote: \\\"\"\n"],
  ["GET", "/api/v2/alerts?receiver=(", null, "application/json", 400, "\"failed to parse receiver param: error parsing regexp: missing closing ): `^(?:()$`\"\n"],
  ["GET", "/api/v2/alerts/groups?filter=foo%3D%22", null, "application/json", 400, "\"matcher value contains unescaped double quote: \\\"\"\n"],
  ["GET", "/api/v2/alerts/groups?receiver=(", null, "application/json", 400, "\"failed to parse receiver param: error parsing regexp: missing closing ): `^(?:()$`\"\n"],
  ["GET", "/api/v2/silences?filter=foo%3D%22", null, "application/json", 400, "\"matcher value contains unescaped double quote: \\\"\"\n"],
  ["GET", "/api/v2/alerts?filter=", null, "application/json", 400, "\"bad matcher format: \"\n"],
  ["GET", "/api/v2/alerts?filter=a", null, "application/json", 400, "\"bad matcher format: a\"\n"],
  ["POST", "/api/v2/silences", "{\"matchers\":[],\"startsAt\":\"2026-11-21T00:00:00Z\",\"endsAt\":\"2030-01-01T00:00:00Z\",\"createdBy\":\"me\",\"comment\":\"c\"}", "application/json", 422, "{\"code\":612,\"message\":\"matchers in body should have at least 1 items\"}"],
  ["POST", "/api/v2/silences", "{\"matchers\":[{\"name\":\"a\",\"value\":\"x\"}],\"startsAt\":\"2026-11-21T00:00:00Z\",\"endsAt\":\"2030-01-01T00:00:00Z\",\"createdBy\":\"me\",\"comment\":\"c\"}", "application/json", 422, "{\"code\":602,\"message\":\"matchers.0.isRegex in body is required\"}"],
  ["POST", "/api/v2/silences", "{\"matchers\":[{\"name\":\"a\",\"value\":\"x\",\"isRegex\":false}],\"startsAt\":\"2026-11-21T00:00:00Z\",\"endsAt\":\"2030-01-01T00:00:00Z\",\"comment\":\"c\"}", "application/json", 422, "{\"code\":602,\"message\":\"createdBy in body is required\"}"],
  ["POST", "/api/v2/silences", "{\"matchers\":[{\"name\":\"a\",\"value\":\"x\",\"isRegex\":false}],\"startsAt\":\"2026-11-21T00:00:00Z\",\"endsAt\":\"2030-01-01T00:00:00Z\"}", "application/json", 422, "{\"code\":602,\"message\":\"comment in body is required\"}"],
  ["POST", "/api/v2/silences", "{\"matchers\":[{\"name\":\"a\",\"value\":\"\",\"isRegex\":false}],\"startsAt\":\"2026-11-21T00:00:00Z\",\"endsAt\":\"2030-01-01T00:00:00Z\",\"createdBy\":\"me\",\"comment\":\"c\"}", "application/json", 400, "\"silence invalid: at least one matcher must not match the empty string\"\n"],
  ["POST", "/api/v2/silences", "{\"matchers\":[{\"name\":\"0a\",\"value\":\"x\",\"isRegex\":false}],\"startsAt\":\"2026-11-21T00:00:00Z\",\"endsAt\":\"2030-01-01T00:00:00Z\",\"createdBy\":\"me\",\"comment\":\"c\"}", "application/json", 400, "\"silence invalid: invalid label matcher 0: invalid label name \\\"0a\\\"\"\n"],
  ["POST", "/api/v2/silences", "{\"matchers\":[{\"name\":\"a\",\"value\":\"(\",\"isRegex\":true}],\"startsAt\":\"2026-11-21T00:00:00Z\",\"endsAt\":\"2030-01-01T00:00:00Z\",\"createdBy\":\"me\",\"comment\":\"c\"}", "application/json", 400, "\"silence invalid: invalid label matcher 0: invalid regular expression \\\"(\\\": error parsing regexp: missing closing ): `(`\"\n"],
  ["POST", "/api/v2/silences", "{\"matchers\":[{\"name\":\"a\",\"value\":\"x\",\"isRegex\":false}],\"startsAt\":\"2026-11-21T00:00:00Z\",\"endsAt\":\"2026-11-21T00:00:00Z\",\"createdBy\":\"me\",\"comment\":\"c\"}", "application/json", 400, "\"Failed to create silence: start time must be before end time\"\n"],
  ["POST", "/api/v2/silences", "{\"matchers\":[{\"name\":\"a\",\"value\":\"x\",\"isRegex\":false}],\"startsAt\":\"2026-11-20T00:00:00Z\",\"endsAt\":\"2026-11-21T00:00:00Z\",\"createdBy\":\"me\",\"comment\":\"c\"}", "application/json", 400, "\"Failed to create silence: end time can't be in the past\"\n"],
  ["POST", "/api/v2/silences", "{\"id\":\"nonexistent\",\"matchers\":[{\"name\":\"a\",\"value\":\"x\",\"isRegex\":false}],\"startsAt\":\"2026-11-21T00:00:00Z\",\"endsAt\":\"2030-01-01T00:00:00Z\",\"createdBy\":\"me\",\"comment\":\"c\"}", "application/json", 404, "\"silence not found\"\n"],
  ["POST", "/api/v2/silences", "{\"matchers\":[{\"name\":\"a\",\"value\":\"x\",\"isRegex\":false}],\"endsAt\":\"2030-01-01T00:00:00Z\",\"createdBy\":\"me\",\"comment\":\"c\"}", "application/json", 422, "{\"code\":602,\"message\":\"startsAt in body is required\"}"],
  ["POST", "/api/v2/silences", "[]", "application/json", 400, "{\"code\":400,\"message\":\"parsing silence body from \\\"\\\" failed, because json: cannot unmarshal array into Go value of type struct { ID string \\\"json:\\\\\\\"id,omitempty\\\\\\\"\\\" }\"}"],
  ["POST", "/api/v2/silences", "", "application/json", 422, "{\"code\":602,\"message\":\"silence in body is required\"}"],
  ["POST", "/api/v2/silences", "null", "application/json", 422, "{\"code\":602,\"message\":\"comment in body is required\"}"],
  ["POST", "/api/v2/silences", "{\"matchers\":[{\"name\":\"a\",\"value\":\"x\",\"isRegex\":\"no\"}],\"startsAt\":\"2026-11-21T00:00:00Z\",\"endsAt\":\"2030-01-01T00:00:00Z\",\"createdBy\":\"me\",\"comment\":\"c\"}", "application/json", 400, "{\"code\":400,\"message\":\"parsing silence body from \\\"\\\" failed, because json: cannot unmarshal string into Go struct field Matcher.matchers.isRegex of type bool\"}"],
  ["POST", "/api/v2/silences", "{\"matchers\":[5],\"startsAt\":\"2026-11-21T00:00:00Z\",\"endsAt\":\"2030-01-01T00:00:00Z\",\"createdBy\":\"me\",\"comment\":\"c\"}", "application/json", 400, "{\"code\":400,\"message\":\"parsing silence body from \\\"\\\" failed, because json: cannot unmarshal number into Go struct field Silence.matchers of type models.Matcher\"}"],
  ["POST", "/api/v2/silences", "{\"matchers\":{},\"startsAt\":\"2026-11-21T00:00:00Z\",\"endsAt\":\"2030-01-01T00:00:00Z\",\"createdBy\":\"me\",\"comment\":\"c\"}", "application/json", 400, "{\"code\":400,\"message\":\"parsing silence body from \\\"\\\" failed, because json: cannot unmarshal object into Go struct field Silence.matchers of type models.Matchers\"}"],
  ["POST", "/api/v2/silences", "{\"id\":5}", "application/json", 400, "{\"code\":400,\"message\":\"parsing silence body from \\\"\\\" failed, because json: cannot unmarshal number into Go struct field .id of type string\"}"],
  ["POST", "/api/v2/silences", "{\"comment\":5}", "application/json", 400, "{\"code\":400,\"message\":\"parsing silence body from \\\"\\\" failed, because json: cannot unmarshal number into Go struct field Silence.comment of type string\"}"],
  ["POST", "/api/v2/silences", "{\"startsAt\":5}", "application/json", 400, "{\"code\":400,\"message\":\"parsing silence body from \\\"\\\" failed, because json: cannot unmarshal number into Go struct field Silence.startsAt of type string\"}"],
  ["POST", "/api/v2/silences", "{\"matchers\":[{\"name\":5}]}", "application/json", 400, "{\"code\":400,\"message\":\"parsing silence body from \\\"\\\" failed, because json: cannot unmarshal number into Go struct field Matcher.matchers.name of type string\"}"],
  ["GET", "/api/v2/silence/00000000-0000-0000-0000-000000000000", null, "application/json", 404, ""],
  ["DELETE", "/api/v2/silence/00000000-0000-0000-0000-000000000000", null, "application/json", 500, "\"silence not found\"\n"],
  ["GET", "/api/v2/silence/notauuid", null, "application/json", 422, "{\"code\":601,\"message\":\"silenceID in path must be of type uuid: \\\"notauuid\\\"\"}"],
  ["DELETE", "/api/v2/silence/notauuid", null, "application/json", 422, "{\"code\":601,\"message\":\"silenceID in path must be of type uuid: \\\"notauuid\\\"\"}"],
  ["PUT", "/api/v2/status", null, "application/json", 405, "{\"code\":405,\"message\":\"method PUT is not allowed, but [GET] are\"}"],
  ["PUT", "/api/v2/alerts/groups", null, "application/json", 405, "{\"code\":405,\"message\":\"method PUT is not allowed, but [GET] are\"}"],
];

test('API v2 answers as Alertmanager 0.25 for validation and error cases (recorded from 0.25)', async () => {
  const now = Date.UTC(2026, 10, 21, 19, 40);
  const f = await startApiFixture(AM_YML, { now: () => now });
  try {
    for (const [method, path, body, ct, status, want] of RECORDED) {
      const headers: Record<string, string> = {};
      if (body !== null && ct !== null) headers['Content-Type'] = ct;
      const res = await rawRequest(f.url, method, path, body, headers);
      assert.equal(`${res.status} ${res.body}`, `${status} ${want}`, `${method} ${path} ${body ?? ''}`);
      if (want !== '') assert.equal(res.headers['content-type'], 'application/json');
    }
  } finally {
    await f.close();
  }
});
