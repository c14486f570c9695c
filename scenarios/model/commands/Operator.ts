/**
 * What an operator does in iltsync, as the service's routes do it (harness/service/routes/Trainers.ts, Providers.ts):
 * the change is recorded in the store with the Trainers tab's own functions, then a sync limited to the entities it
 * touches carries it out. A run that fails leaves the change for the next one.
 */
import { Effect } from "effect"
import { Store } from "../../../adapters/store/Store.ts"
import type { TrainerAssignment } from "../../../engine/model/Store.ts"
import type { Entity } from "../../../engine/Plan.ts"
import { mirroredProviders, mirroredTrainers, mirroredUsers } from "../../../harness/service/Mirrored.ts"
import {
  addTrainer,
  allAssignments,
  assignProvider,
  chooseProvider,
  editTrainer,
  removeTrainer,
} from "../../../harness/service/Trainers.ts"
import { fresh, type Model } from "../Model.ts"
import type { World } from "../World.ts"
import { Command, pick, syncAndCheck } from "./Command.ts"

const now = (world: World) => new Date(world.inProcess.clock.unsafeCurrentTimeMillis()).toISOString()

const assignments = (world: World) =>
  world.inProcess.withStore(
    Effect.gen(function* () {
      const store = yield* Store
      const links = yield* store.loadLinks()
      return allAssignments({
        assignments: yield* store.loadTrainerAssignments(),
        users: yield* mirroredUsers(),
        trainers: yield* mirroredTrainers(),
        links: new Map(links.trainer.map((link) => [link.docebo, link.to])),
      })
    }),
  )

/** The provider choice the Trainers tab makes: an active TO provider, as last read. */
const choose = async (world: World, index: number) => {
  const providers = await world.inProcess.withStore(mirroredProviders())
  const requests = await world.store((store) => store.loadProviderRequests())
  const provider = pick(providers, index)
  if (provider === undefined) return undefined
  const choice = chooseProvider(provider.id, providers, requests)
  // The model knows providers by the name TO holds now; the mirror may still show an older one.
  const name = world.to().training_providers.find((candidate) => candidate.id === provider.id)?.name ?? provider.name
  return choice.kind === "refused" ? undefined : { choice, name }
}

const commit = async (model: Model, world: World, changed: ReadonlyArray<TrainerAssignment>, entities: Entity[]) => {
  await world.store((store) => store.upsertTrainerAssignments(changed, now(world)))
  await syncAndCheck(model, world, { planEntities: entities })
}

const activeTrainers = (model: Model) => [...model.trainers].filter(([, t]) => t.active).map(([userId]) => userId)

export class AddTrainer extends Command {
  constructor(
    readonly learner: number,
    readonly provider: number,
  ) {
    super()
  }
  async run(model: Model, world: World) {
    const userId = pick(model.learners, this.learner)
    const chosen = await choose(world, this.provider)
    if (userId === undefined || chosen === undefined) return
    const email = `${fresh(model, "new-trainer-")}@model.example`
    const existing = (await assignments(world)).find((assignment) => assignment.userId === userId)
    const added = addTrainer(existing, { userId, firstName: "New", lastName: "Trainer", email }, chosen.choice)
    model.learners.splice(model.learners.indexOf(userId), 1)
    model.trainers.set(userId, { active: true, email, provider: chosen.name })
    await commit(model, world, [added], ["trainer"])
  }
  toString() {
    return `AddTrainer(learner ${this.learner}, provider ${this.provider})`
  }
}

export class EditTrainer extends Command {
  constructor(readonly trainer: number) {
    super()
  }
  async run(model: Model, world: World) {
    const userId = pick(activeTrainers(model), this.trainer)
    const current = (await assignments(world)).find((assignment) => assignment.userId === userId)
    const trainer = userId === undefined ? undefined : model.trainers.get(userId)
    if (userId === undefined || current === undefined || trainer === undefined) return
    const email = `${fresh(model, "edited-")}@model.example`
    model.trainers.set(userId, { ...trainer, email })
    await commit(model, world, [editTrainer(current, { email }, null)], ["trainer"])
  }
  toString() {
    return `EditTrainer(${this.trainer})`
  }
}

export class RemoveTrainer extends Command {
  constructor(readonly trainer: number) {
    super()
  }
  async run(model: Model, world: World) {
    const userId = pick(activeTrainers(model), this.trainer)
    const current = (await assignments(world)).find((assignment) => assignment.userId === userId)
    const trainer = userId === undefined ? undefined : model.trainers.get(userId)
    if (userId === undefined || current === undefined || trainer === undefined) return
    const user = (await world.inProcess.withStore(mirroredUsers())).find((candidate) => candidate.id === userId)
    model.trainers.set(userId, { ...trainer, active: false })
    await commit(model, world, [removeTrainer(current, user)], ["trainer", "session"])
  }
  toString() {
    return `RemoveTrainer(${this.trainer})`
  }
}

export class AssignProvider extends Command {
  constructor(
    readonly trainers: ReadonlyArray<number>,
    readonly provider: number,
  ) {
    super()
  }
  async run(model: Model, world: World) {
    const chosen = await choose(world, this.provider)
    const userIds = [...new Set(this.trainers.flatMap((index) => pick(activeTrainers(model), index) ?? []))]
    const all = await assignments(world)
    const current = all.filter((assignment) => userIds.includes(assignment.userId))
    if (chosen === undefined || current.length === 0) return
    for (const assignment of current) {
      const trainer = model.trainers.get(assignment.userId)
      if (trainer) model.trainers.set(assignment.userId, { ...trainer, provider: chosen.name })
    }
    await commit(
      model,
      world,
      current.map((assignment) => assignProvider(assignment, chosen.choice)),
      ["trainer"],
    )
  }
  toString() {
    return `AssignProvider([${this.trainers.join(", ")}], provider ${this.provider})`
  }
}

export class CreateProvider extends Command {
  async run(model: Model, world: World) {
    const name = fresh(model, "Provider from iltsync ")
    await world.store((store) => store.addProviderRequest({ kind: "create", name }, now(world)))
    model.providers.set(name, true)
    await syncAndCheck(model, world, { planEntities: ["trainingProvider"] })
  }
  toString() {
    return "CreateProvider"
  }
}

export class SetProviderActive extends Command {
  constructor(
    readonly provider: number,
    readonly active: boolean,
  ) {
    super()
  }
  async run(model: Model, world: World) {
    const provider = pick(await world.inProcess.withStore(mirroredProviders()), this.provider)
    if (provider === undefined) return
    await world.store((store) =>
      store.addProviderRequest({ kind: "setActive", providerId: provider.id, active: this.active }, now(world)),
    )
    const name = world.to().training_providers.find((candidate) => candidate.id === provider.id)?.name ?? provider.name
    model.providers.set(name, this.active)
    await syncAndCheck(model, world, { planEntities: ["trainingProvider"] })
    // As the route does: once TO holds the state asked for, the request is settled (TO stays the master).
    const after = world.to().training_providers.find((candidate) => candidate.id === provider.id)
    if (after?.active === this.active) await world.store((store) => store.dropActivationRequests(provider.id))
  }
  toString() {
    return `SetProviderActive(${this.provider}, ${this.active})`
  }
}
