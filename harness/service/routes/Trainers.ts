/**
 * The Trainers tab: list; add users as trainers of a provider with their names and e-mail; edit one; remove one or
 * many (the Docebo user becomes a learner, never deleted; the TO trainer is deactivated and its sessions flagged);
 * assign many to a provider. Each change is recorded, logged per user, then carried out at once by a sync limited to
 * trainers (and sessions, for a removal). The answer says how that sync went; what it could not do, the next one does.
 */
import { Effect, Either, Schema } from "effect"
import { Hono } from "hono"
import { Store } from "../../../adapters/store/Store.ts"
import type { DoceboUserId } from "../../../engine/model/Ids.ts"
import type { TrainerAssignment } from "../../../engine/model/Store.ts"
import type { Entity } from "../../../engine/Plan.ts"
import { DoceboPort, RequestPriority } from "../../../engine/Ports.ts"
import type { ServiceEnv } from "../Auth.ts"
import { DoceboId, decodeBody, decodeParam, Email, NonEmptyList, Text, VendorId } from "../Body.ts"
import { isoNow } from "../Clock.ts"
import { type ActionEvent, callerOf, logActions, type RouteDeps, type ServiceContext } from "../Http.ts"
import { mirroredProviders, mirroredTrainers, mirroredUsers } from "../Mirrored.ts"
import { badInput, notFound, Problem, problemOf, unprocessable } from "../Problem.ts"
import { Runner } from "../Runner.ts"
import { Systems } from "../Systems.ts"
import {
  addTrainer,
  allAssignments,
  assignProvider,
  chooseProvider,
  editTrainer,
  type ProviderChoice,
  removeTrainer,
  type TrainerSources,
  trainerView,
  trainerViews,
} from "../Trainers.ts"

const sources = Effect.gen(function* () {
  const store = yield* Store
  const links = yield* store.loadLinks()
  return {
    assignments: yield* store.loadTrainerAssignments(),
    users: yield* mirroredUsers(),
    trainers: yield* mirroredTrainers(),
    links: new Map(links.trainer.map((link) => [link.docebo, link.to])),
  } satisfies TrainerSources
})

const provider = (field: string, id: string) =>
  Effect.gen(function* () {
    const store = yield* Store
    const choice = chooseProvider(id, yield* mirroredProviders(), yield* store.loadProviderRequests())
    if (choice.kind === "refused") return yield* Effect.die(unprocessable(field, choice.reason))
    return choice
  })

/** The current assignment of each user (an implicit one for a TO trainer iltsync has no record of), or a 404/422. */
const assignmentsOf = (userIds: ReadonlyArray<string>, field: (index: number) => string | null) =>
  Effect.map(sources, (found) => {
    const all = allAssignments(found)
    return userIds.map((userId, index) => {
      const assignment = all.find((candidate) => candidate.userId === userId)
      if (assignment !== undefined) return assignment
      const name = field(index)
      throw name === null ? notFound(`no trainer ${userId}`) : unprocessable(name, `user ${userId} is not a trainer`)
    })
  })

/** Records the changes, logs them, runs the limited sync and answers with the trainers as they are now. */
const commit = (
  c: ServiceContext,
  deps: RouteDeps,
  changed: ReadonlyArray<TrainerAssignment>,
  events: ReadonlyArray<ActionEvent>,
  entities: ReadonlyArray<Entity>,
) =>
  Effect.gen(function* () {
    const store = yield* Store
    yield* store.upsertTrainerAssignments(changed, isoNow(deps.clock))
    yield* logActions(c, deps.clock, events)
    const runner = yield* Runner
    const run = yield* Effect.either(
      runner.run({
        scope: { kind: "entities", entities },
        trigger: "operator",
        ...callerOf(c),
        priority: "interactive",
      }),
    )
    const after = yield* sources
    const current = allAssignments(after)
    const trainers = changed.map((assignment) =>
      trainerView(current.find((candidate) => candidate.userId === assignment.userId) ?? assignment, after),
    )
    if (Either.isLeft(run)) return { trainers, sync: { status: "failed", error: problemOf(run.left).detail, ops: [] } }
    const outcomes = run.right.report.outcomes ?? []
    const notDone = outcomes
      .filter((outcome) => outcome.status !== "done")
      .map((outcome) => ({ opId: outcome.opId, status: outcome.status, reason: outcome.reason ?? null }))
    return { trainers, sync: { status: "succeeded", error: null, ops: notDone } }
  })

/** Both systems must be reachable in principle before anything is recorded. */
const configured = Effect.flatMap(Systems, (systems) => systems.connections)

const NewTrainer = Schema.Struct({ userId: DoceboId, firstName: Text, lastName: Text, email: Email })
export const NewTrainersBody = Schema.Struct({ trainingProviderId: VendorId, trainers: NonEmptyList(NewTrainer) })
export const TrainerPatchBody = Schema.Struct({
  firstName: Schema.optional(Text),
  lastName: Schema.optional(Text),
  email: Schema.optional(Email),
  trainingProviderId: Schema.optional(VendorId),
})
const UserIds = NonEmptyList(DoceboId)
const RemoveBody = Schema.Struct({ userIds: UserIds })
const AssignBody = Schema.Struct({ userIds: UserIds, trainingProviderId: VendorId })

const refuseRepeats = (userIds: ReadonlyArray<string>, field: (index: number) => string) => {
  const seen = new Set<string>()
  userIds.forEach((userId, index) => {
    if (seen.has(userId)) throw badInput([{ field: field(index), message: `user ${userId} is given twice` }])
    seen.add(userId)
  })
}

