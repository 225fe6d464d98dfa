/**
 * A receiver's integrations (cmd/alertmanager buildReceiverIntegrations): one Integration per
 * entry of each *_configs list, in upstream's order, named as upstream's metrics and logs
 * name them. Integrations Vigil does not implement are skipped with a warning.
 */
import type { Receiver } from '../../alertmanager/config/index.js';
import type { StructuredLogger } from '../../log/index.js';
import type { AlertmanagerTemplate } from '../../alertmanager/template/index.js';
import type { Integration, Notifier } from '../../alertmanager/notify/index.js';
import {
  DiscordNotifier,
  EmailNotifier,
  MSTeamsNotifier,
  MSTeamsV2Notifier,
  OpsGenieNotifier,
  PagerdutyNotifier,
  PushoverNotifier,
  SlackNotifier,
  TelegramNotifier,
  VictorOpsNotifier,
  WebexNotifier,
  WebhookNotifier,
} from '../../alertmanager/notify/receivers/index.js';

/** Building one or more of a receiver's integrations failed (types.MultiError). */
export class IntegrationBuildError extends Error {
  override readonly name = 'IntegrationBuildError';
  constructor(readonly errors: readonly Error[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

type Make = (conf: never, tmpl: AlertmanagerTemplate, logger: StructuredLogger) => Notifier;

/** Upstream's order of the integrations, with the class that implements each (null: none in Vigil). */
const KINDS: readonly (readonly [name: string, key: keyof Receiver, make: Make | null])[] = [
  ['webhook', 'webhook_configs', (c, t, l) => new WebhookNotifier(c, t, l)],
  ['email', 'email_configs', (c, t, l) => new EmailNotifier(c, t, l)],
  ['pagerduty', 'pagerduty_configs', (c, t, l) => new PagerdutyNotifier(c, t, l)],
  ['opsgenie', 'opsgenie_configs', (c, t, l) => new OpsGenieNotifier(c, t, l)],
  ['wechat', 'wechat_configs', null],
  ['slack', 'slack_configs', (c, t, l) => new SlackNotifier(c, t, l)],
  ['victorops', 'victorops_configs', (c, t, l) => new VictorOpsNotifier(c, t, l)],
  ['pushover', 'pushover_configs', (c, t, l) => new PushoverNotifier(c, t, l)],
  ['sns', 'sns_configs', null],
  ['telegram', 'telegram_configs', (c, t, l) => new TelegramNotifier(c, t, l)],
  ['discord', 'discord_configs', (c, t, l) => new DiscordNotifier(c, t, l)],
  ['webex', 'webex_configs', (c, t, l) => new WebexNotifier(c, t, l)],
  ['msteams', 'msteams_configs', (c, t, l) => new MSTeamsNotifier(c, t, l)],
  ['msteamsv2', 'msteamsv2_configs', (c, t, l) => new MSTeamsV2Notifier(c, t, l)],
  ['jira', 'jira_configs', null],
  ['rocketchat', 'rocketchat_configs', null],
  ['mattermost', 'mattermost_configs', null],
  ['incidentio', 'incidentio_configs', null],
];

function sendResolvedOf(conf: unknown): boolean {
  if (typeof conf !== 'object' || conf === null) return false;
  const v = (conf as { send_resolved?: unknown }).send_resolved;
  return v === true;
}

/** The receiver's integrations; throws IntegrationBuildError when a notifier cannot be created. */
export function buildIntegrations(receiver: Receiver, tmpl: AlertmanagerTemplate, logger: StructuredLogger): Integration[] {
  const out: Integration[] = [];
  const errors: Error[] = [];
  for (const [name, key, make] of KINDS) {
    const confs = receiver[key];
    if (!Array.isArray(confs)) continue;
    confs.forEach((conf: unknown, index: number) => {
      if (conf === undefined || conf === null) return;
      if (make === null) {
        logger.warn('Integration not supported by Vigil; skipped', { receiver: receiver.name, integration: name });
        return;
      }
      try {
        const notifier = make(conf as never, tmpl, logger);
        const resolved = sendResolvedOf(conf);
        out.push({ name, index, receiverName: receiver.name, notifier, sendResolved: () => resolved });
      } catch (e) {
        errors.push(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }
  if (errors.length > 0) throw new IntegrationBuildError(errors);
  return out;
}
