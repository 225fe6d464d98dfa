/**
 * A scenario replayed against the API v2 with a fixed clock: the alerts and silences posted,
 * then the GET answers Alertmanager 0.25 gave for the same state (recorded from 0.25; its
 * clock readings written as NOW and NOW5M, silence ids as UUID).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMatcher } from '../../labels/index.js';
import { AM_YML, rawRequest, startApiFixture } from './api-fixture.js';
import { formatDateTime } from './date-time.js';

const POSTS: [string, string, number][] = [
 [
  "/api/v2/alerts",
  "[{\"labels\":{\"alertname\":\"A\",\"team\":\"a\",\"severity\":\"critical\"},\"annotations\":{\"summary\":\"s <b>&\",\"empty\":\"\"},\"generatorURL\":\"http://x/graph?g0.expr=up&x=<>\",\"startsAt\":\"2026-11-21T10:00:00Z\"},{\"labels\":{\"alertname\":\"A\",\"team\":\"b\",\"severity\":\"warning\",\"empty\":\"\"},\"startsAt\":\"2026-11-21T10:00:00.123456Z\"},{\"labels\":{\"alertname\":\"B\",\"x\":\"y\\\"z\\\\\\n\\u2028\"},\"startsAt\":\"2026-11-21T10:00:00Z\",\"endsAt\":\"2036-11-21T11:00:00Z\"},{\"labels\":{\"alertname\":\"C\"},\"startsAt\":\"2026-11-21T10:00:00Z\",\"endsAt\":\"2026-11-21T11:00:00Z\"},{\"labels\":{\"alertname\":\"D\",\"team\":\"a\"},\"endsAt\":\"2036-11-21T11:00:00Z\"}]",
  200
 ],
 [
  "/api/v2/silences",
  "{\"matchers\":[{\"name\":\"alertname\",\"value\":\"B\",\"isRegex\":false}],\"startsAt\":\"2026-11-21T00:00:00Z\",\"endsAt\":\"2030-01-01T00:00:00Z\",\"createdBy\":\"me\",\"comment\":\"c\"}",
  200
 ],
 [
  "/api/v2/silences",
  "{\"matchers\":[{\"name\":\"alertname\",\"value\":\"B|Q\",\"isRegex\":true,\"isEqual\":true},{\"name\":\"foo\",\"value\":\"bar\",\"isRegex\":false,\"isEqual\":false}],\"startsAt\":\"2026-11-21T00:00:00Z\",\"endsAt\":\"2029-01-01T00:00:00Z\",\"createdBy\":\"me\",\"comment\":\"c2\"}",
  200
 ],
 [
  "/api/v2/silences",
  "{\"matchers\":[{\"name\":\"a\",\"value\":\"x\",\"isRegex\":true,\"isEqual\":false},{\"name\":\"b\",\"value\":\"1\",\"isRegex\":false}],\"startsAt\":\"2029-11-21T00:00:00Z\",\"endsAt\":\"2030-01-01T00:00:00Z\",\"createdBy\":\"me\",\"comment\":\"pending\"}",
  200
 ],
 [
  "/api/v2/silences",
  "{\"matchers\":[{\"name\":\"a\",\"value\":\"y\",\"isRegex\":false}],\"startsAt\":\"2028-11-21T00:00:00Z\",\"endsAt\":\"2030-01-01T00:00:00Z\",\"createdBy\":\"me\",\"comment\":\"pending2\"}",
  200
 ]
];

const GETS: [string, number, string][] = [
 [
  "/api/v2/alerts",
  200,
  "[{\"annotations\":{},\"endsAt\":\"2036-11-21T11:00:00.000Z\",\"fingerprint\":\"5dea222bb21a2660\",\"receivers\":[{\"name\":\"team-a\"},{\"name\":\"team-b\"}],\"startsAt\":\"2036-11-21T11:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"D\",\"team\":\"a\"}},{\"annotations\":{},\"endsAt\":\"NOW5M\",\"fingerprint\":\"908ca31b564932cd\",\"receivers\":[{\"name\":\"team-b\"}],\"startsAt\":\"2026-11-21T10:00:00.123Z\",\"status\":{\"inhibitedBy\":[\"cea107b8f6befe35\"],\"silencedBy\":[],\"state\":\"suppressed\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"A\",\"severity\":\"warning\",\"team\":\"b\"}},{\"annotations\":{},\"endsAt\":\"2036-11-21T11:00:00.000Z\",\"fingerprint\":\"9f8a1e5e279f63e5\",\"receivers\":[{\"name\":\"default\"}],\"startsAt\":\"2026-11-21T10:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[\"UUID\",\"UUID\"],\"state\":\"suppressed\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"B\",\"x\":\"y\\\"z\\\\\\n\\u2028\"}},{\"annotations\":{\"empty\":\"\",\"summary\":\"s \\u003cb\\u003e\\u0026\"},\"endsAt\":\"NOW5M\",\"fingerprint\":\"cea107b8f6befe35\",\"receivers\":[{\"name\":\"team-a\"},{\"name\":\"team-b\"}],\"startsAt\":\"2026-11-21T10:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"generatorURL\":\"http://x/graph?g0.expr=up\\u0026x=\\u003c\\u003e\",\"labels\":{\"alertname\":\"A\",\"severity\":\"critical\",\"team\":\"a\"}}]"
 ],
 [
  "/api/v2/alerts?active=false",
  200,
  "[{\"annotations\":{},\"endsAt\":\"NOW5M\",\"fingerprint\":\"908ca31b564932cd\",\"receivers\":[{\"name\":\"team-b\"}],\"startsAt\":\"2026-11-21T10:00:00.123Z\",\"status\":{\"inhibitedBy\":[\"cea107b8f6befe35\"],\"silencedBy\":[],\"state\":\"suppressed\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"A\",\"severity\":\"warning\",\"team\":\"b\"}},{\"annotations\":{},\"endsAt\":\"2036-11-21T11:00:00.000Z\",\"fingerprint\":\"9f8a1e5e279f63e5\",\"receivers\":[{\"name\":\"default\"}],\"startsAt\":\"2026-11-21T10:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[\"UUID\",\"UUID\"],\"state\":\"suppressed\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"B\",\"x\":\"y\\\"z\\\\\\n\\u2028\"}}]"
 ],
 [
  "/api/v2/alerts?silenced=false",
  200,
  "[{\"annotations\":{},\"endsAt\":\"2036-11-21T11:00:00.000Z\",\"fingerprint\":\"5dea222bb21a2660\",\"receivers\":[{\"name\":\"team-a\"},{\"name\":\"team-b\"}],\"startsAt\":\"2036-11-21T11:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"D\",\"team\":\"a\"}},{\"annotations\":{},\"endsAt\":\"NOW5M\",\"fingerprint\":\"908ca31b564932cd\",\"receivers\":[{\"name\":\"team-b\"}],\"startsAt\":\"2026-11-21T10:00:00.123Z\",\"status\":{\"inhibitedBy\":[\"cea107b8f6befe35\"],\"silencedBy\":[],\"state\":\"suppressed\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"A\",\"severity\":\"warning\",\"team\":\"b\"}},{\"annotations\":{\"empty\":\"\",\"summary\":\"s \\u003cb\\u003e\\u0026\"},\"endsAt\":\"NOW5M\",\"fingerprint\":\"cea107b8f6befe35\",\"receivers\":[{\"name\":\"team-a\"},{\"name\":\"team-b\"}],\"startsAt\":\"2026-11-21T10:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"generatorURL\":\"http://x/graph?g0.expr=up\\u0026x=\\u003c\\u003e\",\"labels\":{\"alertname\":\"A\",\"severity\":\"critical\",\"team\":\"a\"}}]"
 ],
 [
  "/api/v2/alerts?inhibited=false",
  200,
  "[{\"annotations\":{},\"endsAt\":\"2036-11-21T11:00:00.000Z\",\"fingerprint\":\"5dea222bb21a2660\",\"receivers\":[{\"name\":\"team-a\"},{\"name\":\"team-b\"}],\"startsAt\":\"2036-11-21T11:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"D\",\"team\":\"a\"}},{\"annotations\":{},\"endsAt\":\"2036-11-21T11:00:00.000Z\",\"fingerprint\":\"9f8a1e5e279f63e5\",\"receivers\":[{\"name\":\"default\"}],\"startsAt\":\"2026-11-21T10:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[\"UUID\",\"UUID\"],\"state\":\"suppressed\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"B\",\"x\":\"y\\\"z\\\\\\n\\u2028\"}},{\"annotations\":{\"empty\":\"\",\"summary\":\"s \\u003cb\\u003e\\u0026\"},\"endsAt\":\"NOW5M\",\"fingerprint\":\"cea107b8f6befe35\",\"receivers\":[{\"name\":\"team-a\"},{\"name\":\"team-b\"}],\"startsAt\":\"2026-11-21T10:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"generatorURL\":\"http://x/graph?g0.expr=up\\u0026x=\\u003c\\u003e\",\"labels\":{\"alertname\":\"A\",\"severity\":\"critical\",\"team\":\"a\"}}]"
 ],
 [
  "/api/v2/alerts?inhibited=false&silenced=false&active=true",
  200,
  "[{\"annotations\":{},\"endsAt\":\"2036-11-21T11:00:00.000Z\",\"fingerprint\":\"5dea222bb21a2660\",\"receivers\":[{\"name\":\"team-a\"},{\"name\":\"team-b\"}],\"startsAt\":\"2036-11-21T11:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"D\",\"team\":\"a\"}},{\"annotations\":{\"empty\":\"\",\"summary\":\"s \\u003cb\\u003e\\u0026\"},\"endsAt\":\"NOW5M\",\"fingerprint\":\"cea107b8f6befe35\",\"receivers\":[{\"name\":\"team-a\"},{\"name\":\"team-b\"}],\"startsAt\":\"2026-11-21T10:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"generatorURL\":\"http://x/graph?g0.expr=up\\u0026x=\\u003c\\u003e\",\"labels\":{\"alertname\":\"A\",\"severity\":\"critical\",\"team\":\"a\"}}]"
 ],
 [
  "/api/v2/alerts?filter=team%3D~%22a%7Cb%22",
  200,
  "[{\"annotations\":{},\"endsAt\":\"2036-11-21T11:00:00.000Z\",\"fingerprint\":\"5dea222bb21a2660\",\"receivers\":[{\"name\":\"team-a\"},{\"name\":\"team-b\"}],\"startsAt\":\"2036-11-21T11:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"D\",\"team\":\"a\"}},{\"annotations\":{},\"endsAt\":\"NOW5M\",\"fingerprint\":\"908ca31b564932cd\",\"receivers\":[{\"name\":\"team-b\"}],\"startsAt\":\"2026-11-21T10:00:00.123Z\",\"status\":{\"inhibitedBy\":[\"cea107b8f6befe35\"],\"silencedBy\":[],\"state\":\"suppressed\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"A\",\"severity\":\"warning\",\"team\":\"b\"}},{\"annotations\":{\"empty\":\"\",\"summary\":\"s \\u003cb\\u003e\\u0026\"},\"endsAt\":\"NOW5M\",\"fingerprint\":\"cea107b8f6befe35\",\"receivers\":[{\"name\":\"team-a\"},{\"name\":\"team-b\"}],\"startsAt\":\"2026-11-21T10:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"generatorURL\":\"http://x/graph?g0.expr=up\\u0026x=\\u003c\\u003e\",\"labels\":{\"alertname\":\"A\",\"severity\":\"critical\",\"team\":\"a\"}}]"
 ],
 [
  "/api/v2/alerts?filter=team%3D%22%22",
  200,
  "[{\"annotations\":{},\"endsAt\":\"2036-11-21T11:00:00.000Z\",\"fingerprint\":\"9f8a1e5e279f63e5\",\"receivers\":[{\"name\":\"default\"}],\"startsAt\":\"2026-11-21T10:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[\"UUID\",\"UUID\"],\"state\":\"suppressed\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"B\",\"x\":\"y\\\"z\\\\\\n\\u2028\"}}]"
 ],
 [
  "/api/v2/alerts?filter=team!%3D%22%22",
  200,
  "[{\"annotations\":{},\"endsAt\":\"2036-11-21T11:00:00.000Z\",\"fingerprint\":\"5dea222bb21a2660\",\"receivers\":[{\"name\":\"team-a\"},{\"name\":\"team-b\"}],\"startsAt\":\"2036-11-21T11:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"D\",\"team\":\"a\"}},{\"annotations\":{},\"endsAt\":\"NOW5M\",\"fingerprint\":\"908ca31b564932cd\",\"receivers\":[{\"name\":\"team-b\"}],\"startsAt\":\"2026-11-21T10:00:00.123Z\",\"status\":{\"inhibitedBy\":[\"cea107b8f6befe35\"],\"silencedBy\":[],\"state\":\"suppressed\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"A\",\"severity\":\"warning\",\"team\":\"b\"}},{\"annotations\":{\"empty\":\"\",\"summary\":\"s \\u003cb\\u003e\\u0026\"},\"endsAt\":\"NOW5M\",\"fingerprint\":\"cea107b8f6befe35\",\"receivers\":[{\"name\":\"team-a\"},{\"name\":\"team-b\"}],\"startsAt\":\"2026-11-21T10:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"generatorURL\":\"http://x/graph?g0.expr=up\\u0026x=\\u003c\\u003e\",\"labels\":{\"alertname\":\"A\",\"severity\":\"critical\",\"team\":\"a\"}}]"
 ],
 [
  "/api/v2/alerts?filter=alertname%3DA&filter=team%3Db",
  200,
  "[{\"annotations\":{},\"endsAt\":\"NOW5M\",\"fingerprint\":\"908ca31b564932cd\",\"receivers\":[{\"name\":\"team-b\"}],\"startsAt\":\"2026-11-21T10:00:00.123Z\",\"status\":{\"inhibitedBy\":[\"cea107b8f6befe35\"],\"silencedBy\":[],\"state\":\"suppressed\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"A\",\"severity\":\"warning\",\"team\":\"b\"}}]"
 ],
 [
  "/api/v2/alerts?receiver=team-.*",
  200,
  "[{\"annotations\":{},\"endsAt\":\"2036-11-21T11:00:00.000Z\",\"fingerprint\":\"5dea222bb21a2660\",\"receivers\":[{\"name\":\"team-a\"},{\"name\":\"team-b\"}],\"startsAt\":\"2036-11-21T11:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"D\",\"team\":\"a\"}},{\"annotations\":{},\"endsAt\":\"NOW5M\",\"fingerprint\":\"908ca31b564932cd\",\"receivers\":[{\"name\":\"team-b\"}],\"startsAt\":\"2026-11-21T10:00:00.123Z\",\"status\":{\"inhibitedBy\":[\"cea107b8f6befe35\"],\"silencedBy\":[],\"state\":\"suppressed\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"A\",\"severity\":\"warning\",\"team\":\"b\"}},{\"annotations\":{\"empty\":\"\",\"summary\":\"s \\u003cb\\u003e\\u0026\"},\"endsAt\":\"NOW5M\",\"fingerprint\":\"cea107b8f6befe35\",\"receivers\":[{\"name\":\"team-a\"},{\"name\":\"team-b\"}],\"startsAt\":\"2026-11-21T10:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"generatorURL\":\"http://x/graph?g0.expr=up\\u0026x=\\u003c\\u003e\",\"labels\":{\"alertname\":\"A\",\"severity\":\"critical\",\"team\":\"a\"}}]"
 ],
 [
  "/api/v2/alerts?receiver=team-a",
  200,
  "[{\"annotations\":{},\"endsAt\":\"2036-11-21T11:00:00.000Z\",\"fingerprint\":\"5dea222bb21a2660\",\"receivers\":[{\"name\":\"team-a\"},{\"name\":\"team-b\"}],\"startsAt\":\"2036-11-21T11:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"D\",\"team\":\"a\"}},{\"annotations\":{\"empty\":\"\",\"summary\":\"s \\u003cb\\u003e\\u0026\"},\"endsAt\":\"NOW5M\",\"fingerprint\":\"cea107b8f6befe35\",\"receivers\":[{\"name\":\"team-a\"},{\"name\":\"team-b\"}],\"startsAt\":\"2026-11-21T10:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"generatorURL\":\"http://x/graph?g0.expr=up\\u0026x=\\u003c\\u003e\",\"labels\":{\"alertname\":\"A\",\"severity\":\"critical\",\"team\":\"a\"}}]"
 ],
 [
  "/api/v2/alerts?receiver=team",
  200,
  "[]"
 ],
 [
  "/api/v2/alerts/groups",
  200,
  "[{\"alerts\":[{\"annotations\":{\"empty\":\"\",\"summary\":\"s \\u003cb\\u003e\\u0026\"},\"endsAt\":\"NOW5M\",\"fingerprint\":\"cea107b8f6befe35\",\"receivers\":[{\"name\":\"team-a\"},{\"name\":\"team-b\"}],\"startsAt\":\"2026-11-21T10:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"generatorURL\":\"http://x/graph?g0.expr=up\\u0026x=\\u003c\\u003e\",\"labels\":{\"alertname\":\"A\",\"severity\":\"critical\",\"team\":\"a\"}}],\"labels\":{\"alertname\":\"A\"},\"receiver\":{\"name\":\"team-a\"}},{\"alerts\":[{\"annotations\":{\"empty\":\"\",\"summary\":\"s \\u003cb\\u003e\\u0026\"},\"endsAt\":\"NOW5M\",\"fingerprint\":\"cea107b8f6befe35\",\"receivers\":[{\"name\":\"team-a\"},{\"name\":\"team-b\"}],\"startsAt\":\"2026-11-21T10:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"generatorURL\":\"http://x/graph?g0.expr=up\\u0026x=\\u003c\\u003e\",\"labels\":{\"alertname\":\"A\",\"severity\":\"critical\",\"team\":\"a\"}},{\"annotations\":{},\"endsAt\":\"NOW5M\",\"fingerprint\":\"908ca31b564932cd\",\"receivers\":[{\"name\":\"team-b\"}],\"startsAt\":\"2026-11-21T10:00:00.123Z\",\"status\":{\"inhibitedBy\":[\"cea107b8f6befe35\"],\"silencedBy\":[],\"state\":\"suppressed\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"A\",\"severity\":\"warning\",\"team\":\"b\"}}],\"labels\":{\"alertname\":\"A\"},\"receiver\":{\"name\":\"team-b\"}},{\"alerts\":[{\"annotations\":{},\"endsAt\":\"2036-11-21T11:00:00.000Z\",\"fingerprint\":\"9f8a1e5e279f63e5\",\"receivers\":[{\"name\":\"default\"}],\"startsAt\":\"2026-11-21T10:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[\"UUID\",\"UUID\"],\"state\":\"suppressed\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"B\",\"x\":\"y\\\"z\\\\\\n\\u2028\"}}],\"labels\":{\"alertname\":\"B\"},\"receiver\":{\"name\":\"default\"}},{\"alerts\":[{\"annotations\":{},\"endsAt\":\"2036-11-21T11:00:00.000Z\",\"fingerprint\":\"5dea222bb21a2660\",\"receivers\":[{\"name\":\"team-a\"},{\"name\":\"team-b\"}],\"startsAt\":\"2036-11-21T11:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"D\",\"team\":\"a\"}}],\"labels\":{\"alertname\":\"D\"},\"receiver\":{\"name\":\"team-a\"}},{\"alerts\":[{\"annotations\":{},\"endsAt\":\"2036-11-21T11:00:00.000Z\",\"fingerprint\":\"5dea222bb21a2660\",\"receivers\":[{\"name\":\"team-a\"},{\"name\":\"team-b\"}],\"startsAt\":\"2036-11-21T11:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"D\",\"team\":\"a\"}}],\"labels\":{\"alertname\":\"D\"},\"receiver\":{\"name\":\"team-b\"}}]"
 ],
 [
  "/api/v2/alerts/groups?receiver=team-b",
  200,
  "[{\"alerts\":[{\"annotations\":{\"empty\":\"\",\"summary\":\"s \\u003cb\\u003e\\u0026\"},\"endsAt\":\"NOW5M\",\"fingerprint\":\"cea107b8f6befe35\",\"receivers\":[{\"name\":\"team-b\"}],\"startsAt\":\"2026-11-21T10:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"generatorURL\":\"http://x/graph?g0.expr=up\\u0026x=\\u003c\\u003e\",\"labels\":{\"alertname\":\"A\",\"severity\":\"critical\",\"team\":\"a\"}},{\"annotations\":{},\"endsAt\":\"NOW5M\",\"fingerprint\":\"908ca31b564932cd\",\"receivers\":[{\"name\":\"team-b\"}],\"startsAt\":\"2026-11-21T10:00:00.123Z\",\"status\":{\"inhibitedBy\":[\"cea107b8f6befe35\"],\"silencedBy\":[],\"state\":\"suppressed\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"A\",\"severity\":\"warning\",\"team\":\"b\"}}],\"labels\":{\"alertname\":\"A\"},\"receiver\":{\"name\":\"team-b\"}},{\"alerts\":[{\"annotations\":{},\"endsAt\":\"2036-11-21T11:00:00.000Z\",\"fingerprint\":\"5dea222bb21a2660\",\"receivers\":[{\"name\":\"team-b\"}],\"startsAt\":\"2036-11-21T11:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"D\",\"team\":\"a\"}}],\"labels\":{\"alertname\":\"D\"},\"receiver\":{\"name\":\"team-b\"}}]"
 ],
 [
  "/api/v2/alerts/groups?silenced=false&inhibited=false",
  200,
  "[{\"alerts\":[{\"annotations\":{\"empty\":\"\",\"summary\":\"s \\u003cb\\u003e\\u0026\"},\"endsAt\":\"NOW5M\",\"fingerprint\":\"cea107b8f6befe35\",\"receivers\":[{\"name\":\"team-a\"},{\"name\":\"team-b\"}],\"startsAt\":\"2026-11-21T10:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"generatorURL\":\"http://x/graph?g0.expr=up\\u0026x=\\u003c\\u003e\",\"labels\":{\"alertname\":\"A\",\"severity\":\"critical\",\"team\":\"a\"}}],\"labels\":{\"alertname\":\"A\"},\"receiver\":{\"name\":\"team-a\"}},{\"alerts\":[{\"annotations\":{\"empty\":\"\",\"summary\":\"s \\u003cb\\u003e\\u0026\"},\"endsAt\":\"NOW5M\",\"fingerprint\":\"cea107b8f6befe35\",\"receivers\":[{\"name\":\"team-a\"},{\"name\":\"team-b\"}],\"startsAt\":\"2026-11-21T10:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"generatorURL\":\"http://x/graph?g0.expr=up\\u0026x=\\u003c\\u003e\",\"labels\":{\"alertname\":\"A\",\"severity\":\"critical\",\"team\":\"a\"}}],\"labels\":{\"alertname\":\"A\"},\"receiver\":{\"name\":\"team-b\"}},{\"alerts\":[{\"annotations\":{},\"endsAt\":\"2036-11-21T11:00:00.000Z\",\"fingerprint\":\"5dea222bb21a2660\",\"receivers\":[{\"name\":\"team-a\"},{\"name\":\"team-b\"}],\"startsAt\":\"2036-11-21T11:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"D\",\"team\":\"a\"}}],\"labels\":{\"alertname\":\"D\"},\"receiver\":{\"name\":\"team-a\"}},{\"alerts\":[{\"annotations\":{},\"endsAt\":\"2036-11-21T11:00:00.000Z\",\"fingerprint\":\"5dea222bb21a2660\",\"receivers\":[{\"name\":\"team-a\"},{\"name\":\"team-b\"}],\"startsAt\":\"2036-11-21T11:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"D\",\"team\":\"a\"}}],\"labels\":{\"alertname\":\"D\"},\"receiver\":{\"name\":\"team-b\"}}]"
 ],
 [
  "/api/v2/alerts/groups?filter=alertname%3DA",
  200,
  "[{\"alerts\":[{\"annotations\":{\"empty\":\"\",\"summary\":\"s \\u003cb\\u003e\\u0026\"},\"endsAt\":\"NOW5M\",\"fingerprint\":\"cea107b8f6befe35\",\"receivers\":[{\"name\":\"team-a\"},{\"name\":\"team-b\"}],\"startsAt\":\"2026-11-21T10:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"generatorURL\":\"http://x/graph?g0.expr=up\\u0026x=\\u003c\\u003e\",\"labels\":{\"alertname\":\"A\",\"severity\":\"critical\",\"team\":\"a\"}}],\"labels\":{\"alertname\":\"A\"},\"receiver\":{\"name\":\"team-a\"}},{\"alerts\":[{\"annotations\":{\"empty\":\"\",\"summary\":\"s \\u003cb\\u003e\\u0026\"},\"endsAt\":\"NOW5M\",\"fingerprint\":\"cea107b8f6befe35\",\"receivers\":[{\"name\":\"team-a\"},{\"name\":\"team-b\"}],\"startsAt\":\"2026-11-21T10:00:00.000Z\",\"status\":{\"inhibitedBy\":[],\"silencedBy\":[],\"state\":\"active\"},\"updatedAt\":\"NOW\",\"generatorURL\":\"http://x/graph?g0.expr=up\\u0026x=\\u003c\\u003e\",\"labels\":{\"alertname\":\"A\",\"severity\":\"critical\",\"team\":\"a\"}},{\"annotations\":{},\"endsAt\":\"NOW5M\",\"fingerprint\":\"908ca31b564932cd\",\"receivers\":[{\"name\":\"team-b\"}],\"startsAt\":\"2026-11-21T10:00:00.123Z\",\"status\":{\"inhibitedBy\":[\"cea107b8f6befe35\"],\"silencedBy\":[],\"state\":\"suppressed\"},\"updatedAt\":\"NOW\",\"labels\":{\"alertname\":\"A\",\"severity\":\"warning\",\"team\":\"b\"}}],\"labels\":{\"alertname\":\"A\"},\"receiver\":{\"name\":\"team-b\"}}]"
 ],
 [
  "/api/v2/silences",
  200,
  "[{\"id\":\"UUID\",\"status\":{\"state\":\"active\"},\"updatedAt\":\"NOW\",\"comment\":\"c2\",\"createdBy\":\"me\",\"endsAt\":\"2029-01-01T00:00:00.000Z\",\"matchers\":[{\"isEqual\":true,\"isRegex\":true,\"name\":\"alertname\",\"value\":\"B|Q\"},{\"isEqual\":false,\"isRegex\":false,\"name\":\"foo\",\"value\":\"bar\"}],\"startsAt\":\"NOW\"},{\"id\":\"UUID\",\"status\":{\"state\":\"active\"},\"updatedAt\":\"NOW\",\"comment\":\"c\",\"createdBy\":\"me\",\"endsAt\":\"2030-01-01T00:00:00.000Z\",\"matchers\":[{\"isEqual\":true,\"isRegex\":false,\"name\":\"alertname\",\"value\":\"B\"}],\"startsAt\":\"NOW\"},{\"id\":\"UUID\",\"status\":{\"state\":\"pending\"},\"updatedAt\":\"NOW\",\"comment\":\"pending2\",\"createdBy\":\"me\",\"endsAt\":\"2030-01-01T00:00:00.000Z\",\"matchers\":[{\"isEqual\":true,\"isRegex\":false,\"name\":\"a\",\"value\":\"y\"}],\"startsAt\":\"2028-11-21T00:00:00.000Z\"},{\"id\":\"UUID\",\"status\":{\"state\":\"pending\"},\"updatedAt\":\"NOW\",\"comment\":\"pending\",\"createdBy\":\"me\",\"endsAt\":\"2030-01-01T00:00:00.000Z\",\"matchers\":[{\"isEqual\":false,\"isRegex\":true,\"name\":\"a\",\"value\":\"x\"},{\"isEqual\":true,\"isRegex\":false,\"name\":\"b\",\"value\":\"1\"}],\"startsAt\":\"2029-11-21T00:00:00.000Z\"}]"
 ],
 [
  "/api/v2/silences?filter=alertname%3DB",
  200,
  "[{\"id\":\"UUID\",\"status\":{\"state\":\"active\"},\"updatedAt\":\"NOW\",\"comment\":\"c\",\"createdBy\":\"me\",\"endsAt\":\"2030-01-01T00:00:00.000Z\",\"matchers\":[{\"isEqual\":true,\"isRegex\":false,\"name\":\"alertname\",\"value\":\"B\"}],\"startsAt\":\"NOW\"}]"
 ],
 [
  "/api/v2/silences?filter=alertname%3D~B%7CQ",
  200,
  "[{\"id\":\"UUID\",\"status\":{\"state\":\"active\"},\"updatedAt\":\"NOW\",\"comment\":\"c2\",\"createdBy\":\"me\",\"endsAt\":\"2029-01-01T00:00:00.000Z\",\"matchers\":[{\"isEqual\":true,\"isRegex\":true,\"name\":\"alertname\",\"value\":\"B|Q\"},{\"isEqual\":false,\"isRegex\":false,\"name\":\"foo\",\"value\":\"bar\"}],\"startsAt\":\"NOW\"}]"
 ],
 [
  "/api/v2/silences?filter=alertname%3D~B",
  200,
  "[]"
 ]
];


test('GET /alerts, /alerts/groups and /silences give what 0.25 gave for the same state (recorded from 0.25)', async () => {
  const now = Date.UTC(2026, 10, 21, 19, 39, 14, 275);
  const f = await startApiFixture(AM_YML, {
    now: () => now,
    inhibitRules: [{ sourceMatchers: [parseMatcher('severity="critical"')], targetMatchers: [parseMatcher('severity="warning"')], equal: ['alertname'] }],
  });
  const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
  try {
    for (const [path, body, status] of POSTS) {
      const res = await rawRequest(f.url, 'POST', path, body, { 'Content-Type': 'application/json' });
      assert.equal(res.status, status, `${path} ${body} -> ${res.body}`);
    }
    for (const [path, status, want] of GETS) {
      const res = await rawRequest(f.url, 'GET', path);
      const expected = want.replaceAll('"NOW5M"', `"${formatDateTime(now + 300_000)}"`).replaceAll('"NOW"', `"${formatDateTime(now)}"`);
      assert.equal(res.status, status, path);
      assert.equal(res.body.replace(uuid, 'UUID'), `${expected}\n`, path);
    }
  } finally {
    await f.close();
  }
});
