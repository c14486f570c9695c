import { Clock, Deferred, Effect, Queue, type Scope } from "effect"
import type { RequestPriority } from "../../engine/Ports.ts"
import { type BucketSettings, type BucketState, fullBucket, msUntilToken, takeToken } from "./TokenBucket.ts"
import { type SpendWindow, type WindowSettings, windowAfterCall, windowOf, windowWaitMs } from "./Window.ts"

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
  /**
   * While on, background callers are served as interactive ones: a background run that holds up interactive work
   * (the run lock they wait for) gets its last calls through at their priority, so it can let them in sooner.
   */
  readonly boost: (on: boolean) => Effect.Effect<void>
}

/**
 * A budget over a token bucket (the pace and burst of calls) and, where a system counts calls over a long window
 * (Docebo: an hour), a rolling window kept in a ledger, so that no window ever holds more than the limit, across
 * restarts too. Permits are handed out by one dispatcher fiber, in priority order and first come first served within
 * a priority; time is the Effect `Clock`, so a `TestClock` runs hours of budget in milliseconds.
 */
export const makeRequestBudget = (
  settings: BucketSettings,
  window?: WindowSettings,
): Effect.Effect<RequestBudget, never, Scope.Scope> =>
  Effect.gen(function* () {
    const start = yield* Clock.currentTimeMillis
    let bucket: BucketState = fullBucket(settings, start)
    // What was spent before this process started counts against the window it started in.
    let spent: SpendWindow | null = window === undefined ? null : yield* windowOf(window, start)
    let heldUntil = 0
    let boosted = false
    const queues: Record<RequestPriority, Array<Deferred.Deferred<void>>> = { interactive: [], background: [] }
    const doorbell = yield* Queue.sliding<void>(1)
    const batches = yield* Effect.makeSemaphore(1)

    const waitMs = (now: number, priority: RequestPriority) =>
      Math.max(
        heldUntil - now,
        msUntilToken(settings, bucket, now),
        window === undefined || spent === null
          ? 0
          : windowWaitMs(window, spent, now, boosted ? "interactive" : priority),
      )
    const nobodyWaiting = () => queues.interactive.length === 0 && queues.background.length === 0
    const nextPriority = (): RequestPriority => (queues.interactive.length > 0 ? "interactive" : "background")

    /** Takes one permit at `now` (the check that one is there comes in the same synchronous step). */
    const take = (now: number) => {
      bucket = takeToken(settings, bucket, now)
      if (window !== undefined && spent !== null) spent = windowAfterCall(window, spent, now)
    }

    /** The window's ledger learns of a permit before its call goes out. */
    const record = (at: number) => (window === undefined ? Effect.void : window.ledger.record(at, window.windowMs))

    /**
     * The first waiting caller (interactive ones first) gets its permit if there is one for its priority; otherwise
     * how long until there is. One synchronous step, so no other fiber takes the last permit in between.
     */
    const grantNext = Effect.map(Clock.currentTimeMillis, (now) => {
      const priority = nextPriority()
      const wait = waitMs(now, priority)
      if (wait > 0) return { granted: false, wait } as const
      const ticket = queues[priority].shift()
      take(now)
      return { granted: true, ticket, at: now } as const
    })

    const dispatchOne = Effect.gen(function* () {
      if (nobodyWaiting()) return yield* Queue.take(doorbell)
      const granted = yield* grantNext
      // A caller arriving meanwhile may go sooner (an interactive one has the window's reserve): it rings.
      if (!granted.granted) return yield* Effect.race(Effect.sleep(granted.wait), Queue.take(doorbell))
      yield* record(granted.at)
      if (granted.ticket !== undefined) yield* Deferred.succeed(granted.ticket, undefined)
    })
    yield* Effect.forkScoped(Effect.forever(dispatchOne))

    /** A caller with nobody ahead of it takes its permit at once when there is one. */
    const takeAtOnce = (priority: RequestPriority) =>
      Effect.map(Clock.currentTimeMillis, (now) => {
        if (!nobodyWaiting() || waitMs(now, priority) > 0) return null
        take(now)
        return now
      })

    const acquire = (priority: RequestPriority) =>
      Effect.gen(function* () {
        const at = yield* takeAtOnce(priority)
        if (at !== null) return yield* record(at)
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
      boost: (on) =>
        Effect.suspend(() => {
          boosted = on
          // The dispatcher may be waiting out a background caller's wait: it looks again.
          return Queue.offer(doorbell, undefined)
        }),
    }
  })
