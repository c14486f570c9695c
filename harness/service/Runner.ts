/**
 * Every sync the service makes goes through here: an operator's, a webhook's or the scheduler's. A run waits for the
 * one before it, calls the systems at its caller's priority, logs its actions with the caller's name and address,
 * and is counted for `/metrics`.
 */

import { randomUUID } from "node:crypto"
import { Context, Effect, Layer } from "effect"
import { DoceboBudget } from "../../adapters/docebo/Budget.ts"
import { Store } from "../../adapters/store/Store.ts"
import { ToBudget } from "../../adapters/training-orchestra/Budget.ts"
import { summarise } from "../../engine/diff/Guards.ts"
import type { ReadError } from "../../engine/Errors.ts"
import { History, soonestSessions } from "../../engine/Horizon.ts"
import type { KnownState } from "../../engine/Known.ts"
import type { StoreSnapshot } from "../../engine/model/Store.ts"
import type { Entity, Op, PlanBody } from "../../engine/Plan.ts"
import {
  ApplyJournal,
  DoceboPort,
  type OpOutcome,
  RequestPriority,
  SyncStore,
  type ToPort,
} from "../../engine/Ports.ts"
import type { ReadOptions, ReadProgress } from "../../engine/Reads.ts"
import { rebaseRead } from "../../engine/Rebase.ts"
import {
  finishRun,
  previewRun,
  type ReconcileReport,
  type RunStart,
  readRun,
  reconcile,
  startRun,
} from "../../engine/Reconcile.ts"
import { makeRunCounters, type RunCounters, type RunTrigger } from "./Metrics.ts"
import { processLockInEffect } from "./ProcessLock.ts"
import { makeRunLock, type RunLock } from "./RunLock.ts"
import { type ConnectError, Systems } from "./Systems.ts"
import { keepingUserDirectory } from "./UserDirectory.ts"

/**
 * What a run covers: everything, some Docebo courses (their codes, and their ids when known), some entities, or some
 * ops of the whole plan (an operator's approval of a held op: the rest of the plan is left for later runs).
 * `listings`: what the run reads (after a webhook, what its system changed); everything when absent.
 */
export type SyncScope =
  | { readonly kind: "full" }
  | {
      readonly kind: "courses"
      readonly codes: ReadonlyArray<string>
      readonly ids: ReadonlyArray<string>
      readonly listings?: ReadOptions["listings"]
    }
  | { readonly kind: "entities"; readonly entities: ReadonlyArray<Entity>; readonly listings?: ReadOptions["listings"] }
  | { readonly kind: "ops"; readonly ops: ReadonlyArray<string> }

/** What a run reports as it goes; a job records it. */
export interface RunProgress {
  readonly read: (progress: ReadProgress) => Effect.Effect<void>
  /** The plan is made and about to be applied (each part of a run applied in parts plans again). */
  readonly planned: (planned: PlanBody) => Effect.Effect<void>
  /** As each op settles: how many have, of how many. */
  readonly applied: (done: number, total: number) => Effect.Effect<void>
}

