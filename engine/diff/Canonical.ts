import type { Fingerprinter } from "../Fingerprint.ts"
import type { CourseType } from "../model/Values.ts"
import type { Value } from "../Plan.ts"
import type { AnyItemsRule as AnyItems, AnyRule, Resolve } from "../RuleTypes.ts"

/** A record in canonical form: mapped field name → normalised value; nested items keyed by the rule's key. */
export type Canonical = { readonly [field: string]: Value }

const applies = (only: CourseType | undefined, type: CourseType | undefined) => only === undefined || only === type

/** The key a replica item is compared under when no master item is paired with it: its own id. */
export const replicaItemKey = (items: AnyItems, item: unknown): string => `docebo:${items.replicaId(item)}`

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
