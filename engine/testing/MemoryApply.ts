/**
 * Applies a plan to a world held in memory, through the real `apply`, with in-memory systems and store behind its
 * ports. The planner's laws are checked against it.
 */
import { Effect, Layer } from "effect"
import { apply } from "../Apply.ts"
import type { DoceboSnapshot } from "../model/Docebo.ts"
import type { StoreSnapshot } from "../model/Store.ts"
import type { ToSnapshot } from "../model/Training.ts"
import type { PlanBody } from "../Plan.ts"
import type { DoceboStamps } from "../Stamps.ts"
import { makeMemoryStore } from "./MemoryStore.ts"
import { makeMemorySystems } from "./MemorySystems.ts"

export interface World {
  readonly docebo: DoceboSnapshot
  readonly to: ToSnapshot
  readonly store: StoreSnapshot
  /** Where the tenant keeps session stamps; the session code unless said. */
  readonly stamps?: DoceboStamps
}

export const applyPlan = (world: World, planned: PlanBody, options: { readonly approveHeld?: boolean } = {}): World => {
  const systems = makeMemorySystems(world, {}, world.stamps)
  const store = makeMemoryStore(world.store)
  const report = Effect.runSync(
    apply(planned, {
      runId: "memory",
      docebo: world.docebo,
      to: world.to,
      store: world.store,
      approveHeld: options.approveHeld ?? false,
    }).pipe(Effect.provide(Layer.merge(systems.layer, store.layer))),
  )
  return { ...systems.current(), store: report.store, ...(world.stamps ? { stamps: world.stamps } : {}) }
}
