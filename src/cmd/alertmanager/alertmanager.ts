/**
 * The Alertmanager process (cmd/alertmanager run()): the storage directory, the notification
 * log and silences (persisted, restored at start), the alert provider and marker, the API, the
 * configuration coordinator whose subscriber rebuilds inhibitor, templates, integrations,
 * pipeline and dispatcher on every reload (alerts, silences and the nflog live on), and the
 * HTTP listeners. Everything is wired here; the modules stay unaware of each other.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { formatGoDuration, type AlertmanagerConfig } from '../../alertmanager/config/index.js';
import { Dispatcher, newRouteFromConfig, type Route } from '../../alertmanager/dispatch/index.js';
import { Inhibitor } from '../../alertmanager/inhibit/index.js';
import { NotificationLog } from '../../alertmanager/nflog/index.js';
import { NotifyMetrics, type Integration } from '../../alertmanager/notify/index.js';
import { MemAlerts } from '../../alertmanager/provider/index.js';
import { AlertMarker, Silencer, Silences, type SilenceState } from '../../alertmanager/silence/index.js';
import type { AlertmanagerTemplate } from '../../alertmanager/template/index.js';
import { Intervener } from '../../alertmanager/timeinterval/index.js';
import { NodeRuntimeCollector, ProcessCollector, Registry, type Gauge } from '../../instrument/index.js';
import type { Logger } from '../../log/index.js';
import type { Labels } from '../../model/labels/index.js';
import { vigilVersion } from '../../version/index.js';
import { WebListeners } from '../../web/index.js';
import { activeReceivers, buildTemplate, inhibitRulesFromConfig, timeIntervalsFromConfig } from './components.js';
import { ConfigCoordinator } from './coordinator.js';
import { alertmanagerExternalURL, alertmanagerRoutePrefix, type ExternalURL } from './external-url.js';
import type { AlertmanagerFlags } from './flags.js';
import { AlertmanagerHttp, type HttpHandler } from './http.js';
import { buildPipelineStage, buildReceiverIntegrations, createApi, type ApiHandle } from './wiring.js';

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

/** notify.MinTimeout: a flush gets at least this long (ms). */
export const MIN_NOTIFY_TIMEOUT = 10_000;

/** The silence store's snapshot follows a change after at most this long (ms). */
const SILENCE_SNAPSHOT_DELAY = 1000;

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

interface ProcessMetrics {
  receivers: Gauge;
  integrations: Gauge;
}

function registerProcessMetrics(r: Registry, silences: () => Silences | null): ProcessMetrics {
  r.register(new ProcessCollector());
  r.register(new NodeRuntimeCollector());
  r.gaugeFunc(
    {
      name: 'alertmanager_build_info',
      help: "A metric with a constant '1' value labeled by version, revision, branch, goversion from which alertmanager was built, and the goos and goarch for the build.",
      labelNames: ['branch', 'goarch', 'goos', 'goversion', 'revision', 'tags', 'version'],
    },
    () => [[['', process.arch, process.platform, process.version, '', '', vigilVersion()], 1]],
  );
  r.gaugeFunc({ name: 'alertmanager_cluster_enabled', help: 'Indicates whether the clustering is enabled or not.' }, () => 0);
  const states: SilenceState[] = ['active', 'expired', 'pending'];
  r.gaugeFunc({ name: 'alertmanager_silences', help: 'How many silences by state.', labelNames: ['state'] }, () => {
    const s = silences();
    const all = s === null ? [] : s.query();
    return states.map((st) => [[st], s === null ? 0 : all.filter((x) => s.state(x) === st).length] as const);
  });
  return {
    receivers: r.gauge({ name: 'alertmanager_receivers', help: 'Number of configured receivers.' }),
    integrations: r.gauge({ name: 'alertmanager_integrations', help: 'Number of configured integrations.' }),
  };
}

/** What a loaded config turns into; replaced as a whole on reload. */
interface Generation {
  dispatcher: Dispatcher;
  unsubscribeInhibitor: () => void;
}

export class AlertmanagerProcess {
  readonly registry = new Registry();
  readonly external: ExternalURL;
  readonly routePrefix: string;
  private readonly metrics: ProcessMetrics;
  private readonly notifyMetrics: NotifyMetrics;
  private readonly marker = new AlertMarker();
  private readonly coordinator: ConfigCoordinator;
  private readonly http: AlertmanagerHttp;
  private readonly listeners: WebListeners;
  private silences: Silences | null = null;
  private nflog: NotificationLog | null = null;
  private alerts: MemAlerts | null = null;
  private api: ApiHandle | null = null;
  private inhibitor: Inhibitor | null = null;
  private generation: Generation | null = null;
  private maintenanceTimer: NodeJS.Timeout | null = null;
  private snapshotTimer: NodeJS.Timeout | null = null;
  private snapshotVersion = -1;
  private stopping: Promise<void> | null = null;
  private resolveDone!: (code: number) => void;
  /** Settles with the exit code once the process has shut down. */
  readonly done: Promise<number> = new Promise((r) => (this.resolveDone = r));
  /** Bound addresses (after start). */
  addresses: string[] = [];

