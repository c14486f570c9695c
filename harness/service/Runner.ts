/**
 * Every sync the service makes goes through here: an operator's, a webhook's or the scheduler's. A run waits for the
 * one before it, calls the systems at its caller's priority, logs its actions with the caller's name and address,
 * and is counted for `/metrics`.
 */

import { randomUUID } from "node:crypto"
import { Context, Effect, Layer } from "effect"
import { Store } from "../../adapters/store/Store.ts"
import type { ReadError } from "../../engine/Errors.ts"
import type { StoreSnapshot } from "../../engine/model/Store.ts"
import type { Entity } from "../../engine/Plan.ts"
import { ApplyJournal, RequestPriority, SyncStore } from "../../engine/Ports.ts"
import type { ReadOptions } from "../../engine/Reads.ts"
import { type ReconcileReport, reconcile } from "../../engine/Reconcile.ts"
import { makeRunCounters, type RunCounters, type RunTrigger } from "./Metrics.ts"
import { makeRunLock, type RunLock } from "./RunLock.ts"
import { type ConnectError, Systems } from "./Systems.ts"

/** What a run covers: everything, some Docebo courses (their codes, and their ids when known), or some entities. */
/** `listings`: what the run reads (after a webhook, what its system changed); everything when absent. */
export type SyncScope =
  | { readonly kind: "full" }
  | {
      readonly kind: "courses"
      readonly codes: ReadonlyArray<string>
      readonly ids: ReadonlyArray<string>
      readonly listings?: ReadOptions["listings"]
    }
  | { readonly kind: "entities"; readonly entities: ReadonlyArray<Entity>; readonly listings?: ReadOptions["listings"] }

export interface SyncRequest {
  readonly scope: SyncScope
  readonly dryRun?: boolean
  readonly trigger: RunTrigger
  /** The event log's acting user: the operator's token name, or the webhook's or scheduler's. */
  readonly actor: string
  readonly ip?: string | null
  readonly priority: RequestPriority
  readonly progress?: (done: number, total: number) => Effect.Effect<void>
}

export interface SyncOutcome {
  readonly report: ReconcileReport
  /** iltsync's store right after the run, read before the next run may start (for the plan document's digest). */
  readonly store: StoreSnapshot
}

export type SyncError = ConnectError | ReadError

export class Runner extends Context.Tag("harness/service/Runner")<
  Runner,
  {
    /** Waits for the runs before it, then runs. */
    readonly run: (request: SyncRequest) => Effect.Effect<SyncOutcome, SyncError>
    /** Runs at once: for a caller that holds the lock itself (a job, whose bookkeeping must not be cut off). */
    readonly runHeld: (request: SyncRequest) => Effect.Effect<SyncOutcome, SyncError>
    readonly counters: RunCounters
    readonly lock: RunLock
  }
>() {}

const optionsOf = (scope: SyncScope) => {
  switch (scope.kind) {
    case "full":
      return { full: true }
    case "courses":
      return { courses: scope.ids, planCourses: scope.codes, ...(scope.listings ? { listings: scope.listings } : {}) }
    case "entities":
      return { planEntities: scope.entities, ...(scope.listings ? { listings: scope.listings } : {}) }
  }
}

/** The engine's log entries carry no address; the caller's is filled in here. */
const logWithIp = (ip: string | null | undefined) =>
  ip
    ? Effect.updateService(SyncStore, (port) => ({
        ...port,
        log: (entries) => port.log(entries.map((entry) => ({ ...entry, ip: entry.ip ?? ip }))),
      }))
    : <A, E, R>(effect: Effect.Effect<A, E, R>) => effect

export const RunnerLive = Layer.effect(
  Runner,
  Effect.gen(function* () {
    const systems = yield* Systems
    const store = yield* Store
    const engineStore = yield* SyncStore
    const journal = yield* ApplyJournal
    const lock = makeRunLock()
    const counters = makeRunCounters()

    const runHeld = (request: SyncRequest) =>
      Effect.gen(function* () {
        const ports = yield* systems.ports
        const report = yield* reconcile({
          runId: `run-${randomUUID()}`,
          dryRun: request.dryRun ?? false,
          actor: request.actor,
          ...optionsOf(request.scope),
          ...(request.progress ? { progress: request.progress } : {}),
        }).pipe(
          logWithIp(request.ip),
          Effect.provide(ports),
          Effect.provideService(SyncStore, engineStore),
          Effect.provideService(ApplyJournal, journal),
        )
        const snapshot = yield* Effect.orDie(store.loadStoreSnapshot())
        return { report, store: snapshot }
      }).pipe(
        Effect.tap(({ report }) =>
          Effect.sync(() => {
            counters.recordRun(request.trigger, request.dryRun ?? false, "succeeded")
            if (report.outcomes !== null) counters.recordOps(report.outcomes.map((outcome) => outcome.status))
          }),
        ),
        Effect.tapErrorCause(() =>
          Effect.sync(() => counters.recordRun(request.trigger, request.dryRun ?? false, "failed")),
        ),
        Effect.locally(RequestPriority, request.priority),
        Effect.withSpan("Runner.run"),
      )

    const run = (request: SyncRequest) => lock.withLock(request.priority)(runHeld(request))

    return { run, runHeld, counters, lock }
  }),
)
