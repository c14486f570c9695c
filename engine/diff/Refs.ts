import type { Value } from "../Plan.ts"
import type { AnyRule } from "../RuleTypes.ts"
import type { Canonical } from "./Canonical.ts"

/** Per reference kind, canonical id → the op in this plan that creates (or adopts) it. */
export type PendingRefs = ReadonlyMap<string, ReadonlyMap<string, string>>

/** Marker for a master-side reference with no counterpart on the replica; it never equals a real id. */
export const unresolved = (kind: string, id: string) => `?${kind}:${id}`

/** Visits the ids a canonical value holds: the value itself when it is a string, its strings when it is a list. */
const eachId = (value: Value | undefined, kind: string, visit: (kind: string, id: string) => void) => {
  if (typeof value === "string") visit(kind, value)
  else if (Array.isArray(value)) for (const item of value) if (typeof item === "string") visit(kind, item)
}

const eachRef = (rule: AnyRule, record: Canonical, visit: (kind: string, id: string) => void) => {
  for (const field of rule.fields) if (field.ref) eachId(record[field.name], field.ref, visit)
  const items = rule.items
  if (!items) return
  for (const item of (record[items.name] ?? []) as ReadonlyArray<Canonical>) {
    for (const field of items.fields) if (field.ref) eachId(item[field.name], field.ref, visit)
  }
}

/** References of a desired record that cannot be resolved on the replica side (the op must be blocked). */
export const unresolvedRefs = (rule: AnyRule, record: Canonical): ReadonlyArray<string> => {
  // Nearly every record resolves: no set is made until a reference does not.
  let missing: Set<string> | undefined
  eachRef(rule, record, (_kind, id) => {
    if (id.startsWith("?")) {
      missing ??= new Set()
      missing.add(id.slice(1))
    }
  })
  return missing === undefined ? [] : [...missing].sort()
}

/** The ops this desired record waits for: those creating the records it refers to. */
export const dependenciesOf = (rule: AnyRule, record: Canonical, pending: PendingRefs): string[] => {
  let found: Set<string> | undefined
  eachRef(rule, record, (kind, id) => {
    const op = pending.get(kind)?.get(id)
    if (op !== undefined) {
      found ??= new Set()
      found.add(op)
    }
  })
  return found === undefined ? [] : [...found].sort()
}
