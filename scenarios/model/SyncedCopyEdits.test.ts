/**
 * Histories in which Docebo's admin renames or deletes synced copies of TO sessions: each edit raises an
 * `ilt.session.*` webhook (grouped, as the strict tenant sends them), which may arrive late, twice or never. After
 * every run the laws hold; after every clean full reconcile both systems hold what the model says: every copy is
 * back as TO has it.
 */
import fc from "fast-check"
import { describe, it } from "vitest"
import { copyEditCommands } from "./Arbitraries.ts"
import { modelRuns, modelTimeout, runHistory } from "./History.ts"
import { knownBugs } from "./KnownBugs.ts"

const bugs = knownBugs()
const histories = Math.ceil(modelRuns() / 4)

describe("a Docebo admin editing synced copies", () => {
  it(
    "sees each copy put back from TO, and the laws kept after every run",
    async () => {
      await fc.assert(
        fc.asyncProperty(copyEditCommands(), (commands) => runHistory(commands, bugs)),
        { numRuns: histories },
      )
    },
    modelTimeout(histories),
  )
})
