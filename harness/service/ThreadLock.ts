/**
 * One run at a time per tenant across the threads of one process: the service's thread (an operator's approval, a
 * new provider) and its runs thread (RunsThread.ts) each hold this lock for a run, as processes hold PostgreSQL's
 * advisory lock (ProcessLock.ts). It is one 32-bit cell of memory both threads share: 0 when free, else the holder's
 * number, so that a runs thread that died holding it can be freed by the thread that outlives it.
 */
import { Effect } from "effect"
import { waitAsync } from "../../adapters/store/SharedWait.ts"
import type { CrossProcessLock } from "./ProcessLock.ts"

export type LockHolder = 1 | 2

export const serviceThread: LockHolder = 1
export const runsThread: LockHolder = 2

/** The shared memory of one lock: made by the service's thread, handed to the runs thread. */
export const makeLockCell = (): SharedArrayBuffer => new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)

/** A waiter looks again at least this often, so one interrupted while waiting leaves soon. */
const recheckMs = 250

export const threadRunLock = (shared: SharedArrayBuffer, holder: LockHolder): CrossProcessLock => {
  const cell = new Int32Array(shared)

  const release = Effect.sync(() => {
    Atomics.compareExchange(cell, 0, holder, 0)
    Atomics.notify(cell, 0)
  })

  /** Interruptible while it waits: once interrupted, a lock it is then given is let go at once. */
  const acquire = Effect.async<void>((resume) => {
    let cancelled = false
    const attempt = async () => {
      for (;;) {
        if (Atomics.compareExchange(cell, 0, 0, holder) === 0) {
          if (cancelled) Effect.runSync(release)
          else resume(Effect.void)
          return
        }
        if (cancelled) return
        const waited = waitAsync(cell, 0, Atomics.load(cell, 0), recheckMs)
        if (waited.async) await waited.value
      }
    }
    void attempt()
    return Effect.sync(() => {
      cancelled = true
    })
  })

  return {
    hold: (effect) =>
      Effect.uninterruptibleMask((restore) =>
        Effect.zipRight(restore(acquire), restore(effect).pipe(Effect.ensuring(release))),
      ),
  }
}

/** Frees the lock if `holder` (a thread that has died) still holds it. */
export const freeLockOf = (shared: SharedArrayBuffer, holder: LockHolder) => {
  const cell = new Int32Array(shared)
  if (Atomics.compareExchange(cell, 0, holder, 0) === holder) Atomics.notify(cell, 0)
}
