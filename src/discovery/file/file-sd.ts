/**
 * file_sd_configs (upstream discovery/file): target groups read from JSON or YAML files
 * matched by the configured globs, re-read whenever a watched directory changes and every
 * refresh_interval. Groups are numbered `<path>:<i>` and labelled __meta_filepath. A file
 * that fails to read or parse is logged and its previous groups stay; a file that went away
 * (or shrank) has its groups sent empty.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { globFiles, parseTargetGroupsJson, parseTargetGroupsYaml, type FileSDConfig } from '../../config/index.js';
import { Labels } from '../../model/labels/index.js';
import {
  errorText,
  sleep,
  type Discoverer,
  type DiscovererOptions,
  type DiscoveryLogger,
  type TargetGroup,
} from '../targetgroup/index.js';

const FILEPATH_LABEL = '__meta_filepath';

function fileSource(path: string, i: number): string {
  return `${path}:${i}`;
}

/** Parses one target group file by its extension. */
export async function readTargetGroupFile(path: string): Promise<TargetGroup[]> {
  const text = await readFile(path, 'utf8');
  const ext = extname(path).toLowerCase();
  const parsed = ext === '.json' ? parseTargetGroupsJson(text) : parseTargetGroupsYaml(text);
  return parsed.map((g, i) => ({ source: fileSource(path, i), targets: g.targets, labels: g.labels.with(FILEPATH_LABEL, path) }));
}

export class FileDiscoverer implements Discoverer {
  private readonly cfg: FileSDConfig;
  private readonly o: DiscovererOptions;
  private readonly logger: DiscoveryLogger;
  /** Group count per file at the last refresh, to send empty groups for removed ones. */
  private lastRefresh = new Map<string, number>();
  private readonly watchers = new Map<string, FSWatcher>();
  /** Directories whose watch failed, so the failure is logged once until it succeeds. */
  private readonly watchFailed = new Set<string>();
  /** Modification times (seconds) of the files read, as prometheus_sd_file_mtime_seconds. */
  readonly mtimes = new Map<string, number>();
  private refreshing: Promise<void> | null = null;
  private again = false;

  constructor(cfg: FileSDConfig, o: DiscovererOptions) {
    this.cfg = cfg;
    this.o = o;
    this.logger = o.logger;
  }

  async run(signal: AbortSignal, up: (groups: TargetGroup[]) => void): Promise<void> {
    const trigger = (): void => this.trigger(signal, up);
    try {
      await this.refreshLoop(signal, up, trigger);
    } finally {
      for (const w of this.watchers.values()) w.close();
      this.watchers.clear();
      await this.refreshing;
    }
  }

  private async refreshLoop(signal: AbortSignal, up: (groups: TargetGroup[]) => void, trigger: () => void): Promise<void> {
    trigger();
    await this.refreshing;
    this.watch(trigger);
    const interval = Math.max(1, this.cfg.refresh_interval);
    while (await sleep(this.o.clock, interval, signal)) {
      trigger();
      await this.refreshing;
      // Setting a watch after an update might fail; retry it with every refresh.
      this.watch(trigger);
    }
  }

  /** Starts a refresh, or queues one more when a refresh is under way. */
  private trigger(signal: AbortSignal, up: (groups: TargetGroup[]) => void): void {
    if (signal.aborted) return;
    if (this.refreshing !== null) {
      this.again = true;
      return;
    }
    this.refreshing = (async (): Promise<void> => {
      try {
        do {
          this.again = false;
          await this.refresh(signal, up);
        } while (this.again && !signal.aborted);
      } finally {
        this.refreshing = null;
      }
    })();
  }

  private listFiles(): string[] {
    const out: string[] = [];
    for (const p of this.cfg.files) {
      try {
        out.push(...globFiles(p));
      } catch (e) {
        this.logger.error('Error expanding glob', { glob: p, err: errorText(e) });
      }
    }
    return out;
  }

  async refresh(signal: AbortSignal, up: (groups: TargetGroup[]) => void): Promise<void> {
    const ref = new Map<string, number>();
    for (const p of this.listFiles()) {
      let groups: TargetGroup[];
      try {
        groups = await readTargetGroupFile(p);
        this.mtimes.set(p, Math.floor((await stat(p)).mtimeMs / 1000));
      } catch (e) {
        this.logger.error('Error reading file', { path: p, err: errorText(e) });
        ref.set(p, this.lastRefresh.get(p) ?? 0);
        continue;
      }
      if (signal.aborted) return;
      up(groups);
      ref.set(p, groups.length);
    }
    for (const [f, n] of this.lastRefresh) {
      const m = ref.get(f);
      if (m !== undefined && n <= m) continue;
      this.logger.debug?.('file_sd refresh found file that should be removed', { file: f });
      this.mtimes.delete(f);
      for (let i = m ?? 0; i < n; i++) {
        if (signal.aborted) return;
        up([{ source: fileSource(f, i), targets: [], labels: Labels.EMPTY }]);
      }
    }
    this.lastRefresh = ref;
  }

  /** Watches the directory of every configured path (any change re-reads everything). */
  private watch(trigger: () => void): void {
    for (const p of this.cfg.files) {
      const dir = dirname(p) === '' ? '.' : dirname(p);
      if (this.watchers.has(dir)) continue;
      try {
        const w = watch(dir, { persistent: false }, () => trigger());
        w.on('error', (e) => {
          this.logger.error('Error watching file', { err: errorText(e) });
          w.close();
          this.watchers.delete(dir);
        });
        this.watchers.set(dir, w);
        this.watchFailed.delete(dir);
      } catch (e) {
        if (!this.watchFailed.has(dir)) this.logger.error('Error adding file watch', { path: dir, err: errorText(e) });
        this.watchFailed.add(dir);
      }
    }
  }
}
