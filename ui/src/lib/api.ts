/**
 * Requests to the serving program's HTTP APIs. Prometheus API v1 answers are unwrapped
 * ({status, data} -> data) and their errors become ApiError with upstream's error text, so
 * pages show exactly what the API said.
 */
import { settings } from './settings';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(message: string, readonly status: number, readonly errorType = '') {
    super(message);
  }
}

/** An absolute path under the route prefix: `/api/v1/query` -> `/prefix/api/v1/query`. */
export function apiPath(path: string): string {
  return `${settings.prefix}${path}`;
}

function query(params?: Record<string, string | number | readonly string[] | undefined>): string {
  if (params === undefined) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) q.append(k, String(x));
    else q.append(k, String(v));
  }
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}

async function parse(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return text === '' ? null : (JSON.parse(text) as unknown);
  } catch {
    if (!res.ok) throw new ApiError(text.trim() || `${res.status} ${res.statusText}`, res.status);
    throw new ApiError(`invalid JSON from the server: ${text.slice(0, 200)}`, res.status);
  }
}

/** GET (or POST a form) on a Prometheus API v1 endpoint; resolves with its `data`. */
export async function promApi<T>(
  path: string,
  params?: Record<string, string | number | readonly string[] | undefined>,
  init?: { method?: 'GET' | 'POST'; signal?: AbortSignal },
): Promise<{ data: T; warnings: string[]; infos: string[] }> {
  const method = init?.method ?? 'GET';
  const url = apiPath(path) + (method === 'GET' ? query(params) : '');
  const res = await fetch(url, {
    method,
    signal: init?.signal ?? null,
    ...(method === 'POST' ? { body: query(params).slice(1), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } } : {}),
  });
  const body = (await parse(res)) as { status?: string; data?: T; error?: string; errorType?: string; warnings?: string[]; infos?: string[] } | null;
  if (body === null || body.status !== 'success') {
    throw new ApiError(body?.error ?? `${res.status} ${res.statusText}`, res.status, body?.errorType ?? '');
  }
  return { data: body.data as T, warnings: body.warnings ?? [], infos: body.infos ?? [] };
}

/** A JSON API that answers with plain JSON (Alertmanager API v2, Grafana's API). */
export async function jsonApi<T>(
  path: string,
  init?: { method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; body?: unknown; signal?: AbortSignal },
): Promise<T> {
  const res = await fetch(apiPath(path), {
    method: init?.method ?? 'GET',
    signal: init?.signal ?? null,
    ...(init?.body !== undefined ? { body: JSON.stringify(init.body), headers: { 'Content-Type': 'application/json' } } : {}),
  });
  const body = await parse(res);
  if (!res.ok) {
    const msg = typeof body === 'string' ? body : ((body as { message?: string; error?: string } | null)?.message ?? (body as { error?: string } | null)?.error);
    throw new ApiError(msg ?? `${res.status} ${res.statusText}`, res.status);
  }
  return body as T;
}