export interface SyncRequest<E = never> {
  readonly scope: SyncScope
  readonly dryRun?: boolean
  readonly trigger: RunTrigger
  /** The event log's acting user: the operator's token name, or the webhook's or scheduler's. */
  readonly actor: string
  readonly ip?: string | null
  readonly priority: RequestPriority
  /** Held ops to apply too: every one, or those with these ids. */
  readonly approveHeld?: boolean | ReadonlySet<string>
  /** Runs between plan and apply; failing it stops the run before anything is written to either system. */
  readonly beforeApply?: (planned: PlanBody) => Effect.Effect<void, E>
  readonly progress?: RunProgress
  /** Runs once the run really starts (it has the run lock; at once for a dry run): a job is `running` from then. */
  readonly onStart?: Effect.Effect<void>
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
    readonly run: <B = void, E = never>(
      request: SyncRequest<E>,
      whenDone?: (outcome: SyncOutcome) => Effect.Effect<B>,
    ) => Effect.Effect<SyncOutcome, SyncError | E>
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
    case "ops":
      return { applyOnly: scope.ops, auditCourses: 0 }
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

/**
 * How many ops a part of a full run applies at least before it lets waiting runs in: a steady stream of webhooks
 * must not keep a first sync from ever moving on.
 */
const leastOpsPerPart = 4

/** A first sync reads, plans and applies the courses with a session starting within this many days first. */
const soonestDays = 14

/** The TO sessions starting within `soonestDays` of a run's start, and not over, as `known` has them. */
const soonestSessionsOf = (start: RunStart, known: KnownState) =>
  Effect.map(DoceboPort, ({ stamps }) =>
    soonestSessions(
      known,
      new History(start.horizon, known.to.sessions, start.loaded.store, stamps),
      start.now,
      soonestDays,
    ),
  )

export const RunnerLive = Layer.effect(
  Runner,
  Effect.gen(function* () {
    const systems = yield* Systems
    const store = yield* Store
    const engineStore = yield* SyncStore
    const journal = yield* ApplyJournal
    const budgets = [yield* DoceboBudget, yield* ToBudget]
    const counters = makeRunCounters()

    /** A part of a full run is applying: a run that has to wait for the lock boosts the part's calls. */
    let applyingPart = false
    const boost = (on: boolean) => Effect.forEach(budgets, (budget) => budget.boost(on), { discard: true })
    const localLock = makeRunLock(Effect.suspend(() => (applyingPart ? boost(true) : Effect.void)))
    // Several processes working one tenant (workers): the run holds the tenant's lock across processes too, taken
    // once it has this process's, so the runs waiting here keep their order.
    const crossProcess = yield* processLockInEffect
    const lock: RunLock =
      crossProcess === null
        ? localLock
        : { ...localLock, withLock: (priority) => (effect) => localLock.withLock(priority)(crossProcess.hold(effect)) }
    const othersWaiting = Effect.map(lock.waiting, (waiting) => waiting.interactive + waiting.background > 0)

    // A full read may last hours under Docebo's limit; one at a time, and a second waits rather than reading twice.
    const fullReads = yield* Effect.makeSemaphore(1)

    const provided = <A, E>(
      request: SyncRequest<unknown>,
      effect: Effect.Effect<A, E, DoceboPort | ToPort | SyncStore | ApplyJournal>,
    ) =>
      Effect.flatMap(systems.ports, (ports) =>
        effect.pipe(
          logWithIp(request.ip),
          keepingUserDirectory(store),
          Effect.provide(ports),
          Effect.provideService(SyncStore, engineStore),
          Effect.provideService(ApplyJournal, journal),
        ),
      )

    /** A full run is reading (without the lock): it reads every course, so a scoped run reads only its own. */
    let fullReading = false

    const optionsFor = <E>(request: SyncRequest<E>) => {
      const progress = request.progress
      return {
        runId: `run-${randomUUID()}`,
        dryRun: request.dryRun ?? false,
        actor: request.actor,
        ...optionsOf(request.scope),
        ...(request.approveHeld === undefined ? {} : { approveHeld: request.approveHeld }),
        ...(progress ? { progress: progress.applied, readProgress: progress.read } : {}),
        beforeApply: (planned: PlanBody) =>
          Effect.zipRight(request.beforeApply?.(planned) ?? Effect.void, progress?.planned(planned) ?? Effect.void),
        ...(fullReading && request.scope.kind === "courses" ? { unreadOnlyInScope: true } : {}),
      }
    }

    const started = (request: SyncRequest<unknown>) => request.onStart ?? Effect.void

    const outcomeOf = (report: ReconcileReport) =>
      Effect.map(Effect.orDie(store.loadStoreSnapshot()), (snapshot): SyncOutcome => ({ report, store: snapshot }))

    /** The whole run under the lock: short runs (a webhook's, an operator's). */
    const runLocked = <B, E>(request: SyncRequest<E>, whenDone: (outcome: SyncOutcome) => Effect.Effect<B>) =>
      lock.withLock(request.priority)(
        Effect.zipRight(
          started(request),
          provided(
            request,
            Effect.suspend(() => reconcile(optionsFor(request))),
          ),
        ).pipe(Effect.flatMap(outcomeOf), Effect.tap(whenDone)),
      )

    /** A dry run writes nothing, so it takes no lock: an operator's look at the plan never waits for a long run. */
    const runDry = <B, E>(request: SyncRequest<E>, whenDone: (outcome: SyncOutcome) => Effect.Effect<B>) =>
      Effect.zipRight(
        started(request),
        provided(
          request,
          Effect.suspend(() => previewRun(optionsFor(request))),
        ),
      ).pipe(Effect.flatMap(outcomeOf), Effect.tap(whenDone))

    /**
     * A full run reads without the lock, so that the webhooks' course syncs go on meanwhile (a large tenant's first
     * read lasts hours); it takes the lock to start (recovery must not overlap another run's apply) and to plan and
     * apply, on a read brought up to date with the runs that finished meanwhile. It applies in parts: when other runs
     * wait for the lock, the part ends between two ops, they go, and the next part plans again on what they left.
     */
    const runFull = <B, E>(request: SyncRequest<E>, whenDone: (outcome: SyncOutcome) => Effect.Effect<B>) => {
      const options = optionsFor(request)
      const withLock = lock.withLock(request.priority)
      return fullReads.withPermits(1)(
        Effect.gen(function* () {
          const start = yield* withLock(Effect.zipLeft(provided(request, startRun()), started(request)))
          fullReading = true
          // The listings are read in minutes, the sessions in hours: the listings are saved for the runs meanwhile.
          const afterListings = (listed: KnownState) =>
            withLock(
              Effect.gen(function* () {
                const fresh = yield* engineStore.load()
                yield* engineStore.saveKnown(rebaseRead(start.known, listed, fresh.known))
              }),
            )
          const tried = new Map<string, OpOutcome>()
          // The ops the soonest courses' part planned: the run set out to do them too.
          let soonestOps: ReadonlyArray<Op> = []
          let soonestIds: ReadonlySet<string> = new Set()
          // A first sync reads the courses whose sessions start within two weeks first, then plans and applies them
          // before it reads on: under Docebo's hourly limit the rest takes hours, next week's schedule cannot wait.
          const soonestPart = (partial: KnownState, codes: ReadonlyArray<string>) =>
            withLock(
              Effect.gen(function* () {
                const fresh = yield* engineStore.load()
                yield* engineStore.saveKnown(rebaseRead(start.known, partial, fresh.known))
                const { progress: _applied, beforeApply: _planned, ...quiet } = options
                // Of those courses, only the sessions starting soonest (and what they need) go now: the rest of their
                // schedule waits for the run's own plan, so that next week's sessions are not queued behind it.
                const soon = yield* provided(request, soonestSessionsOf(start, partial))
                const report = yield* provided(
                  request,
                  finishRun(start, null, {
                    ...quiet,
                    applyWhere: (op: Op) => (op.entity !== "session" && op.entity !== "event") || soon.has(op.key),
                    planCourses: codes.filter((code) => code.trim() !== ""),
                    concurrent: true,
                    part: { tried, journalId: `${options.runId}.soonest`, yieldWhen: Effect.succeed(false) },
                  }),
                )
                for (const outcome of report.outcomes ?? []) tried.set(outcome.opId, outcome)
                soonestOps = report.planned.ops.filter((op) => tried.has(op.id))
                soonestIds = new Set(soonestOps.map((op) => op.id))
              }),
            ).pipe(
              // What this part could not do, the run's own plan does once everything is read.
              Effect.catchAll((failure) =>
                Effect.logWarning(`the first sync's soonest courses were left to the end: ${failure._tag}`),
              ),
            )
          const firstSync =
            start.known.docebo.courses.length === 0 ||
            start.known.docebo.courses.some((course) => start.known.sessionsReadAt[course.id] === undefined)
          const soonest = firstSync ? { soonest: { days: soonestDays, read: soonestPart } } : {}
          const read = yield* provided(request, readRun(start, { ...options, afterListings, ...soonest })).pipe(
            Effect.ensuring(Effect.sync(() => (fullReading = false))),
          )
          let first: PlanBody | null = null
          for (let part = 1; ; part++) {
            const before = tried.size
            let asked = 0
            const partOptions = {
              ...options,
              concurrent: true,
              ...(request.progress
                ? {
                    // What is left is planned again in each part: runs in between may have done some of it.
                    progress: (done: number, partTotal: number) =>
                      request.progress?.applied(before + done, before + partTotal) ?? Effect.void,
                  }
                : {}),
              part: {
                tried,
                journalId: part === 1 ? options.runId : `${options.runId}.${part}`,
                yieldWhen: Effect.suspend(() => (++asked > leastOpsPerPart ? othersWaiting : Effect.succeed(false))),
              },
            }
            const applied = Effect.acquireUseRelease(
              Effect.sync(() => {
                applyingPart = true
              }),
              () => provided(request, finishRun(start, part === 1 ? read : null, partOptions)),
              () =>
                Effect.zipRight(
                  Effect.sync(() => (applyingPart = false)),
                  boost(false),
                ),
            )
            const ended = yield* withLock(
              Effect.flatMap(applied, (report) => {
                for (const outcome of report.outcomes ?? []) tried.set(outcome.opId, outcome)
                first ??= report.planned
                if (report.deferred.length > 0) return Effect.succeed(null)
                // The run as a whole: what it set out to do, and every op it tried in any of its parts.
                const ops = [...soonestOps, ...first.ops.filter((op) => !soonestIds.has(op.id))]
                const planned = soonestOps.length === 0 ? first : { ...first, ops, summary: summarise(ops) }
                const whole: ReconcileReport = { ...report, planned, outcomes: [...tried.values()] }
                return outcomeOf(whole).pipe(Effect.tap(whenDone))
              }),
            )
            if (ended !== null) return ended
          }
        }),
      )
    }

    const run = <B = void, E = never>(
      request: SyncRequest<E>,
      whenDone: (outcome: SyncOutcome) => Effect.Effect<B> = () => Effect.void as Effect.Effect<B>,
    ) =>
      (request.dryRun ? runDry : request.scope.kind === "full" ? runFull : runLocked)(request, whenDone).pipe(
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
