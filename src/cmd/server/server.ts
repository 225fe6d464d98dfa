/**
 * The Vigil server process (cmd/prometheus main's run group): opens the TSDB, loads the
 * configuration, runs discovery and scraping, serves the web handler, reloads on request and
 * shuts everything down in order. Everything is wired here; the modules stay unaware of each
 * other.
 */
import { readdirSync } from 'node:fs';
import { hostname, availableParallelism } from 'node:os';
import * as path from 'node:path';
import { configToYaml, formatDuration, formatBase2Bytes, getScrapeConfigs, globFiles, type Config, type SDConfig } from '../../config/index.js';
import { DiscoveryManager } from '../../discovery/index.js';
import { NotifierManager } from '../../notifier/index.js';
import type { Logger } from '../../log/index.js';
import { compileGoRegex, Labels } from '../../model/labels/index.js';
import { Engine, type EngineOpts } from '../../promql/engine/index.js';
import { RuleManager } from '../../rules/index.js';
import { ScrapeManager } from '../../scrape/index.js';
import { DB, DEFAULT_RETENTION_TIME, type DBOptions } from '../../tsdb/index.js';
import { ReadyState, WebHandler, WebListeners, type FederateDeps } from '../../web/index.js';
import type { BuildInfo, RuntimeInfo, WalReplayStatus } from '../../web/api/v1/index.js';
import { createUiHandler } from '../../web/ui/index.js';
import { createDashboardsHandler, type DashboardsHandler } from '../../dashboards/index.js';
import { vigilVersion } from '../../version/index.js';
import { computeExternalURL, computeRoutePrefix, externalPath, globalURL } from './external-url.js';
import type { ServerFlags } from './flags.js';
import { instrumentedEngine, LateStorage, targetsProvider, tsdbAdmin } from './providers.js';
import { ConfigReloader, type Reloader } from './reload.js';
import { registerServerMetrics, type ServerMetrics } from './server-metrics.js';

