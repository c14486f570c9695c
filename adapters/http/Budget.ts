import { Clock, Deferred, Effect, Queue, type Scope } from "effect"
import type { RequestPriority } from "../../engine/Ports.ts"
import { type BucketSettings, type BucketState, fullBucket, msUntilToken, refill, takeToken } from "./TokenBucket.ts"
import {
  inWindow,
  resyncedWindow,
  type SpendWindow,
  type WindowSettings,
  windowAfterCall,
  windowFinishMs,
  windowOf,
  windowWaitMs,
} from "./Window.ts"

/** A system's calls over the last hour, as an operator watching a long sync sees them. */
export interface BudgetUsage {
  /** Calls sent in the last hour (for a system counted over a window: by every process, as the ledger says). */
  readonly used: number
  /** How many more the hour allows. */
  readonly left: number
  /** The calls iltsync allows itself per hour: the system's limit less the margin it keeps in hand. */
  readonly limitPerHour: number
  /** Permits handed out since this process started (never decreasing: a caller measures its pace on it). */
  readonly granted: number
}

const hourMs = 3_600_000

/** When the calls of the last hour went out, oldest first, each forgotten once it is an hour old. */
const makeHourLog = () => {
  let times: number[] = []
  let start = 0
  const forget = (now: number) => {
    while (start < times.length && (times[start] ?? now) <= now - hourMs) start++
    // Aged-out entries are dropped in bulk: a call costs O(1) however many went out in the hour.
    if (start > 1024 && start * 2 > times.length) {
      times = times.slice(start)
      start = 0
    }
  }
  return {
    add: (at: number) => {
      times.push(at)
      forget(at)
    },
    count: (now: number) => {
      forget(now)
      return times.length - start
    },
  }
}

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
  readonly usage: Effect.Effect<BudgetUsage>
  /**
   * About how long until `calls` more calls at `priority` have gone out, as the limits let them (ms): the time the
   * calls themselves take is not counted, only the waits the budget imposes.
   */
  readonly timeFor: (calls: number, priority: RequestPriority) => Effect.Effect<number>
  /**
   * While on, background callers are served as interactive ones: a background run that holds up interactive work
   * (the run lock they wait for) gets its last calls through at their priority, so it can let them in sooner.
   */
  readonly boost: (on: boolean) => Effect.Effect<void>
}

/** A budget over a shared ledger reads it again after this many calls of its own at most (see `resyncMs`). */
const resyncEveryCalls = 20

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
    let lastReadAt = start
    let grantedAtRead = 0
    let heldUntil = 0
    let boosted = false
    let granted = 0
    // A system without an hourly window (TO) has its last hour's calls counted here, for `usage` alone.
    const lastHour = makeHourLog()
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
      granted += 1
      if (window !== undefined && spent !== null) spent = windowAfterCall(window, spent, now)
      else lastHour.add(now)
    }

    const usage = Effect.map(Clock.currentTimeMillis, (now): BudgetUsage => {
      const windowed = window !== undefined && spent !== null
      const used = windowed ? inWindow(window, spent ?? [], now).length : lastHour.count(now)
      const limitPerHour = windowed
        ? Math.floor((window.limit * hourMs) / window.windowMs)
        : Math.floor(settings.refillPerMs * hourMs)
      return { used, left: Math.max(0, limitPerHour - used), limitPerHour, granted }
    })

    const timeFor = (calls: number, priority: RequestPriority) =>
      Effect.map(Clock.currentTimeMillis, (now) => {
        if (calls <= 0) return 0
        const tokens = refill(settings, bucket, now).tokens
        const paced = calls > tokens ? Math.ceil((calls - tokens) / settings.refillPerMs) : 0
        const windowed =
          window === undefined || spent === null
            ? 0
            : windowFinishMs(window, spent, now, calls, boosted ? "interactive" : priority)
        return Math.max(0, heldUntil - now) + Math.max(paced, windowed)
      })

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

    /** Reads the ledger again once `resyncMs` has passed, for the calls other processes spent meanwhile. */
    const resync = Effect.gen(function* () {
      if (window?.resyncMs === undefined || spent === null) return
      const now = yield* Clock.currentTimeMillis
      // After a burst too: calls sent back to back by two processes would pass the limit between two reads.
      if (now - lastReadAt < window.resyncMs && granted - grantedAtRead < resyncEveryCalls) return
      grantedAtRead = granted
      const readAt = lastReadAt
      lastReadAt = now
      const ledger = yield* window.ledger.spentSince(now - window.windowMs)
      spent = resyncedWindow(window, ledger, spent ?? [], readAt, now)
    })

    const dispatchOne = Effect.gen(function* () {
      if (nobodyWaiting()) return yield* Queue.take(doorbell)
      yield* resync
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
        yield* resync
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
      usage,
      timeFor,
      boost: (on) =>
        Effect.suspend(() => {
          boosted = on
          // The dispatcher may be waiting out a background caller's wait: it looks again.
          return Queue.offer(doorbell, undefined)
        }),
    }
  })
