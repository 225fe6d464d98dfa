/**
 * The response envelope (`{"status":"success","data":...,"warnings":[...],"infos":[...]}` or
 * `{"status":"error","errorType":...,"error":...}`), written with gzip/deflate when the client
 * asks for it (util/httputil.CompressionHandler) and streamed chunk by chunk with backpressure.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import { createDeflate, createGzip } from 'node:zlib';
import type { ApiError } from './errors.js';
import { statusCodeOf } from './errors.js';
import { toJson } from './json.js';

/** Data that is already JSON, produced as chunks (large query results). */
export class RawJson {
  constructor(readonly chunks: () => Iterable<string>) {}
}

/** What a handler returns: data (null: 204 No Content) plus warning and info texts. */
export interface ApiResult {
  data: unknown;
  warnings?: string[];
  infos?: string[];
}

/** Opens the response body, compressed as Accept-Encoding asks (first of gzip/deflate listed). */
function openBody(req: IncomingMessage, res: ServerResponse): Writable {
  res.appendHeader('Vary', 'Accept-Encoding');
  const raw = req.headers['accept-encoding'];
  const accept = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
  for (const part of accept.split(',')) {
    const enc = part.trim();
    if (enc === 'gzip' || enc === 'deflate') {
      res.setHeader('Content-Encoding', enc);
      const z = enc === 'gzip' ? createGzip() : createDeflate();
      z.pipe(res);
      return z;
    }
  }
  return res;
}

function waitDrain(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      out.off('drain', done);
      out.off('close', done);
      out.off('error', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
    out.on('error', done);
  });
}

async function writeAll(out: Writable, chunks: Iterable<string>): Promise<void> {
  for (const c of chunks) {
    if (out.destroyed) return;
    if (c !== '' && !out.write(c)) await waitDrain(out);
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

function* successChunks(r: ApiResult): Generator<string> {
  yield '{"status":"success","data":';
  if (r.data instanceof RawJson) yield* r.data.chunks();
  else yield toJson(r.data);
  if (r.warnings && r.warnings.length > 0) yield `,"warnings":${toJson(r.warnings)}`;
  if (r.infos && r.infos.length > 0) yield `,"infos":${toJson(r.infos)}`;
  yield '}';
}

/** api.respond: 200 with the success envelope, or 204 when there is no data. */
export async function respond(req: IncomingMessage, res: ServerResponse, r: ApiResult): Promise<void> {
  if (r.data === null || r.data === undefined) {
    res.appendHeader('Vary', 'Accept-Encoding');
    res.writeHead(204);
    res.end();
    return;
  }
  const out = openBody(req, res);
  res.setHeader('Content-Type', 'application/json');
  res.writeHead(200);
  await writeAll(out, successChunks(r));
}

/** api.respondError: the error envelope with the type's status code. */
export async function respondError(req: IncomingMessage, res: ServerResponse, e: ApiError, data?: unknown): Promise<void> {
  const out = openBody(req, res);
  const body: Record<string, unknown> = { status: 'error' };
  if (data !== undefined && data !== null) body['data'] = data;
  body['errorType'] = e.type;
  body['error'] = e.message;
  res.setHeader('Content-Type', 'application/json');
  res.writeHead(statusCodeOf(e.type));
  await writeAll(out, [toJson(body)]);
}