/** The users exist in Docebo (read now: the known state holds trainers' users only). */
const existingUsers = (userIds: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const ports = yield* Effect.flatMap(Systems, (systems) => systems.ports)
    const listing = yield* Effect.flatMap(DoceboPort, (docebo) =>
      docebo.users(userIds as ReadonlyArray<DoceboUserId>),
    ).pipe(Effect.provide(ports), Effect.locally(RequestPriority, "interactive"))
    if (!listing.complete) return yield* Effect.die(new Problem(502, "Docebo's users could not all be read"))
    return new Set<string>(listing.items.map((user) => user.id))
  })

const removal = (
  c: ServiceContext,
  deps: RouteDeps,
  userIds: ReadonlyArray<string>,
  field: (i: number) => string | null,
) =>
  Effect.gen(function* () {
    yield* configured
    const current = yield* assignmentsOf(userIds, field)
    const { users } = yield* sources
    const changed = current.map((assignment) =>
      removeTrainer(
        assignment,
        users.find((user) => user.id === assignment.userId),
      ),
    )
    const events = changed.map((assignment) => ({ action: "trainer.remove", target: assignment.userId }))
    return yield* commit(c, deps, changed, events, ["trainer", "session"])
  })

export type NewTrainers = typeof NewTrainersBody.Type
export type TrainerPatch = typeof TrainerPatchBody.Type

/** Makes Docebo users trainers of a provider, with the names and e-mail TO gets. */
export const addTrainers = (c: ServiceContext, deps: RouteDeps, body: NewTrainers) =>
  Effect.gen(function* () {
    const userIds = body.trainers.map((trainer) => trainer.userId)
    refuseRepeats(userIds, (index) => `trainers[${index}].userId`)
    yield* configured
    const choice: ProviderChoice = yield* provider("trainingProviderId", body.trainingProviderId)
    const exists = yield* existingUsers(userIds)
    const missing = userIds.findIndex((userId) => !exists.has(userId))
    if (missing >= 0) {
      return yield* Effect.die(
        unprocessable(`trainers[${missing}].userId`, `there is no Docebo user ${userIds[missing]}`),
      )
    }
    const known = (yield* sources).assignments
    const changed = body.trainers.map((trainer) =>
      addTrainer(
        known.find((assignment) => assignment.userId === trainer.userId),
        trainer,
        choice,
      ),
    )
    const events = body.trainers.map((trainer) => ({
      action: "trainer.add",
      target: trainer.userId,
      details: { trainingProviderId: body.trainingProviderId },
    }))
    return yield* commit(c, deps, changed, events, ["trainer"])
  })

/** Removes trainers from the integration: each Docebo user becomes a learner, never deleted. */
export const removeTrainers = (c: ServiceContext, deps: RouteDeps, userIds: ReadonlyArray<string>) =>
  Effect.suspend(() => {
    refuseRepeats(userIds, (index) => `userIds[${index}]`)
    return removal(c, deps, userIds, (index) => `userIds[${index}]`)
  })

export const assignTrainingProvider = (
  c: ServiceContext,
  deps: RouteDeps,
  userIds: ReadonlyArray<string>,
  trainingProviderId: string,
) =>
  Effect.gen(function* () {
    refuseRepeats(userIds, (index) => `userIds[${index}]`)
    yield* configured
    const choice = yield* provider("trainingProviderId", trainingProviderId)
    const current = yield* assignmentsOf(userIds, (index) => `userIds[${index}]`)
    const changed = current.map((assignment) => assignProvider(assignment, choice))
    const events = changed.map((assignment) => ({
      action: "trainer.assign-training-provider",
      target: assignment.userId,
      details: { trainingProviderId },
    }))
    return yield* commit(c, deps, changed, events, ["trainer"])
  })

export const editTrainerDetails = (c: ServiceContext, deps: RouteDeps, userId: string, body: TrainerPatch) =>
  Effect.gen(function* () {
    const { trainingProviderId, ...patch } = body
    if (Object.keys(patch).length === 0 && trainingProviderId === undefined) {
      return yield* Effect.die(badInput([{ field: "body", message: "names no field to change" }]))
    }
    yield* configured
    const [current] = yield* assignmentsOf([userId], () => null)
    const choice = trainingProviderId === undefined ? null : yield* provider("trainingProviderId", trainingProviderId)
    const changed = editTrainer(current as TrainerAssignment, patch, choice)
    const details = { fields: Object.keys(patch).sort(), trainingProviderId: trainingProviderId ?? null }
    return yield* commit(c, deps, [changed], [{ action: "trainer.edit", target: userId, details }], ["trainer"])
  })

/** The Trainers tab's rows, from what iltsync has read: no call to either system. */
export const listTrainers = Effect.map(sources, trainerViews)

export const trainerRoutes = (deps: RouteDeps) =>
  new Hono<ServiceEnv>()
    .get("/", async (c) => c.json(await deps.run(listTrainers)))
    .post("/", async (c) => c.json(await deps.run(addTrainers(c, deps, await decodeBody(c, NewTrainersBody))), 201))
    .post("/remove", async (c) => {
      const { userIds } = await decodeBody(c, RemoveBody)
      return c.json(await deps.run(removeTrainers(c, deps, userIds)))
    })
    .post("/assign-training-provider", async (c) => {
      const body = await decodeBody(c, AssignBody)
      return c.json(await deps.run(assignTrainingProvider(c, deps, body.userIds, body.trainingProviderId)))
    })
    .patch("/:userId", async (c) => {
      const userId = decodeParam(c, "userId", DoceboId)
      return c.json(await deps.run(editTrainerDetails(c, deps, userId, await decodeBody(c, TrainerPatchBody))))
    })
    .delete("/:userId", async (c) =>
      c.json(await deps.run(removal(c, deps, [decodeParam(c, "userId", DoceboId)], () => null))),
    )
