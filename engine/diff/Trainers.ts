import type { DoceboUser } from "../model/Docebo.ts"
import { DoceboUserId, type ToProviderId } from "../model/Ids.ts"
import type { StoreSnapshot, TrainerAssignment } from "../model/Store.ts"
import type { ToSnapshot } from "../model/Training.ts"
import { email, text } from "../Normalise.ts"
import { type Change, type Op, opId, type Value } from "../Plan.ts"
import { type TrainerView, trainerRule } from "../Rules.ts"
import type { PlanInput } from "../RuleTypes.ts"
import { type FlowContext, flowInputOf } from "./Feed.ts"
import { type FlowResult, reconcileFlow } from "./Flow.ts"
import { type ProviderPlan, requestRef } from "./Providers.ts"
import { unresolved } from "./Refs.ts"

export interface TrainerPlan {
  readonly flow: FlowResult
  /** Operator edits written to the Docebo user first; keyed by user id for the ops that wait for them. */
  readonly doceboOps: ReadonlyArray<Op>
}

const editedFields = ["firstName", "lastName", "email", "isInstructor"] as const

const normalised = (field: (typeof editedFields)[number], value: string | boolean | null): Value =>
  value === null || typeof value === "boolean" ? value : field === "email" ? email(value) : text(value)

/**
 * The Docebo-side write of an operator's pending edits; removing a trainer turns the user into a learner. An edit
 * Docebo already shows (made there too, or the same edit twice) is adopted: nothing is written and it is no longer
 * pending, rather than pending for ever.
 */
const doceboEdit = (assignment: TrainerAssignment, user: DoceboUser): Op | undefined => {
  const pending = assignment.pending
  if (pending === null) return undefined
  const changes: Array<Change> = []
  for (const field of editedFields) {
    const wanted = pending[field]
    if (wanted === undefined) continue
    // A tenant that keeps no instructor mark reads as null (adapters/docebo/InstructorMark.ts): nothing to write there,
    // iltsync's own trainer list is the truth.
    if (field === "isInstructor" && user.isInstructor === null) continue
    const from = normalised(field, user[field])
    const to = normalised(field, wanted)
    if (from !== to) changes.push({ path: field, from, to })
  }
  const demotes = pending.isInstructor === false && user.isInstructor === true
  const action = changes.length === 0 ? "adopt" : demotes ? "deactivate" : "update"
  return {
    id: opId("docebo", "trainer", action, user.id),
    entity: "trainer",
    action,
    system: "docebo",
    key: user.id,
    changes,
    reason:
      action === "adopt"
        ? pending.isInstructor !== undefined && user.isInstructor === null && Object.keys(pending).length === 1
          ? `trainer ${user.username}: this Docebo tenant keeps no instructor mark, iltsync's trainer list is the truth: nothing to write`
          : `trainer ${user.username}'s edit in iltsync is in Docebo already: nothing to write`
        : demotes
          ? `trainer ${user.username} removed in iltsync: the Docebo user becomes a learner (never deleted)`
          : `trainer ${user.username} edited in iltsync: written to Docebo first (Docebo is master)`,
    status: "ready",
    dependsOn: [],
    target: { id: user.id },
  }
}

const providerOf = (
  assignment: TrainerAssignment,
  providers: ProviderPlan,
  adopted: ReadonlyMap<string, string>,
  to: ToSnapshot,
  known: ReadonlySet<string>,
): string | null => {
  const requestId = assignment.trainingProviderRequestId
  if (requestId !== null) {
    const ref = requestRef(requestId)
    const existing = adopted.get(ref)
    if (existing !== undefined) return existing
    // Only a provider being created in this plan can be waited for; anything else is an unresolved reference.
    return providers.pendingOps.has(ref) ? ref : unresolved("trainingProvider", ref)
  }
  const id = assignment.trainingProviderId
  if (id === null) return null
  return known.has(id) || !to.complete.trainingProviders ? id : unresolved("trainingProvider", id)
}

