/**
 * A service discovery mechanism as the config sees it: its YAML key (`<name>_sd_configs`), a
 * codec with upstream's fields, defaults and validation, and the paths to resolve against the
 * config file's directory. Each SD config object carries its mechanism name in `mechanism`
 * (not a YAML field) so that code can switch on it.
 */
import {
  type Codec,
  type Decoder,
  type Fields,
  type HTTPClientConfig,
  checkHTTPClientConfig,
  defaultHTTPClientConfig,
  httpClientFields,
  setHTTPClientDirectory,
  struct,
} from '../common/index.js';

export interface SDConfigBase {
  /** The mechanism name (upstream's Config.Name()): 'file', 'kubernetes', 'ec2', ... */
  readonly mechanism: string;
}

export interface Mechanism<T extends SDConfigBase = SDConfigBase> {
  readonly name: T['mechanism'];
  /** The YAML key in a scrape/Alertmanager config: `<name>_sd_configs` (or `static_configs`). */
  readonly key: string;
  readonly codec: Codec<T>;
  setDirectory(c: T, dir: string): void;
}

export interface MechanismDef<T extends SDConfigBase> {
  readonly name: T['mechanism'];
  /** The Go package, for `field x not found in type <pkg>.plain`. */
  readonly pkg: string;
  readonly fields: Fields<T>;
  readonly defaults: () => T;
  readonly validate?: (c: T, d: Decoder) => void;
  readonly setDirectory?: (c: T, dir: string) => void;
  readonly goType?: string;
}

export function mechanism<T extends SDConfigBase>(def: MechanismDef<T>): Mechanism<T> {
  const codec = struct<T>({
    goType: def.goType ?? `${def.pkg}.plain`,
    fields: def.fields,
    defaults: def.defaults,
    validate: def.validate ? (c, d): void => def.validate?.(c, d) : undefined,
  });
  return {
    name: def.name,
    key: def.name === 'static' ? 'static_configs' : `${def.name}_sd_configs`,
    codec,
    setDirectory: def.setDirectory ?? ((): void => undefined),
  };
}

export const omit = { omitempty: true } as const;

/** Fields, defaults, validation and directory handling for SD configs that inline the HTTP client config. */
export const httpInline = {
  fields: httpClientFields as Fields<HTTPClientConfig>,
  defaults: (): HTTPClientConfig => defaultHTTPClientConfig(),
  validate: checkHTTPClientConfig,
  setDirectory: setHTTPClientDirectory,
};

/** A named role-like string validated against a set (fatal error, like a Go UnmarshalYAML). */
export function oneOf(v: string, allowed: readonly string[], d: Decoder, message: string): void {
  if (!allowed.includes(v)) d.fail(message);
}
