/**
 * Vigil's default notification templates: every template name Alertmanager's default.tmpl and
 * email.tmpl define, rendering the same text for any data (the integrations' default titles,
 * messages, links and the HTML email). Users override any of them by defining the same name
 * in their own template files; the defaults call each other by the same names upstream's do,
 * so overriding `__subject` changes every title built from it.
 *
 * Kept as TypeScript strings (tsc emits no other files), built from small pieces below.
 */
import { DEFAULT_EMAIL_TEMPLATES } from './default-email.js';

/** `{{ define "name" }}body{{ end }}` */
function define(name: string, body: string): string {
  return `{{ define "${name}" }}${body}{{ end }}`;
}

/** A template that prints another one with the same dot. */
function alias(name: string, target: string): string {
  return define(name, `{{ template "${target}" . }}`);
}

/** Defines each name with an empty body. */
function blanks(...names: string[]): string {
  return names.map((n) => define(n, '')).join('\n');
}

const COLOR = '{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}';
const FIRING = 'gt (len .Alerts.Firing) 0';
const RESOLVED = 'gt (len .Alerts.Resolved) 0';
const ANNOTATION_VALUES = '{{ join " " .CommonAnnotations.SortedPairs.Values }}';

/** One line per pair of a KV: `<indent>- name = value`. */
function pairLines(kv: string, indent: string): string {
  return `{{ range .${kv}.SortedPairs }}${indent}- {{ .Name }} = {{ .Value }}\n{{ end }}`;
}

/** `[STATUS(:firing count)] group label values (other common label values)` */
const SUBJECT = [
  '[{{ toUpper .Status }}{{ if eq .Status "firing" }}:{{ len .Alerts.Firing }}{{ end }}]',
  '{{ join " " .GroupLabels.SortedPairs.Values }}',
  '{{ if gt (len .CommonLabels) (len .GroupLabels) }}({{ with .CommonLabels.Remove .GroupLabels.Names }}{{ join " " .Values }}{{ end }}){{ end }}',
].join(' ');

const TEXT_ALERT_LIST = `{{ range . }}Labels:\n${pairLines('Labels', ' ')}Annotations:\n${pairLines('Annotations', ' ')}Source: {{ .GeneratorURL }}\n{{ end }}`;

const MARKDOWN_ALERT_LIST = `{{ range . }}\nLabels:\n${pairLines('Labels', '  ')}\nAnnotations:\n${pairLines('Annotations', '  ')}\nSource: {{ .GeneratorURL }}\n{{ end }}\n`;

/** "Alerts Firing:" / "Alerts Resolved:" sections, the compact form (nothing around an empty one). */
function compactSections(): string {
  const section = (cond: string, title: string, list: string): string =>
    `{{ if ${cond} }}Alerts ${title}:\n{{ template "__text_alert_list" .Alerts.${list} }}{{ end }}`;
  return `${section(FIRING, 'Firing', 'Firing')}\n${section(RESOLVED, 'Resolved', 'Resolved')}`;
}

/** The same sections, each wrapped in blank lines, with `heading` before the title. */
function spacedSections(list: string, heading: string): string {
  const section = (cond: string, which: string): string =>
    `{{ if ${cond} }}\n${heading}Alerts ${which}:\n{{ template "${list}" .Alerts.${which} }}\n{{ end }}`;
  return `${section(FIRING, 'Firing')}\n${section(RESOLVED, 'Resolved')}\n`;
}

const TEXT_SECTIONS = spacedSections('__text_alert_list', '');
const MARKDOWN_SECTIONS = spacedSections('__text_alert_list_markdown', '# ');

/** jira.default.priority: High for a critical alert, else Medium for a warning, else Low for info (firing first). */
function jiraPriority(): string {
  const scan = (list: string): string => `{{ range .Alerts.${list} }}{{ $sev := index .Labels "severity" }}`
    + '{{ if eq $sev "critical" }}{{ $p = "High" }}'
    + '{{ else if and (eq $sev "warning") (ne $p "High") }}{{ $p = "Medium" }}'
    + '{{ else if and (eq $sev "info") (eq $p "") }}{{ $p = "Low" }}{{ end }}{{ end }}';
  return `{{ $p := "" }}${scan('Firing')}{{ if eq $p "" }}${scan('Resolved')}{{ end }}{{ $p }}`;
}

