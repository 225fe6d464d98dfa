/**
 * kubernetes_sd_configs (upstream discovery/kubernetes): role, API server or kubeconfig,
 * namespaces, selectors (field and label selector syntax checked) and attach_metadata.
 * Validated only: Vigil does not run Kubernetes discovery.
 */
import {
  bool,
  type Decoder,
  encodeFields,
  type HTTPClientConfig,
  joinDir,
  list,
  namedString,
  str,
  stringList,
  struct,
  url,
} from '../common/index.js';
import { goQuote } from '../../model/strconv/index.js';
import { checkLabelSelector } from './label-selector.js';
import { httpInline, mechanism, omit, type SDConfigBase } from './mechanism.js';

const ROLES = ['node', 'pod', 'service', 'endpoints', 'endpointslice', 'ingress'];

const role = namedString('kubernetes.Role', (v, d) => {
  if (!ROLES.includes(v)) d.fail(`unknown Kubernetes SD role ${goQuote(v)}`);
});

export interface KubernetesNamespaces {
  own_namespace: boolean;
  names: string[];
}

export interface KubernetesSelector {
  role: string;
  label: string;
  field: string;
}

export interface KubernetesAttachMetadata {
  node: boolean;
  namespace: boolean;
  deployment: boolean;
  job: boolean;
  cronjob: boolean;
}

export interface KubernetesSDConfig extends HTTPClientConfig, SDConfigBase {
  readonly mechanism: 'kubernetes';
  api_server: string | undefined;
  role: string;
  kubeconfig_file: string;
  namespaces: KubernetesNamespaces;
  selectors: KubernetesSelector[];
  attach_metadata: KubernetesAttachMetadata;
}

const namespaces = struct<KubernetesNamespaces>({
  goType: 'kubernetes.plain',
  fields: { own_namespace: { codec: bool }, names: { codec: stringList } },
  defaults: () => ({ own_namespace: false, names: [] }),
});

const selector = struct<KubernetesSelector>({
  goType: 'kubernetes.SelectorConfig',
  fields: { role: { codec: role, ...omit }, label: { codec: str, ...omit }, field: { codec: str, ...omit } },
  defaults: () => ({ role: '', label: '', field: '' }),
});

const attachMetadata = struct<KubernetesAttachMetadata>({
  goType: 'kubernetes.AttachMetadataConfig',
  fields: {
    node: { codec: bool },
    namespace: { codec: bool },
    deployment: { codec: bool },
    job: { codec: bool },
    cronjob: { codec: bool },
  },
  defaults: () => ({ node: false, namespace: false, deployment: false, job: false, cronjob: false }),
});

const ALLOWED_SELECTORS: Readonly<Record<string, readonly string[]>> = {
  pod: ['pod', 'node'],
  service: ['service'],
  endpointslice: ['pod', 'service', 'endpointslice'],
  endpoints: ['pod', 'service', 'endpoints'],
  node: ['node'],
  ingress: ['ingress'],
};

/** fields.ParseSelector: every comma-separated term needs =, == or !=. */
export function checkFieldSelector(sel: string): string | null {
  const terms = sel.split(/(?<!\\),/);
  for (const term of terms) {
    if (term === '') continue;
    if (!/!=|==|=/.test(term)) return `invalid selector: '${sel}'; can't understand '${term}'`;
  }
  return null;
}

function httpIsDefault(c: KubernetesSDConfig): boolean {
  const a: Record<string, unknown> = {};
  const b: Record<string, unknown> = {};
  encodeFields(httpInline.fields, c, a);
  encodeFields(httpInline.fields, httpInline.defaults(), b);
  return JSON.stringify(a) === JSON.stringify(b);
}

function validateSelectors(c: KubernetesSDConfig, d: Decoder): void {
  const found = new Set<string>();
  for (const s of c.selectors) {
    if (found.has(s.role)) d.fail(`duplicated selector role: ${s.role}`);
    found.add(s.role);
    const allowed = ALLOWED_SELECTORS[c.role];
    if (!allowed) d.fail(`invalid role: ${goQuote(c.role)}, expecting one of: pod, service, endpoints, endpointslice, node or ingress`);
    if (!allowed.includes(s.role)) d.fail(`${c.role} role supports only ${allowed.join(', ')} selectors`);
    const ferr = checkFieldSelector(s.field);
    if (ferr) d.fail(ferr);
    const lerr = checkLabelSelector(s.label);
    if (lerr) d.fail(lerr);
  }
}

export const kubernetesSD = mechanism<KubernetesSDConfig>({
  name: 'kubernetes',
  pkg: 'kubernetes',
  fields: {
    api_server: { codec: url, ...omit },
    role: { codec: role },
    kubeconfig_file: { codec: str },
    ...httpInline.fields,
    namespaces: { codec: namespaces, ...omit },
    selectors: { codec: list(selector), ...omit },
    attach_metadata: { codec: attachMetadata, ...omit },
  },
  defaults: () => ({
    mechanism: 'kubernetes',
    api_server: undefined,
    role: '',
    kubeconfig_file: '',
    ...httpInline.defaults(),
    namespaces: { own_namespace: false, names: [] },
    selectors: [],
    attach_metadata: { node: false, namespace: false, deployment: false, job: false, cronjob: false },
  }),
  validate(c, d) {
    if (c.role === '') d.fail('role missing (one of: pod, service, endpoints, endpointslice, node, ingress)');
    httpInline.validate(c, d);
    if (c.api_server !== undefined && c.kubeconfig_file !== '') d.fail("cannot use 'kubeconfig_file' and 'api_server' simultaneously");
    const custom = !httpIsDefault(c);
    if (c.kubeconfig_file !== '' && custom) d.fail("cannot use a custom HTTP client configuration together with 'kubeconfig_file'");
    if (c.api_server === undefined && custom) {
      d.fail("to use custom HTTP client configuration please provide the 'api_server' URL explicitly");
    }
    if (c.api_server !== undefined && c.namespaces.own_namespace) {
      d.fail("cannot use 'api_server' and 'namespaces.own_namespace' simultaneously");
    }
    if (c.kubeconfig_file !== '' && c.namespaces.own_namespace) {
      d.fail("cannot use 'kubeconfig_file' and 'namespaces.own_namespace' simultaneously");
    }
    validateSelectors(c, d);
  },
  setDirectory(c, dir) {
    c.kubeconfig_file = joinDir(dir, c.kubeconfig_file);
    httpInline.setDirectory(c, dir);
  },
});
