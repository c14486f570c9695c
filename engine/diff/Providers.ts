import type { ProviderRequest } from "../model/Store.ts"
import type { ToSnapshot } from "../model/Training.ts"
import { naturalKey } from "../Normalise.ts"
import { type Op, opId, type Warning } from "../Plan.ts"

export interface ProviderPlan {
  readonly ops: ReadonlyArray<Op>
  readonly warnings: ReadonlyArray<Warning>
  /** `request:<id>` → the op creating that provider, for trainers assigned to it. */
  readonly pendingOps: ReadonlyMap<string, string>
}

export const requestRef = (requestId: string) => `request:${requestId}`

/**
 * Training providers are mastered in TO; iltsync only carries the operator's requests there: create one (TO makes
 * its site too) or (de)activate one. A create whose provider already exists by name is adopted, so a request that
 * was applied before a crash is never applied twice.
 */
export const planProviders = (requests: ReadonlyArray<ProviderRequest>, to: ToSnapshot): ProviderPlan => {
  const ops: Array<Op> = []
  const warnings: Array<Warning> = []
  const pendingOps = new Map<string, string>()
  const byId = new Map(to.trainingProviders.map((provider) => [provider.id, provider]))
  // Of several (de)activation requests for one provider, the latest wins; request ids sort in the order made.
  const latest = new Map<string, string>()
  for (const request of requests) {
    if (request.kind !== "setActive") continue
    const known = latest.get(request.providerId)
    if (known === undefined || request.id > known) latest.set(request.providerId, request.id)
  }
  // Create requests for one name are one provider: the earliest request creates it, the others wait for it.
  const creators = new Map<string, string>()
  for (const request of requests) {
    if (request.kind !== "create") continue
    const name = naturalKey(request.name)
    const known = creators.get(name)
    if (known === undefined || request.id < known) creators.set(name, request.id)
  }
  for (const request of requests) {
    if (request.kind === "setActive" && latest.get(request.providerId) !== request.id) continue
    if (request.kind === "create") {
      const key = requestRef(request.id)
      const creator = creators.get(naturalKey(request.name))
      const matches = to.trainingProviders.filter((p) => naturalKey(p.name) === naturalKey(request.name))
      if (creator !== undefined && creator !== request.id && matches.length === 0) {
        pendingOps.set(key, opId("to", "trainingProvider", "create", requestRef(creator)))
        continue
      }
      const base = { entity: "trainingProvider", system: "to", key, dependsOn: [] } as const
      if (matches.length > 1) {
        const ids = matches
          .map((p) => p.id)
          .sort()
          .join(", ")
        ops.push({
          ...base,
          id: opId("to", "trainingProvider", "adopt", key),
          action: "adopt",
          changes: [],
          status: "blocked",
          reason: `ambiguous: ${matches.length} training providers are named "${request.name}" in Training Orchestra (${ids})`,
        })
      } else if (matches[0]) {
        ops.push({
          ...base,
          id: opId("to", "trainingProvider", "adopt", key),
          action: "adopt",
          changes: [],
          status: "ready",
          target: { id: matches[0].id },
          reason: `training provider "${request.name}" already exists in Training Orchestra`,
        })
      } else if (!to.complete.trainingProviders) {
        ops.push({
          ...base,
          id: opId("to", "trainingProvider", "create", key),
          action: "create",
          changes: [],
          status: "blocked",
          reason: `training provider "${request.name}": the provider listing was partial, so an existing one cannot be ruled out`,
        })
      } else {
        const id = opId("to", "trainingProvider", "create", key)
        pendingOps.set(key, id)
        ops.push({
          ...base,
          id,
          action: "create",
          changes: [
            { path: "active", from: null, to: true },
            { path: "name", from: null, to: request.name.trim() },
          ],
          status: "ready",
          reason: `training provider "${request.name}" requested in iltsync (Training Orchestra creates its site too)`,
        })
      }
      continue
    }
    const provider = byId.get(request.providerId)
    if (!provider) {
      if (to.complete.trainingProviders) {
        warnings.push({
          code: "training_provider_not_found",
          key: request.providerId,
          message: `training provider ${request.providerId} is not in Training Orchestra; its (de)activation is dropped`,
        })
      }
      continue
    }
    if (provider.active === request.active) {
      // Already so in TO: an op that writes nothing settles the request, so it never overrides TO later.
      ops.push({
        id: opId("to", "trainingProvider", "adopt", provider.id),
        entity: "trainingProvider",
        action: "adopt",
        system: "to",
        key: provider.id,
        changes: [],
        reason: `training provider "${provider.name}" is already ${request.active ? "active" : "inactive"} in Training Orchestra`,
        status: "ready",
        dependsOn: [],
        target: { id: provider.id },
      })
      continue
    }
    const action = request.active ? "update" : "deactivate"
    ops.push({
      id: opId("to", "trainingProvider", action, provider.id),
      entity: "trainingProvider",
      action,
      system: "to",
      key: provider.id,
      changes: [{ path: "active", from: provider.active, to: request.active }],
      reason: `training provider "${provider.name}" ${request.active ? "reactivated" : "deactivated"} in iltsync`,
      status: "ready",
      dependsOn: [],
      target: { id: provider.id },
    })
  }
  return { ops, warnings, pendingOps }
}
