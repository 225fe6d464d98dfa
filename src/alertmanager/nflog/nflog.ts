/**
 * The notification log (upstream nflog.Log): for every (aggregation group, receiver integration)
 * the fingerprints of the firing and resolved alerts of the last successful notification, kept
 * until the entry expires, garbage-collected and snapshotted to a file so that a restart re-sends
 * nothing already sent.
 *
 * Snapshot format: one JSON object per line (as the silences snapshot), written to a temporary
 * file, fsynced and renamed over the old one. Besides the periodic maintenance (GC + snapshot,
 * every 15 minutes as upstream) a snapshot follows every log() after a short debounce, so a crash
 * loses at most that debounce window.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Counter, Gauge, Histogram, Summary } from '../../instrument/index.js';
import { Registry } from '../../instrument/index.js';
import type { StructuredLogger } from '../../log/index.js';

/** The notified receiver integration (nflogpb.Receiver). */
export interface NflogReceiver {
  /** The receiver's configured name. */
  readonly groupName: string;
  /** The integration's name: webhook, email, ... */
  readonly integration: string;
  /** The integration's index among the receiver's integrations of the same name. */
  readonly idx: number;
}

/** One successful notification (nflogpb.Entry). */
export interface NflogEntry {
  readonly groupKey: string;
  readonly receiver: NflogReceiver;
  /** When it was logged, ms since the epoch. */
  readonly timestamp: number;
  /** Fingerprints (16 hex digits) of the alerts firing at the notification. */
  readonly firingAlerts: readonly string[];
  /** Fingerprints of the alerts resolved at the notification. */
  readonly resolvedAlerts: readonly string[];
}

/** An entry with its eviction time (nflogpb.MeshEntry). */
interface StoredEntry {
  readonly entry: NflogEntry;
  /** ms since the epoch. */
  readonly expiresAt: number;
}

export class NflogError extends Error {
  override readonly name = 'NflogError';
}

export interface NotificationLogOptions {
  /** How long entries are kept (--data.retention), ms. Default 120h. */
  retention?: number;
  /** The snapshot file (`<storage.path>/nflog`); loaded at construction when it exists. */
  snapshotFile?: string;
  /** Interval of GC + snapshot once run() is called, ms. Default 15m. */
  maintenanceInterval?: number;
  /** Delay of the snapshot that follows a log(), ms. Default 1s; 0 snapshots only on maintenance. */
  snapshotDebounce?: number;
  now?: () => number;
  logger?: StructuredLogger;
  /** Where the alertmanager_nflog_* metrics are registered (not registered when absent). */
  registry?: Registry;
}

const DEFAULT_RETENTION = 120 * 3600 * 1000;
const DEFAULT_MAINTENANCE_INTERVAL = 15 * 60 * 1000;
const DEFAULT_SNAPSHOT_DEBOUNCE = 1000;
const FINGERPRINT_RE = /^[0-9a-f]{16}$/;

interface NflogMetrics {
  gcDuration: Summary;
  snapshotDuration: Summary;
  snapshotSize: Gauge;
  queriesTotal: Counter;
  queryErrorsTotal: Counter;
  queryDuration: Histogram;
  propagatedMessagesTotal: Counter;
}

function newMetrics(registry: Registry | undefined): NflogMetrics {
  const r = registry ?? new Registry();
  return {
    gcDuration: r.summary({ name: 'alertmanager_nflog_gc_duration_seconds', help: 'Duration of the last notification log garbage collection cycle.', quantiles: [] }),
    snapshotDuration: r.summary({ name: 'alertmanager_nflog_snapshot_duration_seconds', help: 'Duration of the last notification log snapshot.', quantiles: [] }),
    snapshotSize: r.gauge({ name: 'alertmanager_nflog_snapshot_size_bytes', help: 'Size of the last notification log snapshot in bytes.' }),
    queriesTotal: r.counter({ name: 'alertmanager_nflog_queries_total', help: 'Number of notification log queries were received.' }),
    queryErrorsTotal: r.counter({ name: 'alertmanager_nflog_query_errors_total', help: 'Number notification log received queries that failed.' }),
    queryDuration: r.histogram({ name: 'alertmanager_nflog_query_duration_seconds', help: 'Duration of notification log query evaluation.' }),
    propagatedMessagesTotal: r.counter({ name: 'alertmanager_nflog_gossip_messages_propagated_total', help: 'Number of received gossip messages that have been further gossiped.' }),
  };
}

function receiverKey(r: NflogReceiver): string {
  return `${r.groupName}/${r.integration}/${r.idx}`;
}

function stateKey(groupKey: string, r: NflogReceiver): string {
  return `${groupKey}:${receiverKey(r)}`;
}

function seconds(startNs: bigint): number {
  return Number(process.hrtime.bigint() - startNs) / 1e9;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string' && FINGERPRINT_RE.test(x));
}

function parseTime(v: unknown, what: string): number {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(t)) throw new NflogError(`invalid ${what} ${JSON.stringify(v)}`);
  return t;
}

