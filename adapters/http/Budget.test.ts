import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Fiber, Scope, TestClock } from "effect"
import type { RequestPriority } from "../../engine/Ports.ts"
import { makeRequestBudget, type RequestBudget } from "./Budget.ts"
import { makeMemoryLedger } from "./Window.ts"

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

  /** 10 calls a minute over any rolling minute, 2 of them kept for interactive callers; a bucket that never binds. */
  const perMinuteWindow = (ledger = makeMemoryLedger()) =>
    makeRequestBudget(
      { capacity: 1000, refillPerMs: 1 },
      { limit: 10, windowMs: 60_000, interactiveReserve: 2, ledger },
    )

  it.scoped("no rolling window holds more calls than its limit; background callers leave the reserve alone", () =>
    Effect.gen(function* () {
      const budget = yield* perMinuteWindow()
      const log: string[] = []
      const background = yield* Effect.fork(
        Effect.forEach(
          Array.from({ length: 10 }, (_, i) => `b${i}`),
          (name) => grantedAt(budget, "background", log, name),
          { discard: true },
        ),
      )
      yield* TestClock.adjust("1 second")
      const interactive = yield* Effect.fork(
        Effect.forEach(["i1", "i2", "i3"], (name) => grantedAt(budget, "interactive", log, name), { discard: true }),
      )
      yield* TestClock.adjust("5 minutes")
      yield* Fiber.joinAll([background, interactive])
      // 8 background calls at once; the interactive ones take the 2 kept for them at once, the third waits with the
      // last background ones for the first calls to age out of the minute.
      expect(log).toEqual([
        ...Array.from({ length: 8 }, (_, i) => `b${i}@0`),
        "i1@1000",
        "i2@1000",
        "i3@60000",
        "b8@60000",
        "b9@60000",
      ])
    }),
  )

  it.scoped("a budget that starts again over the same ledger starts from what was spent in the window", () =>
    Effect.gen(function* () {
      const ledger = makeMemoryLedger()
      const first = yield* Scope.make()
      const before = yield* perMinuteWindow(ledger).pipe(Scope.extend(first))
      for (let i = 0; i < 6; i++) yield* before.acquire("background")
      yield* Scope.close(first, Exit.void)
      yield* TestClock.adjust("30 seconds")
      const after = yield* perMinuteWindow(ledger)
      const log: string[] = []
      const fiber = yield* Effect.fork(
        Effect.forEach(["a", "b", "c"], (name) => grantedAt(after, "background", log, name), { discard: true }),
      )
      yield* TestClock.adjust("2 minutes")
      yield* Fiber.join(fiber)
      expect(log).toEqual(["a@30000", "b@30000", "c@60000"])
    }),
  )

  it.scoped("a boost serves waiting background callers as interactive ones, with the reserve, until it ends", () =>
    Effect.gen(function* () {
      const budget = yield* perMinuteWindow()
      for (let i = 0; i < 8; i++) yield* budget.acquire("background")
      const log: string[] = []
      const waiting = yield* Effect.fork(
        Effect.forEach(["b1", "b2", "b3"], (name) => grantedAt(budget, "background", log, name), { discard: true }),
      )
      yield* TestClock.adjust("5 seconds")
      expect(log).toEqual([])
      yield* budget.boost(true)
      yield* TestClock.adjust("1 second")
      // The window's last two calls go at once; the third waits for the first calls to age out of the minute.
      expect(log).toEqual(["b1@5000", "b2@5000"])
      yield* budget.boost(false)
      yield* TestClock.adjust("2 minutes")
      yield* Fiber.join(waiting)
      expect(log).toEqual(["b1@5000", "b2@5000", "b3@60000"])
    }),
  )

  describe("usage and the time calls will take", () => {
    /** 10 calls an hour, 2 of them kept for interactive callers. */
    const perHour = () =>
      makeRequestBudget(
        { capacity: 1000, refillPerMs: 1 },
        { limit: 10, windowMs: 3_600_000, interactiveReserve: 2, ledger: makeMemoryLedger() },
      )

    it.scoped(
      "an hourly window counts what was sent in the last hour; calls beyond what is left wait for it to roll",
      () =>
        Effect.gen(function* () {
          const budget = yield* perHour()
          for (let i = 0; i < 6; i++) yield* budget.acquire("background")
          yield* TestClock.adjust("10 minutes")
          expect(yield* budget.usage).toEqual({ used: 6, left: 4, limitPerHour: 10, granted: 6 })
          // Two more background calls fit (the reserve is the interactive callers'); a third waits for the first
          // calls to be an hour old, 50 minutes from now.
          expect(yield* budget.timeFor(2, "background")).toBe(0)
          expect(yield* budget.timeFor(3, "background")).toBe(50 * 60_000)
          expect(yield* budget.timeFor(4, "interactive")).toBe(0)
          // Fourteen more: eight of them only once the next hour's first calls are an hour old in turn.
          expect(yield* budget.timeFor(14, "background")).toBe(110 * 60_000)
          yield* TestClock.adjust("51 minutes")
          expect(yield* budget.usage).toEqual({ used: 0, left: 10, limitPerHour: 10, granted: 6 })
        }),
    )

    it.scoped("a bucket alone counts this process's calls of the last hour and paces the calls beyond its burst", () =>
      Effect.gen(function* () {
        const budget = yield* perSecond(5)
        for (let i = 0; i < 3; i++) yield* budget.acquire("background")
        expect(yield* budget.usage).toEqual({ used: 3, left: 3597, limitPerHour: 3600, granted: 3 })
        // Two calls are in the bucket; eight more come at one a second.
        expect(yield* budget.timeFor(10, "background")).toBe(8000)
        yield* TestClock.adjust("61 minutes")
        expect(yield* budget.usage).toMatchObject({ used: 0, granted: 3 })
      }),
    )
  })
})
