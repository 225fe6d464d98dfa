/**
 * Builds the notification pipeline as Alertmanager 0.25 does (PipelineBuilder.New): for every
 * receiver, inhibition -> active time -> mute time -> silences -> a concurrent fan-out over the
 * receiver's integrations, each branch wait -> dedup -> retry -> set notifies.
 */
import type { StructuredLogger } from '../../log/index.js';
import type { NflogReceiver } from '../nflog/index.js';
import { DedupStage, SetNotifiesStage, type NotificationLogStore } from './dedup.js';
import type { NotifyMetrics } from './metrics.js';
import { RetryStage, type BackOffOptions } from './retry.js';
import {
  FanoutStage,
  MultiStage,
  MuteStage,
  RoutingStage,
  TimeActiveStage,
  TimeMuteStage,
  WaitStage,
  type Muter,
  type TimeIntervalChecker,
} from './stages.js';
import type { Integration, Stage } from './types.js';

export interface PipelineOptions {
  /** The integrations of every receiver a route uses, by receiver name. */
  receivers: ReadonlyMap<string, readonly Integration[]>;
  /** The inhibitor (records inhibitedBy in the alert marker). */
  inhibitor: Muter;
  /** The silencer (records silencedBy in the alert marker). */
  silencer: Muter;
  /** The config's time_intervals and mute_time_intervals (timeinterval.Intervener). */
  intervener: TimeIntervalChecker;
  notificationLog: NotificationLogStore;
  /** Created once per process (NotifyMetrics) and reused by every reload's pipeline. */
  metrics: NotifyMetrics;
  logger?: StructuredLogger;
  /** How long a branch waits before dedup, ms (the cluster peer position's delay; 0 single-node). */
  wait?: () => number;
  /** Clock for resolution and repeat-interval checks, ms. */
  now?: () => number;
  /** Retry backoff parameters (upstream's defaults when absent). */
  backoff?: BackOffOptions;
}

/** One integration's branch: wait -> dedup -> retry -> set notifies. */
function integrationStage(receiverName: string, integration: Integration, o: PipelineOptions): Stage {
  const recv: NflogReceiver = { groupName: receiverName, integration: integration.name, idx: integration.index };
  const retryOpts = { ...(o.logger !== undefined ? { logger: o.logger } : {}), ...(o.backoff !== undefined ? { backoff: o.backoff } : {}), ...(o.now !== undefined ? { now: o.now } : {}) };
  return new MultiStage([
    new WaitStage(o.wait ?? ((): number => 0)),
    new DedupStage(integration, o.notificationLog, recv, o.now),
    new RetryStage(integration, receiverName, o.metrics, retryOpts),
    new SetNotifiesStage(o.notificationLog, recv),
  ]);
}

/** The receiver's stage: every integration concurrently (createReceiverStage). */
export function receiverStage(receiverName: string, integrations: readonly Integration[], o: PipelineOptions): Stage {
  return new FanoutStage(integrations.map((i) => integrationStage(receiverName, i, o)));
}

/** The whole pipeline: routes a flush to its receiver's chain of stages. */
export function buildPipeline(o: PipelineOptions): RoutingStage {
  const inhibit = new MuteStage(o.inhibitor);
  const active = new TimeActiveStage(o.intervener, o.logger);
  const mute = new TimeMuteStage(o.intervener, o.logger);
  const silence = new MuteStage(o.silencer);
  const stages = new Map<string, Stage>();
  for (const [name, integrations] of o.receivers) {
    stages.set(name, new MultiStage([inhibit, active, mute, silence, receiverStage(name, integrations, o)]));
  }
  return new RoutingStage(stages);
}
