/**
 * Trainers as the operator sees them: iltsync's assignments joined with the Docebo users and TO trainers as last
 * read, and the pure edits of the Trainers tab (add, edit, remove, assign a provider) on those assignments. An edit
 * only records what the operator wants (Docebo is the trainers' master: names and e-mail go to the Docebo user first,
 * then to TO); the sync that follows carries it out.
 */
import type { DoceboUser } from "../../engine/model/Docebo.ts"
import { DoceboUserId, ProviderRequestId, ToProviderId } from "../../engine/model/Ids.ts"
import type { ProviderRequest, TrainerAssignment, TrainerEdit } from "../../engine/model/Store.ts"
import type { ToTrainer, ToTrainingProvider } from "../../engine/model/Training.ts"

export interface TrainerView {
  readonly userId: string
  readonly firstName: string
  readonly lastName: string
  readonly email: string
  /** A TO provider id, or the id of a provider requested in iltsync and not created yet. */
  readonly trainingProviderId: string | null
  readonly active: boolean
  /** Edits not written to Docebo and TO yet. */
  readonly pending: boolean
}

export interface TrainerSources {
  readonly assignments: ReadonlyArray<TrainerAssignment>
  readonly users: ReadonlyArray<DoceboUser>
  readonly trainers: ReadonlyArray<ToTrainer>
  /** Docebo user id → TO trainer id, from the store's trainer links. */
  readonly links: ReadonlyMap<string, string>
}

/** The TO trainer of a user: the linked one, else one stamped with the user's id (an active one first). */
const toTrainerOf = (userId: string, sources: TrainerSources): ToTrainer | undefined => {
  const linked = sources.links.get(userId)
  const stamped = sources.trainers.filter((trainer) => trainer.id === linked || trainer.externalRef === userId)
  return stamped.find((trainer) => trainer.id === linked) ?? stamped.find((trainer) => trainer.active) ?? stamped[0]
}

/**
 * A TO trainer stamped with a user iltsync has no assignment for is that user's trainer (an installation taking over
 * an existing integration); the engine treats it so too.
 */
export const implicitAssignment = (trainer: ToTrainer): TrainerAssignment => ({
  userId: DoceboUserId.make(trainer.externalRef ?? ""),
  trainingProviderId: trainer.trainingProviderId,
  trainingProviderRequestId: null,
  removed: false,
  pending: null,
})

/** Every trainer: the assigned ones and the TO trainers stamped with a user iltsync has no record of. */
export const allAssignments = (sources: TrainerSources): ReadonlyArray<TrainerAssignment> => {
  const assigned = new Set<string>(sources.assignments.map((assignment) => assignment.userId))
  const implicit = new Map<string, TrainerAssignment>()
  for (const trainer of sources.trainers) {
    if (trainer.externalRef === null || assigned.has(trainer.externalRef) || implicit.has(trainer.externalRef)) continue
    implicit.set(trainer.externalRef, implicitAssignment(toTrainerOf(trainer.externalRef, sources) ?? trainer))
  }
  return [...sources.assignments, ...implicit.values()]
}

export const trainerView = (assignment: TrainerAssignment, sources: TrainerSources): TrainerView => {
  const user = sources.users.find((candidate) => candidate.id === assignment.userId)
  const trainer = toTrainerOf(assignment.userId, sources)
  const pending = assignment.pending
  return {
    userId: assignment.userId,
    firstName: pending?.firstName ?? user?.firstName ?? trainer?.firstName ?? "",
    lastName: pending?.lastName ?? user?.lastName ?? trainer?.lastName ?? "",
    email: pending?.email ?? user?.email ?? trainer?.email ?? "",
    trainingProviderId:
      assignment.trainingProviderId ?? assignment.trainingProviderRequestId ?? trainer?.trainingProviderId ?? null,
    active: !assignment.removed && (trainer === undefined || trainer.active),
    pending: pending !== null,
  }
}