// The alert-list ranges sit at the lines and columns upstream's do (7:41 and 14:50), so that
// ranging over a non-list fails with Alertmanager's text (`template: :7:41: executing ...`).
const GENERIC = [
  define('__alertmanager', 'Alertmanager'),
  define('__alertmanagerURL', '{{ .ExternalURL }}/#/alerts?receiver={{ urlquery .Receiver }}'),
  define('__subject', SUBJECT),
  define('__description', ''),
  '',
  '',
  define('__text_alert_list', TEXT_ALERT_LIST),
  '',
  define('__text_alert_list_markdown', MARKDOWN_ALERT_LIST),
].join('\n');

const SLACK = [
  alias('slack.default.title', '__subject'),
  alias('slack.default.username', '__alertmanager'),
  define('slack.default.fallback', '{{ template "slack.default.title" . }} | {{ template "slack.default.titlelink" . }}'),
  alias('slack.default.titlelink', '__alertmanagerURL'),
  blanks('slack.default.callbackid', 'slack.default.pretext', 'slack.default.iconemoji', 'slack.default.iconurl',
    'slack.default.text', 'slack.default.footer'),
  define('slack.default.color', COLOR),
].join('\n');

const PAGERDUTY_OPSGENIE_WECHAT = [
  alias('pagerduty.default.description', '__subject'),
  alias('pagerduty.default.client', '__alertmanager'),
  alias('pagerduty.default.clientURL', '__alertmanagerURL'),
  alias('pagerduty.default.instances', '__text_alert_list'),
  alias('opsgenie.default.message', '__subject'),
  define('opsgenie.default.description', `${ANNOTATION_VALUES}\n${compactSections()}`),
  alias('opsgenie.default.source', '__alertmanagerURL'),
  define('wechat.default.message',
    `{{ template "__subject" . }}\n${ANNOTATION_VALUES}\n${compactSections()}\nAlertmanagerUrl:\n{{ template "__alertmanagerURL" . }}`),
  blanks('wechat.default.to_user', 'wechat.default.to_party', 'wechat.default.to_tag', 'wechat.default.agent_id'),
].join('\n');

const OTHERS = [
  define('victorops.default.state_message', `${ANNOTATION_VALUES}\n${compactSections()}`),
  alias('victorops.default.entity_display_name', '__subject'),
  alias('victorops.default.monitoring_tool', '__alertmanager'),
  alias('pushover.default.title', '__subject'),
  define('pushover.default.message', `${ANNOTATION_VALUES}\n${TEXT_SECTIONS}`),
  alias('pushover.default.url', '__alertmanagerURL'),
  alias('sns.default.subject', '__subject'),
  define('sns.default.message', `${ANNOTATION_VALUES}\n${TEXT_SECTIONS}`),
  define('telegram.default.message', `\n${TEXT_SECTIONS}`),
  define('discord.default.content', ''),
  alias('discord.default.title', '__subject'),
  define('discord.default.message', `\n${TEXT_SECTIONS}`),
  define('webex.default.message', `${ANNOTATION_VALUES}\n${TEXT_SECTIONS}`),
  alias('msteams.default.summary', '__subject'),
  alias('msteams.default.title', '__subject'),
  define('msteams.default.text', `\n${MARKDOWN_SECTIONS}`),
  alias('msteamsv2.default.title', '__subject'),
  define('msteamsv2.default.text', `\n${MARKDOWN_SECTIONS}`),
  alias('jira.default.summary', '__subject'),
  define('jira.default.description', `\n${MARKDOWN_SECTIONS}`),
  define('jira.default.priority', jiraPriority()),
  alias('rocketchat.default.title', '__subject'),
  alias('rocketchat.default.alias', '__alertmanager'),
  alias('rocketchat.default.titlelink', '__alertmanagerURL'),
  blanks('rocketchat.default.emoji', 'rocketchat.default.iconurl', 'rocketchat.default.text'),
  define('mattermost.default.color', COLOR),
  alias('mattermost.default.username', '__alertmanager'),
  alias('mattermost.default.title', '__subject'),
  alias('mattermost.default.titlelink', '__alertmanagerURL'),
  define('mattermost.default.fallback', '{{ template "mattermost.default.title" . }} | {{ template "mattermost.default.titlelink" . }}'),
  define('mattermost.default.text', `\n${MARKDOWN_SECTIONS}`),
].join('\n');

/** The text-notification defaults (upstream's default.tmpl names). */
export const DEFAULT_TEXT_TEMPLATES = [GENERIC, SLACK, PAGERDUTY_OPSGENIE_WECHAT, OTHERS].join('\n\n');

/** Every default text, in the order Alertmanager parses its default.tmpl and email.tmpl. */
export const DEFAULT_TEMPLATES: readonly string[] = [DEFAULT_TEXT_TEMPLATES, DEFAULT_EMAIL_TEMPLATES];