/** Validates one snapshot line (untrusted file content). */
function decodeLine(line: string): StoredEntry {
  const v: unknown = JSON.parse(line);
  if (typeof v !== 'object' || v === null) throw new NflogError('entry is not an object');
  const o = v as Record<string, unknown>;
  const rcv = o['receiver'];
  if (typeof o['groupKey'] !== 'string' || typeof rcv !== 'object' || rcv === null) throw new NflogError('entry without group key or receiver');
  const r = rcv as Record<string, unknown>;
  const idx = r['idx'];
  if (typeof r['groupName'] !== 'string' || typeof r['integration'] !== 'string' || typeof idx !== 'number' || !Number.isInteger(idx) || idx < 0) {
    throw new NflogError('invalid receiver');
  }
  const firing = o['firingAlerts'] ?? [];
  const resolved = o['resolvedAlerts'] ?? [];
  if (!isStringArray(firing) || !isStringArray(resolved)) throw new NflogError('invalid alert fingerprints');
  return {
    entry: {
      groupKey: o['groupKey'],
      receiver: { groupName: r['groupName'], integration: r['integration'], idx },
      timestamp: parseTime(o['timestamp'], 'timestamp'),
      firingAlerts: firing,
      resolvedAlerts: resolved,
    },
    expiresAt: parseTime(o['expiresAt'], 'expiresAt'),
  };
}

function encodeEntry(e: StoredEntry): string {
  return JSON.stringify({
    groupKey: e.entry.groupKey,
    receiver: { groupName: e.entry.receiver.groupName, integration: e.entry.receiver.integration, idx: e.entry.receiver.idx },
    timestamp: new Date(e.entry.timestamp).toISOString(),
    firingAlerts: e.entry.firingAlerts,
    resolvedAlerts: e.entry.resolvedAlerts,
    expiresAt: new Date(e.expiresAt).toISOString(),
  });
}

