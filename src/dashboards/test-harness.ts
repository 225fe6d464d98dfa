/**
 * For the tests of this module only: a DashboardsHandler behind a real http.Server on
 * 127.0.0.1:0 in a temporary data folder, a JSON client and a logger that records lines.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { LogFields, StructuredLogger } from '../log/index.js';
import { createDashboardsHandler, type DashboardsHandler, type DashboardsOptions } from './handler.js';

export class RecordingLogger implements StructuredLogger {
  readonly lines: string[] = [];
  info(msg: string, f?: LogFields): void {
    this.lines.push(`info ${msg} ${JSON.stringify(f ?? {})}`);
  }
  warn(msg: string, f?: LogFields): void {
    this.lines.push(`warn ${msg} ${JSON.stringify(f ?? {})}`);
  }
  error(msg: string, f?: LogFields): void {
    this.lines.push(`error ${msg} ${JSON.stringify(f ?? {})}`);
  }
  errors(): string[] {
    return this.lines.filter((l) => l.startsWith('error'));
  }
}

export interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export interface Harness {
  base: string;
  dataDir: string;
  handler: DashboardsHandler;
  logger: RecordingLogger;
  request(method: string, p: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  close(): Promise<void>;
}

export function tempDir(name: string): string {
  return mkdtempSync(path.join(tmpdir(), `vigil-${name}-`));
}

export async function startHarness(o: Partial<DashboardsOptions> = {}): Promise<Harness> {
  const dataDir = o.dataDir ?? tempDir('dash');
  const logger = new RecordingLogger();
  const handler = await createDashboardsHandler({ dataDir, logger, secureCookies: false, bundledDir: null, env: {}, ...o });
  const prefix = (o.routePrefix ?? '/') === '/' ? '' : (o.routePrefix as string);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x').pathname;
    const rel = url.startsWith(prefix) ? url.slice(prefix.length) || '/' : url;
    handler.handle(req, res, rel).then(
      (done) => {
        if (!done) {
          res.writeHead(404);
          res.end('not mine');
        }
      },
      (e: unknown) => {
        res.writeHead(500);
        res.end(String(e));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`;
  return {
    base,
    dataDir,
    handler,
    logger,
    async request(method, p, body, headers = {}) {
      const init: RequestInit = { method, headers: { ...headers }, redirect: 'manual' };
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
      }
      const res = await fetch(base + p, init);
      const text = await res.text();
      let parsed: unknown = null;
      try {
        parsed = text === '' ? null : JSON.parse(text);
      } catch {
        parsed = text;
      }
      return { status: res.status, headers: res.headers, body: parsed, text };
    },
    async close() {
      await handler.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (o.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Basic auth header for a user. */
export function basic(user: string, password: string): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}

/** Signs in as admin/admin and changes the password to newPassword; returns basic-auth headers for it. */
export async function adminReady(h: Harness, newPassword = 's3cret-pass'): Promise<Record<string, string>> {
  const r = await h.request('PUT', '/api/user/password', { oldPassword: 'admin', newPassword, confirmNew: newPassword }, basic('admin', 'admin'));
  if (r.status !== 200) throw new Error(`password change failed: ${r.status} ${r.text}`);
  return basic('admin', newPassword);
}
