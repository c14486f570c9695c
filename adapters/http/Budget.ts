import { Clock, Deferred, Effect, Queue, type Scope } from "effect"
import type { RequestPriority } from "../../engine/Ports.ts"
import { type BucketSettings, type BucketState, fullBucket, msUntilToken, takeToken } from "./TokenBucket.ts"

/** The calls one system allows this process, shared by every caller. */
export interface RequestBudget {
  /** Waits until one call may go out; interactive callers go before background callers that are still waiting. */
  readonly acquire: (priority: RequestPriority) => Effect.Effect<void>
  /** The system answered 429: no call goes out before `untilMs` (on the Effect clock), then calls resume slowly. */
  readonly holdUntil: (untilMs: number) => Effect.Effect<void>
  /** Runs `effect` while no other `/batch` call runs: such calls must never overlap. */
  readonly exclusive: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  /** Callers waiting for a permit, by priority. */
  readonly waiting: Effect.Effect<Readonly<Record<RequestPriority, number>>>
}

/**
 * A budget over a token bucket. Permits are handed out by one dispatcher fiber, in priority order and first come
 * first served within a priority; time is the Effect `Clock`, so a `TestClock` runs hours of budget in milliseconds.
 */
export const makeRequestBudget = (settings: BucketSettings): Effect.Effect<RequestBudget, never, Scope.Scope> =>
  Effect.gen(function* () {
    let bucket: BucketState = fullBucket(settings, yield* Clock.currentTimeMillis)
    let heldUntil = 0
    const queues: Record<RequestPriority, Array<Deferred.Deferred<void>>> = { interactive: [], background: [] }
    const doorbell = yield* Queue.sliding<void>(1)
    const batches = yield* Effect.makeSemaphore(1)

    const waitMs = (now: number) => Math.max(heldUntil - now, msUntilToken(settings, bucket, now))
    const nobodyWaiting = () => queues.interactive.length === 0 && queues.background.length === 0

    const dispatchOne = Effect.gen(function* () {
      if (nobodyWaiting()) return yield* Queue.take(doorbell)
      const now = yield* Clock.currentTimeMillis
      const wait = waitMs(now)
      if (wait > 0) return yield* Effect.sleep(wait)
      // Chosen only now, after any wait, so an interactive caller that came during the wait goes first.
      const next = queues.interactive.shift() ?? queues.background.shift()
      if (next === undefined) return
      bucket = takeToken(settings, bucket, now)
      yield* Deferred.succeed(next, undefined)
    })
    yield* Effect.forkScoped(Effect.forever(dispatchOne))

    const acquire = (priority: RequestPriority) =>
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        if (nobodyWaiting() && waitMs(now) === 0) {
          bucket = takeToken(settings, bucket, now)
          return
        }
        const ticket = yield* Deferred.make<void>()
        queues[priority].push(ticket)
        yield* Queue.offer(doorbell, undefined)
        yield* Deferred.await(ticket).pipe(
          Effect.onInterrupt(() =>
            Effect.sync(() => {
              queues[priority] = queues[priority].filter((waiting) => waiting !== ticket)
            }),
          ),
        )
      })

    return {
      acquire,
      // The system's count disagrees with the bucket's: start again from an empty bucket once the wait is over.
      holdUntil: (untilMs) =>
        Effect.sync(() => {
          heldUntil = Math.max(heldUntil, untilMs)
          bucket = { tokens: 0, at: Math.max(bucket.at, heldUntil) }
        }),
      exclusive: (effect) => batches.withPermits(1)(effect),
      waiting: Effect.sync(() => ({
        interactive: queues.interactive.length,
        background: queues.background.length,
      })),
    }
  })
