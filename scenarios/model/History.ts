/** One model history: a fresh world of the model tenant after its first sync, the commands, then the world's end. */
import fc from "fast-check"
import type { KnownBugs } from "./KnownBugs.ts"
import { initialModel, type Model } from "./Model.ts"
import { learners, modelSeeds } from "./Tenant.ts"
import { makeWorld, periodic, type World } from "./World.ts"

/**
 * Histories of the lifecycle suite: 200 by default, `ILTSYNC_MODEL_RUNS` for the deep run (ten times as many). The
 * order and race suites, whose histories cost two worlds or a scheduler each, run half as many.
 */
export const modelRuns = (): number => {
  const runs = Number(process.env.ILTSYNC_MODEL_RUNS ?? "200")
  return Number.isInteger(runs) && runs > 0 ? runs : 200
}

/** A suite's time limit: 15 minutes, or 3 seconds a history when that is more (the deep run's ten times the cases). */
export const modelTimeout = (histories: number): number => Math.max(900_000, histories * 3_000)

export const runHistory = async (commands: Iterable<fc.AsyncCommand<Model, World>>, bugs: KnownBugs) => {
  const world = makeWorld(modelSeeds(), bugs)
  try {
    const first = await world.reconcile(periodic)
    if (first.kind !== "done") throw new Error(`the first sync did not end: ${first.kind}`)
    await fc.asyncModelRun(() => ({ model: initialModel(world, learners, bugs), real: world }), commands)
  } finally {
    world.dispose()
  }
}
