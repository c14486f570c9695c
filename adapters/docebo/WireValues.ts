import { Schema } from "effect"

/** An integer id as Docebo sends it (a number; some tenants send numeric strings), kept as text in the domain. */
export const NumericId = <A extends string>(id: Schema.Schema<A, string>) =>
  Schema.transform(Schema.Union(Schema.Int, Schema.compose(Schema.NumberFromString, Schema.Int)), id, {
    strict: true,
    decode: (value) => String(value),
    encode: (value) => Number(value),
  })

/** Docebo's flags are 0/1 [seen]; `"0"`/`"1"` and booleans are read too. */
export const Flag = Schema.transform(Schema.Union(Schema.Literal(0, 1, "0", "1"), Schema.Boolean), Schema.Boolean, {
  strict: true,
  decode: (value) => value === true || value === 1 || value === "1",
  encode: (value) => (value ? 1 : 0),
})
