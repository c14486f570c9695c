import type { Fingerprinter } from "../Fingerprint.ts"
import type { CourseType } from "../model/Values.ts"
import type { Value } from "../Plan.ts"
import type { AnyItemsRule as AnyItems, AnyRule, Resolve } from "../RuleTypes.ts"

/** A record in canonical form: mapped field name → normalised value; nested items keyed by the rule's key. */
export type Canonical = { readonly [field: string]: Value }

const applies = (only: CourseType | undefined, type: CourseType | undefined) => only === undefined || only === type

/** The key a replica item is compared under: its stamped master id, or its own id when it carries none. */
export const replicaItemKey = (items: AnyItems, item: unknown): string =>
  items.replicaKey(item) ?? `docebo:${items.replicaId(item)}`

const byKey = <T>(list: ReadonlyArray<T>, key: (item: T) => string): ReadonlyArray<T> => {
  for (let i = 1; i < list.length; i++) {
    // biome-ignore lint/style/noNonNullAssertion: indices are within bounds
    if (key(list[i - 1]!) > key(list[i]!)) return [...list].sort((a, b) => (key(a) < key(b) ? -1 : 1))
  }
  return list
}

/** The fingerprint of the master's mapped fields (what a link records as last synced), streamed without objects. */
export const fingerprintMaster = (
  rule: AnyRule,
  record: unknown,
  resolve: Resolve,
  type: CourseType | undefined,
  fp: Fingerprinter,
): string => {
  fp.reset()
  for (const field of rule.fields) if (applies(field.only, type)) fp.value(field.master(record, resolve))
  const items = rule.items
  if (items !== undefined) {
    for (const item of byKey(items.master(record), items.masterKey)) {
      fp.value(items.masterKey(item))
      for (const field of items.fields) if (applies(field.only, type)) fp.value(field.master(item, record, resolve))
    }
  }
  return fp.digest()
}

const sameValue = (a: Value, b: Value): boolean => {
  if (a === b) return true
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (!sameValue(a[i] as Value, b[i] as Value)) return false
  return true
}

/**
 * Whether the replica already holds exactly the master's mapped values: field by field, stopping at the first
 * difference, without building either canonical record. This is the hot path: on a quiet tenant nearly every record
 * ends here, so it allocates nothing it can avoid and never hashes.
 */
export const sameMapped = (
  rule: AnyRule,
  master: unknown,
  replica: unknown,
  resolve: Resolve,
  type: CourseType | undefined,
): boolean => {
  for (const field of rule.fields) {
    if (applies(field.only, type) && !sameValue(field.master(master, resolve), field.replica(replica, resolve))) {
      return false
    }
  }
  const items = rule.items
  if (items === undefined) return true
  const masterItems = items.master(master)
  const replicaItems = items.replica(replica)
  if (masterItems.length !== replicaItems.length) return false
  for (const item of masterItems) {
    const key = items.masterKey(item)
    let copy: unknown
    for (const candidate of replicaItems) {
      if (items.replicaKey(candidate) === key) {
        if (copy !== undefined) return false
        copy = candidate
      }
    }
    if (copy === undefined) return false
    for (const field of items.fields) {
      if (
        applies(field.only, type) &&
        !sameValue(field.master(item, master, resolve), field.replica(copy, replica, resolve))
      ) {
        return false
      }
    }
  }
  return true
}

const masterItem = (items: AnyItems, item: unknown, parent: unknown, resolve: Resolve, type?: CourseType) => {
  const out: Record<string, Value> = { [items.key]: items.masterKey(item) }
  for (const field of items.fields) if (applies(field.only, type)) out[field.name] = field.master(item, parent, resolve)
  return out
}

/** The master record in canonical form, items sorted by key. */
export const canonicalMaster = (rule: AnyRule, record: unknown, resolve: Resolve, type?: CourseType): Canonical => {
  const out: Record<string, Value> = {}
  for (const field of rule.fields) if (applies(field.only, type)) out[field.name] = field.master(record, resolve)
  const items = rule.items
  if (items !== undefined) {
    out[items.name] = byKey(items.master(record), items.masterKey).map((item) =>
      masterItem(items, item, record, resolve, type),
    )
  }
  return out
}

/** One master item in canonical form (for an item added to an existing record). */
export const canonicalMasterItem = masterItem

/**
 * The replica record in canonical form. `keyOf` gives each replica item the key it is compared under (pairing may
 * give a replica item the key of the master item that replaces it); items for which it returns null are left out.
 */
export const canonicalReplica = (
  rule: AnyRule,
  record: unknown,
  resolve: Resolve,
  type: CourseType | undefined,
  keyOf?: (item: unknown) => string | null,
): Canonical => {
  const out: Record<string, Value> = {}
  for (const field of rule.fields) if (applies(field.only, type)) out[field.name] = field.replica(record, resolve)
  const items = rule.items
  if (items !== undefined) {
    const list: Array<Record<string, Value>> = []
    for (const item of items.replica(record)) {
      const key = keyOf ? keyOf(item) : replicaItemKey(items, item)
      if (key === null) continue
      const row: Record<string, Value> = { [items.key]: key }
      for (const field of items.fields)
        if (applies(field.only, type)) row[field.name] = field.replica(item, record, resolve)
      list.push(row)
    }
    list.sort((a, b) => ((a[items.key] as string) < (b[items.key] as string) ? -1 : 1))
    out[items.name] = list
  }
  return out
}
