/**
 * A Docebo admin at a synced copy of a TO session, in Docebo's own pages: renaming it, or deleting it. TO masters
 * sessions, so iltsync puts the copy back from TO on the run that the copy's `ilt.session.*` webhook starts. Docebo
 * sends it within seconds, and iltsync reads no Docebo session on a periodic reconcile beyond its audit's courses: so
 * each edit here is followed by the delivery of what is pending, its webhook with it (the order and loss of webhooks
 * are the order suite's and the lifecycle's). A copy deleted by the admin takes its learners with it.
 */
import { stampOfCode } from "../../../engine/Stamps.ts"
import { fresh, type Model } from "../Model.ts"
import type { World } from "../World.ts"
import { Command, forgetGoneCopies, pick } from "./Command.ts"
import { DeliverWebhooks } from "./Webhooks.ts"

/** Every webhook waiting to be sent, delivered in one burst and processed, the laws checked around the runs. */
const deliverPending = (model: Model, world: World) => new DeliverWebhooks(world.outbox.length).run(model, world)

const syncedCopies = (world: World) => world.docebo().sessions.filter((session) => stampOfCode(session.code) !== null)

export class RenameSyncedCopy extends Command {
  constructor(readonly session: number) {
    super()
  }
  async run(model: Model, world: World) {
    const copy = pick(syncedCopies(world), this.session)
    if (copy === undefined) return
    const answer = await world.inProcess.doceboAct({
      action: "edit_session",
      session_id: copy.id,
      changes: { name: fresh(model, "Renamed in Docebo ") },
    })
    if (answer.status !== 200) throw new Error(`edit_session answered ${answer.status}`)
    await deliverPending(model, world)
  }
  toString() {
    return `RenameSyncedCopy(${this.session})`
  }
}

export class DeleteSyncedCopy extends Command {
  constructor(readonly session: number) {
    super()
  }
  async run(model: Model, world: World) {
    const copy = pick(syncedCopies(world), this.session)
    if (copy === undefined) return
    const answer = await world.inProcess.doceboAct({ action: "delete_session", session_id: copy.id })
    if (answer.status !== 200) throw new Error(`delete_session answered ${answer.status}`)
    forgetGoneCopies(model, world)
    await deliverPending(model, world)
  }
  toString() {
    return `DeleteSyncedCopy(${this.session})`
  }
}
