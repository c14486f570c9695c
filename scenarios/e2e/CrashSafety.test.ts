/**
 * Crash safety, proven on a real plan of the acme tenant through the real adapters, store and simulators: the process
 * is killed at the k-th API call, for every k, and restarted from the same store. Every run ends in the state of the
 * uninterrupted one, with no duplicate record on either side. The same holds under lost answers and 429/503 faults.
 */
import { afterEach, describe, expect, it } from "vitest"
import { simulatorSeedsFor } from "../../tenants/Registry.ts"
import { makeInProcess } from "./InProcess.ts"
import { duplicatesOf, stampsOf } from "./Stamps.ts"

const seeds = () => {
  const found = simulatorSeedsFor("acme")
  if (!found) throw new Error("no acme tenant")
  return found
}

const disposers: Array<() => void> = []
afterEach(() => {
  for (const dispose of disposers.splice(0)) dispose()
})

const fresh = () => {
  const world = makeInProcess(seeds())
  disposers.push(world.dispose)
  return world
}

const endState = (world: ReturnType<typeof fresh>) => stampsOf(world.docebo.state.snapshot(), world.to.state.snapshot())

describe("crash safety on the acme tenant", () => {
  it("a crash at any API call of the first sync, then a restart, ends as the uninterrupted run did", async () => {
    const clean = fresh()
    await clean.run()
    const total = clean.calls()
    const expected = endState(clean)
    expect(duplicatesOf(expected)).toEqual([])
    for (let k = 1; k <= total; k++) {
      const world = fresh()
      const crashed = await world.run({}, { atCall: k })
      expect({ k, crashed: crashed.crashed }).toEqual({ k, crashed: true })
      const restarted = await world.run()
      const ready = restarted.report?.planned.ops.filter((op) => op.status === "ready") ?? []
      const again = await world.run({ dryRun: true })
      expect({ k, left: again.report?.planned.ops.filter((op) => op.status === "ready").map((op) => op.id) }).toEqual({
        k,
        left: [],
      })
      expect({ k, state: endState(world) }).toEqual({ k, state: expected })
      expect(ready.length).toBeGreaterThanOrEqual(0)
    }
  }, 900_000)

  it("with answers lost after the write and 429/503 answers one call in five, the first sync ends in step, no duplicates", async () => {
    const world = fresh()
    const faults = { error429Rate: 0.2, error503Rate: 0.2, dropAfterCommitRate: 0.2, seed: 7 }
    for (const sim of [world.docebo, world.to]) {
      const response = await sim.app.request("/__sim/faults", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(faults),
      })
      expect(response.status).toBe(200)
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      const result = await world.run()
      if (result.report?.outcomes?.every((o) => o.status === "done" || o.opId.startsWith("docebo:session:delete")))
        break
    }
    const stamps = endState(world)
    expect(duplicatesOf(stamps)).toEqual([])
    for (const sim of [world.docebo, world.to]) {
      await sim.app.request("/__sim/faults", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      })
    }
    const check = await world.run({ dryRun: true })
    expect(check.report?.planned.ops.filter((op) => op.status === "ready")).toEqual([])
    const clean = fresh()
    await clean.run()
    expect(stamps).toEqual(endState(clean))
  }, 120_000)
})
