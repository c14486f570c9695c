/**
 * Every sync the service makes goes through here: an operator's, a webhook's or the scheduler's. A run waits for the
 * one before it, calls the systems at its caller's priority, logs its actions with the caller's name and address,
 * and is counted for `/metrics`.
 */

import { randomUUID } from "node:crypto"
import { Context, Effect, Layer } from "effect"
import { Store } from "../../adapters/store/Store.ts"
import type { ReadError } from "../../engine/Errors.ts"
import type { KnownState } from "../../engine/Known.ts"
import type { StoreSnapshot } from "../../engine/model/Store.ts"
import type { Entity } from "../../engine/Plan.ts"
import { ApplyJournal, type DoceboPort, RequestPriority, SyncStore, type ToPort } from "../../engine/Ports.ts"
import type { ReadOptions } from "../../engine/Reads.ts"
import { rebaseRead } from "../../engine/Rebase.ts"
import { finishRun, type ReconcileReport, readRun, reconcile, startRun } from "../../engine/Reconcile.ts"
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
    /**
     * Waits for the runs before it, then runs. `whenDone` runs before the lock is let go: a job records how it
     * ended there, so a stopping service (which takes the lock once the run in progress is over) never cuts a
     * finished run off from that record.
     */
    readonly run: <B = void>(
      request: SyncRequest,
      whenDone?: (outcome: SyncOutcome) => Effect.Effect<B>,
    ) => Effect.Effect<SyncOutcome, SyncError>
    readonly counters: RunCounters
    readonly lock: RunLock
  }
>() {}

/**
 * The drift audit (re-reading a few courses' sessions that no webhook named) belongs to the periodic full run: a
 * scoped run after a webhook spends only the calls its change needs.
 */
export const optionsOf = (scope: SyncScope) => {
  switch (scope.kind) {
    case "full":
      return { full: true }
    case "courses":
      return {
        courses: scope.ids,
        planCourses: scope.codes,
        auditCourses: 0,
        ...(scope.listings ? { listings: scope.listings } : {}),
      }
    case "entities":
      return { planEntities: scope.entities, auditCourses: 0, ...(scope.listings ? { listings: scope.listings } : {}) }
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

    // A full read may last hours under Docebo's limit; one at a time, and a second waits rather than reading twice.
    const fullReads = yield* Effect.makeSemaphore(1)

    const provided = <A, E>(
      request: SyncRequest,
      effect: Effect.Effect<A, E, DoceboPort | ToPort | SyncStore | ApplyJournal>,
    ) =>
      Effect.flatMap(systems.ports, (ports) =>
        effect.pipe(
          logWithIp(request.ip),
          Effect.provide(ports),
          Effect.provideService(SyncStore, engineStore),
          Effect.provideService(ApplyJournal, journal),
        ),
      )

    /** A full run is reading (without the lock): it reads every course, so a scoped run reads only its own. */
    let fullReading = false

    const optionsFor = (request: SyncRequest) => ({
      runId: `run-${randomUUID()}`,
      dryRun: request.dryRun ?? false,
      actor: request.actor,
      ...optionsOf(request.scope),
      ...(request.progress ? { progress: request.progress } : {}),
      ...(fullReading && request.scope.kind === "courses" ? { unreadOnlyInScope: true } : {}),
    })

    const outcomeOf = (report: ReconcileReport) =>
      Effect.map(Effect.orDie(store.loadStoreSnapshot()), (snapshot): SyncOutcome => ({ report, store: snapshot }))

    /** The whole run under the lock: short runs (a webhook's, an operator's), and every dry run. */
    const runLocked = <B>(request: SyncRequest, whenDone: (outcome: SyncOutcome) => Effect.Effect<B>) =>
      lock.withLock(request.priority)(
        provided(
          request,
          Effect.suspend(() => reconcile(optionsFor(request))),
        ).pipe(Effect.flatMap(outcomeOf), Effect.tap(whenDone)),
      )

    /**
     * A full run reads without the lock, so that the webhooks' course syncs go on meanwhile (a large tenant's first
     * read lasts hours); it takes the lock to start (recovery must not overlap another run's apply) and to plan and
     * apply, on a read brought up to date with the runs that finished meanwhile.
     */
    const runFull = <B>(request: SyncRequest, whenDone: (outcome: SyncOutcome) => Effect.Effect<B>) => {
      const options = optionsFor(request)
      const withLock = lock.withLock(request.priority)
      return fullReads.withPermits(1)(
        Effect.gen(function* () {
          const start = yield* withLock(provided(request, startRun()))
          fullReading = true
          // The listings are read in minutes, the sessions in hours: the listings are saved for the runs meanwhile.
          const afterListings = (listed: KnownState) =>
            withLock(
              Effect.gen(function* () {
                const fresh = yield* engineStore.load()
                yield* engineStore.saveKnown(rebaseRead(start.known, listed, fresh.known))
              }),
            )
          const read = yield* provided(request, readRun(start, { ...options, afterListings })).pipe(
            Effect.ensuring(Effect.sync(() => (fullReading = false))),
          )
          return yield* withLock(
            provided(request, finishRun(start, read, { ...options, concurrent: true })).pipe(
              Effect.flatMap(outcomeOf),
              Effect.tap(whenDone),
            ),
          )
        }),
      )
    }

    const run = <B = void>(
      request: SyncRequest,
      whenDone: (outcome: SyncOutcome) => Effect.Effect<B> = () => Effect.void as Effect.Effect<B>,
    ) =>
      (request.scope.kind === "full" && !request.dryRun
        ? runFull(request, whenDone)
        : runLocked(request, whenDone)
      ).pipe(
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

    return { run, counters, lock }
  }),
)
