/**
 * A vendor's record ⇄ the domain, built from the rules: each domain field the rules map is read from and written
 * under the key their sides give it, with the domain schema's own type for that field (or the wire's, where the
 * vendor writes a value otherwise: Docebo's numeric ids). Only what no rule maps (ids, counts, time stamps) is
 * named by hand, in each adapter's Mapping.ts.
 */
import { Schema } from "effect"
import type { VendorKey } from "../../engine/RuleTypes.ts"
import { definedOnly } from "./Request.ts"

/** One field of a vendor record: its key in the vendor's JSON and the schema of its value there. */
export interface VendorField {
  readonly key: string
  readonly schema: Schema.Schema.AnyNoContext
  /** Absent from some answers (a field a tenant may not have yet): read as absent rather than refused. */
  readonly optional: boolean
}

export type VendorFields = Readonly<Record<string, VendorField>>

/** The schema of a struct field, and whether it may be absent (a field made `Schema.optional`). */
const fieldSchema = (field: Schema.Struct.Field): { schema: Schema.Schema.AnyNoContext; optional: boolean } => {
  if (Schema.isSchema(field)) return { schema: field as Schema.Schema.AnyNoContext, optional: false }
  const ast = field.ast
  if (ast._tag === "PropertySignatureDeclaration") {
    return { schema: Schema.make(ast.type) as Schema.Schema.AnyNoContext, optional: ast.isOptional }
  }
  if (ast._tag === "PropertySignatureTransformation") {
    return { schema: Schema.make(ast.to.type) as Schema.Schema.AnyNoContext, optional: ast.to.isOptional }
  }
  return { schema: Schema.make(ast) as Schema.Schema.AnyNoContext, optional: false }
}

/**
 * A vendor record's fields: the rules' keys for the domain fields they map (`mapped`), the domain schema's type for
 * each unless `wire` gives the vendor's own, and the fields no rule maps (`unmapped`: path → key and schema).
 */
export const vendorFields = (
  domain: Schema.Struct.Fields,
  mapped: ReadonlyArray<VendorKey>,
  options: {
    readonly wire?: Readonly<Record<string, Schema.Schema.AnyNoContext>>
    readonly unmapped?: Readonly<
      Record<string, { readonly key: string; readonly schema: Schema.Schema.AnyNoContext; readonly optional?: boolean }>
    >
  } = {},
): VendorFields => {
  const out: Record<string, VendorField> = {}
  for (const { path, key } of mapped) {
    const field = domain[path]
    if (field === undefined) throw new Error(`the rules map ${path}, which the domain record does not have`)
    const own = fieldSchema(field)
    out[path] = { key, schema: options.wire?.[path] ?? own.schema, optional: own.optional }
  }
  for (const [path, { key, schema, optional }] of Object.entries(options.unmapped ?? {})) {
    out[path] = { key, schema: options.wire?.[path] ?? schema, optional: optional ?? false }
  }
  return out
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/**
 * The record with each dotted key's nested value copied to the top level under the dotted key itself, so that one
 * flat struct reads it and a problem is named by its path (`schedule.date`). A null object on the way (an event
 * without a `location`) makes the value null; a missing one leaves it missing.
 */
const liftDotted = (keys: ReadonlyArray<string>) => (input: unknown) => {
  if (!isObject(input)) return input
  const out: Record<string, unknown> = { ...input }
  for (const key of keys) {
    let node: unknown = input
    for (const part of key.split(".")) {
      if (node === null) break
      node = isObject(node) && Object.hasOwn(node, part) ? node[part] : undefined
      if (node === undefined) break
    }
    if (node !== undefined) out[key] = node
  }
  return out
}

const setAt = (body: Record<string, unknown>, key: string, value: unknown) => {
  const parts = key.split(".")
  let node = body
  for (const part of parts.slice(0, -1)) {
    const next = node[part]
    node[part] = isObject(next) ? next : {}
    node = node[part] as Record<string, unknown>
  }
  node[parts.at(-1) ?? key] = value
}

/** The lifted record nested again, for encoding. */
const nestDotted = (keys: ReadonlyArray<string>) => (output: unknown) => {
  if (!isObject(output)) return output
  const out: Record<string, unknown> = { ...output }
  for (const key of keys) {
    if (!Object.hasOwn(out, key)) continue
    const value = out[key]
    delete out[key]
    setAt(out, key, value)
  }
  return out
}

/**
 * The decoder of a vendor record into the domain record `A`. Built from data, so its type is asserted once here:
 * every field of `A` is among `fields` (the adapters' contract tests decode real-shaped answers with it). A dotted key
 * is read from the nested object it names.
 */
export const vendorDecoder = <A>(fields: VendorFields): Schema.Schema<A, unknown> => {
  const flat = Schema.Struct(
    Object.fromEntries(
      Object.entries(fields).map(([path, field]) => [
        path,
        (field.optional ? Schema.optional(field.schema) : Schema.propertySignature(field.schema)).pipe(
          Schema.fromKey(field.key),
        ),
      ]),
    ),
  )
  const dotted = Object.values(fields)
    .map((field) => field.key)
    .filter((key) => key.includes("."))
  if (dotted.length === 0) return flat as unknown as Schema.Schema<A, unknown>
  const lifted = Schema.transform(Schema.Unknown, Schema.Unknown, {
    strict: true,
    decode: liftDotted(dotted),
    encode: nestDotted(dotted),
  })
  return Schema.compose(lifted, flat, { strict: false }) as unknown as Schema.Schema<A, unknown>
}

/** A write body: each field given (undefined ones left out), encoded for the wire under its key (`a.b` nests). */
export const vendorBody =
  (fields: VendorFields) =>
  (values: object): Record<string, unknown> => {
    const body: Record<string, unknown> = {}
    for (const [path, value] of Object.entries(definedOnly(values as Record<string, unknown>))) {
      const field = fields[path]
      // A field with nowhere to go would be lost without a word: that is a rule or a mapping missing, a bug.
      if (field === undefined) throw new Error(`no vendor key for ${path}`)
      setAt(body, field.key, Schema.encodeSync(field.schema)(value))
    }
    return body
  }

/** The vendor keys of some fields, for filters and sort parameters that name them. */
export const keyOf = (fields: VendorFields, path: string): string => fields[path]?.key ?? path
