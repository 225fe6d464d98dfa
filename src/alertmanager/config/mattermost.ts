/** The Mattermost integration config (notify/mattermost upstream). */
import { bool, httpClientConfigCodec, list, optionalBool, ptr, str } from '../../config/common/index.js';
import { secretURL } from './codecs.js';
import { goStruct, kp, oe, type ValueOf } from './go-struct.js';

const tpl = (name: string): string => `{{ template "${name}" . }}`;

const fieldCodec = goStruct({
  goType: 'mattermost.plain',
  fields: { title: oe(str), value: oe(str), short: oe(optionalBool) },
  validate(c, d): void {
    if (c.title === '') d.fail('missing title in Mattermost field configuration');
    if (c.value === '') d.fail('missing value in Mattermost field configuration');
  },
});

const attachmentCodec = goStruct({
  goType: 'mattermost.MattermostAttachment',
  fields: {
    fallback: oe(str),
    color: oe(str),
    pretext: oe(str),
    text: oe(str),
    author_name: oe(str),
    author_link: oe(str),
    author_icon: oe(str),
    title: oe(str),
    title_link: oe(str),
    fields: oe(list(ptr(fieldCodec))),
    thumb_url: oe(str),
    footer: oe(str),
    footer_icon: oe(str),
    image_url: oe(str),
  },
});

const propsCodec = goStruct({ goType: 'mattermost.MattermostProps', fields: { card: oe(str) } });
const priorityCodec = goStruct({
  goType: 'mattermost.MattermostPriority',
  fields: { priority: oe(str), requested_ack: oe(bool), persistent_notifications: oe(bool) },
});

const mattermostFields = {
  send_resolved: kp(bool),
  http_config: oe(ptr(httpClientConfigCodec)),
  webhook_url: oe(secretURL),
  webhook_url_file: oe(str),
  channel: oe(str),
  username: oe(str),
  text: oe(str),
  fallback: oe(str),
  color: oe(str),
  pretext: oe(str),
  author_name: oe(str),
  author_link: oe(str),
  author_icon: oe(str),
  title: oe(str),
  title_link: oe(str),
  fields: oe(list(ptr(fieldCodec))),
  thumb_url: oe(str),
  footer: oe(str),
  footer_icon: oe(str),
  image_url: oe(str),
  icon_url: oe(str),
  icon_emoji: oe(str),
  attachments: oe(list(ptr(attachmentCodec))),
  type: oe(str),
  props: oe(ptr(propsCodec)),
  priority: oe(ptr(priorityCodec)),
};
export type MattermostConfig = ValueOf<typeof mattermostFields>;
export const mattermostConfigCodec = goStruct({
  goType: 'mattermost.plain',
  fields: mattermostFields,
  defaults: () => ({
    send_resolved: true,
    username: tpl('mattermost.default.username'),
    color: tpl('mattermost.default.color'),
    text: tpl('mattermost.default.text'),
    title: tpl('mattermost.default.title'),
    title_link: tpl('mattermost.default.titlelink'),
    fallback: tpl('mattermost.default.fallback'),
  }),
  validate(c, d): void {
    if (c.webhook_url !== undefined && c.webhook_url_file !== '') {
      d.fail('at most one of webhook_url & webhook_url_file must be configured');
    }
  },
});
