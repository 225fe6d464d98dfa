/**
 * The integrations of a receiver (upstream notify/<integration>): each a Notifier built from
 * its config section, the template set and a logger, sending what Alertmanager 0.25 sends.
 */
export { DiscordNotifier } from './discord.js';
export { EmailNotifier, type EmailNotifierOptions } from './email.js';
export { MSTeamsNotifier } from './msteams.js';
export { MSTeamsV2Notifier } from './msteamsv2.js';
export { OpsGenieNotifier } from './opsgenie.js';
export { PagerdutyNotifier, type PagerdutyNotifierOptions } from './pagerduty.js';
export { PushoverNotifier, type PushoverNotifierOptions } from './pushover.js';
export { SlackNotifier } from './slack.js';
export { TelegramNotifier } from './telegram.js';
export { VictorOpsNotifier } from './victorops.js';
export { WebexNotifier } from './webex.js';
export { WebhookNotifier } from './webhook.js';
