import type { AnyItemsRule } from "../RuleTypes.ts"
import { replicaItemKey } from "./Canonical.ts"

export interface PairedItems {
  /** The key each replica item is compared under, or null for an item that is to be removed or left alone. */
  readonly keyOf: (item: unknown) => string | null
  /** Master item key → replica item id, for items that exist on the replica. */
  readonly targets: Readonly<Record<string, string>>
  readonly removed: ReadonlyArray<unknown>
  /** Natural keys shared by more than one item on a side where a replica item has it: never guessed at. */
  readonly ambiguous: ReadonlyArray<string>
}

const group = <T>(items: ReadonlyArray<T>, key: (item: T) => string): Map<string, Array<T>> => {
  const out = new Map<string, Array<T>>()
  for (const item of items) {
    const k = key(item)
    const list = out.get(k)
    if (list) list.push(item)
    else out.set(k, [item])
  }
  return out
}

/**
 * Matches replica items to master items by their natural key: a replica item with the key of exactly one master item
 * is its copy. A key that two items of one side share is ambiguous: its items are neither paired, created nor removed.
 * Items left over on both sides are paired in natural-key order, so a slot that TO moved updates the existing Docebo
 * event instead of deleting it (which would drop its attendance) and creating another. What is still left on the
 * replica is to be removed.
 */
export const pairItems = (
  rule: AnyItemsRule,
  masters: ReadonlyArray<unknown>,
  replicas: ReadonlyArray<unknown>,
): PairedItems => {
  const mastersByKey = group(masters, rule.naturalKey)
  const replicasByKey = group(replicas, rule.naturalKey)
  const keys = new Map<unknown, string>()
  const targets: Record<string, string> = {}
  const ambiguous: string[] = []
  const fresh: Array<unknown> = []
  const unmatched: Array<unknown> = []
  for (const [key, copies] of replicasByKey) {
    const originals = mastersByKey.get(key) ?? []
    if (originals.length === 0) unmatched.push(...copies)
    else if (originals.length > 1 || copies.length > 1) ambiguous.push(key)
    else {
      const [original, copy] = [originals[0], copies[0]]
      keys.set(copy, rule.masterKey(original))
      targets[rule.masterKey(original)] = rule.replicaId(copy)
    }
  }
  for (const [key, originals] of mastersByKey) if (!replicasByKey.has(key)) fresh.push(...originals)
  const byOrder = (a: unknown, b: unknown) => {
    const left = `${rule.naturalKey(a)} ${replicaItemKey(rule, a)}`
    const right = `${rule.naturalKey(b)} ${replicaItemKey(rule, b)}`
    return left < right ? -1 : left > right ? 1 : 0
  }
  const leftovers = unmatched.sort(byOrder)
  const sortedFresh = fresh.sort((a, b) => {
    const left = `${rule.naturalKey(a)} ${rule.masterKey(a)}`
    const right = `${rule.naturalKey(b)} ${rule.masterKey(b)}`
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
  return { keyOf: (item) => keys.get(item) ?? null, targets, removed, ambiguous: ambiguous.sort() }
}
