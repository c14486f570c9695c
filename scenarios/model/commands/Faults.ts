/** Faults switched on and off in either simulator; while one is on, runs may fail, but the laws still hold. */
import type { FaultSettings } from "../../../simulators/shared/Faults.ts"
import type { Model } from "../Model.ts"
import type { World } from "../World.ts"
import { Command } from "./Command.ts"

/** 429s, 503s and answers lost after the write, at the given rates, drawn from a seeded generator. */
export class FaultsOn extends Command {
  constructor(
    readonly system: "docebo" | "to",
    readonly settings: Required<Pick<FaultSettings, "error429Rate" | "error503Rate" | "dropAfterCommitRate" | "seed">>,
  ) {
    super()
  }
  async run(model: Model, world: World) {
    await world.faults(this.system, this.settings)
    model.faulty = true
  }
  toString() {
    return `FaultsOn(${this.system}, ${JSON.stringify(this.settings)})`
  }
}

/** Docebo fails every read of session events: each course read then lists its sessions partially. */
export class FailEventReads extends Command {
  async run(model: Model, world: World) {
    await world.faults("docebo", { failPaths: ["/course/v1/sessions/*/events"] })
    model.faulty = true
  }
  toString() {
    return "FailEventReads"
  }
}

export class FaultsOff extends Command {
  async run(model: Model, world: World) {
    await world.faults("docebo", {})
    await world.faults("to", {})
    model.faulty = false
  }
  toString() {
    return "FaultsOff"
  }
}
