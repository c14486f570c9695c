import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { DoceboPort } from "../../engine/Ports.ts"
import { makeMemoryLedger } from "../http/Window.ts"
import { doceboSeed } from "./testing/Seed.ts"
import { simulatedDocebo, testStart } from "./testing/Simulated.ts"

/**
 * Docebo lets 600 calls an hour through (one every 6 s, two back to back) and says nothing of when to come back; the
 * adapter's own budget is set far above it, so that only the retry policy keeps the calls apart.
 */
const throttledTenant = Effect.gen(function* () {
  const ledger = makeMemoryLedger()
  const docebo = yield* simulatedDocebo({
    seed: doceboSeed,
    rateLimit: { perHour: 600, burst: 2 },
    tenant: { retryAfter: false },
    budget: { limitPerHour: 36_000, margin: 0 },
    ledger,
  })
  const courses = yield* docebo.run(Effect.flatMap(DoceboPort, (port) => port.courses()))
  const log = docebo.sim.state.calls.summary().log.map((call) => ({ at: call.at - testStart, status: call.status }))
  return { courses, log, spent: (yield* ledger.spentSince(0)).length }
})

describe("Docebo 429 without Retry-After", () => {
  it.scoped("the call backs off exponentially with jitter until it goes through, every attempt within the budget", () =>
    Effect.gen(function* () {
      const { courses, log, spent } = yield* throttledTenant
      expect(courses.complete).toBe(true)
      expect(courses.items.map((course) => course.id).sort()).toEqual(["1", "2", "4", "5"])
      expect(log.filter((call) => call.status === 429).length).toBeGreaterThanOrEqual(3)
      // Each wait after a 429 is the policy's back-off (250 ms, doubling, ±20% jitter), not a fixed second.
      const attempts = log.slice(log.findIndex((call) => call.status === 429))
      const gaps = attempts.slice(1).map((call, index) => call.at - (attempts[index]?.at ?? 0))
      gaps.forEach((gap, index) => {
        const nominal = 250 * 2 ** index
        expect(gap).toBeGreaterThanOrEqual(nominal * 0.8)
        expect(gap).toBeLessThanOrEqual(nominal * 1.2 + 100)
      })
      // Every attempt took a permit of the shared budget: what it counted is what Docebo saw.
      expect(spent).toBe(log.length)
    }),
  )

  it.scoped("under the same seeded randomness the retries come at the same times", () =>
    Effect.gen(function* () {
      const first = yield* throttledTenant
      const second = yield* throttledTenant
      expect(second.log).toEqual(first.log)
    }),
  )
})
