/**
 * One sync run at a time in the whole process. Each run saves the known state of both systems as a whole, so two
 * runs side by side would each drop what the other wrote into it (and a dropped record is one the next plan creates
 * again). Waiting runs start by priority: an operator's or a webhook's before a background full sync.
 */
import { Deferred, Effect } from "effect"
import type { RequestPriority } from "../../engine/Ports.ts"

export interface RunLock {
  readonly withLock: (priority: RequestPriority) => <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  /** Runs waiting for the lock, by priority. */
  readonly waiting: Effect.Effect<Readonly<Record<RequestPriority, number>>>
  /** Waits for the run in progress (ahead of every waiting run), then holds the lock for good: the process stops. */
  readonly close: Effect.Effect<void>
}

/** `onContended` runs whenever a run has to wait for the lock (the holder may then hurry to let it go). */
export const makeRunLock = (onContended: Effect.Effect<void> = Effect.void): RunLock => {
  let held = false
  const queues: Record<RequestPriority, Array<Deferred.Deferred<void>>> = { interactive: [], background: [] }

  const release = Effect.suspend(() => {
    const next = queues.interactive.shift() ?? queues.background.shift()
    if (next === undefined) {
      held = false
      return Effect.void
    }
    // The lock passes straight to the next run, so no newcomer can slip in between.
    return Deferred.succeed(next, undefined)
  })

  const acquire = (priority: RequestPriority, first = false) =>
    Effect.gen(function* () {
      if (!held) {
        held = true
        return
      }
      const ticket = yield* Deferred.make<void>()
      if (first) queues[priority].unshift(ticket)
      else queues[priority].push(ticket)
      yield* onContended
      yield* Deferred.await(ticket).pipe(
        Effect.onInterrupt(() =>
          Effect.suspend(() => {
            const index = queues[priority].indexOf(ticket)
            if (index < 0) return release // interrupted just after being handed the lock: pass it on
            queues[priority].splice(index, 1)
            return Effect.void
          }),
        ),
      )
    })

  return {
    // The wait is interruptible (a stopping service must not hang on it); the release always runs once acquired.
    withLock: (priority) => (effect) =>
      Effect.uninterruptibleMask((restore) =>
        Effect.zipRight(restore(acquire(priority)), restore(effect).pipe(Effect.ensuring(release))),
      ),
    close: acquire("interactive", true),
    waiting: Effect.sync(() => ({ interactive: queues.interactive.length, background: queues.background.length })),
  }
}
