import { describe, expect, it } from "@effect/vitest"
import { Deferred, Effect, Fiber } from "effect"
import type { RequestPriority } from "../../engine/Ports.ts"
import { makeRunLock } from "./RunLock.ts"

describe("the run lock", () => {
  it.effect("lets one run at a time, and the waiting runs of an operator or a webhook before background ones", () =>
    Effect.gen(function* () {
      const lock = makeRunLock()
      const order: string[] = []
      const release = yield* Deferred.make<void>()
      const first = yield* Effect.fork(lock.withLock("background")(Deferred.await(release)))
      yield* Effect.yieldNow()
      const queued = (name: string, priority: RequestPriority) =>
        Effect.fork(lock.withLock(priority)(Effect.sync(() => order.push(name))))
      const waiting = [
        yield* queued("background 1", "background"),
        yield* queued("interactive 1", "interactive"),
        yield* queued("background 2", "background"),
        yield* queued("interactive 2", "interactive"),
      ]
      yield* Effect.yieldNow()
      expect(yield* lock.waiting).toEqual({ interactive: 2, background: 2 })
      expect(order).toEqual([])
      yield* Deferred.succeed(release, undefined)
      yield* Fiber.join(first)
      for (const fiber of waiting) yield* Fiber.join(fiber)
      expect(order).toEqual(["interactive 1", "interactive 2", "background 1", "background 2"])
    }),
  )

  it.effect("is given back when a run fails or a waiting run is interrupted", () =>
    Effect.gen(function* () {
      const lock = makeRunLock()
      const failed = yield* Effect.exit(lock.withLock("interactive")(Effect.fail("boom")))
      expect(failed._tag).toBe("Failure")
      const release = yield* Deferred.make<void>()
      const holder = yield* Effect.fork(lock.withLock("background")(Deferred.await(release)))
      yield* Effect.yieldNow()
      const impatient = yield* Effect.fork(lock.withLock("interactive")(Effect.void))
      yield* Effect.yieldNow()
      yield* Fiber.interrupt(impatient)
      expect(yield* lock.waiting).toEqual({ interactive: 0, background: 0 })
      yield* Deferred.succeed(release, undefined)
      yield* Fiber.join(holder)
      expect(yield* lock.withLock("background")(Effect.succeed("free"))).toBe("free")
    }),
  )

  it.effect("closes once the run in progress ends, ahead of the runs waiting, and keeps them waiting for good", () =>
    Effect.gen(function* () {
      const lock = makeRunLock()
      const release = yield* Deferred.make<void>()
      const holder = yield* Effect.fork(lock.withLock("background")(Deferred.await(release)))
      yield* Effect.yieldNow()
      const ran: string[] = []
      const waiting = yield* Effect.fork(lock.withLock("interactive")(Effect.sync(() => ran.push("waiting"))))
      yield* Effect.yieldNow()
      const closing = yield* Effect.fork(lock.close)
      yield* Effect.yieldNow()
      expect(closing.unsafePoll()).toBeNull()
      yield* Deferred.succeed(release, undefined)
      yield* Fiber.join(holder)
      yield* Fiber.join(closing)
      yield* Effect.yieldNow()
      expect(ran).toEqual([])
      yield* Fiber.interrupt(waiting)
    }),
  )
})
