/** Law 5: any order or repetition of webhooks ends in the same state (Orders.ts). */
import fc from "fast-check"
import { describe, it } from "vitest"
import { modelRuns, modelTimeout } from "./History.ts"
import { knownBugs } from "./KnownBugs.ts"
import { webhookOrders } from "./Orders.ts"

describe("webhooks", () => {
  it(
    "delivered in any order, repeated or in other bursts, leave both systems in the same state",
    async () => {
      await fc.assert(webhookOrders(knownBugs()), { numRuns: Math.ceil(modelRuns() / 2) })
    },
    modelTimeout(Math.ceil(modelRuns() / 2)),
  )
})
