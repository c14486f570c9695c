/**
 * One sync run: recover what a crashed run may have written, read what may have changed, plan, apply, and record
 * the outcome (links and mirror as each op settles, then course statuses and the event log). A dry run stops after
 * the plan.
 */
import { Clock, Effect, Option } from "effect"
import { apply } from "./Apply.ts"
import { plan } from "./Diff.ts"
import { keepWithDependencies } from "./diff/Guards.ts"
import { HorizonDays, horizonOf } from "./Horizon.ts"
import type { KnownState } from "./Known.ts"
import { Mirror } from "./Mirror.ts"
import type { StoreSnapshot } from "./model/Store.ts"
import type { Entity, Op, PlanBody } from "./Plan.ts"
import { ApplyJournal, DoceboPort, type OpOutcome, SyncStore } from "./Ports.ts"
import { type ReadOptions, readChanges } from "./Reads.ts"
import { rebaseRead } from "./Rebase.ts"
import { findCreated } from "./Recover.ts"
import type { Guards } from "./Rules.ts"
import type { DoceboStamps } from "./Stamps.ts"
import { type CourseStatus, courseStatuses, logEntries } from "./Status.ts"

export interface ReconcileOptions extends Omit<ReadOptions, "now"> {
  readonly runId: string
  readonly dryRun?: boolean
  /** Apply held ops too: every one (`apply --approve-held`), or those with these ids (an operator's approval). */
  readonly approveHeld?: boolean | ReadonlySet<string>
  /**
   * Apply only these ops and those they depend on; the plan stays whole, so the course statuses count the others as
   * still to do (an operator approving one held op applies that op alone).
   */
  readonly applyOnly?: ReadonlyArray<string>
  /** Apply only the ops this picks, and those they depend on (the plan stays whole, as with `applyOnly`). */
  readonly applyWhere?: (op: Op) => boolean
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
  /** Ops left for the next part of a run applied in parts (see `RunPart`); empty once the run is over. */
  readonly deferred: ReadonlyArray<string>
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
  for (const step of steps) {
    const found = yield* findCreated(step.step, mirror.snapshots().docebo)
    if (Option.isSome(found)) mirror.apply(step.step, found.value)
  }
  yield* journal.recovered(steps)
  return { known: { ...known, ...mirror.snapshots() }, recovered: steps.length }
})

/**
 * The Docebo side as the planner takes it: while some courses' sessions are still to be read (a first sync reads for
 * hours), those of the courses read are known whole, and planned as such.
 */
export const doceboToPlan = (known: KnownState) =>
  known.docebo.complete.sessions
    ? known.docebo
    : {
        ...known.docebo,
        sessionsUnreadIn: known.docebo.courses
          .filter((course) => known.sessionsReadAt[course.id] === undefined)
          .map((course) => course.id),
      }

const planFor = (known: KnownState, store: StoreSnapshot, options: ReconcileOptions, stamps: DoceboStamps) =>
  plan(doceboToPlan(known), known.to, store, {
    stamps,
    ...(options.guards ? { guards: options.guards } : {}),
    ...(options.planCourses ? { courses: options.planCourses } : {}),
    ...(options.planEntities ? { entities: options.planEntities } : {}),
    ...(known.notices ? { notices: known.notices } : {}),
    ...(options.horizon ? { horizon: options.horizon } : {}),
  })

type Loaded = Effect.Effect.Success<ReturnType<SyncStore["Type"]["load"]>>

const previousStatuses = (loaded: Loaded) => new Map(loaded.statuses.map((status) => [status.courseId, status]))

/** A dry run's report: the plan, and the course statuses it would leave (nothing applied). */
const dryRunReport = (
  planned: PlanBody,
  known: KnownState,
  loaded: Loaded,
  now: string,
  recovered: number,
): ReconcileReport => ({
  planned,
  outcomes: null,
  deferred: [],
  statuses: courseStatuses(known.docebo, loaded.store, planned, null, now, previousStatuses(loaded)),
  known,
  store: loaded.store,
  recovered,
})

/** What a run starts from: the store as loaded, with what a crashed run wrote recovered into the known state. */
export interface RunStart {
  readonly loaded: Loaded
  readonly known: KnownState
  readonly recovered: number
  readonly now: string
  /** The sync horizon of this run: `HorizonDays` before `now`; null when the tenant syncs every session. */
  readonly horizon: string | null
}

/** The run's horizon: its own option, else the tenant's `HorizonDays` before `now`. */
const horizonAt = (now: string, option: string | null | undefined) =>
  option !== undefined
    ? Effect.succeed(option)
    : Effect.map(HorizonDays, (days) => (days === null ? null : horizonOf(now, days)))

export type ReconcileRunOptions<E> = ReconcileOptions & {
  /** Runs between plan and apply; failing it stops the run (e.g. a saved plan that is stale). */
  readonly beforeApply?: (planned: PlanBody, known: KnownState, store: StoreSnapshot) => Effect.Effect<void, E>
}

/**
 * The first step of a run: load, and look up the writes a crashed run may have made. Recovered records are saved at
 * once, since the journal now counts them as settled. Must not overlap another run's apply (its unsettled writes
 * would be taken for a crashed run's).
 */
