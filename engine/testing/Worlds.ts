/** Helpers for planner tests: a world of both snapshots and the store, planned and applied in memory. */
import { type PlanOptions, plan as planWorld } from "../Diff.ts"
import type { Link, StoreSnapshot } from "../model/Store.ts"
import type { Op, PlanBody } from "../Plan.ts"
import type { DoceboStamps } from "../Stamps.ts"
import { doceboSnapshot, storeSnapshot, toSnapshot } from "./Builders.ts"
import { applyPlan, type World } from "./MemoryApply.ts"

export const world = (
  over: Partial<{
    docebo: Partial<World["docebo"]>
    to: Partial<World["to"]>
    store: Partial<StoreSnapshot>
    stamps: DoceboStamps
  }> = {},
): World => ({
  docebo: doceboSnapshot(over.docebo),
  to: toSnapshot(over.to),
  store: storeSnapshot(over.store),
  ...(over.stamps ? { stamps: over.stamps } : {}),
})

export const planOf = (w: World, options?: PlanOptions): PlanBody =>
  planWorld(w.docebo, w.to, w.store, { ...(w.stamps ? { stamps: w.stamps } : {}), ...options })

/** Plans and applies until nothing ready is left (at most a few rounds), returning the settled world. */
export const settle = (w: World, options: { approveHeld?: boolean } = {}): World => {
  let current = w
  for (let round = 0; round < 3; round++) {
    const planned = planOf(current)
    if (!planned.ops.some((op) => op.status === "ready" || (options.approveHeld && op.status === "held")))
      return current
    current = applyPlan(current, planned, options)
  }
  return current
}

export const opsFor = (planned: PlanBody, entity: Op["entity"], system?: Op["system"]): ReadonlyArray<Op> =>
  planned.ops.filter((op) => op.entity === entity && (system === undefined || op.system === system))

export const onlyOp = (planned: PlanBody, entity: Op["entity"], system?: Op["system"]): Op => {
  const ops = opsFor(planned, entity, system)
  if (ops.length !== 1)
    throw new Error(`expected one ${entity} op, got ${ops.length}: ${ops.map((o) => o.id).join(", ")}`)
  return ops[0] as Op
}

export const changeOf = (op: Op, path: string) => op.changes.find((change) => change.path === path)

export const link = (docebo: string, to: string, fingerprint = ""): Link => ({ docebo, to, fingerprint })