/**
 * A Docebo user iltsync has no record of, yet whose TO trainer is known (an installation taking over an existing
 * integration), is that user's trainer with its current provider, not a stray to deactivate. The link is asked first,
 * as the flow pairs them: a trainer adopted by its stamp keeps its user when TO's external_ref is later cleared or
 * changed, and a copy stamped with a user but linked to another never lends that user its provider.
 */
const implicitAssignments = (store: StoreSnapshot, to: ToSnapshot): ReadonlyArray<TrainerAssignment> => {
  const known = new Set<string>(store.trainers.map((assignment) => assignment.userId))
  // Links keep ids as plain strings (one table for every entity).
  const trainers = new Map<string, ToSnapshot["trainers"][number]>(to.trainers.map((trainer) => [trainer.id, trainer]))
  const linked = new Set<string>(store.links.trainer.map((link) => link.to))
  const found = new Map<string, TrainerAssignment>()
  const assume = (userId: DoceboUserId, trainingProviderId: ToProviderId | null) => {
    if (known.has(userId) || found.has(userId)) return
    found.set(userId, { userId, trainingProviderId, trainingProviderRequestId: null, removed: false, pending: null })
  }
  // The last of a user's links is the one the flow follows (LinkIndex.byKey).
  for (const link of [...store.links.trainer].reverse()) {
    assume(DoceboUserId.make(link.docebo), trainers.get(link.to)?.trainingProviderId ?? null)
  }
  for (const trainer of [...to.trainers].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (trainer.externalRef !== null && !linked.has(trainer.id)) assume(trainer.externalRef, trainer.trainingProviderId)
  }
  return [...found.values()]
}

/** Trainers flow from Docebo to TO; the operator's edits go to the Docebo user first. */
export const planTrainers = (
  input: PlanInput,
  context: FlowContext,
  providers: ProviderPlan,
  pending: Map<string, ReadonlyMap<string, string>>,
): TrainerPlan => {
  const { docebo, to, store } = input
  const users = new Map(docebo.users.map((user) => [user.id, user]))
  const known = new Set(to.trainingProviders.map((provider) => provider.id))
  const adopted = new Map<string, string>()
  for (const op of providers.ops) if (op.action === "adopt" && op.target) adopted.set(op.key, op.target.id)

  const doceboOps: Array<Op> = []
  const views: Array<TrainerView> = []
  for (const assignment of [...store.trainers, ...implicitAssignments(store, to)]) {
    const user = users.get(assignment.userId)
    if (!user) continue
    const edit = doceboEdit(assignment, user)
    if (edit) doceboOps.push(edit)
    const p = assignment.pending
    views.push({
      assignment,
      user,
      firstName: p?.firstName ?? user.firstName,
      lastName: p?.lastName ?? user.lastName,
      email: p?.email ?? user.email,
      // Where the tenant keeps no mark (null), a pending one is never written, so it decides nothing either: the
      // trainer list (`removed`) does.
      isInstructor: user.isInstructor === null ? null : (p?.isInstructor ?? user.isInstructor),
      trainingProvider: providerOf(assignment, providers, adopted, to, known),
    })
  }
  pending.set("user", new Map(doceboOps.map((op) => [op.key, op.id])))
  pending.set("trainingProvider", providers.pendingOps)

  const flow = reconcileFlow({ ...flowInputOf(trainerRule, input, context), masters: views })
  // A removal on the TO side waits for the Docebo user to be turned into a learner first.
  const editOf = new Map(doceboOps.map((op) => [op.key, op.id]))
  const ops = flow.ops.map((op) => {
    const edit = editOf.get(op.key)
    return edit === undefined || op.dependsOn.includes(edit) ? op : { ...op, dependsOn: [...op.dependsOn, edit].sort() }
  })
  return { flow: { ...flow, ops }, doceboOps }
}
