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

/**
 * The one replica item with the master item's natural key, when no other master item has that key too; undefined
 * otherwise (not in step either way: pairing says which, or that it cannot tell).
 */
const onlyCopy = (
  items: AnyItemsRule,
  masterItems: ReadonlyArray<unknown>,
  replicaItems: ReadonlyArray<unknown>,
  item: unknown,
): unknown => {
  let copy: unknown
  for (let j = 0; j < replicaItems.length; j++) {
    const candidate = replicaItems[j]
    if (items.sameKey(item, candidate)) {
      if (copy !== undefined) return undefined
      copy = candidate
    }
  }
  if (copy === undefined) return undefined
  for (let i = 0; i < masterItems.length; i++) {
    const other = masterItems[i]
    if (other !== item && items.sameKey(other, copy)) return undefined
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
    const copy = onlyCopy(items, masterItems, replicaItems, item)
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
