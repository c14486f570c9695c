/**
 * Background work (the webhook worker's runs, sync jobs) shares the process with the routes. On Effect's default
 * scheduler a run's steps follow one another as microtasks, so no request is answered until the run waits on the
 * network: at 2,000 webhooks a second, a p99 of 45–50 ms. Here every resumption, and every 32 steps, goes through
 * `setImmediate`, after the pending I/O, so a request waits for one step of a run, not the run (p99 12–20 ms,
 * `npm run bench -- service --quick`).
 */
import { Effect, Scheduler } from "effect"

const requestsFirst = Scheduler.make((task) => {
  setImmediate(task)
})

export const yieldingToRequests = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  effect.pipe(Effect.withScheduler(requestsFirst), Effect.withMaxOpsBeforeYield(32))
