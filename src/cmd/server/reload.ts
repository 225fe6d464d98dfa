/**
 * Configuration (re)loading (cmd/prometheus reloadConfig): load and validate the file, then
 * hand the new config to every component in upstream's order; a file that does not load
 * changes nothing (the old config keeps running). Success and failure are recorded in
 * prometheus_config_last_reload_successful and friends, and reloads never overlap.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadConfigFile, type Config } from '../../config/index.js';
import type { Logger } from '../../log/index.js';
import type { ServerMetrics } from './server-metrics.js';

export interface Reloader {
  name: string;
  apply(cfg: Config): Promise<void> | void;
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class ConfigReloader {
  private chain: Promise<unknown> = Promise.resolve();
  /** The config applied last (null before the first successful load). */
  current: Config | null = null;
  lastSuccess = false;
  lastConfigTime = 0;
  private checksum = '';

  constructor(
    private readonly file: string,
    private readonly reloaders: readonly Reloader[],
    private readonly logger: Logger,
    private readonly metrics: ServerMetrics,
  ) {}

  /** Loads a config file (throws ConfigError). */
  static load(file: string): Config {
    return loadConfigFile(file);
  }

  /** Loads and applies the config file; resolves to the error text, or null on success. */
  reload(): Promise<string | null> {
    const p = this.chain.then(() => this.reloadNow());
    this.chain = p.catch(() => undefined);
    return p;
  }

  private async reloadNow(): Promise<string | null> {
    const start = performance.now();
    this.logger.info('Loading configuration file', { filename: this.file });
    let err: string | null = null;
    try {
      err = await this.apply();
    } catch (e) {
      err = errText(e);
    }
    if (err === null) {
      this.metrics.configSuccess.set(1);
      this.metrics.configSuccessTime.setToCurrentTime();
      this.lastSuccess = true;
      this.lastConfigTime = Date.now();
      this.checksum = this.fileChecksum();
      this.logger.info('Completed loading of configuration file', {
        filename: this.file,
        totalDuration: `${(performance.now() - start).toFixed(3)}ms`,
      });
    } else {
      this.metrics.configSuccess.set(0);
      this.lastSuccess = false;
    }
    return err;
  }

  private async apply(): Promise<string | null> {
    let cfg: Config;
    try {
      cfg = loadConfigFile(this.file);
    } catch (e) {
      return `couldn't load configuration (--config.file=${JSON.stringify(this.file)}): ${errText(e)}`;
    }
    let failed = false;
    for (const r of this.reloaders) {
      try {
        await r.apply(cfg);
      } catch (e) {
        this.logger.error('Failed to apply configuration', { err: errText(e) });
        failed = true;
      }
    }
    this.current = cfg;
    if (failed) return `one or more errors occurred while applying the new configuration (--config.file=${JSON.stringify(this.file)})`;
    return null;
  }

  private fileChecksum(): string {
    try {
      return createHash('sha256').update(readFileSync(this.file)).digest('hex');
    } catch {
      return '';
    }
  }

  /** --config.auto-reload: reloads when the file's content changed since the last load. */
  async reloadIfChanged(): Promise<void> {
    const sum = this.fileChecksum();
    if (sum === '' || sum === this.checksum) return;
    this.logger.info('Configuration file change detected, reloading the configuration.');
    const err = await this.reload();
    if (err !== null) {
      this.checksum = sum;
      this.logger.error('Error reloading config', { err });
    }
  }
}
