import type { Value } from "../Plan.ts"
import type { AnyRule } from "../RuleTypes.ts"
import type { Canonical } from "./Canonical.ts"

/** Per reference kind, canonical id → the op in this plan that creates (or adopts) it. */
export type PendingRefs = ReadonlyMap<string, ReadonlyMap<string, string>>

/** Marker for a master-side reference with no counterpart on the replica; it never equals a real id. */
export const unresolved = (kind: string, id: string) => `?${kind}:${id}`

const idsIn = (value: Value | undefined): ReadonlyArray<string> =>
  typeof value === "string" ? [value] : Array.isArray(value) ? value.filter((v) => typeof v === "string") : []

const eachRef = (rule: AnyRule, record: Canonical, visit: (kind: string, id: string) => void) => {
  for (const field of rule.fields) {
    if (field.ref) for (const id of idsIn(record[field.name])) visit(field.ref, id)
  }
  const items = rule.items
  if (!items) return
  for (const item of (record[items.name] ?? []) as ReadonlyArray<Canonical>) {
    for (const field of items.fields) {
      if (field.ref) for (const id of idsIn(item[field.name])) visit(field.ref, id)
    }
  }
}

/** References of a desired record that cannot be resolved on the replica side (the op must be blocked). */
export const unresolvedRefs = (rule: AnyRule, record: Canonical): ReadonlyArray<string> => {
  const missing = new Set<string>()
  eachRef(rule, record, (_kind, id) => {
    if (id.startsWith("?")) missing.add(id.slice(1))
  })
  return [...missing].sort()
}

/** The ops this desired record waits for: those creating the records it refers to. */
export const dependenciesOf = (rule: AnyRule, record: Canonical, pending: PendingRefs): string[] => {
  const found = new Set<string>()
  eachRef(rule, record, (kind, id) => {
    const op = pending.get(kind)?.get(id)
    if (op !== undefined) found.add(op)
  })
  return [...found].sort()
}
