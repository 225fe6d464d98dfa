/**
 * The `storage` (TSDB retention, out-of-order window, chunk encoding, exemplars), `tracing`
 * and `otlp` sections.
 */
import { goQuote } from '../model/strconv/index.js';
import {
  base2Bytes,
  bool,
  type Decoder,
  defaultTLSConfig,
  duration,
  float64,
  formatBase2Bytes,
  int64,
  namedString,
  ptr,
  setTLSDirectory,
  str,
  stringList,
  stringMap,
  struct,
  type TLSConfig,
  tlsConfigCodec,
} from './common/index.js';
import { validateHeaders } from './remote-config.js';

const o = { omitempty: true } as const;

export interface TSDBRetentionConfig {
  time: number;
  size: number;
  percentage: number;
}

export interface TSDBConfig {
  /** The out-of-order window in milliseconds. */
  out_of_order_time_window: number;
  stale_series_compaction_threshold: number;
  chunk_encoding: { floats: string };
  retention: TSDBRetentionConfig | undefined;
}

export interface ExemplarsConfig {
  max_exemplars: number;
}

export interface StorageConfig {
  tsdb: TSDBConfig | undefined;
  exemplars: ExemplarsConfig | undefined;
}

function formatGoFloat(v: number): string {
  return String(v);
}

const retentionCodec = struct<TSDBRetentionConfig>({
  goType: 'config.plain',
  fields: { time: { codec: duration, ...o }, size: { codec: base2Bytes, ...o }, percentage: { codec: float64, ...o } },
  defaults: () => ({ time: 0, size: 0, percentage: 0 }),
  validate(t, d) {
    if (t.size < 0) d.fail(`'storage.tsdb.retention.size' must be greater than or equal to 0, got ${formatBase2Bytes(t.size)}`);
    if (t.percentage < 0 || t.percentage > 100) {
      d.fail(`'storage.tsdb.retention.percentage' must be in the range [0, 100], got ${formatGoFloat(t.percentage)}`);
    }
  },
});

const chunkEncodingCodec = struct<{ floats: string }>({
  goType: 'config.ChunkEncodingConfig',
  fields: { floats: { codec: str, ...o } },
  defaults: () => ({ floats: '' }),
});

export const tsdbConfigCodec = struct<TSDBConfig>({
  goType: 'config.plain',
  fields: {
    out_of_order_time_window: { codec: duration, ...o },
    stale_series_compaction_threshold: { codec: float64, ...o },
    chunk_encoding: { codec: chunkEncodingCodec, ...o },
    retention: { codec: ptr(retentionCodec), ...o },
  },
  defaults: () => ({ out_of_order_time_window: 0, stale_series_compaction_threshold: 0, chunk_encoding: { floats: '' }, retention: undefined }),
  validate(t, d) {
    const f = t.chunk_encoding.floats;
    if (f !== '' && f !== 'xor' && f !== 'xor2') {
      d.fail(`'storage.tsdb.chunk_encoding.floats' must be 'xor' or 'xor2', or the field must be omitted entirely, got ${goQuote(f)}`);
    }
    if (t.retention === undefined) t.retention = { time: 0, size: 0, percentage: 0 };
  },
});

export const storageConfigCodec = struct<StorageConfig>({
  goType: 'config.StorageConfig',
  fields: {
    tsdb: { codec: ptr(tsdbConfigCodec), ...o },
    exemplars: {
      codec: ptr(
        struct<ExemplarsConfig>({
          goType: 'config.ExemplarsConfig',
          fields: { max_exemplars: { codec: int64, ...o } },
          defaults: () => ({ max_exemplars: 0 }),
        }),
      ),
      ...o,
    },
  },
  defaults: () => ({ tsdb: undefined, exemplars: undefined }),
});

export interface TracingConfig {
  client_type: string;
  endpoint: string;
  sampling_fraction: number;
  insecure: boolean;
  tls_config: TLSConfig;
  headers: Record<string, string>;
  compression: string;
  timeout: number;
}

const tracingClientType = namedString('config.TracingClientType', (v, d) => {
  if (v !== 'http' && v !== 'grpc') d.fail(`expected tracing client type to be to be http or grpc, but got ${v}`);
});

