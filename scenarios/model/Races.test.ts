/** Races under fast-check's scheduler (Races.ts). */
import fc from "fast-check"
import { describe, it } from "vitest"
import { modelRuns, modelTimeout } from "./History.ts"
import { knownBugs } from "./KnownBugs.ts"
import { changeDuringApply, triggersTogether } from "./Races.ts"

describe("races", () => {
  it(
    "a change made while a full reconcile applies is made up for by its webhook",
    async () => {
      await fc.assert(changeDuringApply(knownBugs()), { numRuns: Math.ceil(modelRuns() / 2) })
    },
    modelTimeout(Math.ceil(modelRuns() / 2)),
  )

  it(
    "triggers arriving together run one at a time, and leave both systems in step",
    async () => {
      await fc.assert(triggersTogether(knownBugs()), { numRuns: Math.ceil(modelRuns() / 2) })
    },
    modelTimeout(Math.ceil(modelRuns() / 2)),
  )
})
