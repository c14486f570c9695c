import type { AnyItemsRule } from "../RuleTypes.ts"
import { replicaItemKey } from "./Canonical.ts"

export interface PairedItems {
  /** The key each replica item is compared under, or null for an item that is to be removed. */
  readonly keyOf: (item: unknown) => string | null
  /** Master item key → replica item id, for items that exist on the replica. */
  readonly targets: Readonly<Record<string, string>>
  readonly removed: ReadonlyArray<unknown>
}

/**
 * Matches replica items to master items by the stamped id. Items left over on both sides are paired in date order,
 * so a slot that TO re-created with a new id updates the existing Docebo event instead of deleting it (which would
 * drop its attendance) and creating another. What is still left on the replica is to be removed.
 */
export const pairItems = (
  rule: AnyItemsRule,
  masters: ReadonlyArray<unknown>,
  replicas: ReadonlyArray<unknown>,
): PairedItems => {
  const masterKeys = new Set(masters.map(rule.masterKey))
  const keys = new Map<unknown, string>()
  const targets: Record<string, string> = {}
  const unmatched: Array<unknown> = []
  for (const item of replicas) {
    const key = rule.replicaKey(item)
    if (key !== null && masterKeys.has(key) && targets[key] === undefined) {
      keys.set(item, key)
      targets[key] = rule.replicaId(item)
    } else unmatched.push(item)
  }
  const byOrder = (a: unknown, b: unknown) => {
    const left = `${rule.order(a)} ${a === undefined ? "" : replicaItemKey(rule, a)}`
    const right = `${rule.order(b)} ${b === undefined ? "" : replicaItemKey(rule, b)}`
    return left < right ? -1 : left > right ? 1 : 0
  }
  const fresh = masters.filter((item) => targets[rule.masterKey(item)] === undefined)
  const leftovers = [...unmatched].sort(byOrder)
  const sortedFresh = [...fresh].sort((a, b) => {
    const left = `${rule.order(a)} ${rule.masterKey(a)}`
    const right = `${rule.order(b)} ${rule.masterKey(b)}`
    return left < right ? -1 : left > right ? 1 : 0
  })
  const removed: Array<unknown> = []
  leftovers.forEach((item, index) => {
    const partner = sortedFresh[index]
    if (partner === undefined) {
      removed.push(item)
      return
    }
    const key = rule.masterKey(partner)
    keys.set(item, key)
    targets[key] = rule.replicaId(item)
  })
  return { keyOf: (item) => keys.get(item) ?? null, targets, removed }
}
