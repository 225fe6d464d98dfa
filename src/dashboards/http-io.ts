/**
 * Request bodies and JSON responses of the dashboards API: bounded body reads, JSON parsing
 * with Grafana's "bad request data" message, and no-store JSON answers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DashboardApiError, errMessage } from './errors.js';

/** Largest request body accepted (a dashboard plus its envelope). */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export function sendJson(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, e: DashboardApiError): void {
  sendJson(res, e.code, e.body());
}

/** Reads the body (at most MAX_BODY_BYTES, else 413). */
export async function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > MAX_BODY_BYTES) throw new DashboardApiError(`request body too large: the limit is ${MAX_BODY_BYTES} bytes`, 413);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    const b = Buffer.isBuffer(c) ? c : Buffer.from(String(c));
    size += b.length;
    if (size > MAX_BODY_BYTES) throw new DashboardApiError(`request body too large: the limit is ${MAX_BODY_BYTES} bytes`, 413);
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads and parses a JSON body; 400 "bad request data: ..." when it is not JSON. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  if (text.trim() === '') throw new DashboardApiError('bad request data: the request body is empty', 400);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new DashboardApiError(`bad request data: the request body is not valid JSON: ${errMessage(e)}`, 400);
  }
}
