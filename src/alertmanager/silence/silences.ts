import { randomUUID } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { compileGoRegex, type Labels } from '../../model/labels/index.js';
import { AmMatcher as Matcher, AmMatchType as MatchType } from '../labels/index.js';

export type SilenceState = 'pending' | 'active' | 'expired';

export interface SilenceMatcherInput {
  readonly name: string;
  readonly value: string;
  readonly type: MatchType;
}

export interface Silence {
  id: string;
  matchers: Matcher[];
  /** All times in ms since the epoch. */
  startsAt: number;
  endsAt: number;
  updatedAt: number;
  createdBy: string;
  comment: string;
}

export interface SilenceInput {
  id?: string;
  matchers: readonly SilenceMatcherInput[];
  startsAt: number;
  endsAt: number;
  createdBy?: string;
  comment?: string;
}

export class SilenceError extends Error {
  override readonly name: string = 'SilenceError';
}

/** silence.ErrNotFound. */
export class SilenceNotFoundError extends SilenceError {
  override readonly name = 'SilenceNotFoundError';
  constructor() {
    super('silence not found');
  }
}

export interface SilencesOptions {
  /** How long expired silences are kept (--data.retention), ms. Default 120h. */
  retention?: number;
  /** Snapshot file; when set, an existing file is loaded at construction. */
  snapshotFile?: string;
  now?: () => number;
  logger?: { warn(msg: string): void };
}

export interface SilenceQuery {
  ids?: readonly string[];
  /** Keep only silences whose matchers all match this label set. */
  matches?: Labels;
  states?: readonly SilenceState[];
}

const DEFAULT_RETENTION = 120 * 3600 * 1000;
const LEGACY_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const MATCH_TYPES: readonly string[] = [MatchType.Equal, MatchType.NotEqual, MatchType.Regexp, MatchType.NotRegexp];

/** State of a silence at ts (getState). */
export function silenceState(s: Pick<Silence, 'startsAt' | 'endsAt'>, ts: number): SilenceState {
  if (ts < s.startsAt) return 'pending';
  // Upstream compares nanoseconds with After(); at ms resolution an end equal to now already counts
  // as expired so that expire() takes effect immediately.
  if (ts >= s.endsAt) return 'expired';
  return 'active';
}

/** True if every matcher accepts the label set (absent labels read as ""). */
export function silenceMatches(s: Pick<Silence, 'matchers'>, labels: Labels): boolean {
  return s.matchers.every((m) => m.matches(labels.get(m.name)));
}

function compileMatcher(m: SilenceMatcherInput): Matcher {
  if (!LEGACY_LABEL_NAME.test(m.name)) throw new SilenceError(`invalid label name ${JSON.stringify(m.name)}`);
  if (!MATCH_TYPES.includes(m.type)) throw new SilenceError(`unknown matcher type ${JSON.stringify(m.type)}`);
  if (m.type === MatchType.Regexp || m.type === MatchType.NotRegexp) {
    try {
      // Validate the pattern as written (upstream compiles it unanchored), then build the matcher.
      compileGoRegex(m.value, false);
      return new Matcher(m.type, m.name, m.value);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      throw new SilenceError(`invalid regular expression ${JSON.stringify(m.value)}: ${msg}`);
    }
  }
  return new Matcher(m.type, m.name, m.value);
}

