/**
 * Law 5, order independence, as a property: two worlds start alike and see the same things done by Docebo's admin
 * and TO's planner; their webhooks then reach iltsync in two different orders, one of them with repeats and in other
 * bursts, Docebo's events of one type in a burst grouped in one delivery. Both worlds must end in the same state, and
 * stay alike after a full reconcile.
 */
import { isDeepStrictEqual } from "node:util"
import fc from "fast-check"
import type { Command } from "./commands/Command.ts"
import {
  CreateCourse,
  CreateNativeSession,
  DeleteCourse,
  Enroll,
  RecodeCourse,
  RenameCourse,
} from "./commands/DoceboAdmin.ts"
import {
  AddLocationWithRoom,
  CancelSession,
  EditLocation,
  EditRoom,
  MoveSession,
  ScheduleSession,
  SessionBackToDraft,
  ValidateSession,
} from "./commands/Planner.ts"
import { groupedAsDocebo, processPending, receive } from "./Inbox.ts"
import type { KnownBugs } from "./KnownBugs.ts"
import { initialModel } from "./Model.ts"
import { differences, projection } from "./Projection.ts"
import { learners, modelSeeds } from "./Tenant.ts"
import { makeWorld, periodic, type Webhook, type World } from "./World.ts"

const index = fc.nat({ max: 50 })

/** What people do that a webhook announces (or, for enrollments, nothing does: no op depends on them alone). */
export const action: fc.Arbitrary<Command> = fc.oneof(
  fc.constantFrom("classroom", "webinar").map((type) => new CreateCourse(type as "classroom", true)),
  index.map((course) => new RenameCourse(course)),
  index.map((course) => new RecodeCourse(course, false)),
  index.map((course) => new DeleteCourse(course)),
  fc.tuple(index, fc.integer({ min: 1, max: 3 })).map(([session, n]) => new Enroll(session, n)),
  index.map((course) => new CreateNativeSession(course)),
  fc.tuple(index, index, index, index).map(([c, t, r, d]) => new ScheduleSession(c, t, r, d)),
  index.map((session) => new ValidateSession(session)),
  fc.tuple(index, fc.integer({ min: 1, max: 20 })).map(([session, days]) => new MoveSession(session, days)),
  index.map((session) => new SessionBackToDraft(session)),
  index.map((session) => new CancelSession(session)),
  index.map((location) => new EditLocation(location)),
  fc.constant(new AddLocationWithRoom()),
  fc.tuple(index, fc.integer({ min: 4, max: 40 })).map(([room, seats]) => new EditRoom(room, seats)),
)

interface Delivery {
  /** Sort keys: the order webhooks arrive in. */
  readonly order: ReadonlyArray<number>
  /** Webhooks (by position) delivered once more. */
  readonly repeats: ReadonlyArray<number>
  /** How many arrive together, burst after burst. */
  readonly bursts: ReadonlyArray<number>
}

const delivery: fc.Arbitrary<Delivery> = fc.record({
  order: fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 20 }),
  repeats: fc.array(fc.nat({ max: 50 }), { maxLength: 4 }),
  bursts: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 5 }),
})

const arrange = (webhooks: ReadonlyArray<Webhook>, plan: Delivery): Webhook[] => {
  const keyed = webhooks.map((webhook, i) => ({ webhook, key: plan.order[i % plan.order.length] ?? 0, i }))
  keyed.sort((a, b) => a.key - b.key || a.i - b.i)
  const arranged = keyed.map((entry) => entry.webhook)
  for (const repeat of plan.repeats) {
    const again = webhooks[repeat % Math.max(1, webhooks.length)]
    if (again !== undefined) arranged.splice(repeat % (arranged.length + 1), 0, again)
  }
  return arranged
}

/** `grouped`: each burst's Docebo events of one type come in one delivery (Docebo's grouping on). */
const deliver = async (
  world: World,
  arranged: ReadonlyArray<Webhook>,
  bursts: ReadonlyArray<number>,
  grouped = false,
) => {
  const sent = new Set<string>()
  for (let at = 0, burst = 0; at < arranged.length; burst++) {
    const size = bursts[burst % bursts.length] ?? 1
    const taken = arranged.slice(at, at + size)
    for (const webhook of grouped ? groupedAsDocebo(taken, sent, "payloads") : taken) await receive(world, webhook)
    for (const webhook of taken) sent.add(webhook.messageId)
    at += size
    const ends = await processPending(world)
    const failed = ends.find((end) => end.kind !== "done")
    if (failed !== undefined) throw new Error(`a webhook's run did not end: ${JSON.stringify(failed).slice(0, 400)}`)
  }
}

const startWorld = async (bugs: KnownBugs) => {
  const world = makeWorld(modelSeeds(), bugs)
  const first = await world.reconcile(periodic)
  if (first.kind !== "done") throw new Error("the first sync did not end")
  world.outbox.length = 0
  return { world, model: initialModel(world, learners, bugs) }
}

const sidesOf = (world: World) => ({ docebo: world.docebo(), to: world.to() })

/** Two worlds' ends must not differ; where they do is in the message (fast-check prints it with the counterexample). */
const expectAlike = (what: string, left: unknown, right: unknown) => {
  if (!isDeepStrictEqual(left, right)) throw new Error(`${what} differ: ${differences(left, right).join("; ")}`)
}

export const webhookOrders = (bugs: KnownBugs) =>
  fc.asyncProperty(
    fc.array(action, { minLength: 1, maxLength: 10 }),
    delivery,
    delivery,
    async (actions, first, second) => {
      const [a, b] = [await startWorld(bugs), await startWorld(bugs)]
      try {
        for (const command of actions) {
          await command.run(a.model, a.world)
          await command.run(b.model, b.world)
        }
        await deliver(a.world, arrange(a.world.outbox, { ...first, repeats: [] }), [1])
        await deliver(b.world, arrange(b.world.outbox, second), second.bursts, true)
        expectAlike("the worlds after their webhooks", projection(sidesOf(a.world)), projection(sidesOf(b.world)))
        await a.world.reconcile(periodic)
        await b.world.reconcile(periodic)
        expectAlike("the worlds after a full reconcile", projection(sidesOf(a.world)), projection(sidesOf(b.world)))
      } finally {
        a.world.dispose()
        b.world.dispose()
      }
    },
  )
