/**
 * Both systems and the store in memory: applies a plan's ops through the same pure steps as the real apply (op →
 * writes, writes → what the systems hold, op → store changes), with ids made up the way the systems make them.
 * The planner's laws are checked against it.
 */
import { applyStoreChanges, storeChangesOf } from "../Bookkeeping.ts"
import { Mirror } from "../Mirror.ts"
import type { DoceboSnapshot } from "../model/Docebo.ts"
import type { StoreSnapshot } from "../model/Store.ts"
import type { ToSnapshot } from "../model/Training.ts"
import { type IdMap, type StepWrite, writesOf } from "../OpWrites.ts"
import type { PlanBody } from "../Plan.ts"
import type { WriteResult } from "../Writes.ts"

export interface World {
  readonly docebo: DoceboSnapshot
  readonly to: ToSnapshot
  readonly store: StoreSnapshot
}

/** What a system answers to a write: new ids for what it creates (events by their stamped slot id). */
const answer = (step: StepWrite, newId: (kind: string) => string): WriteResult => {
  const write = step.write
  switch (write.kind) {
    case "createSession":
      return {
        id: newId("session"),
        items: Object.fromEntries(write.events.map((e) => [e.externalId, newId("event")])),
      }
    case "createProvider":
      return { id: newId("provider"), siteId: newId("site") }
    default:
      return write.kind.startsWith("create") ? { id: newId(write.kind.slice("create".length).toLowerCase()) } : {}
  }
}

export const applyPlan = (world: World, planned: PlanBody, options: { readonly approveHeld?: boolean } = {}): World => {
  const mirror = new Mirror(world.docebo, world.to)
  let store = world.store
  let counter = 0
  const newId = (kind: string) => `mem-${kind}-${++counter}`
  const providers = new Map<string, string>()
  const ids: IdMap = {
    doceboOf: (entity, toId) => store.links[entity].find((link) => link.to === toId)?.docebo,
    providerOf: (ref) => (ref.startsWith("request:") ? providers.get(ref) : ref),
  }
  const done = new Set<string>()
  for (const op of planned.ops) {
    const approved = op.status === "ready" || (op.status === "held" && options.approveHeld === true)
    if (!approved || !op.dependsOn.every((id) => done.has(id))) continue
    const derived = writesOf(op, ids, { force: op.status === "held" })
    if ("unresolved" in derived) continue
    let created: string | undefined
    for (const step of derived.writes) {
      const result = answer(step, newId)
      mirror.apply(step, result)
      if (step.step === "main" || step.step === "session") created ??= result.id
    }
    const changes = storeChangesOf(op, op.action === "create" ? created : undefined, store)
    for (const change of changes) {
      if (change.kind === "resolveProviderRequests") {
        for (const id of change.requestIds) providers.set(`request:${id}`, change.providerId)
      }
    }
    store = applyStoreChanges(store, changes)
    done.add(op.id)
  }
  return { ...mirror.snapshots(), store }
}
