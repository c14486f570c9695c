/**
 * The webhooks both systems sent, delivered as a network delivers them: in order, late, twice, out of order, or
 * never; Docebo's grouped as Docebo groups them. Each delivery goes through the inbox (stored by message id, then processed as scoped runs), and every run
 * it makes keeps the laws.
 */
import { groupedAsDocebo, processPending, receive } from "../Inbox.ts"
import type { Model } from "../Model.ts"
import type { World } from "../World.ts"
import { Command, checkEnrolledCopiesKept, checkRun, forgetGoneCopies, sidesOf } from "./Command.ts"

/** The inbox's worker takes what is pending; every run it makes keeps the laws. */
export const processAndCheck = async (model: Model, world: World) => {
  const before = sidesOf(world)
  const ends = await processPending(world)
  checkRun(before, sidesOf(world), ends)
  checkEnrolledCopiesKept(model, world, false)
  forgetGoneCopies(model, world)
}

/**
 * Delivers the first `count` webhooks waiting, as one burst the inbox processes together; Docebo's events of one type
 * in it come grouped in one delivery (`payloads`), as Docebo sends them with grouping on.
 */
export class DeliverWebhooks extends Command {
  constructor(readonly count: number) {
    super()
  }
  async run(model: Model, world: World) {
    const taken = world.outbox.splice(0, this.count)
    if (taken.length === 0) return
    const burst = groupedAsDocebo(taken, new Set(world.delivered.map((webhook) => webhook.messageId)), "payload")
    for (const webhook of burst) await receive(world, webhook)
    world.delivered.push(...burst)
    await processAndCheck(model, world)
  }
  toString() {
    return `DeliverWebhooks(${this.count})`
  }
}

/** A webhook delivered once more (the sender retried after a lost answer): recognised and not processed again. */
export class DeliverAgain extends Command {
  constructor(readonly which: number) {
    super()
  }
  async run(model: Model, world: World) {
    const webhook = world.delivered[this.which % Math.max(1, world.delivered.length)]
    if (webhook === undefined) return
    if (await receive(world, webhook)) throw new Error(`the repeat of ${webhook.messageId} was stored as new`)
    await processAndCheck(model, world)
  }
  toString() {
    return `DeliverAgain(${this.which})`
  }
}

/** The first waiting webhook is held back behind the others. */
export class DelayWebhook extends Command {
  async run(_model: Model, world: World) {
    const first = world.outbox.shift()
    if (first !== undefined) world.outbox.push(first)
  }
  toString() {
    return "DelayWebhook"
  }
}

/** The waiting webhooks arrive in another order. */
export class ReorderWebhooks extends Command {
  constructor(readonly order: ReadonlyArray<number>) {
    super()
  }
  async run(_model: Model, world: World) {
    const keyed = world.outbox.map((webhook, i) => ({ webhook, key: this.order[i % this.order.length] ?? i }))
    keyed.sort((a, b) => a.key - b.key)
    world.outbox.splice(0, world.outbox.length, ...keyed.map((entry) => entry.webhook))
  }
  toString() {
    return `ReorderWebhooks([${this.order.join(", ")}])`
  }
}

/** A webhook never arrives: only the periodic reconcile will see its change. */
export class LoseWebhook extends Command {
  constructor(readonly which: number) {
    super()
  }
  async run(_model: Model, world: World) {
    if (world.outbox.length > 0) world.outbox.splice(this.which % world.outbox.length, 1)
  }
  toString() {
    return `LoseWebhook(${this.which})`
  }
}
