/**
 * Time for the planner's laws when a deep run checks each on ten times the worlds. One law then takes minutes, and
 * two things end it early that have nothing to do with the planner: the one-minute limit of a test, and vitest's
 * worker, which loses its line to the runner ("Timeout calling onTaskUpdate") when a test holds it for a minute.
 */

/** A law's time limit: a minute, or 30 ms a run when that is more (a loaded two-core machine needs about 12). */
export const propertyTimeout = (runs: number): number => Math.max(60_000, runs * 30)

/**
 * A law's check as an async predicate that gives the event loop a turn every 100 worlds, so that vitest's worker
 * still answers its runner. The worlds generated, and so the seeds and paths fast-check prints, are the same as with
 * the synchronous check.
 */
export const withTurns = <Args extends ReadonlyArray<unknown>>(check: (...args: Args) => void) => {
  let checked = 0
  return async (...args: Args): Promise<void> => {
    checked++
    if (checked % 100 === 0) await new Promise((resolve) => setImmediate(resolve))
    check(...args)
  }
}
