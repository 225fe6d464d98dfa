/**
 * The seams between the process and the modules it wires: the notification pipeline, the
 * receivers' integrations and the API v2 handler.
 */
import { configToYaml, type AlertmanagerConfig, type Receiver } from '../../alertmanager/config/index.js';
import { AlertmanagerAPIv2 } from '../../alertmanager/api/index.js';
import type { AlertGroupsResult, Route } from '../../alertmanager/dispatch/index.js';
import type { NotificationLog } from '../../alertmanager/nflog/index.js';
import { buildPipeline, type Integration, type NotifyMetrics, type PipelineOptions, type Stage } from '../../alertmanager/notify/index.js';
import type { MemAlerts } from '../../alertmanager/provider/index.js';
import type { AlertMarker, Silences } from '../../alertmanager/silence/index.js';
import type { AlertmanagerTemplate } from '../../alertmanager/template/index.js';
import type { Alert } from '../../alertmanager/types/index.js';
import type { Registry } from '../../instrument/index.js';
import type { StructuredLogger } from '../../log/index.js';
import type { Labels } from '../../model/labels/index.js';
import { vigilVersion } from '../../version/index.js';
import type { HttpHandler } from './http.js';
import { buildIntegrations } from './integrations.js';

export interface PipelineParts {
  receivers: ReadonlyMap<string, readonly Integration[]>;
  inhibitor: PipelineOptions['inhibitor'];
  silencer: PipelineOptions['silencer'];
  intervener: PipelineOptions['intervener'];
  nflog: NotificationLog;
  metrics: NotifyMetrics;
  logger: StructuredLogger;
}

/** notify.PipelineBuilder.New for a single node (no cluster wait). */
export function buildPipelineStage(p: PipelineParts): Stage {
  return buildPipeline({
    receivers: p.receivers,
    inhibitor: p.inhibitor,
    silencer: p.silencer,
    intervener: p.intervener,
    notificationLog: p.nflog,
    metrics: p.metrics,
    logger: p.logger,
  });
}

/** buildReceiverIntegrations: one Integration per *_configs entry of the receiver. */
export function buildReceiverIntegrations(rcv: Receiver, tmpl: AlertmanagerTemplate, logger: StructuredLogger): Integration[] {
  return buildIntegrations(rcv, tmpl, logger);
}

export interface ApiParts {
  alerts: MemAlerts;
  silences: Silences;
  marker: AlertMarker;
  groups: (routeFilter: (r: Route) => boolean, alertFilter: (a: Alert, now: number) => boolean) => AlertGroupsResult;
  registry: Registry;
  logger: StructuredLogger;
}

/** The API v2 as the process uses it: a handler for /api/v2/... and the config update hook. */
export interface ApiHandle {
  handler: HttpHandler;
  update(cfg: AlertmanagerConfig, setAlertStatus: (labels: Labels) => void): void;
}

/** api.New + Register for v2: alerts, silences, groups, status and receivers. */
export function createApi(p: ApiParts): ApiHandle {
  const logger = p.logger;
  const api = new AlertmanagerAPIv2({
    alerts: {
      putAll: (alerts) => {
        for (const a of alerts) p.alerts.put(a);
      },
      getPending: () => p.alerts.getPending(),
    },
    groups: p.groups,
    marker: p.marker,
    silences: p.silences,
    logger: { debug: (msg, fields) => logger.debug?.(msg, fields), error: (msg, fields) => logger.error(msg, fields) },
    versionInfo: { branch: '', buildDate: '', buildUser: '', goVersion: process.version, revision: '', version: vigilVersion() },
    registry: p.registry,
  });
  return {
    handler: async (req, res) => {
      if (await api.handle(req, res)) return;
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
      res.end('404 page not found\n');
    },
    update: (cfg, setAlertStatus) => api.update({ config: cfg, original: configToYaml(cfg), setAlertStatus }),
  };
}
