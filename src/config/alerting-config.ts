/**
 * The `alerting` section: alert relabeling and the Alertmanagers to send to (discovered like
 * scrape targets, with the HTTP client config inlined).
 */
import type { RelabelConfig } from '../model/relabel/index.js';
import {
  checkHTTPClientConfig,
  type Decoder,
  defaultHTTPClientConfig,
  duration,
  type HTTPClientConfig,
  httpClientFields,
  list,
  namedString,
  ptr,
  setHTTPClientDirectory,
  str,
  struct,
} from './common/index.js';
import { relabelList, validateRelabelList } from './relabel-list.js';
import { sigv4Codec, type SigV4Config } from './remote-config.js';
import { checkStaticTargets } from './scrape-config.js';
import { collectSDConfigs, encodeSDConfigs, type SDConfig, sdExtraFields, setSDDirectory } from './sd/index.js';

const o = { omitempty: true } as const;

export interface AlertmanagerConfig extends HTTPClientConfig {
  /** Not a YAML key: the `*_sd_configs` / `static_configs` entries. */
  service_discovery_configs: SDConfig[];
  sigv4: SigV4Config | undefined;
  scheme: string;
  path_prefix: string;
  timeout: number;
  /** Only 'v2' is supported. */
  api_version: string;
  relabel_configs: RelabelConfig[];
  alert_relabel_configs: RelabelConfig[];
}

const apiVersion = namedString('config.AlertmanagerAPIVersion', (v, d) => {
  if (v !== 'v2') d.fail(`expected Alertmanager api version to be one of [v2] but got ${v}`);
});

export const alertmanagerConfigCodec = struct<AlertmanagerConfig>({
  goType: 'config.AlertmanagerConfig',
  fields: {
    ...httpClientFields,
    sigv4: { codec: ptr(sigv4Codec), ...o },
    scheme: { codec: str, ...o },
    path_prefix: { codec: str, ...o },
    timeout: { codec: duration, ...o },
    api_version: { codec: apiVersion },
    relabel_configs: { codec: relabelList('empty or null Alertmanager target relabeling rule'), ...o },
    alert_relabel_configs: { codec: relabelList('empty or null Alertmanager alert relabeling rule'), ...o },
  },
  defaults: () => ({
    ...defaultHTTPClientConfig(),
    service_discovery_configs: [],
    sigv4: undefined,
    scheme: 'http',
    path_prefix: '',
    timeout: 10_000,
    api_version: 'v2',
    relabel_configs: [],
    alert_relabel_configs: [],
  }),
  validate(c, d) {
    collectSDConfigs(c, d);
    checkHTTPClientConfig(c, d);
    if ((c.basic_auth || c.authorization || c.oauth2) && c.sigv4) {
      d.fail('at most one of basic_auth, authorization, oauth2, & sigv4 must be configured');
    }
    if (c.relabel_configs.length === 0) checkStaticTargets(c.service_discovery_configs, d);
  },
  extra: sdExtraFields<AlertmanagerConfig>(),
  encodeExtra: (c, out) => encodeSDConfigs(c.service_discovery_configs, out),
});

export interface AlertingConfig {
  alert_relabel_configs: RelabelConfig[];
  alertmanagers: (AlertmanagerConfig | undefined)[];
}

export const alertingConfigCodec = struct<AlertingConfig>({
  goType: 'config.plain',
  fields: {
    alert_relabel_configs: { codec: relabelList('empty or null alert relabeling rule'), ...o },
    alertmanagers: { codec: list(ptr(alertmanagerConfigCodec)), ...o },
  },
  defaults: () => ({ alert_relabel_configs: [], alertmanagers: [] }),
});

/** AlertingConfig.Validate: relabel rules with the global name validation scheme. */
export function validateAlerting(c: AlertingConfig, scheme: 'legacy' | 'utf8', d: Decoder): void {
  validateRelabelList(c.alert_relabel_configs, scheme, d);
  for (const am of c.alertmanagers) {
    if (!am) continue;
    validateRelabelList(am.alert_relabel_configs, scheme, d);
    validateRelabelList(am.relabel_configs, scheme, d);
  }
}

export function setAlertingDirectory(c: AlertingConfig, dir: string): void {
  for (const am of c.alertmanagers) {
    if (!am) continue;
    setSDDirectory(am.service_discovery_configs, dir);
    setHTTPClientDirectory(am, dir);
  }
}