/** A start-up failure: the message is logged and the process exits with `code`. */
export class StartupError extends Error {
  override name = 'StartupError';
  constructor(
    message: string,
    readonly code: number,
    readonly fields: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Engine options from --enable-feature (cmd/prometheus setFeatureListOptions). */
export function engineFeatureOptions(features: readonly string[], logger: Logger): Pick<EngineOpts, 'parserOptions' | 'enableDelayedNameRemoval'> {
  const parserOptions: NonNullable<EngineOpts['parserOptions']> = { experimentalDurationExpr: true };
  let enableDelayedNameRemoval = false;
  for (const f of features) {
    switch (f) {
      case 'promql-experimental-functions':
        parserOptions.enableExperimentalFunctions = true;
        logger.info('Experimental PromQL functions enabled.');
        break;
      case 'promql-duration-expr':
      case 'promql-at-modifier':
      case 'promql-negative-offset':
        logger.warn('This option for --enable-feature is now permanently enabled and therefore a no-op.', { option: f });
        break;
      case 'promql-extended-range-selectors':
        parserOptions.enableExtendedRangeSelectors = true;
        logger.info('Experimental PromQL extended range selectors enabled.');
        break;
      case 'promql-binop-fill-modifiers':
        parserOptions.enableBinopFillModifiers = true;
        logger.info('Experimental PromQL binary operator fill modifiers enabled.');
        break;
      case 'promql-delayed-name-removal':
        enableDelayedNameRemoval = true;
        logger.info('Experimental PromQL delayed name removal enabled.');
        break;
      case 'exemplar-storage':
      case 'memory-snapshot-on-shutdown':
      case 'extra-scrape-metrics':
      case 'concurrent-rule-eval':
      case 'metadata-wal-records':
      case 'promql-per-step-stats':
      case 'created-timestamp-zero-ingestion':
      case 'delayed-compaction':
      case 'native-histograms':
        logger.warn('This option for --enable-feature is not implemented by Vigil and has no effect.', { option: f });
        break;
      default:
        logger.warn('Unknown option for --enable-feature', { option: f });
    }
  }
  return { parserOptions, enableDelayedNameRemoval };
}

/** wal/ segment numbers (the walreplay status range). */
function walSegmentRange(dir: string): { min: number; max: number } {
  let nums: number[] = [];
  try {
    nums = readdirSync(path.join(dir, 'wal'))
      .filter((n) => /^\d{8}$/.test(n))
      .map(Number);
  } catch {
    nums = [];
  }
  return nums.length === 0 ? { min: 0, max: 0 } : { min: Math.min(...nums), max: Math.max(...nums) };
}

export class Server {
  readonly metrics: ServerMetrics;
  readonly ready = new ReadyState();
  private readonly storage = new LateStorage();
  private readonly discovery: DiscoveryManager;
  private readonly scrape: ScrapeManager;
  private readonly engine: Engine;
  private readonly rules: RuleManager;
  private readonly notifier: NotifierManager;
  private readonly listeners: WebListeners;
  private readonly reloader: ConfigReloader;
  private readonly federate: FederateDeps;
  private readonly external: URL;
  private readonly routePrefix: string;
  private readonly startTime = Date.now();
  private walReplay: WalReplayStatus = { min: 0, max: 0, current: 0 };
  private dashboards: DashboardsHandler | null = null;
  private evaluationInterval = 60_000;
  private autoReloadTimer: NodeJS.Timeout | null = null;
  private stopping: Promise<void> | null = null;
  private resolveDone!: (code: number) => void;
  /** Settles with the exit code once the server has shut down. */
  readonly done: Promise<number> = new Promise((r) => (this.resolveDone = r));
  /** Bound addresses (after start). */
  addresses: string[] = [];

  constructor(
    private readonly flags: ServerFlags,
    private readonly logger: Logger,
  ) {
    try {
      this.external = computeExternalURL(flags.externalUrl, flags.listenAddresses[0] ?? '');
    } catch (e) {
      throw new StartupError(`parse external URL ${JSON.stringify(flags.externalUrl)}: ${errText(e)}`, 2);
    }
    this.routePrefix = computeRoutePrefix(flags.routePrefix, this.external);
    let cors: RegExp | undefined;
    try {
      cors = flags.corsOrigin === '.*' ? undefined : compileGoRegex(flags.corsOrigin, true).regexp;
    } catch (e) {
      throw new StartupError(`could not compile CORS regex string ${JSON.stringify(flags.corsOrigin)}: ${errText(e)}`, 2);
    }
    this.discovery = new DiscoveryManager({ logger: logger.with({ source: 'discovery', component: 'discovery manager scrape' }), updateInterval: flags.discoveryReloadInterval || 5000 });
    this.metrics = registerServerMetrics({ db: () => this.storage.get(), discovery: this.discovery, maxConcurrency: flags.queryMaxConcurrency });
    this.ready.onChange((s) => this.metrics.ready.set(s === 'ready' ? 1 : 0));
    this.scrape = new ScrapeManager({
      appendable: this.storage,
      logger: logger.with({ source: 'scrape', component: 'scrape manager' }),
      registry: this.metrics.registry,
    });
    this.engine = new Engine({
      lookbackDelta: flags.lookbackDelta,
      maxSamples: flags.queryMaxSamples,
      timeout: flags.queryTimeout,
      noStepSubqueryIntervalFn: () => this.evaluationInterval,
      enableAtModifier: true,
      enableNegativeOffset: true,
      ...engineFeatureOptions(flags.features, logger),
    });
    this.notifier = new NotifierManager({
      logger: logger.with({ source: 'notifier', component: 'notifier' }),
      registry: this.metrics.registry,
      queueCapacity: flags.notificationQueueCapacity,
    });
    this.rules = new RuleManager({
      appendable: this.storage,
      queryable: this.storage,
      engine: this.engine,
      notify: (alerts) => this.notifier.send(...alerts),
      logger: logger.with({ source: 'rules', component: 'rule manager' }),
      outageTolerance: flags.ruleOutageTolerance,
      forGracePeriod: flags.ruleForGracePeriod,
      resendDelay: flags.ruleResendDelay,
      externalURL: this.external.toString().replace(/\/$/, ''),
      registry: this.metrics.registry,
    });
    this.federate = { queryable: this.storage, lookbackDelta: flags.lookbackDelta, externalLabels: Labels.EMPTY };
    this.reloader = new ConfigReloader(flags.configFile, this.reloaders(), logger, this.metrics);
    const web = this.createWebHandler(cors);
    this.listeners = new WebListeners({
      addresses: flags.listenAddresses,
      handler: web.handle,
      webConfigFile: flags.webConfigFile,
      maxConnections: flags.maxConnections,
      readTimeout: flags.readTimeout,
      logger: logger.with({ source: 'web', component: 'web' }),
    });
  }

  private createWebHandler(cors: RegExp | undefined): WebHandler {
    const flags = this.flags;
    const logger = this.logger;
    return new WebHandler({
      routePrefix: this.routePrefix,
      externalPath: externalPath(this.external),
      api: {
        queryable: this.storage,
        engine: instrumentedEngine(this.engine, this.metrics),
        targets: targetsProvider(this.scrape, (u) => globalURL(u, flags.listenAddresses[0] ?? '', this.external)),
        alertmanagers: { alertmanagers: () => this.notifier.alertmanagers(), droppedAlertmanagers: () => this.notifier.droppedAlertmanagers() },
        rules: this.rules,
        config: () => (this.reloader.current === null ? '' : configToYaml(this.reloader.current)),
        flags: flags.asStrings,
        runtimeInfo: () => this.runtimeInfo(),
        buildInfo: this.buildInfo(),
        tsdb: tsdbAdmin(this.storage, () => this.walReplay),
        dbDir: flags.storagePath,
        enableAdminApi: flags.enableAdminApi,
        ...(cors !== undefined ? { corsOrigin: cors } : {}),
        maxConcurrency: flags.queryMaxConcurrency,
      },
      federate: this.federate,
      registry: this.metrics.registry,
      ready: this.ready,
      enableLifecycle: flags.enableLifecycle,
      reload: () => this.reload(),
      quit: () => {
        this.logger.warn('Received termination request via web service, exiting gracefully...');
        void this.shutdown();
      },
      buildInfo: this.buildInfo(),
      logger: logger.with({ source: 'web', component: 'web' }),
      // The browser app at / and its page paths (the landing page only stands in without it).
      // Grafana's HTTP API for dashboards (/api/dashboards, /api/search, /login, ...) once started.
      extraHandlers: [
        (req, res, rel) => this.dashboards?.handle(req, res, rel) ?? false,
        createUiHandler({ mode: 'prometheus', prefix: externalPath(this.external), version: vigilVersion() }),
      ],
    });
  }

  private buildInfo(): BuildInfo {
    return { version: vigilVersion(), revision: '', branch: '', buildUser: '', buildDate: '', goVersion: process.version };
  }

  private retentionText(): string {
    const db = this.storage.get();
    const t = db?.opts.retentionTime ?? 0;
    const s = db?.opts.retentionSize ?? 0;
    const parts: string[] = [];
    if (t > 0) parts.push(formatDuration(t));
    if (s > 0) parts.push(formatBase2Bytes(s));
    return parts.join(' or ');
  }

  private runtimeInfo(): RuntimeInfo {
    return {
      startTime: this.startTime,
      CWD: process.cwd(),
      hostname: hostname(),
      serverTime: Date.now(),
      reloadConfigSuccess: this.reloader.lastSuccess,
      lastConfigTime: this.reloader.lastConfigTime,
      corruptionCount: 0,
      goroutineCount: process.getActiveResourcesInfo().length,
      GOMAXPROCS: availableParallelism(),
      GOMEMLIMIT: 0,
      GOGC: '',
      GODEBUG: '',
      storageRetention: this.retentionText(),
    };
  }

  /** The components a config is applied to, in upstream's order. */
  private reloaders(): Reloader[] {
    return [
      {
        name: 'db_storage',
        apply: (cfg: Config) => {
          const db = this.storage.get();
          if (db !== null) db.setOutOfOrderTimeWindow(cfg.storage.tsdb?.out_of_order_time_window ?? 0);
        },
      },
      {
        name: 'web_handler',
        apply: (cfg: Config) => {
          this.federate.externalLabels = cfg.global.external_labels;
        },
      },
      {
        name: 'query_engine',
        apply: (cfg: Config) => {
          this.evaluationInterval = cfg.global.evaluation_interval > 0 ? cfg.global.evaluation_interval : 60_000;
        },
      },
      { name: 'scrape', apply: (cfg: Config) => this.scrape.applyConfig(cfg) },
      { name: 'notify', apply: (cfg: Config) => this.notifier.applyConfig(cfg) },
      {
        name: 'rules',
        apply: (cfg: Config) => {
          const files = cfg.rule_files.flatMap((pattern) => globFiles(pattern));
          return this.rules.update(this.evaluationInterval, files, cfg.global.external_labels, this.external.toString().replace(/\/$/, ''));
        },
      },
      {
        name: 'scrape_sd',
        apply: (cfg: Config) => {
          const m = new Map<string, SDConfig[]>();
          for (const sc of getScrapeConfigs(cfg)) m.set(sc.job_name, sc.service_discovery_configs);
          return this.discovery.applyConfig(m);
        },
      },
    ];
  }

  /** Reloads the configuration (SIGHUP, /-/reload); resolves to the error text or null. */
  async reload(): Promise<string | null> {
    if (this.stopping !== null) return 'server is shutting down';
    await this.dashboards?.reloadProvisioning();
    const err = await this.reloader.reload();
    if (err !== null) this.logger.error('Error reloading config', { err });
    return err;
  }

  private dbOptions(cfg: Config): DBOptions {
    const r = cfg.storage.tsdb?.retention;
    let retentionTime = r !== undefined && r.time > 0 ? r.time : this.flags.retentionTime;
    const retentionSize = r !== undefined && r.size > 0 ? r.size : this.flags.retentionSize;
    if (retentionTime === 0 && retentionSize === 0) retentionTime = DEFAULT_RETENTION_TIME;
    return {
      retentionTime,
      retentionSize,
      minBlockDuration: this.flags.minBlockDuration || undefined,
      ...(this.flags.maxBlockDuration > 0 ? { maxBlockDuration: this.flags.maxBlockDuration } : {}),
      outOfOrderTimeWindow: cfg.storage.tsdb?.out_of_order_time_window ?? 0,
      noLockfile: this.flags.noLockfile,
      walCompression: this.flags.walCompression,
      logger: this.logger.with({ source: 'tsdb', component: 'tsdb' }),
    };
  }

  /** Validates the config, starts listening, opens the TSDB, applies the config, starts scraping. */
  async start(): Promise<void> {
    const cfg = this.validateConfigFile();
    try {
      this.listeners.validate();
    } catch (e) {
      throw new StartupError('Unable to validate web configuration file', 1, { err: errText(e) });
    }
    try {
      this.addresses = await this.listeners.listen();
    } catch (e) {
      throw new StartupError('Unable to start web listener', 1, { err: errText(e) });
    }
    this.logger.info('Starting TSDB ...');
    const seg = walSegmentRange(this.flags.storagePath);
    this.walReplay = { min: seg.min, max: seg.max, current: seg.min };
    let db: DB;
    try {
      db = await DB.open(this.flags.storagePath, this.dbOptions(cfg));
    } catch (e) {
      await this.listeners.close(1000);
      throw new StartupError('Fatal error', 1, { err: `opening storage failed: ${errText(e)}` });
    }
    this.walReplay = { ...this.walReplay, current: seg.max };
    if (this.stopping !== null) {
      // Shut down while the TSDB was opening: nothing else was started.
      await db.close();
      return;
    }
    this.storage.set(db);
    this.logger.info('TSDB started');
    this.dashboards = await createDashboardsHandler({
      dataDir: this.flags.storagePath,
      ...(this.flags.dashboardsProvisioningPath !== '' ? { provisioningDir: this.flags.dashboardsProvisioningPath } : {}),
      logger: this.logger.with({ source: 'dashboards', component: 'dashboards' }),
      secureCookies: this.listeners.tls,
      routePrefix: externalPath(this.external) || '/',
      version: vigilVersion(),
      anonymousViewing: this.flags.dashboardsAnonymousViewing,
    });
    const err = await this.reloader.reload();
    if (err !== null) {
      await this.stopComponents();
      throw new StartupError('Fatal error', 1, { err: `error loading config from ${JSON.stringify(this.flags.configFile)}: ${err}` });
    }
    if (this.stopping !== null) return;
    this.discovery.onUpdate((all) => {
      this.scrape.sync(all).catch((e: unknown) => this.logger.error('error syncing scrape targets', { err: errText(e) }));
    });
    this.discovery.run();
    void this.notifier.run();
    this.rules.run();
    await this.scrape.run();
    if (this.stopping !== null) return;
    if (this.flags.autoReload) this.startAutoReload();
    this.ready.set('ready');
    this.logger.info('Server is ready to receive web requests.');
  }

  /** Start-up config check: an invalid file is fatal (exit 2, as Prometheus). */
  private validateConfigFile(): Config {
    const abs = path.resolve(this.flags.configFile);
    let cfg: Config;
    try {
      cfg = ConfigReloader.load(this.flags.configFile);
    } catch (e) {
      throw new StartupError(`Error loading config (--config.file=${this.flags.configFile})`, 2, { file: abs, err: errText(e) });
    }
    try {
      getScrapeConfigs(cfg);
    } catch (e) {
      throw new StartupError(`Error loading dynamic scrape config files from config (--config.file=${JSON.stringify(this.flags.configFile)})`, 2, {
        file: abs,
        err: errText(e),
      });
    }
    this.metrics.configSuccess.set(1);
    this.metrics.configSuccessTime.setToCurrentTime();
    return cfg;
  }

  private startAutoReload(): void {
    const every = Math.max(1000, this.flags.autoReloadInterval);
    this.logger.info('Automatic configuration file reloading enabled', { interval: formatDuration(every) });
    const tick = (): void => {
      this.autoReloadTimer = setTimeout(() => {
        this.reloader.reloadIfChanged().finally(() => {
          if (this.stopping === null) tick();
        });
      }, every);
      this.autoReloadTimer.unref();
    };
    tick();
  }

  private async stopComponents(): Promise<void> {
    if (this.autoReloadTimer !== null) clearTimeout(this.autoReloadTimer);
    this.logger.info('Stopping scrape discovery manager...');
    await this.discovery.stop().catch((e: unknown) => this.logger.error('Error stopping discovery', { err: errText(e) }));
    this.logger.info('Stopping rule manager...');
    await this.rules.stop().catch((e: unknown) => this.logger.error('Error stopping rule manager', { err: errText(e) }));
    this.logger.info('Stopping notify manager...');
    await this.notifier.stop().catch((e: unknown) => this.logger.error('Error stopping notify manager', { err: errText(e) }));
    this.logger.info('Stopping scrape manager...');
    await this.scrape.stop().catch((e: unknown) => this.logger.error('Error stopping scrape manager', { err: errText(e) }));
    this.logger.info('Stopping web handler...');
    await this.listeners.close();
    await this.dashboards?.close().catch((e: unknown) => this.logger.error('Error stopping dashboards', { err: errText(e) }));
    this.logger.info('Stopping storage...');
    await this.storage.close().catch((e: unknown) => this.logger.error('Error stopping storage', { err: errText(e) }));
  }

  /** Stops scraping, HTTP and the TSDB (head flushed, WAL closed); resolves `done` with 0. */
  shutdown(): Promise<void> {
    if (this.stopping !== null) return this.stopping;
    this.ready.set('stopping');
    this.stopping = (async (): Promise<void> => {
      await this.stopComponents();
      this.logger.info('See you next time!');
      this.resolveDone(0);
    })();
    return this.stopping;
  }
}
