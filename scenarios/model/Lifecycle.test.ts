/**
 * Model-based histories of the whole system: Docebo's admin, TO's planner and the operator change things, webhooks
 * arrive in any order or not at all, faults come and go, the process crashes mid-apply and restarts, and iltsync
 * reconciles. After every run the laws hold; after every clean full reconcile, a fresh plan has nothing ready and
 * both systems hold what the model says.
 */
import fc from "fast-check"
import { describe, it } from "vitest"
import { historyCommands } from "./Arbitraries.ts"
import { modelRuns, modelTimeout, runHistory } from "./History.ts"
import { knownBugs } from "./KnownBugs.ts"

const bugs = knownBugs()

describe("histories of the whole system", () => {
  it(
    "keep the laws after every run and end in step after every clean reconcile",
    async () => {
      await fc.assert(
        fc.asyncProperty(historyCommands(bugs), (commands) => runHistory(commands, bugs)),
        { numRuns: modelRuns() },
      )
    },
    modelTimeout(modelRuns()),
  )
})