/** validateSilence: throws SilenceError "silence invalid: ..." and returns the compiled matchers. */
export function validateSilence(s: SilenceInput): Matcher[] {
  const fail = (msg: string): never => {
    throw new SilenceError(`silence invalid: ${msg}`);
  };
  if (s.matchers.length === 0) fail('at least one matcher required');
  const out: Matcher[] = [];
  s.matchers.forEach((m, i) => {
    try {
      out.push(compileMatcher(m));
    } catch (e) {
      fail(`invalid label matcher ${i}: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  // As upstream's matchesEmpty: only = and =~ matchers count; != and !~ never "match empty".
  const matchesEmpty = (m: Matcher): boolean => (m.type === MatchType.Equal || m.type === MatchType.Regexp) && m.matches('');
  if (out.every(matchesEmpty)) fail('at least one matcher must not match the empty string');
  if (!Number.isFinite(s.startsAt) || s.startsAt === 0) fail('invalid zero start timestamp');
  if (!Number.isFinite(s.endsAt) || s.endsAt === 0) fail('invalid zero end timestamp');
  if (s.endsAt < s.startsAt) fail('end time must not be before start time');
  return out;
}

function sameMatchers(a: readonly Matcher[], b: readonly Matcher[]): boolean {
  return a.length === b.length && a.every((m, i) => {
    const o = b[i];
    return o !== undefined && o.name === m.name && o.value === m.value && o.type === m.type;
  });
}

function canUpdate(prev: Silence, next: SilenceInput, matchers: readonly Matcher[], now: number): boolean {
  if (!sameMatchers(prev.matchers, matchers)) return false;
  switch (silenceState(prev, now)) {
    case 'active':
      return next.startsAt === prev.startsAt && next.endsAt >= now;
    case 'pending':
      return next.startsAt >= now;
    case 'expired':
      return false;
  }
}

function cloneSilence(s: Silence): Silence {
  return { ...s, matchers: [...s.matchers] };
}

/** The silence store (silence.Silences): set, expire, query, GC and snapshots. */
export class Silences {
  private readonly st = new Map<string, Silence>();
  private readonly retention: number;
  private readonly snapshotFile: string | undefined;
  private readonly now: () => number;
  private readonly logger: { warn(msg: string): void } | undefined;
  private version = 0;

  constructor(opts: SilencesOptions = {}) {
    this.retention = opts.retention ?? DEFAULT_RETENTION;
    this.snapshotFile = opts.snapshotFile;
    this.now = opts.now ?? Date.now;
    this.logger = opts.logger;
    if (this.snapshotFile !== undefined && existsSync(this.snapshotFile)) {
      const err = this.loadSnapshot(this.snapshotFile);
      if (err !== null) this.logger?.warn(err);
    }
  }

  /** Creates or updates a silence and returns its id (a new id when it had to be replaced). */
  set(input: SilenceInput): string {
    const now = this.now();
    const matchers = validateSilence(input);
    const prev = input.id !== undefined && input.id !== '' ? this.st.get(input.id) : undefined;
    if (input.id !== undefined && input.id !== '' && prev === undefined) throw new SilenceNotFoundError();
    const base = { createdBy: input.createdBy ?? '', comment: input.comment ?? '', matchers, updatedAt: now };
    if (prev !== undefined && canUpdate(prev, input, matchers, now)) {
      this.put({ ...base, id: prev.id, startsAt: input.startsAt, endsAt: input.endsAt });
      return prev.id;
    }
    if (prev !== undefined && silenceState(prev, now) !== 'expired') this.expire(prev.id);
    const startsAt = Math.max(input.startsAt, now);
    if (input.endsAt < startsAt) throw new SilenceError('silence invalid: end time must not be before start time');
    const id = randomUUID();
    this.put({ ...base, id, startsAt, endsAt: input.endsAt });
    return id;
  }

  /** Expires a silence now; errors "silence <id> already expired" for an expired one. */
  expire(id: string): void {
    const prev = this.st.get(id);
    if (prev === undefined) throw new SilenceNotFoundError();
    const now = this.now();
    const sil = cloneSilence(prev);
    switch (silenceState(sil, now)) {
      case 'expired':
        throw new SilenceError(`silence ${id} already expired`);
      case 'active':
        sil.endsAt = now;
        break;
      case 'pending':
        sil.startsAt = now;
        sil.endsAt = now;
        break;
    }
    sil.updatedAt = now;
    this.put(sil);
  }

  get(id: string): Silence | undefined {
    const s = this.st.get(id);
    return s === undefined ? undefined : cloneSilence(s);
  }

  state(s: Silence): SilenceState {
    return silenceState(s, this.now());
  }

  query(q: SilenceQuery = {}): Silence[] {
    const now = this.now();
    const src = q.ids !== undefined ? q.ids.map((id) => this.st.get(id)).filter((s): s is Silence => s !== undefined) : [...this.st.values()];
    return src
      .filter((s) => q.states === undefined || q.states.includes(silenceState(s, now)))
      .filter((s) => q.matches === undefined || silenceMatches(s, q.matches))
      .map(cloneSilence);
  }

  /** Ids of the active silences that match the label set, sorted. */
  mutes(labels: Labels, now: number = this.now()): string[] {
    const ids: string[] = [];
    for (const s of this.st.values()) {
      if (silenceState(s, now) === 'active' && silenceMatches(s, labels)) ids.push(s.id);
    }
    return ids.sort();
  }

  /** Incremented on every change. */
  getVersion(): number {
    return this.version;
  }

  /** Removes silences whose end lies more than the retention in the past; returns how many. */
  gc(): number {
    const now = this.now();
    let n = 0;
    for (const [id, s] of this.st) {
      if (s.endsAt + this.retention <= now) {
        this.st.delete(id);
        n++;
      }
    }
    if (n > 0) this.version++;
    return n;
  }

  /** Writes all silences as JSON lines to file (tmp + rename); returns the byte count. */
  snapshot(file: string | undefined = this.snapshotFile): number {
    if (file === undefined) throw new SilenceError('no snapshot file configured');
    const lines = [...this.st.values()].map((s) => JSON.stringify({
      id: s.id,
      matchers: s.matchers.map((m) => ({ name: m.name, value: m.value, type: m.type })),
      startsAt: s.startsAt, endsAt: s.endsAt, updatedAt: s.updatedAt,
      createdBy: s.createdBy, comment: s.comment, expiresAt: s.endsAt + this.retention,
    }));
    const body = lines.length === 0 ? '' : lines.join('\n') + '\n';
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, body);
    renameSync(tmp, file);
    return Buffer.byteLength(body);
  }

  /** Replaces the state with the file's content. Returns null, or an error text (state left empty). */
  loadSnapshot(file: string): string | null {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      return `failed to read silences snapshot ${file}: ${e instanceof Error ? e.message : String(e)}`;
    }
    const loaded: Silence[] = [];
    const rows = text.split('\n');
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] ?? '';
      if (row.trim() === '') continue;
      try {
        loaded.push(decodeSilence(JSON.parse(row)));
      } catch (e) {
        this.st.clear();
        return `corrupt silences snapshot ${file} line ${i + 1}: ${e instanceof Error ? e.message : String(e)}; starting with no silences`;
      }
    }
    this.st.clear();
    for (const s of loaded) this.st.set(s.id, s);
    this.version++;
    return null;
  }

  private put(s: Silence): void {
    this.st.set(s.id, s);
    this.version++;
  }
}

function decodeSilence(raw: unknown): Silence {
  if (typeof raw !== 'object' || raw === null) throw new SilenceError('not an object');
  const o = raw as Record<string, unknown>;
  const str = (k: string): string => {
    const v = o[k];
    if (typeof v !== 'string') throw new SilenceError(`field ${k} is not a string`);
    return v;
  };
  const num = (k: string): number => {
    const v = o[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new SilenceError(`field ${k} is not a number`);
    return v;
  };
  const ms = o['matchers'];
  if (!Array.isArray(ms)) throw new SilenceError('field matchers is not a list');
  const matchers = ms.map((m: unknown) => {
    if (typeof m !== 'object' || m === null) throw new SilenceError('bad matcher');
    const r = m as Record<string, unknown>;
    if (typeof r['name'] !== 'string' || typeof r['value'] !== 'string' || typeof r['type'] !== 'string') {
      throw new SilenceError('bad matcher');
    }
    return compileMatcher({ name: r['name'], value: r['value'], type: r['type'] as MatchType });
  });
  return {
    id: str('id'), matchers, startsAt: num('startsAt'), endsAt: num('endsAt'), updatedAt: num('updatedAt'),
    createdBy: str('createdBy'), comment: str('comment'),
  };
}
