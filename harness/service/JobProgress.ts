/**
 * A job's progress as an operator follows it: its phase, what it has read, each system's calls in the current
 * rolling hour, and about how long is left. A first sync under Docebo's 1,000 calls an hour reads for hours before it
 * applies an op, so the ops counts alone (`done`, `total`) would show nothing moving all that time.
 */
import { Clock, Effect, Option, Schema } from "effect"
import type { BudgetUsage, RequestBudget } from "../../adapters/http/Budget.ts"
import type { Job } from "../../adapters/store/Jobs.ts"
import type { Json } from "../../adapters/store/Json.ts"
import type { PlanBody } from "../../engine/Plan.ts"
import type { RequestPriority } from "../../engine/Ports.ts"
import type { ReadProgress } from "../../engine/Reads.ts"
import type { RunProgress } from "./Runner.ts"

export const JobPhase = Schema.Literal("queued", "reading", "planning", "applying", "done", "failed")
export type JobPhase = typeof JobPhase.Type

/** A system's calls in the current rolling hour, as its request budget counts them. */
const CallsView = Schema.Struct({ used: Schema.Number, left: Schema.Number, limitPerHour: Schema.Number })
export type CallsView = typeof CallsView.Type

export type Systems<A> = { readonly docebo: A; readonly to: A }

/** What a job records besides its ops counts (the `progress_detail` of its row). */
export const ProgressDetail = Schema.Struct({
  phase: JobPhase,
  listingsRead: Schema.Number,
  listingsTotal: Schema.Number,
  recordsRead: Schema.Number,
  /** The courses whose sessions (each with its events) the run reads, once its listings are read. */
  sessionsToRead: Schema.NullOr(Schema.Number),
  sessionsRead: Schema.Number,
  calls: Schema.NullOr(Schema.Struct({ docebo: CallsView, to: CallsView })),
  etaSeconds: Schema.NullOr(Schema.Number),
})
export type ProgressDetail = typeof ProgressDetail.Type

/** Where a run is, as the job last heard it. */
export interface RunState {
  readonly phase: JobPhase
  readonly read: ReadProgress | null
  readonly applied: { readonly done: number; readonly total: number }
  /** Of the ops the plan applies, the share that writes to Docebo (the rest write to TO). */
  readonly doceboShare: number
}

export const queuedState: RunState = { phase: "queued", read: null, applied: { done: 0, total: 0 }, doceboShare: 0 }

/** Every listing and every course's sessions read: the run plans next. */
const readOver = (read: ReadProgress) =>
  read.listingsRead >= read.listingsTotal && read.sessionsToRead !== null && read.sessionsRead >= read.sessionsToRead

/**
 * About how many calls each system still gets from the run; null when that cannot be told yet (the courses whose
 * sessions are read are known once the listings are; the ops once the plan is made). While reading, it counts the
 * reads alone: a listing left costs a call at least, a course's sessions a call and one per session (as many as the
 * courses read so far had on average). While applying, about one call per op left.
 */
export const callsLeft = (state: RunState): Systems<number> | null => {
  switch (state.phase) {
    case "reading": {
      const read = state.read
      if (read === null || read.sessionsToRead === null) return null
      const perCourse = read.sessionsRead > 0 ? 1 + read.sessionsFound / read.sessionsRead : 2
      const courses = Math.max(0, read.sessionsToRead - read.sessionsRead)
      return {
        docebo: Math.ceil(read.doceboListingsLeft + courses * perCourse),
        to: Math.max(0, read.listingsTotal - read.listingsRead - read.doceboListingsLeft),
      }
    }
    case "applying": {
      const ops = Math.max(0, state.applied.total - state.applied.done)
      const docebo = Math.round(ops * state.doceboShare)
      return { docebo, to: ops - docebo }
    }
    case "planning":
    case "queued":
      return null
    case "done":
    case "failed":
      return { docebo: 0, to: 0 }
  }
}

/**
 * Seconds until the calls left have gone out: for each system the longer of what its budget makes them wait (calls
 * beyond what is left this hour wait for the window to roll) and what they take at the pace seen so far (ms a call,
 * when known), the slower system deciding.
 */
export const etaSeconds = (
  left: Systems<number>,
  budgetWaitMs: Systems<number>,
  paceMs: Systems<number | null>,
): number => {
  const system = (name: keyof Systems<number>) => Math.max(budgetWaitMs[name], left[name] * (paceMs[name] ?? 0))
  return Math.ceil(Math.max(system("docebo"), system("to")) / 1000)
}

/** The share of the ops a plan applies now that write to Docebo. */
export const doceboShareOf = (planned: PlanBody) => {
  const ready = planned.ops.filter((op) => op.status === "ready")
  return ready.length === 0 ? 0 : ready.filter((op) => op.system === "docebo").length / ready.length
}

const callsView = (usage: BudgetUsage): CallsView => ({
  used: usage.used,
  left: usage.left,
  limitPerHour: usage.limitPerHour,
})

/** Progress is written at most this often, besides each change of phase. */
const saveEveryMs = 1000

