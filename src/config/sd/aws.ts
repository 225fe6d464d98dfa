/**
 * AWS discovery configs (upstream discovery/aws): aws (role-based), ec2, ecs, elasticache,
 * lightsail, msk, rds. Validated only: Vigil does not run them.
 */
import { goQuote } from '../../model/strconv/index.js';
import {
  duration,
  type Fields,
  type HTTPClientConfig,
  int,
  list,
  namedString,
  ptr,
  secret,
  str,
  stringList,
  struct,
} from '../common/index.js';
import { httpInline, type Mechanism, mechanism, omit, type SDConfigBase } from './mechanism.js';

export interface AWSFilter {
  name: string;
  values: string[];
}

const filterList = list(
  ptr(
    struct<AWSFilter>({
      goType: 'aws.Filter',
      fields: { name: { codec: str }, values: { codec: stringList } },
      defaults: () => ({ name: '', values: [] }),
    }),
  ),
);

interface AWSCommon extends HTTPClientConfig {
  region: string;
  endpoint: string;
  access_key: string;
  secret_key: string;
  profile: string;
  role_arn: string;
  external_id: string;
  refresh_interval: number;
  port: number;
}

export interface AWSSDConfig extends AWSCommon, SDConfigBase {
  readonly mechanism: 'aws' | 'ec2' | 'ecs' | 'elasticache' | 'lightsail' | 'msk' | 'rds';
  /** aws_sd_configs only: ec2, ecs, elasticache, lightsail, msk or rds. */
  role?: string;
  filters?: (AWSFilter | undefined)[];
  clusters?: string[];
  request_concurrency?: number;
}

const commonFields: Fields<AWSSDConfig> = {
  endpoint: { codec: str },
  region: { codec: str },
  access_key: { codec: str, ...omit },
  secret_key: { codec: secret, ...omit },
  profile: { codec: str, ...omit },
  role_arn: { codec: str, ...omit },
  external_id: { codec: str, ...omit },
  refresh_interval: { codec: duration, ...omit },
  port: { codec: int },
};

function commonDefaults(port: number, refresh: number): AWSCommon {
  return {
    ...httpInline.defaults(),
    region: '',
    endpoint: '',
    access_key: '',
    secret_key: '',
    profile: '',
    role_arn: '',
    external_id: '',
    refresh_interval: refresh,
    port,
  };
}

interface AWSVariant {
  readonly filters?: boolean;
  readonly clusters?: boolean;
  readonly concurrency?: number;
}

function awsVariant(name: AWSSDConfig['mechanism'], v: AWSVariant): Mechanism<AWSSDConfig> {
  const fields: Fields<AWSSDConfig> = { ...commonFields };
  if (v.filters) Object.assign(fields, { filters: { codec: filterList, ...(name === 'ec2' || name === 'rds' ? {} : omit) } });
  if (v.clusters) Object.assign(fields, { clusters: { codec: stringList, ...omit } });
  if (v.concurrency !== undefined) Object.assign(fields, { request_concurrency: { codec: int, ...omit } });
  return mechanism<AWSSDConfig>({
    name,
    pkg: 'aws',
    fields: { ...fields, ...httpInline.fields },
    defaults: () => {
      const c: AWSSDConfig = { mechanism: name, ...commonDefaults(80, 60_000) };
      if (v.filters) c.filters = [];
      if (v.clusters) c.clusters = [];
      if (v.concurrency !== undefined) c.request_concurrency = v.concurrency;
      return c;
    },
    validate(c, d) {
      if (name === 'ec2') {
        for (const f of c.filters ?? []) if (!f || f.values.length === 0) d.fail('EC2 SD configuration filter values cannot be empty');
      }
      httpInline.validate(c, d);
    },
    setDirectory: httpInline.setDirectory,
  });
}

export const ec2SD = awsVariant('ec2', { filters: true });
export const ecsSD = awsVariant('ecs', { clusters: true, concurrency: 20 });
export const elasticacheSD = awsVariant('elasticache', { clusters: true, concurrency: 10 });
export const lightsailSD = awsVariant('lightsail', {});
export const mskSD = awsVariant('msk', { clusters: true, concurrency: 10 });
export const rdsSD = awsVariant('rds', { filters: true, clusters: true, concurrency: 10 });

const AWS_ROLES = ['ec2', 'ecs', 'elasticache', 'lightsail', 'msk', 'rds'];

const awsRole = namedString('aws.Role', (v, d) => {
  if (!AWS_ROLES.includes(v)) d.fail(`unknown AWS SD role ${goQuote(v)}`);
});

/** aws_sd_configs: decoded over the Go zero value; the role picks the service. */
export const awsSD = mechanism<AWSSDConfig>({
  name: 'aws',
  pkg: 'aws',
  fields: {
    role: { codec: awsRole },
    ...commonFields,
    region: { codec: str, ...omit },
    endpoint: { codec: str, ...omit },
    port: { codec: int, ...omit },
    ...httpInline.fields,
    filters: { codec: filterList, ...omit },
    clusters: { codec: stringList, ...omit },
  },
  defaults: () => ({ mechanism: 'aws', role: '', ...commonDefaults(0, 0), follow_redirects: false, enable_http2: false, filters: [], clusters: [] }),
  validate(c, d) {
    if (!AWS_ROLES.includes(c.role ?? '')) d.fail(`unknown AWS SD role ${goQuote(c.role ?? '')}`);
  },
  setDirectory: httpInline.setDirectory,
});
