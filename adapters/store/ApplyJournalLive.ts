/**
 * The engine's ApplyJournal port, kept in the store. The port has no error channel: a journal that cannot be written
 * leaves apply unable to promise crash safety, so a store failure here stops the run as a defect.
 */
import { Clock, Effect, Layer } from "effect"
import { ApplyJournal } from "../../engine/Ports.ts"
import { Store } from "./Store.ts"

const now = Effect.map(Clock.currentTimeMillis, (millis) => new Date(millis).toISOString())

export const ApplyJournalLive = Layer.effect(
  ApplyJournal,
  Effect.gen(function* () {
    const store = yield* Store
    return {
      begin: (runId, ops) => Effect.orDie(Effect.flatMap(now, (at) => store.beginRun(runId, ops, at))),
      sending: (runId, opId, step) =>
        Effect.orDie(Effect.flatMap(now, (at) => store.markStepSent(runId, opId, step, at))),
      settle: (runId, outcome, changes, touched) =>
        Effect.orDie(Effect.flatMap(now, (at) => store.settleOp(runId, outcome, changes, touched, at))),
      unsettled: () => Effect.orDie(store.listUnsettledSteps()),
      recovered: (steps) => Effect.orDie(Effect.flatMap(now, (at) => store.markStepsRecovered(steps, at))),
    }
  }),
)
