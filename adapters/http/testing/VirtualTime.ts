import { Chunk, Effect, Fiber, Option, TestClock } from "effect"
import type { Fetch } from "../Fetch.ts"

/** A simulator's clock (`{ now() }`) that reads the test's `TestClock`: both sides share one time. */
export const simulatorClock = Effect.map(TestClock.testClock(), (testClock) => ({
  now: () => testClock.unsafeCurrentTimeMillis(),
}))

/** Counts requests under way, so that virtual time only moves while no simulator is answering. */
export const trackInFlight = (fetch: Fetch) => {
  let inFlight = 0
  const tracked: Fetch = async (input, init) => {
    inFlight += 1
    try {
      return await fetch(input, init)
    } finally {
      inFlight -= 1
    }
  }
  return { fetch: tracked, idle: () => inFlight === 0 }
}

const realTurn = Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve)))

/**
 * Runs `effect` with the `TestClock` moved on whenever everything waits on it: no request is under way and some fiber
 * sleeps. Time then jumps to the earliest wake-up, so hours of budget, `Retry-After` and back-off pass in
 * milliseconds, and the simulators (on `simulatorClock`) see the same time as the adapter.
 */
export const inVirtualTime = <A, E, R>(effect: Effect.Effect<A, E, R>, idle: () => boolean) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(effect)
    for (;;) {
      yield* realTurn
      const exit = yield* Fiber.poll(fiber)
      if (Option.isSome(exit)) return yield* exit.value
      if (!idle()) continue
      yield* realTurn
      if (!idle()) continue
      const wakeUps = Chunk.toReadonlyArray(yield* TestClock.sleeps())
      if (wakeUps.length === 0) continue
      const now = yield* TestClock.currentTimeMillis
      yield* TestClock.adjust(Math.max(0, Math.min(...wakeUps) - now))
    }
  })
