/** iltsync's own runs: the periodic full reconcile, an operator's approval of held changes, a crash and a restart. */
import type { Model } from "../Model.ts"
import { periodic, type World } from "../World.ts"
import { Command, reconcileAndCheck, syncAndCheck } from "./Command.ts"

export class Reconcile extends Command {
  async run(model: Model, world: World) {
    await reconcileAndCheck(model, world)
  }
  toString() {
    return "Reconcile"
  }
}

/** The operator approves what is held: cancellations that drop enrollments are carried out. */
export class ApproveHeld extends Command {
  async run(model: Model, world: World) {
    await reconcileAndCheck(model, world, { approveHeld: true })
  }
  toString() {
    return "ApproveHeld"
  }
}

/** A full reconcile whose process dies at its `call`-th API call, then a restart that runs it again. */
export class CrashAndRestart extends Command {
  constructor(readonly call: number) {
    super()
  }
  async run(model: Model, world: World) {
    await syncAndCheck(model, world, periodic, this.call)
    await reconcileAndCheck(model, world)
  }
  toString() {
    return `CrashAndRestart(at call ${this.call})`
  }
}