export function zeroTracingConfig(): TracingConfig {
  return {
    client_type: '',
    endpoint: '',
    sampling_fraction: 0,
    insecure: false,
    tls_config: defaultTLSConfig(),
    headers: Object.create(null) as Record<string, string>,
    compression: '',
    timeout: 0,
  };
}

export const tracingConfigCodec = struct<TracingConfig>({
  goType: 'config.plain',
  fields: {
    client_type: { codec: tracingClientType, ...o },
    endpoint: { codec: str, ...o },
    sampling_fraction: { codec: float64, ...o },
    insecure: { codec: bool, ...o },
    tls_config: { codec: tlsConfigCodec, ...o },
    headers: { codec: stringMap(str), ...o },
    compression: { codec: str, ...o },
    timeout: { codec: duration, ...o },
  },
  defaults: () => ({ ...zeroTracingConfig(), client_type: 'grpc' }),
  validate(t, d) {
    const herr = validateHeaders(t.headers, true);
    if (herr) d.fail(herr);
    if (t.endpoint === '') d.fail('tracing endpoint must be set');
    if (t.compression !== '' && t.compression !== 'gzip') d.fail(`invalid compression type ${t.compression} provided, valid options: gzip`);
  },
});

export function setTracingDirectory(t: TracingConfig, dir: string): void {
  setTLSDirectory(t.tls_config, dir);
}

export interface OTLPConfig {
  promote_all_resource_attributes: boolean;
  promote_resource_attributes: string[];
  ignore_resource_attributes: string[];
  translation_strategy: string;
  keep_identifying_resource_attributes: boolean;
  convert_histograms_to_nhcb: boolean;
  promote_scope_metadata: boolean;
  label_name_underscore_sanitization: boolean;
  label_name_preserve_multiple_underscores: boolean;
}

export function defaultOTLPConfig(): OTLPConfig {
  return {
    promote_all_resource_attributes: false,
    promote_resource_attributes: [],
    ignore_resource_attributes: [],
    translation_strategy: 'UnderscoreEscapingWithSuffixes',
    keep_identifying_resource_attributes: false,
    convert_histograms_to_nhcb: false,
    promote_scope_metadata: false,
    label_name_underscore_sanitization: true,
    label_name_preserve_multiple_underscores: true,
  };
}

function sanitizeAttributes(attrs: string[], adjective: string): string | null {
  const seen = new Set<string>();
  const errs: string[] = [];
  attrs.forEach((raw, i) => {
    const attr = raw.trim();
    if (attr === '') {
      errs.push(`empty ${adjective} OTel resource attribute`);
      return;
    }
    if (seen.has(attr)) {
      errs.push(`duplicated ${adjective} OTel resource attribute ${goQuote(attr)}`);
      return;
    }
    seen.add(attr);
    attrs[i] = attr;
  });
  return errs.length > 0 ? errs.join('\n') : null;
}

function validateOTLP(c: OTLPConfig, d: Decoder): void {
  if (c.promote_all_resource_attributes) {
    if (c.promote_resource_attributes.length > 0) {
      d.fail("'promote_all_resource_attributes' and 'promote_resource_attributes' cannot be configured simultaneously");
    }
    const err = sanitizeAttributes(c.ignore_resource_attributes, 'ignored');
    if (err) d.fail(`invalid 'ignore_resource_attributes': ${err}`);
  } else {
    if (c.ignore_resource_attributes.length > 0) {
      d.fail("'ignore_resource_attributes' cannot be configured unless 'promote_all_resource_attributes' is true");
    }
    const err = sanitizeAttributes(c.promote_resource_attributes, 'promoted');
    if (err) d.fail(`invalid 'promote_resource_attributes': ${err}`);
  }
}

export const otlpConfigCodec = struct<OTLPConfig>({
  goType: 'config.plain',
  fields: {
    promote_all_resource_attributes: { codec: bool, ...o },
    promote_resource_attributes: { codec: stringList, ...o },
    ignore_resource_attributes: { codec: stringList, ...o },
    translation_strategy: { codec: str, ...o },
    keep_identifying_resource_attributes: { codec: bool, ...o },
    convert_histograms_to_nhcb: { codec: bool, ...o },
    promote_scope_metadata: { codec: bool, ...o },
    label_name_underscore_sanitization: { codec: bool, ...o },
    label_name_preserve_multiple_underscores: { codec: bool, ...o },
  },
  defaults: defaultOTLPConfig,
  validate: validateOTLP,
});
