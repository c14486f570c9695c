/**
 * What iltsync's store records once an op has been carried out: the link (with the fingerprint of what was synced,
 * the merge base of the next plan), and the operator records the op settled (a trainer's pending edits, provider
 * requests). Pure: the store adapter applies these changes in one transaction with the op's journal entry.
 */
import { ToProviderId } from "./model/Ids.ts"
import type { Link, LinkedEntity, StoreSnapshot } from "./model/Store.ts"
import { naturalKey } from "./Normalise.ts"
import type { Op } from "./Plan.ts"
import { entityRules } from "./Rules.ts"
import type { AnyRule } from "./RuleTypes.ts"

export type StoreChange =
  | { readonly kind: "link"; readonly entity: LinkedEntity; readonly link: Link }
  | { readonly kind: "unlink"; readonly entity: LinkedEntity; readonly docebo: string }
  | { readonly kind: "clearPending"; readonly userId: string }
  | {
      readonly kind: "resolveProviderRequests"
      readonly requestIds: ReadonlyArray<string>
      readonly providerId: ToProviderId
    }
  | { readonly kind: "dropActivationRequests"; readonly providerId: string }

/** The rule of each linked entity: a link is kept as (Docebo id, TO id) whichever side masters it. */
const ruleOf = new Map<string, AnyRule>(entityRules.map((rule) => [rule.entity, rule]))

/** The store changes of a carried-out op; `created` is the id of the record its create made, if any. */
export const storeChangesOf = (
  op: Op,
  created: string | undefined,
  store: StoreSnapshot,
): ReadonlyArray<StoreChange> => {
  if (op.entity === "trainingProvider") {
    const providerId = created ?? op.target?.id
    if (providerId === undefined) return []
    // A created or adopted provider carries out create requests (keyed `request:<id>`); an op on an existing
    // provider (keyed by its id) carries out its activation requests.
    if (op.key.startsWith("request:")) {
      // Requests for the same name are carried out by the one provider the earliest of them created.
      const request = store.providerRequests.find((r) => `request:${r.id}` === op.key)
      const sameName = store.providerRequests.filter(
        (r) => r.kind === "create" && request?.kind === "create" && naturalKey(r.name) === naturalKey(request.name),
      )
      const requestIds = (sameName.length > 0 ? sameName : request ? [request] : []).map((r) => r.id)
      return [{ kind: "resolveProviderRequests", requestIds, providerId: ToProviderId.make(providerId) }]
    }
    return [{ kind: "dropActivationRequests", providerId }]
  }
  if (op.entity === "trainer" && op.system === "docebo") return [{ kind: "clearPending", userId: op.key }]
  const rule = ruleOf.get(op.entity)
  // An op on the master's own record (TO's reconfiguration flag on a session) changes no link.
  if (rule === undefined || op.system !== rule.replica) return []
  const entity = rule.entity
  const replicaId = created ?? op.target?.id
  if (op.action === "delete") return op.target ? [{ kind: "unlink", entity, docebo: op.target.id }] : []
  if (op.action === "deactivate" || replicaId === undefined) return []
  const fingerprint = op.fingerprint ?? ""
  const link: Link =
    rule.master === "docebo"
      ? { docebo: op.key, to: replicaId, fingerprint }
      : { docebo: replicaId, to: op.key, fingerprint }
  return [{ kind: "link", entity, link }]
}

/** The store snapshot with the changes applied (links replace any link of either id). */
export const applyStoreChanges = (store: StoreSnapshot, changes: ReadonlyArray<StoreChange>): StoreSnapshot => {
  let next = store
  for (const change of changes) {
    switch (change.kind) {
      case "link": {
        const others = next.links[change.entity].filter(
          (l) => l.docebo !== change.link.docebo && l.to !== change.link.to,
        )
        next = { ...next, links: { ...next.links, [change.entity]: [...others, change.link] } }
        break
      }
      case "unlink":
        next = {
          ...next,
          links: {
            ...next.links,
            [change.entity]: next.links[change.entity].filter((l) => l.docebo !== change.docebo),
          },
        }
        break
      case "clearPending":
        next = {
          ...next,
          trainers: next.trainers.map((t) => (t.userId === change.userId ? { ...t, pending: null } : t)),
        }
        break
      case "resolveProviderRequests": {
        const ids = new Set(change.requestIds)
        next = {
          ...next,
          providerRequests: next.providerRequests.filter((r) => !ids.has(r.id)),
          trainers: next.trainers.map((t) =>
            t.trainingProviderRequestId !== null && ids.has(t.trainingProviderRequestId)
              ? { ...t, trainingProviderRequestId: null, trainingProviderId: change.providerId }
              : t,
          ),
        }
        break
      }
      case "dropActivationRequests":
        next = {
          ...next,
          providerRequests: next.providerRequests.filter(
            (r) => r.kind !== "setActive" || r.providerId !== change.providerId,
          ),
        }
        break
    }
  }
  return next
}
