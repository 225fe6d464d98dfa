/**
 * A compact way to declare a Go config struct for the shared decoder: the field table gives
 * both the codec and the TypeScript shape; defaults overlay the Go zero values.
 */
import { type Codec, type Decoder, type FieldSpec, type Fields, struct, type YMap } from '../../config/common/index.js';

export type FieldTable = Readonly<Record<string, FieldSpec<unknown>>>;

/** The value shape a field table decodes to. */
export type ValueOf<F extends FieldTable> = {
  -readonly [K in keyof F]: F[K] extends { readonly codec: Codec<infer V> } ? V : never;
};

/** Field spec shorthands: `oe` omits the zero value on re-serialisation, `kp` keeps it. */
export function oe<V>(codec: Codec<V>): { readonly codec: Codec<V>; readonly omitempty: true } {
  return { codec, omitempty: true };
}
export function kp<V>(codec: Codec<V>): { readonly codec: Codec<V> } {
  return { codec };
}

export interface GoStructOptions<F extends FieldTable> {
  goType: string;
  fields: F;
  defaults?: () => Partial<ValueOf<F>>;
  validate?: (v: ValueOf<F>, d: Decoder, n: YMap) => void;
}

/** The Go zero value of every field, overlaid with the defaults. */
export function zeroOf<F extends FieldTable>(fields: F, defaults?: () => Partial<ValueOf<F>>): ValueOf<F> {
  const out: Record<string, unknown> = {};
  for (const [k, spec] of Object.entries(fields)) out[k] = spec.codec.zero();
  if (defaults) Object.assign(out, defaults());
  return out as ValueOf<F>;
}

/** A struct codec from a field table. */
export function goStruct<F extends FieldTable>(opts: GoStructOptions<F>): Codec<ValueOf<F>> {
  return struct<ValueOf<F>>({
    goType: opts.goType,
    fields: opts.fields as unknown as Fields<ValueOf<F>>,
    defaults: () => zeroOf(opts.fields, opts.defaults),
    ...(opts.validate ? { validate: opts.validate } : {}),
  });
}
