/**
 * The configuration coordinator (upstream config.Coordinator): loads alertmanager.yml, hands
 * it to the subscriber that rebuilds the components, and records the outcome in
 * alertmanager_config_hash and alertmanager_config_last_reload_successful(_timestamp_seconds).
 * A file that does not load, or a subscriber that fails, leaves the running config in place.
 * Reloads never overlap.
 */
import { createHash } from 'node:crypto';
import { loadAlertmanagerConfigFile, type AlertmanagerConfig } from '../../alertmanager/config/index.js';
import type { Gauge, Registry } from '../../instrument/index.js';
import type { StructuredLogger } from '../../log/index.js';

export type ConfigSubscriber = (cfg: AlertmanagerConfig) => Promise<void>;

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The first 48 bits of the MD5 of the config text, little endian, as a float (md5HashAsMetricValue). */
export function configHashValue(text: string): number {
  const sum = createHash('md5').update(text).digest();
  let v = 0;
  for (let i = 5; i >= 0; i--) v = v * 256 + (sum[i] ?? 0);
  return v;
}

export class ConfigCoordinator {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly hash: Gauge;
  private readonly success: Gauge;
  private readonly successTime: Gauge;
  /** The config applied last (null before the first successful load). */
  current: AlertmanagerConfig | null = null;

  constructor(
    private readonly file: string,
    registry: Registry,
    private readonly logger: StructuredLogger,
    private readonly subscriber: ConfigSubscriber,
  ) {
    this.hash = registry.gauge({ name: 'alertmanager_config_hash', help: 'Hash of the currently loaded alertmanager configuration.' });
    this.success = registry.gauge({ name: 'alertmanager_config_last_reload_successful', help: 'Whether the last configuration reload attempt was successful.' });
    this.successTime = registry.gauge({
      name: 'alertmanager_config_last_reload_success_timestamp_seconds',
      help: 'Timestamp of the last successful configuration reload.',
    });
  }

  /** Loads and applies the file; resolves to the error text, or null on success. */
  reload(): Promise<string | null> {
    const p = this.chain.then(() => this.reloadNow());
    this.chain = p.catch(() => undefined);
    return p;
  }

  private async reloadNow(): Promise<string | null> {
    this.logger.info('Loading configuration file', { file: this.file });
    let cfg: AlertmanagerConfig;
    try {
      cfg = loadAlertmanagerConfigFile(this.file);
    } catch (e) {
      this.logger.error('Loading configuration file failed', { file: this.file, err: errText(e) });
      this.success.set(0);
      return errText(e);
    }
    this.logger.info('Completed loading of configuration file', { file: this.file });
    try {
      await this.subscriber(cfg);
    } catch (e) {
      this.logger.error('one or more config change subscribers failed to apply new config', { file: this.file, err: errText(e) });
      this.success.set(0);
      return errText(e);
    }
    this.current = cfg;
    this.success.set(1);
    this.successTime.setToCurrentTime();
    this.hash.set(configHashValue(cfg.original));
    return null;
  }
}