  constructor(
    private readonly flags: AlertmanagerFlags,
    private readonly logger: Logger,
  ) {
    if (flags.listenAddresses.length === 0) throw new StartupError('no web.listen-address given', 1);
    try {
      this.external = alertmanagerExternalURL(flags.externalUrl, flags.listenAddresses[0] ?? '');
    } catch (e) {
      throw new StartupError('failed to determine external URL', 1, { err: errText(e) });
    }
    this.routePrefix = alertmanagerRoutePrefix(flags.routePrefix, this.external);
    this.metrics = registerProcessMetrics(this.registry, () => this.silences);
    this.notifyMetrics = new NotifyMetrics(this.registry);
    this.coordinator = new ConfigCoordinator(flags.configFile, this.registry, logger.with({ component: 'configuration' }), (cfg) => this.applyConfig(cfg));
    this.http = new AlertmanagerHttp({
      routePrefix: this.routePrefix,
      registry: this.registry,
      reload: () => this.reload(),
      apiV2: (): HttpHandler | null => this.api?.handler ?? null,
      getConcurrency: flags.getConcurrency,
      timeout: flags.httpTimeout,
      logger: logger.with({ component: 'web' }),
    });
    this.listeners = new WebListeners({
      addresses: flags.listenAddresses,
      handler: this.http.handle,
      webConfigFile: flags.webConfigFile,
      maxConnections: 0,
      readTimeout: 0,
      logger: logger.with({ component: 'web' }),
    });
  }

  /** Opens the state, loads the configuration and starts listening. */
  async start(): Promise<void> {
    const f = this.flags;
    try {
      mkdirSync(f.storagePath, { recursive: true });
    } catch (e) {
      throw new StartupError('Unable to create data directory', 1, { err: errText(e) });
    }
    if (f.clusterListenAddress !== '') {
      this.logger.info('Clustering is not supported; running as a single node', { 'cluster.listen-address': f.clusterListenAddress });
    }
    this.openState();
    this.logger.debug?.('externalURL', { externalURL: this.external.text });
    const err = await this.coordinator.reload();
    if (err !== null) {
      await this.stopState();
      throw new StartupError('Error loading configuration', 1, { err });
    }
    this.logger.debug?.('routePrefix', { routePrefix: this.routePrefix });
    // Stopped while the configuration loaded: shutdown() already released everything.
    if (this.stopping !== null) return;
    try {
      this.listeners.validate();
      this.addresses = await this.listeners.listen();
    } catch (e) {
      await this.stopComponents();
      throw new StartupError('Listen error', 1, { err: errText(e) });
    }
  }

  /** The notification log, silences, alert provider and API: the state reloads keep. */
  private openState(): void {
    const f = this.flags;
    const nflog = new NotificationLog({
      retention: f.retention,
      snapshotFile: path.join(f.storagePath, 'nflog'),
      maintenanceInterval: f.maintenanceInterval,
      logger: this.logger.with({ component: 'nflog' }),
      registry: this.registry,
    });
    if (nflog.loadError !== undefined) this.logger.warn('Failed to load the notification log snapshot', { err: nflog.loadError });
    nflog.run();
    this.nflog = nflog;
    const silLogger = this.logger.with({ component: 'silences' });
    this.silences = new Silences({
      retention: f.retention,
      snapshotFile: path.join(f.storagePath, 'silences'),
      logger: { warn: (msg: string) => silLogger.warn(msg) },
    });
    this.snapshotVersion = this.silences.getVersion();
    this.startSilenceMaintenance();
    const alerts = new MemAlerts(this.marker, {
      gcIntervalMs: f.alertGCInterval,
      logger: this.logger.with({ component: 'provider' }),
      onGC: () => this.inhibitor?.setAlerts(alerts.list()),
    });
    alerts.registerMetrics(this.registry);
    alerts.start();
    this.alerts = alerts;
    this.api = createApi({
      alerts,
      silences: this.silences,
      marker: this.marker,
      groups: (routeFilter, alertFilter) => this.generation?.dispatcher.groups(routeFilter, alertFilter) ?? { groups: [], alertReceivers: new Map() },
      registry: this.registry,
      logger: this.logger.with({ component: 'api' }),
    });
  }

  /** Silences: GC + snapshot every maintenance interval, and a snapshot soon after each change. */
  private startSilenceMaintenance(): void {
    const every = this.flags.maintenanceInterval > 0 ? this.flags.maintenanceInterval : 15 * 60_000;
    this.maintenanceTimer = setInterval(() => {
      this.silences?.gc();
      this.snapshotSilences();
    }, every);
    this.snapshotTimer = setInterval(() => {
      if (this.silences !== null && this.silences.getVersion() !== this.snapshotVersion) this.snapshotSilences();
    }, SILENCE_SNAPSHOT_DELAY);
    this.snapshotTimer.unref();
  }

