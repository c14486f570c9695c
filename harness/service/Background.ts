/**
 * The service's own work, started once the store is open: first it clears what a stopped process left running,
 * then the webhook worker runs, a full reconcile starts every interval to catch changes no webhook announced, and
 * settled webhook deliveries older than their retention are pruned every hour. All stop when the runtime is disposed.
 */
import { Duration, Effect, Layer, Schedule } from "effect"
import { Store } from "../../adapters/store/Store.ts"
import { recoverStartup } from "../App.ts"
import type { ServiceClock } from "./Clock.ts"
import { dispatchInEffect } from "./Dispatch.ts"
import { Inbox } from "./Inbox.ts"
import { Jobs } from "./Jobs.ts"

/** Starts a full sync unless one is already queued or running (then this round is skipped). */
const periodicReconcile = Effect.gen(function* () {
  const jobs = yield* Jobs
  if (!jobs.accepting()) return
  yield* jobs.start({ scope: { kind: "full" }, trigger: "schedule", actor: "scheduler", priority: "background" })
}).pipe(Effect.ignore)

/**
 * Settled deliveries are kept for the retention only to recognise a sender's late retry; the inbox would otherwise
 * grow with every webhook for ever.
 */
const pruneInbox = (clock: ServiceClock, retention: Duration.Duration, log: (line: string) => void) =>
  Effect.gen(function* () {
    const store = yield* Store
    const before = new Date(clock.now() - Duration.toMillis(retention)).toISOString()
    yield* store.pruneWebhooks(before)
  }).pipe(
    Effect.catchAll((error) => Effect.sync(() => log(`iltsync: pruning the webhook inbox failed: ${error.message}`))),
  )

export interface BackgroundSettings {
  readonly reconcileInterval: Duration.Duration | null
  readonly webhookRetention: Duration.Duration
  readonly clock: ServiceClock
  readonly log: (line: string) => void
}

/** Hourly, or four times per retention when that is shorter, so a delivery outlives its retention by a quarter at most. */
const pruneEvery = (retention: Duration.Duration) => Duration.min(Duration.hours(1), Duration.times(retention, 0.25))

export const BackgroundLive = ({ reconcileInterval, webhookRetention, clock, log }: BackgroundSettings) =>
  Layer.scopedDiscard(
    Effect.gen(function* () {
      // With workers, recovery, the inbox and the periodic reconcile are the workers' (Dispatch.ts).
      if ((yield* dispatchInEffect).mode !== "in-process") return
      yield* recoverStartup
      const inbox = yield* Inbox
      yield* Effect.forkScoped(inbox.work)
      yield* Effect.forkScoped(
        Effect.repeat(pruneInbox(clock, webhookRetention, log), Schedule.spaced(pruneEvery(webhookRetention))),
      )
      if (reconcileInterval !== null) {
        // The first round comes one interval after start: a restart should not set off a full sync by itself.
        yield* Effect.forkScoped(
          Effect.sleep(reconcileInterval).pipe(
            Effect.zipRight(Effect.repeat(periodicReconcile, Schedule.spaced(reconcileInterval))),
          ),
        )
      }
    }),
  )
