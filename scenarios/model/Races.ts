/**
 * Races as properties, ordered by fast-check's scheduler: every API call of a run waits for the scheduler, which lets people act
 * and triggers arrive between any two calls. A change made while an apply is under way is made up for by its
 * webhook; triggers arriving together are taken one at a time by the service's run lock, in whatever order.
 */
import fc from "fast-check"
import { makeRunLock } from "../../harness/service/RunLock.ts"
import { type Command, checkInStep, syncAndCheck } from "./commands/Command.ts"
import { EditTrainer, RemoveTrainer } from "./commands/Operator.ts"
import { processAndCheck } from "./commands/Webhooks.ts"
import { receive } from "./Inbox.ts"
import type { KnownBugs } from "./KnownBugs.ts"
import { initialModel, type Model } from "./Model.ts"
import { action } from "./Orders.ts"
import { learners, modelSeeds } from "./Tenant.ts"
import { makeWorld, periodic, type World } from "./World.ts"

const start = async (bugs: KnownBugs) => {
  const world = makeWorld(modelSeeds(), bugs)
  world.useLock(makeRunLock())
  const first = await world.reconcile(periodic)
  if (first.kind !== "done") throw new Error("the first sync did not end")
  return { world, model: initialModel(world, learners, bugs) }
}

/** Every API call waits for the scheduler; the control surface does not. */
const schedule = (s: fc.Scheduler, world: World) =>
  world.setGate((call) => s.schedule(Promise.resolve(), `${call.system} ${call.path}`))

/** Every webhook sent so far, received and processed (after the run lock lets the worker's runs in). */
const deliverAll = async (model: Model, world: World) => {
  for (const webhook of world.outbox.splice(0)) await receive(world, webhook)
  await processAndCheck(model, world)
}

/** A change made while a full reconcile applies is made up for by its webhook. */
export const changeDuringApply = (bugs: KnownBugs) =>
  fc.asyncProperty(
    fc.scheduler(),
    fc.array(action, { maxLength: 5 }),
    fc.array(fc.record({ command: action, arrival: fc.nat({ max: 40 }) }), { minLength: 1, maxLength: 3 }),
    async (s, before, racing) => {
      const { world, model } = await start(bugs)
      try {
        // Changes no run has seen yet, so that the reconcile has writes to make while the others act.
        for (const command of before) await command.run(model, world)
        world.outbox.length = 0
        // Each change is handed to the scheduler when the run reaches its `arrival`-th API call; from then on it
        // competes with the run's calls for its turn.
        const acting: Array<Promise<void>> = []
        const waiting = [...racing]
        // People's actions are whole: one starts once the last has changed its system and the model, so two actions
        // on one course (a deletion and a re-code) never meet half-done, whatever order the scheduler picks.
        let people: Promise<void> = Promise.resolve()
        const act = (command: Command) => {
          people = people.then(() => command.run(model, world))
          return people
        }
        const arrive = (call: number) => {
          for (const entry of waiting.filter((candidate) => candidate.arrival <= call)) {
            waiting.splice(waiting.indexOf(entry), 1)
            const acted = s.schedule(Promise.resolve(), String(entry.command)).then(() => act(entry.command))
            // Awaited below; a failure meanwhile is the property's, not an unhandled rejection.
            acted.catch(() => {})
            acting.push(acted)
          }
        }
        let calls = 0
        world.setGate(async (call) => {
          arrive(calls++)
          await s.schedule(Promise.resolve(), `${call.system} ${call.path}`)
        })
        await s.waitFor(syncAndCheck(model, world, periodic))
        arrive(Number.POSITIVE_INFINITY)
        await s.waitFor(Promise.all(acting))
        world.setGate(null)
        await deliverAll(model, world)
        await checkInStep(model, world)
      } finally {
        world.dispose()
      }
    },
  )

/** Triggers arriving together run one at a time, and leave both systems in step. */
export const triggersTogether = (bugs: KnownBugs) =>
  fc.asyncProperty(
    fc.scheduler(),
    fc.array(action, { minLength: 1, maxLength: 6 }),
    fc.nat({ max: 11 }),
    async (s, changes, trainer) => {
      const { world, model } = await start(bugs)
      try {
        for (const command of changes) await command.run(model, world)
        schedule(s, world)
        const arriving = (trigger: () => Promise<unknown>) =>
          s.schedule(Promise.resolve(), "a trigger arrives").then(trigger)
        // The scheduler's periodic reconcile, the webhooks' worker and an operator's change, all at once.
        const operator = trainer % 2 === 0 ? new EditTrainer(trainer) : new RemoveTrainer(trainer)
        await s.waitFor(
          Promise.all([
            arriving(() => syncAndCheck(model, world, periodic)),
            arriving(() => deliverAll(model, world)),
            arriving(() => operator.run(model, world)),
          ]),
        )
        world.setGate(null)
        if (world.mostRunsAtOnce() > 1) throw new Error(`${world.mostRunsAtOnce()} runs were under way at once`)
        await deliverAll(model, world)
        await checkInStep(model, world)
      } finally {
        world.dispose()
      }
    },
  )
