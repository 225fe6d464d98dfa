/** A receiver: a name, labels, and lists of integration configs. */
import { type Codec, list, ptr, str } from '../../config/common/index.js';
import { goQuote } from '../../model/strconv/index.js';
import { stringStringMap } from './codecs.js';
import { goStruct, kp, oe, type ValueOf } from './go-struct.js';
import {
  discordConfigCodec,
  incidentioConfigCodec,
  jiraConfigCodec,
  msTeamsConfigCodec,
  msTeamsV2ConfigCodec,
  opsGenieConfigCodec,
  pagerdutyConfigCodec,
  pushoverConfigCodec,
  rocketchatConfigCodec,
  snsConfigCodec,
  telegramConfigCodec,
  webhookConfigCodec,
} from './integrations.js';
import { mattermostConfigCodec } from './mattermost.js';
import { emailConfigCodec, slackConfigCodec, victorOpsConfigCodec, webexConfigCodec, wechatConfigCodec } from './notifiers.js';

/** []*XConfig: entries may be nil (an explicit null). */
function configs<T>(c: Codec<T>): { readonly codec: Codec<(T | undefined)[]>; readonly omitempty: true } {
  return oe(list(ptr(c)));
}

const receiverFields = {
  name: kp(str),
  labels: oe(stringStringMap),
  discord_configs: configs(discordConfigCodec),
  email_configs: configs(emailConfigCodec),
  incidentio_configs: configs(incidentioConfigCodec),
  pagerduty_configs: configs(pagerdutyConfigCodec),
  slack_configs: configs(slackConfigCodec),
  webhook_configs: configs(webhookConfigCodec),
  opsgenie_configs: configs(opsGenieConfigCodec),
  wechat_configs: configs(wechatConfigCodec),
  pushover_configs: configs(pushoverConfigCodec),
  victorops_configs: configs(victorOpsConfigCodec),
  sns_configs: configs(snsConfigCodec),
  telegram_configs: configs(telegramConfigCodec),
  webex_configs: configs(webexConfigCodec),
  msteams_configs: configs(msTeamsConfigCodec),
  msteamsv2_configs: configs(msTeamsV2ConfigCodec),
  jira_configs: configs(jiraConfigCodec),
  rocketchat_configs: configs(rocketchatConfigCodec),
  mattermost_configs: configs(mattermostConfigCodec),
};

export type Receiver = ValueOf<typeof receiverFields>;

/** The integration list keys of a receiver, in upstream's field order. */
export const INTEGRATION_KEYS = Object.keys(receiverFields).filter((k) => k.endsWith('_configs')) as (keyof Receiver & `${string}_configs`)[];

export const receiverCodec = goStruct({
  goType: 'config.plain',
  fields: receiverFields,
  validate(c, d, n): void {
    if (c.name === '') d.fail('missing name in receiver', n.line);
    const v = c.labels['name'];
    if (v !== undefined && v !== c.name) {
      d.fail(`receiver label "name" must match receiver name ${goQuote(c.name)}, got ${goQuote(v)}`, n.line);
    }
    c.labels['name'] = c.name;
  },
});
