/**
 * The service's own work, started once the store is open: first it clears what a stopped process left running,
 * then the webhook worker runs, and a full reconcile starts every interval to catch changes no webhook announced.
 * Both stop when the runtime is disposed.
 */
import { type Duration, Effect, Layer, Schedule } from "effect"
import { recoverStartup } from "../App.ts"
import { Inbox } from "./Inbox.ts"
import { Jobs } from "./Jobs.ts"

/** Starts a full sync unless one is already queued or running (then this round is skipped). */
const periodicReconcile = Effect.gen(function* () {
  const jobs = yield* Jobs
  if (!jobs.accepting()) return
  yield* jobs.start({ scope: { kind: "full" }, trigger: "schedule", actor: "scheduler", priority: "background" })
}).pipe(Effect.ignore)

export const BackgroundLive = (reconcileInterval: Duration.Duration | null) =>
  Layer.scopedDiscard(
    Effect.gen(function* () {
      yield* recoverStartup
      const inbox = yield* Inbox
      yield* Effect.forkScoped(inbox.work)
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