export const trainerViews = (sources: TrainerSources): ReadonlyArray<TrainerView> =>
  allAssignments(sources)
    .map((assignment) => trainerView(assignment, sources))
    .sort(
      (a, b) =>
        a.lastName.localeCompare(b.lastName) ||
        a.firstName.localeCompare(b.firstName) ||
        a.userId.localeCompare(b.userId, "en", { numeric: true }),
    )

/** Where a trainer belongs: an existing TO provider, or a provider requested in iltsync. */
export type ProviderChoice =
  | { readonly kind: "provider"; readonly id: ToProviderId }
  | { readonly kind: "request"; readonly id: ProviderRequestId }
  | { readonly kind: "refused"; readonly reason: string }

export const chooseProvider = (
  id: string,
  providers: ReadonlyArray<ToTrainingProvider>,
  requests: ReadonlyArray<ProviderRequest>,
): ProviderChoice => {
  const provider = providers.find((candidate) => candidate.id === id)
  if (provider !== undefined) {
    // TO refuses new sessions with a deactivated provider, so a trainer placed there could not be scheduled.
    return provider.active
      ? { kind: "provider", id: ToProviderId.make(id) }
      : { kind: "refused", reason: `training provider "${provider.name}" is deactivated` }
  }
  if (requests.some((request) => request.kind === "create" && request.id === id)) {
    return { kind: "request", id: ProviderRequestId.make(id) }
  }
  return { kind: "refused", reason: `there is no training provider ${id}` }
}

const placed = (assignment: TrainerAssignment, choice: ProviderChoice): TrainerAssignment =>
  choice.kind === "provider"
    ? { ...assignment, trainingProviderId: choice.id, trainingProviderRequestId: null }
    : choice.kind === "request"
      ? { ...assignment, trainingProviderId: null, trainingProviderRequestId: choice.id }
      : assignment

const withEdit = (assignment: TrainerAssignment, edit: TrainerEdit): TrainerAssignment => ({
  ...assignment,
  pending: { ...(assignment.pending ?? {}), ...edit },
})

export interface NewTrainer {
  readonly userId: string
  readonly firstName: string
  readonly lastName: string
  readonly email: string
}

/** A user made a trainer (again): an instructor in Docebo with the names and e-mail given, then a TO trainer. */
export const addTrainer = (
  existing: TrainerAssignment | undefined,
  trainer: NewTrainer,
  choice: ProviderChoice,
): TrainerAssignment =>
  placed(
    withEdit(
      {
        userId: DoceboUserId.make(trainer.userId),
        trainingProviderId: existing?.trainingProviderId ?? null,
        trainingProviderRequestId: existing?.trainingProviderRequestId ?? null,
        removed: false,
        pending: existing?.pending ?? null,
      },
      { firstName: trainer.firstName, lastName: trainer.lastName, email: trainer.email, isInstructor: true },
    ),
    choice,
  )

export interface TrainerPatch {
  readonly firstName?: string
  readonly lastName?: string
  readonly email?: string
}

export const editTrainer = (
  assignment: TrainerAssignment,
  patch: TrainerPatch,
  choice: ProviderChoice | null,
): TrainerAssignment => {
  const edited = Object.keys(patch).length === 0 ? assignment : withEdit(assignment, patch)
  return choice === null ? edited : placed(edited, choice)
}

/**
 * The user becomes a learner (never deleted) and the TO trainer is deactivated. `user` is the Docebo user as last
 * read: when it is a learner already (a removal carried out, or one made in Docebo), there is nothing to write to it,
 * and an edit saying so would be one no sync ever writes, pending for good. So removing a trainer twice leaves it as
 * the first removal did.
 */
export const removeTrainer = (
  assignment: TrainerAssignment,
  user: Pick<DoceboUser, "isInstructor"> | undefined,
): TrainerAssignment => {
  const removed = { ...assignment, removed: true }
  if (user === undefined || user.isInstructor !== false) return withEdit(removed, { isInstructor: false })
  const { isInstructor: _, ...otherEdits } = assignment.pending ?? {}
  return { ...removed, pending: Object.keys(otherEdits).length > 0 ? otherEdits : null }
}

export const assignProvider = (assignment: TrainerAssignment, choice: ProviderChoice): TrainerAssignment =>
  placed(assignment, choice)
