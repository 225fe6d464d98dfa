/**
 * /api/v1/admin/tsdb/{delete_series,clean_tombstones,snapshot}: only with the admin API
 * enabled (--web.enable-admin-api), else `unavailable` "admin APIs disabled".
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { parseMetricSelector } from '../../../promql/parser/index.js';
import type { ApiContext, ApiHandler } from './context.js';
import type { TsdbAdmin } from './deps.js';
import type { ApiResult } from './envelope.js';
import { ApiError, errorText, invalidParam } from './errors.js';
import { MAX_TIME, MIN_TIME, timeParam } from './params.js';

function adminDb(c: ApiContext): TsdbAdmin {
  if (!c.deps.enableAdminApi) throw new ApiError('unavailable', 'admin APIs disabled');
  if (!c.deps.tsdb) throw new ApiError('unavailable', 'TSDB not ready');
  return c.deps.tsdb;
}

export async function deleteSeries(c: ApiContext): Promise<ApiResult> {
  const db = adminDb(c);
  const match = c.form.all('match[]');
  if (match.length === 0) throw new ApiError('bad_data', 'no match[] parameter provided');
  const start = timeParam(c.form, 'start', MIN_TIME);
  const end = timeParam(c.form, 'end', MAX_TIME);
  for (const s of match) {
    let ms;
    try {
      ms = parseMetricSelector(s);
    } catch (e) {
      throw invalidParam('match[]', e);
    }
    try {
      await db.deleteSeries(start, end, ms);
    } catch (e) {
      throw new ApiError('internal', errorText(e));
    }
  }
  return { data: null };
}

export async function cleanTombstones(c: ApiContext): Promise<ApiResult> {
  const db = adminDb(c);
  try {
    await db.cleanTombstones();
  } catch (e) {
    throw new ApiError('internal', errorText(e));
  }
  return { data: null };
}

/** Go's time format "20060102T150405Z0700" in UTC. */
function snapshotTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

function parseBool(s: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return null;
}

export async function snapshot(c: ApiContext): Promise<ApiResult> {
  const db = adminDb(c);
  let skipHead = false;
  const sh = c.form.get('skip_head');
  if (sh !== '') {
    const b = parseBool(sh);
    if (b === null) {
      throw invalidParam('skip_head', `unable to parse boolean: strconv.ParseBool: parsing ${JSON.stringify(sh)}: invalid syntax`);
    }
    skipHead = b;
  }
  const rnd = randomBytes(8);
  rnd[0] = (rnd[0] as number) & 0x7f;
  const name = `${snapshotTime(Date.now())}-${rnd.toString('hex')}`;
  const dir = path.join(c.deps.dbDir ?? 'data', 'snapshots', name);
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw new ApiError('internal', `create snapshot directory: ${errorText(e)}`);
  }
  try {
    await db.snapshot(dir, !skipHead);
  } catch (e) {
    throw new ApiError('internal', `create snapshot: ${errorText(e)}`);
  }
  return { data: { name } };
}

/** The admin endpoints (POST and PUT). */
export const adminRoutes: ReadonlyArray<readonly [string, ApiHandler]> = [
  ['/admin/tsdb/delete_series', deleteSeries],
  ['/admin/tsdb/clean_tombstones', cleanTombstones],
  ['/admin/tsdb/snapshot', snapshot],
];