export interface JobProgressOptions {
  readonly budgets: Systems<RequestBudget>
  readonly priority: RequestPriority
  readonly save: (progress: { readonly done: number; readonly total: number }, detail: Json) => Effect.Effect<void>
}

/**
 * The job's side of a run's progress: what the run reports, kept in memory and written through `save` at most once a
 * second (and at each change of phase). `refresh` writes it again with the budgets as they are now: while a run waits
 * out Docebo's window nothing else happens, and the calls left and the time left must still move.
 */
export const makeJobProgress = (options: JobProgressOptions) =>
  Effect.gen(function* () {
    const { budgets } = options
    let state = queuedState
    let saved: { readonly at: number; readonly phase: JobPhase } | null = null
    let start: { readonly at: number; readonly granted: Systems<number> } | null = null
    const saving = yield* Effect.makeSemaphore(1)

    const usage = Effect.all({ docebo: budgets.docebo.usage, to: budgets.to.usage })

    const eta = (now: number, calls: Systems<BudgetUsage>) =>
      Effect.gen(function* () {
        const left = callsLeft(state)
        if (left === null) return null
        const wait = yield* Effect.all({
          docebo: budgets.docebo.timeFor(left.docebo, options.priority),
          to: budgets.to.timeFor(left.to, options.priority),
        })
        const pace = (name: keyof Systems<number>) => {
          const made = start === null ? 0 : calls[name].granted - start.granted[name]
          return start === null || made === 0 ? null : (now - start.at) / made
        }
        return etaSeconds(left, wait, { docebo: pace("docebo"), to: pace("to") })
      })

    const detail = (now: number) =>
      Effect.gen(function* () {
        const calls = yield* usage
        const read = state.read
        const current: ProgressDetail = {
          phase: state.phase,
          listingsRead: read?.listingsRead ?? 0,
          listingsTotal: read?.listingsTotal ?? 0,
          recordsRead: read?.recordsRead ?? 0,
          sessionsToRead: read?.sessionsToRead ?? null,
          sessionsRead: read?.sessionsRead ?? 0,
          calls: { docebo: callsView(calls.docebo), to: callsView(calls.to) },
          etaSeconds: yield* eta(now, calls),
        }
        return current
      })

    /** Writes the state unless it was written less than a second ago in the same phase (`always`: whatever). */
    const write = (always: boolean) =>
      saving.withPermits(1)(
        Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis
          if (!always && saved !== null && saved.phase === state.phase && now - saved.at < saveEveryMs) return
          saved = { at: now, phase: state.phase }
          const current = yield* detail(now)
          yield* options.save(state.applied, current)
        }),
      )

    const update = (next: RunState) =>
      Effect.suspend(() => {
        state = next
        return write(false)
      })

    const run: RunProgress = {
      read: (read) => Effect.suspend(() => update({ ...state, phase: readOver(read) ? "planning" : "reading", read })),
      planned: (planned) =>
        Effect.suspend(() => update({ ...state, phase: "applying", doceboShare: doceboShareOf(planned) })),
      applied: (done, total) => Effect.suspend(() => update({ ...state, phase: "applying", applied: { done, total } })),
    }

    /** The run has started: it reads first, and its pace is measured from now. */
    const started = Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis
      const calls = yield* usage
      start = { at: now, granted: { docebo: calls.docebo.granted, to: calls.to.granted } }
      state = { ...state, phase: "reading" }
      yield* write(true)
    })

    const refresh = Effect.suspend(() => (state.phase === "queued" ? Effect.void : write(false)))

    /** Writes what was last reported, however recently something was: the job is about to end. */
    const flush = Effect.suspend(() => (state.phase === "queued" ? Effect.void : write(true)))

    return { run, started, refresh, flush }
  })

/** A job's progress as `GET /jobs/{id}` shows it: the ops counts, and the rest as last recorded. */
export type ProgressView = { readonly done: number; readonly total: number } & ProgressDetail

const nothingRecorded: ProgressDetail = {
  phase: "queued",
  listingsRead: 0,
  listingsTotal: 0,
  recordsRead: 0,
  sessionsToRead: null,
  sessionsRead: 0,
  calls: null,
  etaSeconds: null,
}

const decodeDetail = Schema.decodeUnknownOption(ProgressDetail)

/**
 * The job's progress: `done` and `total` count ops applied and planned (as before the rest was recorded); the phase
 * follows the job's status once it has ended (or before it starts), the recorded one while it runs.
 */
export const progressView = (job: Job): ProgressView => {
  const detail = Option.getOrElse(decodeDetail(job.progressDetail), () => nothingRecorded)
  const phase: JobPhase =
    job.status === "succeeded"
      ? "done"
      : job.status === "failed"
        ? "failed"
        : job.status === "queued"
          ? "queued"
          : detail.phase === "queued"
            ? "reading"
            : detail.phase
  const eta = phase === "done" ? 0 : phase === "failed" ? null : detail.etaSeconds
  return { done: job.progress.done, total: job.progress.total, ...detail, phase, etaSeconds: eta }
}
