import { Deferred, Effect, Fiber, Schedule } from "effect"
import { describe, expect, it } from "vitest"
import { freeLockOf, makeLockCell, runsThread, serviceThread, threadRunLock } from "./ThreadLock.ts"

/** Holds `lock` until `release` is done, recording in `order` when it got it and when it let go. */
const holding = (
  lock: ReturnType<typeof threadRunLock>,
  name: string,
  order: string[],
  release: Deferred.Deferred<void>,
) =>
  lock.hold(
    Effect.gen(function* () {
      order.push(`${name} in`)
      yield* Deferred.await(release)
      order.push(`${name} out`)
    }),
  )

describe("the run lock the service's thread and its runs thread share", () => {
  it("lets one holder in at a time; the other gets it once it is let go", async () => {
    const cell = makeLockCell()
    const order: string[] = []
    await Effect.runPromise(
      Effect.gen(function* () {
        const first = yield* Deferred.make<void>()
        const second = yield* Deferred.make<void>()
        const service = yield* Effect.fork(holding(threadRunLock(cell, serviceThread), "service", order, first))
        yield* Effect.sleep("20 millis")
        const runs = yield* Effect.fork(holding(threadRunLock(cell, runsThread), "runs", order, second))
        yield* Effect.sleep("50 millis")
        expect(order).toEqual(["service in"])
        yield* Deferred.succeed(first, undefined)
        yield* Fiber.join(service)
        // The waiter is woken by the release; it gets in without any further step from this side.
        yield* Effect.suspend(() => (order.length === 3 ? Effect.void : Effect.fail("waiting"))).pipe(
          Effect.retry({ schedule: Schedule.spaced("10 millis"), times: 200 }),
          Effect.orDie,
        )
        expect(order).toEqual(["service in", "service out", "runs in"])
        yield* Deferred.succeed(second, undefined)
        yield* Fiber.join(runs)
      }),
    )
    expect(order).toEqual(["service in", "service out", "runs in", "runs out"])
  })

  it("a waiter interrupted leaves the lock free; a dead holder's lock is freed by the thread that outlives it", async () => {
    const cell = makeLockCell()
    const order: string[] = []
    await Effect.runPromise(
      Effect.gen(function* () {
        const never = yield* Deferred.make<void>()
        // The runs thread takes the lock and dies holding it (its fiber is never let go here).
        yield* Effect.fork(holding(threadRunLock(cell, runsThread), "runs", order, never))
        yield* Effect.sleep("20 millis")
        const waiter = yield* Effect.fork(holding(threadRunLock(cell, serviceThread), "waiter", order, never))
        yield* Effect.sleep("20 millis")
        yield* Fiber.interrupt(waiter)
        expect(order).toEqual(["runs in"])
        freeLockOf(cell, runsThread)
        const now = yield* Deferred.make<void>()
        yield* Deferred.succeed(now, undefined)
        yield* holding(threadRunLock(cell, serviceThread), "service", order, now).pipe(Effect.timeout("2 seconds"))
      }),
    )
    expect(order).toEqual(["runs in", "service in", "service out"])
  })
})
