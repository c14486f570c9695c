import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, TestClock } from "effect"
import type { RequestPriority } from "../../engine/Ports.ts"
import { makeRequestBudget, type RequestBudget } from "./Budget.ts"

/** One call a second, `capacity` back to back. */
const perSecond = (capacity: number) => makeRequestBudget({ capacity, refillPerMs: 1 / 1000 })

const grantedAt = (budget: RequestBudget, priority: RequestPriority, log: string[], name: string) =>
  budget.acquire(priority).pipe(
    Effect.zipRight(TestClock.currentTimeMillis),
    Effect.tap((at) => Effect.sync(() => log.push(`${name}@${at}`))),
  )

describe("request budget", () => {
  it.scoped("calls beyond the burst wait for the bucket to refill", () =>
    Effect.gen(function* () {
      const budget = yield* perSecond(2)
      const log: string[] = []
      const fiber = yield* Effect.fork(
        Effect.forEach(["a", "b", "c", "d"], (name) => grantedAt(budget, "background", log, name), { discard: true }),
      )
      yield* TestClock.adjust("10 seconds")
      yield* Fiber.join(fiber)
      expect(log).toEqual(["a@0", "b@0", "c@1000", "d@2000"])
    }),
  )

  it.scoped("interactive callers go before background callers that are already waiting", () =>
    Effect.gen(function* () {
      const budget = yield* perSecond(1)
      const log: string[] = []
      yield* budget.acquire("background")
      const background = yield* Effect.forEach(["b1", "b2", "b3"], (name) =>
        Effect.fork(grantedAt(budget, "background", log, name)),
      )
      yield* TestClock.adjust("100 millis")
      const interactive = yield* Effect.fork(grantedAt(budget, "interactive", log, "i1"))
      yield* TestClock.adjust("1 millis")
      expect(yield* budget.waiting).toEqual({ interactive: 1, background: 3 })
      yield* TestClock.adjust("10 seconds")
      yield* Fiber.joinAll([...background, interactive])
      expect(log).toEqual(["i1@1000", "b1@2000", "b2@3000", "b3@4000"])
    }),
  )

  it.scoped("after a 429 no call goes out before Retry-After, and calls resume at the sustained rate", () =>
    Effect.gen(function* () {
      const budget = yield* perSecond(5)
      const log: string[] = []
      yield* budget.holdUntil(3000)
      const fiber = yield* Effect.fork(
        Effect.forEach(["a", "b"], (name) => grantedAt(budget, "background", log, name), { discard: true }),
      )
      yield* TestClock.adjust("10 seconds")
      yield* Fiber.join(fiber)
      expect(log).toEqual(["a@4000", "b@5000"])
    }),
  )

  it.scoped("/batch calls never overlap", () =>
    Effect.gen(function* () {
      const budget = yield* perSecond(10)
      let running = 0
      let most = 0
      const batch = budget.exclusive(
        Effect.gen(function* () {
          running += 1
          most = Math.max(most, running)
          yield* Effect.sleep("1 second")
          running -= 1
        }),
      )
      const fiber = yield* Effect.fork(Effect.all([batch, batch, batch], { concurrency: "unbounded" }))
      yield* TestClock.adjust("5 seconds")
      yield* Fiber.join(fiber)
      expect(most).toBe(1)
    }),
  )
})
