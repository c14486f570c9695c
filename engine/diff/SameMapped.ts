import type { CourseType } from "../model/Values.ts"
import type { Value } from "../Plan.ts"
import type { AnyItemsRule, AnyRule, FieldRule, ItemFieldRule, Resolve } from "../RuleTypes.ts"

/** A rule's fields that apply to one course type (ILT and VILT sessions map different fields). */
export interface TypedFields {
  // biome-ignore lint/suspicious/noExplicitAny: the generic planner never looks inside records itself
  readonly fields: ReadonlyArray<FieldRule<any, any>>
  // biome-ignore lint/suspicious/noExplicitAny: as above
  readonly itemFields: ReadonlyArray<ItemFieldRule<any, any, any, any>>
}

/**
 * The rule's field lists per course type, filtered once per flow rather than field by field for every record.
 * Returns a lookup by type (undefined for entities without types).
 */
export const typedFields = (rule: AnyRule): ((type: CourseType | undefined) => TypedFields) => {
  const of = (type: CourseType | undefined): TypedFields => ({
    fields: rule.fields.filter((field) => field.only === undefined || field.only === type),
    itemFields: (rule.items?.fields ?? []).filter((field) => field.only === undefined || field.only === type),
  })
  const untyped = of(undefined)
  const ilt = of("ilt")
  const vilt = of("vilt")
  return (type) => (type === "ilt" ? ilt : type === "vilt" ? vilt : untyped)
}

const sameValue = (a: Value, b: Value): boolean => {
  if (a === b) return true
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (!sameValue(a[i] as Value, b[i] as Value)) return false
  return true
}

/** The one replica item stamped with `key`; undefined when none is, or when two are (not in step either way). */
const onlyCopy = (items: AnyItemsRule, replicaItems: ReadonlyArray<unknown>, key: string): unknown => {
  let copy: unknown
  for (let j = 0; j < replicaItems.length; j++) {
    const candidate = replicaItems[j]
    if (items.replicaKey(candidate) === key) {
      if (copy !== undefined) return undefined
      copy = candidate
    }
  }
  return copy
}

/**
 * Whether the replica already holds exactly the master's mapped values: field by field, stopping at the first
 * difference, without building either canonical record. This is the hot path: on a quiet tenant nearly every record
 * ends here, so it allocates nothing, never hashes, and loops over field lists already filtered by course type.
 */
export const sameMapped = (
  rule: AnyRule,
  typed: TypedFields,
  master: unknown,
  replica: unknown,
  resolve: Resolve,
): boolean => {
  const fields = typed.fields
  for (let i = 0; i < fields.length; i++) {
    // biome-ignore lint/style/noNonNullAssertion: indices are within bounds
    const field = fields[i]!
    const a = field.master(master, resolve)
    const b = field.replica(replica, resolve)
    if (a !== b && !sameValue(a, b)) return false
  }
  const items = rule.items
  if (items === undefined) return true
  const masterItems = items.master(master)
  const replicaItems = items.replica(replica)
  if (masterItems.length !== replicaItems.length) return false
  const itemFields = typed.itemFields
  for (let i = 0; i < masterItems.length; i++) {
    const item = masterItems[i]
    const copy = onlyCopy(items, replicaItems, items.masterKey(item))
    if (copy === undefined) return false
    for (let f = 0; f < itemFields.length; f++) {
      // biome-ignore lint/style/noNonNullAssertion: indices are within bounds
      const field = itemFields[f]!
      const a = field.master(item, master, resolve)
      const b = field.replica(copy, replica, resolve)
      if (a !== b && !sameValue(a, b)) return false
    }
  }
  return true
}
