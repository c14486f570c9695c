/**
 * One sync run: recover what a crashed run may have written, read what may have changed, plan, apply, and record
 * the outcome (links and mirror as each op settles, then course statuses and the event log). A dry run stops after
 * the plan.
 */
import { Clock, Effect, Option } from "effect"
import { apply } from "./Apply.ts"
import { plan } from "./Diff.ts"
import type { KnownState } from "./Known.ts"
import { Mirror } from "./Mirror.ts"
import type { StoreSnapshot } from "./model/Store.ts"
import type { Entity, PlanBody } from "./Plan.ts"
import { ApplyJournal, type OpOutcome, SyncStore } from "./Ports.ts"
import { type ReadOptions, readChanges } from "./Reads.ts"
import { rebaseRead } from "./Rebase.ts"
import { findCreated } from "./Recover.ts"
import type { Guards } from "./Rules.ts"
import { type CourseStatus, courseStatuses, logEntries } from "./Status.ts"

export interface ReconcileOptions extends Omit<ReadOptions, "now"> {
  readonly runId: string
  readonly dryRun?: boolean
  readonly approveHeld?: boolean
  readonly concurrency?: number
  readonly guards?: Guards
  /** Limit the plan to these Docebo course codes. */
  readonly planCourses?: ReadonlyArray<string>
  /** Limit the plan to ops of these entities (an operator's provider or trainer change). */
  readonly planEntities?: ReadonlyArray<Entity>
  /** Who the event log names as acting (the operator's token name, or the scheduler). */
  readonly actor?: string
  /** Called as each op settles. */
  readonly progress?: (done: number, total: number) => Effect.Effect<void>
}

export interface ReconcileReport {
  readonly planned: PlanBody
  /** Null for a dry run. */
  readonly outcomes: ReadonlyArray<OpOutcome> | null
  readonly statuses: ReadonlyArray<CourseStatus>
  readonly known: KnownState
  /** iltsync's store as the plan saw it (dry run) or as the run left it. */
  readonly store: StoreSnapshot
  /** Unsettled writes of an earlier run that were looked up first. */
  readonly recovered: number
}

const isoNow = Clock.currentTimeMillis.pipe(Effect.map((ms) => new Date(ms).toISOString()))

/** Writes a crashed run may have made are looked up by their stamps and put in the mirror before anything else. */
const recover = Effect.fn("Reconcile.recover")(function* (known: KnownState) {
  const journal = yield* ApplyJournal
  const steps = yield* journal.unsettled()
  if (steps.length === 0) return { known, recovered: 0 }
  const mirror = new Mirror(known.docebo, known.to)
  const courseOf = new Map<string, string>(known.docebo.sessions.map((s) => [s.id, s.courseId]))
  for (const step of steps) {
    const found = yield* findCreated(step.step, (id) => courseOf.get(id))
    if (Option.isSome(found)) mirror.apply(step.step, found.value)
  }
  yield* journal.recovered(steps)
  return { known: { ...known, ...mirror.snapshots() }, recovered: steps.length }
})

/** What a run starts from: the store as loaded, with what a crashed run wrote recovered into the known state. */
export interface RunStart {
  readonly loaded: Effect.Effect.Success<ReturnType<SyncStore["Type"]["load"]>>
  readonly known: KnownState
  readonly recovered: number
  readonly now: string
}

export type ReconcileRunOptions<E> = ReconcileOptions & {
  /** Runs between plan and apply; failing it stops the run (e.g. a saved plan that is stale). */
  readonly beforeApply?: (planned: PlanBody, known: KnownState, store: StoreSnapshot) => Effect.Effect<void, E>
}

/**
 * The first step of a run: load, and look up the writes a crashed run may have made. Recovered records are saved at
 * once, since the journal now counts them as settled. Must not overlap another run's apply (its unsettled writes
 * would be taken for a crashed run's).
 */
export const startRun = Effect.fn("Reconcile.startRun")(function* () {
  const store = yield* SyncStore
  const now = yield* isoNow
  const loaded = yield* store.load()
  const { known, recovered } = yield* recover(loaded.known)
  if (recovered > 0) yield* store.saveKnown(known)
  return { loaded, known, recovered, now } satisfies RunStart
})

/** The second step: read what may have changed. Writes nothing, so other runs may go on meanwhile. */
export const readRun = (start: RunStart, options: ReconcileOptions) =>
  readChanges(start.known, start.loaded.store, { ...options, now: start.now })

/**
 * The last step: plan on what was read, apply, record. `concurrent`: other runs may have finished since `start` (the
 * read went on without the run lock), so the store is loaded again and the read brought up to date with them.
 */
export const finishRun = Effect.fn("Reconcile.finishRun")(function* <E = never>(
  start: RunStart,
  read: KnownState,
  options: ReconcileRunOptions<E> & { readonly concurrent?: boolean },
) {
  const store = yield* SyncStore
  const loaded = options.concurrent ? yield* store.load() : start.loaded
  const known = options.concurrent ? rebaseRead(start.known, read, loaded.known) : read
  const { recovered, now } = start
  yield* store.saveKnown(known)
  const planned = plan(known.docebo, known.to, loaded.store, {
    ...(options.guards ? { guards: options.guards } : {}),
    ...(options.planCourses ? { courses: options.planCourses } : {}),
    ...(options.planEntities ? { entities: options.planEntities } : {}),
  })
  const previous = new Map(loaded.statuses.map((status) => [status.courseId, status]))
  if (options.dryRun) {
    const statuses = courseStatuses(known.docebo, loaded.store, planned, null, now, previous)
    return { planned, outcomes: null, statuses, known, store: loaded.store, recovered } satisfies ReconcileReport
  }
  if (options.beforeApply) yield* options.beforeApply(planned, known, loaded.store)
  const report = yield* apply(planned, {
    runId: options.runId,
    docebo: known.docebo,
    to: known.to,
    store: loaded.store,
    approveHeld: options.approveHeld ?? false,
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
  })
  const after: KnownState = { ...known, docebo: report.docebo, to: report.to }
  yield* store.saveKnown(after)
  const finished = yield* isoNow
  const statuses = courseStatuses(after.docebo, report.store, planned, report.outcomes, finished, previous)
  yield* store.saveStatuses(statuses)
  yield* store.log(logEntries(planned, report.outcomes, finished, options.actor ?? "iltsync"))
  return {
    planned,
    outcomes: report.outcomes,
    statuses,
    known: after,
    store: report.store,
    recovered,
  } satisfies ReconcileReport
})

/** A whole run in one go; everything it decides is in the report. */
export const reconcile = Effect.fn("Reconcile.reconcile")(function* <E = never>(options: ReconcileRunOptions<E>) {
  const start = yield* startRun()
  const read = yield* readRun(start, options)
  return yield* finishRun(start, read, options)
})