  private snapshotSilences(): void {
    const s = this.silences;
    if (s === null) return;
    try {
      const v = s.getVersion();
      s.snapshot();
      this.snapshotVersion = v;
    } catch (e) {
      this.logger.error('Creating silences snapshot failed', { component: 'silences', err: errText(e) });
    }
  }

  /** The config subscriber: builds every config-derived component, then swaps them in. */
  private async applyConfig(cfg: AlertmanagerConfig): Promise<void> {
    const alerts = this.alerts;
    const silences = this.silences;
    const nflog = this.nflog;
    if (alerts === null || silences === null || nflog === null) throw new Error('alertmanager is not running');
    let tmpl: AlertmanagerTemplate;
    try {
      tmpl = await buildTemplate(cfg, this.external.text);
    } catch (e) {
      throw new Error(`failed to parse templates: ${errText(e)}`);
    }
    if (cfg.route === undefined) throw new Error('no route provided in config');
    const routes = newRouteFromConfig(cfg.route);
    const receivers = this.buildReceivers(cfg, routes, tmpl);
    const intervener = new Intervener(timeIntervalsFromConfig(cfg));
    await this.stopGeneration();
    const inhibitor = new Inhibitor(inhibitRulesFromConfig(cfg.inhibit_rules), { marker: this.marker });
    this.inhibitor = inhibitor;
    const unsubscribeInhibitor = alerts.subscribe((a) => inhibitor.putAlert(a));
    const silencer = new Silencer(silences, this.marker);
    const stage = buildPipelineStage({
      receivers,
      inhibitor,
      silencer,
      intervener,
      nflog,
      metrics: this.notifyMetrics,
      logger: this.logger.with({ component: 'notify' }),
    });
    let integrations = 0;
    for (const list of receivers.values()) integrations += list.length;
    this.metrics.receivers.set(activeReceivers(routes).size);
    this.metrics.integrations.set(integrations);
    this.api?.update(cfg, (labels: Labels) => {
      inhibitor.mutes(labels);
      silencer.mutes(labels);
    });
    const timeout = (d: number): number => Math.max(d, MIN_NOTIFY_TIMEOUT);
    const dispatcher = new Dispatcher(routes, alerts, stage, this.marker, timeout, this.logger.with({ component: 'dispatcher' }), { registry: this.registry });
    this.warnRepeatInterval(routes);
    dispatcher.start();
    this.generation = { dispatcher, unsubscribeInhibitor };
  }

  private buildReceivers(cfg: AlertmanagerConfig, routes: Route, tmpl: AlertmanagerTemplate): Map<string, Integration[]> {
    const active = activeReceivers(routes);
    const receivers = new Map<string, Integration[]>();
    for (const rcv of cfg.receivers) {
      if (!active.has(rcv.name)) {
        this.logger.info('skipping creation of receiver not referenced by any route', { component: 'configuration', receiver: rcv.name });
        continue;
      }
      receivers.set(rcv.name, buildReceiverIntegrations(rcv, tmpl, this.logger));
    }
    return receivers;
  }

  private warnRepeatInterval(routes: Route): void {
    routes.walk((r) => {
      if (r.opts.repeatInterval > this.flags.retention) {
        this.logger.warn(
          'repeat_interval is greater than the data retention period. It can lead to notifications being repeated more often than expected.',
          {
            component: 'configuration',
            repeat_interval: formatGoDuration(r.opts.repeatInterval),
            retention: formatGoDuration(this.flags.retention),
            route: r.key(),
          },
        );
      }
    });
  }

  private async stopGeneration(): Promise<void> {
    const g = this.generation;
    this.generation = null;
    if (g === null) return;
    g.unsubscribeInhibitor();
    await g.dispatcher.stop();
  }

  /** Reloads the configuration (SIGHUP, POST /-/reload); resolves to the error text or null. */
  async reload(): Promise<string | null> {
    if (this.stopping !== null) return 'alertmanager is shutting down';
    return this.coordinator.reload();
  }

  private async stopState(): Promise<void> {
    if (this.maintenanceTimer !== null) clearInterval(this.maintenanceTimer);
    if (this.snapshotTimer !== null) clearInterval(this.snapshotTimer);
    this.maintenanceTimer = null;
    this.snapshotTimer = null;
    this.alerts?.stop();
    await this.nflog?.stop().catch((e: unknown) => this.logger.error('Stopping the notification log failed', { err: errText(e) }));
    this.snapshotSilences();
  }

  private async stopComponents(): Promise<void> {
    await this.listeners.close(2000);
    await this.stopGeneration();
    await this.stopState();
  }

  /** Stops serving, stops the dispatcher, snapshots silences and the nflog; resolves `done` with 0. */
  shutdown(): Promise<void> {
    if (this.stopping !== null) return this.stopping;
    this.stopping = (async (): Promise<void> => {
      await this.stopComponents();
      this.resolveDone(0);
    })();
    return this.stopping;
  }
}