export const startRun = Effect.fn("Reconcile.startRun")(function* (horizonOption?: string | null) {
  const store = yield* SyncStore
  const now = yield* isoNow
  const horizon = yield* horizonAt(now, horizonOption)
  const loaded = yield* store.load()
  const { known, recovered } = yield* recover(loaded.known)
  if (recovered > 0) yield* store.saveKnown(known)
  return { loaded, known, recovered, now, horizon } satisfies RunStart
})

/** The second step: read what may have changed. Writes nothing, so other runs may go on meanwhile. */
export const readRun = (start: RunStart, options: ReconcileOptions) =>
  readChanges(start.known, start.loaded.store, { ...options, now: start.now, horizon: start.horizon })

/**
 * A later part of a run applied in parts: a long apply stops between ops when other runs wait (`yieldWhen`), lets
 * them go, and goes on in a new part, which plans again on the store's known state (what they wrote included) and
 * leaves out the ops the run has tried already.
 */
export interface RunPart {
  /** The outcome of every op the run has tried so far, by op id. */
  readonly tried: ReadonlyMap<string, OpOutcome>
  /** Asked before each op starts: true ends this part. */
  readonly yieldWhen: Effect.Effect<boolean>
  /** The journal's id for this part (each part is a run of the journal's own). */
  readonly journalId: string
}

/**
 * The last step: plan on what was read, apply, record. `concurrent`: other runs may have finished since `start` (the
 * read went on without the run lock), so the store is loaded again and the read brought up to date with them. A
 * null `read` plans on the store's known state as it is now (a later part of a run, whose read is saved).
 */
export const finishRun = Effect.fn("Reconcile.finishRun")(function* <E = never>(
  start: RunStart,
  read: KnownState | null,
  options: ReconcileRunOptions<E> & { readonly concurrent?: boolean; readonly part?: RunPart },
) {
  const store = yield* SyncStore
  const { stamps } = yield* DoceboPort
  const loaded = options.concurrent || read === null ? yield* store.load() : start.loaded
  const known = read === null ? loaded.known : options.concurrent ? rebaseRead(start.known, read, loaded.known) : read
  const { recovered, now } = start
  if (read !== null) yield* store.saveKnown(known)
  const planned = planFor(known, loaded.store, { ...options, horizon: start.horizon }, stamps)
  if (options.dryRun) return dryRunReport(planned, known, loaded, now, recovered)
  const previous = previousStatuses(loaded)
  if (options.beforeApply) yield* options.beforeApply(planned, known, loaded.store)
  const part = options.part
  const only = options.applyOnly === undefined ? null : new Set(options.applyOnly)
  const picked = only === null ? planned.ops : keepWithDependencies(planned.ops, (op) => only.has(op.id))
  const where = options.applyWhere
  const chosen = where === undefined ? picked : keepWithDependencies(picked, where)
  const toApply = { ...planned, ops: part === undefined ? chosen : chosen.filter((op) => !part.tried.has(op.id)) }
  const report = yield* apply(toApply, {
    runId: part?.journalId ?? options.runId,
    docebo: known.docebo,
    to: known.to,
    store: loaded.store,
    approveHeld: options.approveHeld ?? false,
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
    ...(part ? { yieldWhen: part.yieldWhen } : {}),
  })
  const after: KnownState = { ...known, docebo: report.docebo, to: report.to }
  yield* store.saveKnown(after)
  const finished = yield* isoNow
  // A course's status counts what the earlier parts of the run did to it too.
  const soFar = part === undefined ? report.outcomes : [...part.tried.values(), ...report.outcomes]
  const statuses = courseStatuses(after.docebo, report.store, planned, soFar, finished, previous)
  yield* store.saveStatuses(statuses)
  yield* store.log(logEntries(planned, report.outcomes, finished, options.actor ?? "iltsync"))
  return {
    planned,
    outcomes: report.outcomes,
    deferred: report.deferred,
    statuses,
    known: after,
    store: report.store,
    recovered,
  } satisfies ReconcileReport
})

/**
 * A dry run beside whatever run is under way: it reads and plans, and writes nothing (not even what it read), so it
 * needs no run lock. It looks nothing up for a crashed run either: a write of the run under way is not a crashed
 * one's, and the plan may show what that run is about to finish.
 */
export const previewRun = Effect.fn("Reconcile.previewRun")(function* (options: ReconcileOptions) {
  const store = yield* SyncStore
  const { stamps } = yield* DoceboPort
  const now = yield* isoNow
  const horizon = yield* horizonAt(now, options.horizon)
  const loaded = yield* store.load()
  const known = yield* readChanges(loaded.known, loaded.store, { ...options, now, horizon })
  const planned = planFor(known, loaded.store, { ...options, horizon }, stamps)
  return dryRunReport(planned, known, loaded, now, 0)
})

/** A whole run in one go; everything it decides is in the report. */
export const reconcile = Effect.fn("Reconcile.reconcile")(function* <E = never>(options: ReconcileRunOptions<E>) {
  const start = yield* startRun(options.horizon)
  const read = yield* readRun(start, options)
  return yield* finishRun(start, read, options)
})
