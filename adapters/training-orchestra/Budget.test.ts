import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { ToPort } from "../../engine/Ports.ts"
import { toSeed } from "./testing/Seed.ts"
import { simulatedTo, testStart } from "./testing/Simulated.ts"

const limit = { perSecond: 10, burst: 20 }
const manyReads = Effect.flatMap(ToPort, (to) =>
  Effect.forEach(Array.from({ length: 150 }), () => to.list("rooms"), { concurrency: 30, discard: true }),
)

describe("Training Orchestra request budget", () => {
  it.scoped("150 calls from 30 callers at once never meet TO's 10/s limit", () =>
    Effect.gen(function* () {
      const { run, sim, clock } = yield* simulatedTo({ seed: toSeed, rateLimit: limit })
      yield* run(manyReads)
      expect(sim.state.calls.summary().total).toBe(151)
      expect(sim.state.calls.count("GET", "/api/v1/rooms", 429)).toBe(0)
      // 19 back to back, then 9.5 a second.
      const elapsedSeconds = (clock.unsafeCurrentTimeMillis() - testStart) / 1000
      expect(elapsedSeconds).toBeGreaterThan(13)
      expect(elapsedSeconds).toBeLessThan(15)
    }),
  )

  it.scoped(
    "a budget set above the limit meets 429s, and calls still refused after their retries are typed errors",
    () =>
      Effect.gen(function* () {
        const { run, sim } = yield* simulatedTo({
          seed: toSeed,
          rateLimit: limit,
          budget: { perSecond: 100, burst: 100, margin: 0 },
        })
        const outcomes = yield* run(
          Effect.flatMap(ToPort, (to) =>
            Effect.forEach(Array.from({ length: 150 }), () => Effect.either(to.list("rooms")), { concurrency: 30 }),
          ),
        )
        expect(sim.state.calls.count("GET", "/api/v1/rooms", 429)).toBeGreaterThan(0)
        for (const outcome of outcomes) {
          if (outcome._tag === "Left") expect(outcome.left._tag === "ReadFailed" && outcome.left.status).toBe(429)
        }
      }),
  )
})
