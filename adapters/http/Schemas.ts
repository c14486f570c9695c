import { Schema } from "effect"

/** A domain field read from the vendor's `key`: the rename lives beside the field. */
export const renamed = <S extends Schema.Schema.Any, K extends string>(key: K, schema: S) =>
  Schema.propertySignature(schema).pipe(Schema.fromKey(key))

/** An id the integration stamped on a record, or none; an empty string means none too. */
export const OptionalRef = <A extends string>(ref: Schema.Schema<A, string>) =>
  Schema.transform(Schema.NullOr(Schema.String), Schema.NullOr(ref), {
    strict: true,
    decode: (value) => (value === "" ? null : value),
    encode: (value) => value,
  })
