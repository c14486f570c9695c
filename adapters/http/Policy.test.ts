import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Option, Random, TestClock } from "effect"
import { type CallFailure, Refused, Throttled, Unavailable } from "./Failure.ts"
import { defaultRetrySettings, retryAfterMs, retrySchedule } from "./Policy.ts"

/** Fails with `failures` in turn, then succeeds; counts the attempts and when each was made. */
const failingThen = (failures: ReadonlyArray<CallFailure>) => {
  const attempts: number[] = []
  const effect = Effect.gen(function* () {
    attempts.push(yield* TestClock.currentTimeMillis)
    const failure = failures[attempts.length - 1]
    if (failure) return yield* Effect.fail(failure)
    return "done"
  })
  return { effect, attempts }
}

describe("retry policy", () => {
  it.effect("a 429 waits exactly its Retry-After", () =>
    Effect.gen(function* () {
      const { effect, attempts } = failingThen([new Throttled({ retryAfterMs: 3000, reason: "slow down" })])
      const fiber = yield* Effect.fork(Effect.retry(effect, retrySchedule(defaultRetrySettings, false)))
      yield* TestClock.adjust("2999 millis")
      expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
      yield* TestClock.adjust("1 millis")
      expect(yield* Fiber.join(fiber)).toBe("done")
      expect(attempts).toEqual([0, 3000])
    }),
  )

  it.effect("a 503 on a call that is not safe to repeat is not retried", () =>
    Effect.gen(function* () {
      const { effect, attempts } = failingThen([new Unavailable({ status: 503, reason: "busy" })])
      const failure = yield* Effect.retry(effect, retrySchedule(defaultRetrySettings, false)).pipe(Effect.flip)
      expect(failure._tag).toBe("Unavailable")
      expect(attempts).toHaveLength(1)
    }),
  )

  it.effect("a refusal is never retried", () =>
    Effect.gen(function* () {
      const { effect, attempts } = failingThen([new Refused({ status: 422, reason: "bad field" })])
      yield* Effect.retry(effect, retrySchedule(defaultRetrySettings, true)).pipe(Effect.flip)
      expect(attempts).toHaveLength(1)
    }),
  )

  it.effect("5xx on a repeatable call backs off exponentially with jitter, capped, a bounded number of times", () =>
    Effect.gen(function* () {
      const settings = { ...defaultRetrySettings, baseDelay: "1 second", maxDelay: "5 seconds", maxRetries: 5 } as const
      const always503 = Array.from({ length: 20 }, () => new Unavailable({ status: 503, reason: "busy" }))
      const { effect, attempts } = failingThen(always503)
      const fiber = yield* Effect.fork(Effect.retry(effect, retrySchedule(settings, true)).pipe(Effect.flip))
      yield* TestClock.adjust("1 minute")
      expect((yield* Fiber.join(fiber))._tag).toBe("Unavailable")
      expect(attempts).toHaveLength(6)
      const gaps = attempts.slice(1).map((at, index) => at - (attempts[index] ?? 0))
      const nominal = [1000, 2000, 4000, 5000, 5000]
      gaps.forEach((gap, index) => {
        expect(gap).toBeGreaterThanOrEqual((nominal[index] ?? 0) * 0.8 - 1)
        expect(gap).toBeLessThanOrEqual(Math.min(5000, (nominal[index] ?? 0) * 1.2) + 1)
      })
    }),
  )

  it.effect("a 429 without Retry-After backs off exponentially with jitter, the same under the same seed", () =>
    Effect.gen(function* () {
      const settings = {
        ...defaultRetrySettings,
        baseDelay: "1 second",
        maxDelay: "30 seconds",
        maxRetries: 4,
      } as const
      const throttled = Array.from({ length: 4 }, () => new Throttled({ retryAfterMs: null, reason: "slow down" }))
      const gapsUnder = (seed: string) =>
        Effect.gen(function* () {
          const { effect, attempts } = failingThen(throttled)
          const fiber = yield* Effect.fork(
            Effect.retry(effect, retrySchedule(settings, false)).pipe(Effect.withRandom(Random.make(seed))),
          )
          yield* TestClock.adjust("1 minute")
          expect(yield* Fiber.join(fiber)).toBe("done")
          return attempts.slice(1).map((at, index) => Math.round(at - (attempts[index] ?? 0)))
        })
      const gaps = yield* gapsUnder("seed-1")
      const nominal = [1000, 2000, 4000, 8000]
      gaps.forEach((gap, index) => {
        expect(gap).toBeGreaterThanOrEqual((nominal[index] ?? 0) * 0.8 - 1)
        expect(gap).toBeLessThanOrEqual((nominal[index] ?? 0) * 1.2 + 1)
      })
      expect(yield* gapsUnder("seed-1")).toEqual(gaps)
    }),
  )

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.UTC(2025, 0, 6, 9, 0, 0)
    expect(retryAfterMs("4", now)).toBe(4000)
    expect(retryAfterMs(new Date(now + 7000).toUTCString(), now)).toBe(7000)
    expect(retryAfterMs(null, now)).toBeNull()
    expect(retryAfterMs("soon", now)).toBeNull()
  })
})