/** Writes data to file atomically: temporary file, fsync, rename, fsync of the directory. */
async function writeAtomic(file: string, data: string): Promise<number> {
  const tmp = `${file}.${randomBytes(8).toString('hex')}`;
  const buf = Buffer.from(data, 'utf8');
  const fh = await open(tmp, 'w', 0o644);
  try {
    await fh.writeFile(buf);
    await fh.sync();
  } catch (e) {
    await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await fh.close();
  try {
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  try {
    const dh = await open(dirname(file), 'r');
    await dh.sync().finally(() => dh.close());
  } catch {
    // Directories cannot be fsynced everywhere; the rename itself is what makes the file whole.
  }
  return buf.length;
}

/** The notification log (nflog.Log). Call run() to start maintenance and stop() to end it. */
export class NotificationLog {
  private st = new Map<string, StoredEntry>();
  private readonly retention: number;
  private readonly snapshotFile: string | undefined;
  private readonly maintenanceInterval: number;
  private readonly snapshotDebounce: number;
  private readonly now: () => number;
  private readonly logger: StructuredLogger | undefined;
  private readonly metrics: NflogMetrics;
  /** Why the snapshot at construction could not be (fully) loaded; undefined when it could. */
  readonly loadError: string | undefined;

  private maintenanceTimer: NodeJS.Timeout | undefined;
  private debounceTimer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private dirty = false;
  private stopped = false;

  constructor(opts: NotificationLogOptions = {}) {
    this.retention = opts.retention ?? DEFAULT_RETENTION;
    this.snapshotFile = opts.snapshotFile;
    this.maintenanceInterval = opts.maintenanceInterval ?? DEFAULT_MAINTENANCE_INTERVAL;
    this.snapshotDebounce = opts.snapshotDebounce ?? DEFAULT_SNAPSHOT_DEBOUNCE;
    this.now = opts.now ?? Date.now;
    this.logger = opts.logger;
    this.metrics = newMetrics(opts.registry);
    if (this.maintenanceInterval <= 0) throw new NflogError('maintenance interval must not be 0');
    this.loadError = this.snapshotFile !== undefined ? this.loadSnapshot(this.snapshotFile) : undefined;
    if (this.loadError !== undefined) this.logger?.error('Loading notification log snapshot failed', { err: this.loadError });
  }

  /** Number of entries held. */
  get size(): number {
    return this.st.size;
  }

  /**
   * Records a successful notification. The entry expires after the retention, or after `expiry`
   * (ms) when that is positive and shorter. An existing newer entry is kept.
   */
  log(receiver: NflogReceiver, groupKey: string, firingAlerts: readonly string[], resolvedAlerts: readonly string[], expiry = 0): void {
    const now = this.now();
    const key = stateKey(groupKey, receiver);
    const prev = this.st.get(key);
    if (prev !== undefined && prev.entry.timestamp > now) return;
    const expiresAt = now + (expiry > 0 && this.retention > expiry ? expiry : this.retention);
    if (expiresAt < now) return;
    this.st.set(key, {
      entry: {
        groupKey,
        receiver: { groupName: receiver.groupName, integration: receiver.integration, idx: receiver.idx },
        timestamp: now,
        firingAlerts: [...firingAlerts],
        resolvedAlerts: [...resolvedAlerts],
      },
      expiresAt,
    });
    this.scheduleSnapshot();
  }

  /**
   * The last entry for the receiver and group, or undefined when there is none (counted as a
   * failed query, as upstream's ErrNotFound is).
   */
  query(receiver: NflogReceiver, groupKey: string): NflogEntry | undefined {
    const start = process.hrtime.bigint();
    this.metrics.queriesTotal.inc();
    try {
      if (groupKey === '') {
        this.metrics.queryErrorsTotal.inc();
        throw new NflogError('no query parameters specified');
      }
      const e = this.st.get(stateKey(groupKey, receiver));
      if (e === undefined) this.metrics.queryErrorsTotal.inc();
      return e?.entry;
    } finally {
      this.metrics.queryDuration.observe(seconds(start));
    }
  }

  /** Removes expired entries; returns how many. */
  gc(): number {
    const start = process.hrtime.bigint();
    const now = this.now();
    let n = 0;
    for (const [k, e] of this.st) {
      if (e.expiresAt <= now) {
        this.st.delete(k);
        n++;
      }
    }
    this.metrics.gcDuration.observe(seconds(start));
    return n;
  }

  /** Starts the periodic maintenance (GC + snapshot). */
  run(): void {
    if (this.maintenanceTimer !== undefined || this.stopped) return;
    this.maintenanceTimer = setInterval(() => {
      void this.maintenance().catch((err: unknown) => this.logger?.error('Running maintenance failed', { err }));
    }, this.maintenanceInterval);
    this.maintenanceTimer.unref();
  }

  /** GC followed by a snapshot (when a file is configured); returns the snapshot's size. */
  async maintenance(): Promise<number> {
    const start = this.now();
    this.logger?.debug?.('Running maintenance');
    this.gc();
    const size = this.snapshotFile === undefined ? 0 : await this.snapshot();
    this.logger?.debug?.('Maintenance done', { duration: `${this.now() - start}ms`, size });
    return size;
  }

  /**
   * Writes the snapshot file now; concurrent calls are serialised (a call made while a write is
   * under way writes again after it). Returns the size written.
   */
  async snapshot(): Promise<number> {
    const file = this.snapshotFile;
    if (file === undefined) throw new NflogError('no snapshot file configured');
    while (this.writing !== undefined) await this.writing;
    let size = 0;
    const p = (async (): Promise<void> => {
      const start = process.hrtime.bigint();
      const body = [...this.st.values()].map((e) => encodeEntry(e) + '\n').join('');
      size = await writeAtomic(file, body);
      this.metrics.snapshotDuration.observe(seconds(start));
      this.metrics.snapshotSize.set(size);
    })();
    const mine = p.then(
      () => undefined,
      () => undefined,
    );
    this.writing = mine;
    try {
      await p;
    } finally {
      if (this.writing === mine) this.writing = undefined;
    }
    return size;
  }

  /** Stops maintenance and writes the final snapshot. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.maintenanceTimer !== undefined) clearInterval(this.maintenanceTimer);
    if (this.debounceTimer !== undefined) clearTimeout(this.debounceTimer);
    this.maintenanceTimer = undefined;
    this.debounceTimer = undefined;
    if (this.snapshotFile === undefined) return;
    try {
      await this.maintenance();
    } catch (err) {
      this.logger?.error('Creating shutdown snapshot failed', { err });
    }
  }

  /** Every held entry (for tests and debugging), in no particular order. */
  entries(): NflogEntry[] {
    return [...this.st.values()].map((e) => e.entry);
  }

  private scheduleSnapshot(): void {
    if (this.snapshotFile === undefined || this.snapshotDebounce <= 0 || this.stopped) return;
    this.dirty = true;
    if (this.debounceTimer !== undefined) return;
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = undefined;
      if (!this.dirty || this.stopped) return;
      this.dirty = false;
      this.snapshot().catch((err: unknown) => this.logger?.error('Writing notification log snapshot failed', { err }));
    }, this.snapshotDebounce);
    this.debounceTimer.unref();
  }

  /** Loads the snapshot file; returns the problem when it is unreadable or holds bad lines. */
  private loadSnapshot(file: string): string | undefined {
    if (!existsSync(file)) return undefined;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      return `failed to read notification log snapshot ${file}: ${e instanceof Error ? e.message : String(e)}`;
    }
    const now = this.now();
    const lines = text.split('\n');
    let firstError: string | undefined;
    let bad = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      if (line.trim() === '') continue;
      try {
        const e = decodeLine(line);
        if (e.expiresAt < now) continue;
        const key = stateKey(e.entry.groupKey, e.entry.receiver);
        const prev = this.st.get(key);
        if (prev === undefined || prev.entry.timestamp < e.entry.timestamp) this.st.set(key, e);
      } catch (err) {
        bad++;
        firstError ??= `line ${i + 1}: ${err instanceof Error ? err.message : String(err)}`;
      }
    }
    if (firstError === undefined) return undefined;
    return `corrupt notification log snapshot ${file}: ${bad} invalid entries skipped, first at ${firstError}`;
  }
}
