/**
 * Background jobs: a sync started by `POST /sync` or the scheduler runs in its own fiber and is polled through
 * `GET /jobs/{id}`. Only one full sync may be queued or running at a time; the store decides that in one transaction.
 */
import { randomUUID } from "node:crypto"
import { Cause, Context, Effect, FiberSet, Layer, Schedule } from "effect"
import { DoceboBudget } from "../../adapters/docebo/Budget.ts"
import type { StoreError } from "../../adapters/store/Errors.ts"
import type { Job } from "../../adapters/store/Jobs.ts"
import { Store } from "../../adapters/store/Store.ts"
import { ToBudget } from "../../adapters/training-orchestra/Budget.ts"
import type { PlanBody } from "../../engine/Plan.ts"
import { isoNow, type ServiceClock } from "./Clock.ts"
import { dispatchInEffect } from "./Dispatch.ts"
import { makeJobProgress, progressView } from "./JobProgress.ts"
import { describeFailure, Problem, problemOf } from "./Problem.ts"
import { yieldingToRequests } from "./RequestsFirst.ts"
import { Runner, type SyncOutcome, type SyncRequest } from "./Runner.ts"

export interface JobStart {
  /** False when a full sync was already queued or running: `job` is that one. */
  readonly created: boolean
  readonly job: Job
}

export class Jobs extends Context.Tag("harness/service/Jobs")<
  Jobs,
  {
    readonly start: (request: SyncRequest) => Effect.Effect<JobStart, StoreError>
    /**
     * A worker runs job `jobId`, queued by another process, to its end; nothing when it already ended (a retry of
     * a job a crashed worker had finished). Taken over from a crashed worker, it runs again: the run recovers what
     * the journal says the crashed one left.
     */
    readonly runQueued: (jobId: string, request: SyncRequest) => Effect.Effect<void, StoreError>
    /** A worker starts a job (the periodic reconcile) and runs it to its end; nothing when a full sync is on. */
    readonly runNow: (request: SyncRequest) => Effect.Effect<JobStart, StoreError>
    /** Takes no more jobs; those queued or running are interrupted (and marked failed) when the runtime closes. */
    readonly refuseNew: Effect.Effect<void>
    readonly accepting: () => boolean
  }
>() {}

/** `sync` is the full sync that only one may run of; the other kinds may queue behind it. */
export const jobKind = (request: SyncRequest): string => {
  const base = request.scope.kind === "full" ? "sync" : "course-sync"
  return request.dryRun ? `${base}:dry-run` : base
}

/** At most this many ops are named per list; the counts say how many there are. */
const namedAtMost = 100

/** The ops an operator must look at, with why: held ones wait for an approval, blocked ones for a fix. */
const opsWaiting = (planned: PlanBody, status: "held" | "blocked") =>
  planned.ops
    .filter((op) => op.status === status)
    .slice(0, namedAtMost)
    .map((op) => ({ id: op.id, entity: op.entity, action: op.action, key: op.key, reason: op.reason }))

const summaryOf = (request: SyncRequest, outcome: SyncOutcome) => {
  const { report } = outcome
  const ops = report.outcomes
  const failed = (ops ?? []).filter((op) => op.status === "failed")
  return {
    dryRun: request.dryRun ?? false,
    scope: request.scope.kind === "courses" ? { courses: request.scope.codes } : request.scope.kind,
    plan: report.planned.summary,
    warnings: report.planned.warnings.length,
    ops:
      ops === null
        ? null
        : {
            done: ops.filter((op) => op.status === "done").length,
            failed: ops.filter((op) => op.status === "failed").length,
            skipped: ops.filter((op) => op.status === "skipped").length,
          },
    held: opsWaiting(report.planned, "held"),
    blocked: opsWaiting(report.planned, "blocked"),
    failures: failed.slice(0, namedAtMost).map((op) => ({ id: op.opId, reason: op.reason ?? null })),
    recovered: report.recovered,
  }
}

/** A job as `GET /jobs/{id}` and `GET /jobs` show it. */
export const jobView = (job: Job) => ({
  id: job.id,
  kind: job.kind,
  status: job.status,
  progress: progressView(job),
  summary: job.summary,
  error: job.error,
  createdAt: job.createdAt,
  updatedAt: job.updatedAt,
})

/** The newest jobs first, each as `GET /jobs/{id}` shows it. */
export const recentJobs = Effect.fn("Jobs.recentJobs")(function* (limit: number) {
  const store = yield* Store
  return (yield* store.listRecentJobs(limit)).map(jobView)
})

/** While a job waits (on Docebo's window, say), its progress is written again this often: its calls and time left move. */
const refreshEvery = "5 seconds"

export const JobsLive = (clock: ServiceClock, log: (line: string) => void) =>
  Layer.scoped(
    Jobs,
    Effect.gen(function* () {
      const store = yield* Store
      const runner = yield* Runner
      const dispatch = yield* dispatchInEffect
      const budgets = { docebo: yield* DoceboBudget, to: yield* ToBudget }
      const fibers = yield* FiberSet.make()
      let accepting = true
      const now = () => isoNow(clock)

      const finish = (id: string, outcome: Parameters<typeof store.finishJob>[1]) =>
        Effect.suspend(() => store.finishJob(id, outcome, now())).pipe(Effect.ignore)

      /**
       * The job records how it ended before the run lets the lock go, so a stopping service (which takes the lock
       * once the run in progress is over) never cuts a finished run off from that record. A job still waiting for
       * the lock stays queued; a full sync's read, which holds no lock, is stopped with the service.
       */
      const work = (job: Job, request: SyncRequest) =>
        Effect.gen(function* () {
          const tracker = yield* makeJobProgress({
            budgets,
            priority: request.priority,
            save: (progress, detail) =>
              Effect.suspend(() => store.updateJobProgress(job.id, progress, now(), detail)).pipe(Effect.ignore),
          })
          // Queued until the run really starts: a run waiting for the lock is not running.
          const onStart = Effect.orDie(Effect.suspend(() => store.startJob(job.id, now()))).pipe(
            Effect.zipRight(tracker.started),
          )
          const running = runner.run({ ...request, progress: tracker.run, onStart }, (outcome) =>
            Effect.zipRight(
              tracker.flush,
              finish(job.id, { status: "succeeded", summary: summaryOf(request, outcome) }),
            ),
          )
          yield* Effect.scoped(
            Effect.zipRight(Effect.forkScoped(Effect.repeat(tracker.refresh, Schedule.spaced(refreshEvery))), running),
          ).pipe(
            Effect.catchAllCause((cause) => {
              const error = Cause.squash(cause)
              const problem = problemOf(error)
              if (problem.status >= 500 && problem.status !== 502)
                log(`iltsync: job ${job.id} failed: ${describeFailure(error)}`)
              return Effect.zipRight(
                tracker.flush,
                finish(job.id, { status: "failed", summary: null, error: problem.detail }),
              )
            }),
          )
        }).pipe(
          Effect.onInterrupt(() =>
            finish(job.id, { status: "failed", summary: null, error: "interrupted: the service stopped" }),
          ),
        )

      const create = (request: SyncRequest) =>
        Effect.gen(function* () {
          if (!accepting) return yield* Effect.die(new Problem(503, "the service is stopping"))
          const kind = jobKind(request)
          const fresh = { id: `job_${randomUUID()}`, kind }
          const started: JobStart =
            kind === "sync"
              ? yield* store.createJobIfIdle(fresh, now())
              : { created: true, job: yield* store.createJob(fresh, now()) }
          return started
        })

      const start = (request: SyncRequest) =>
        Effect.gen(function* () {
          const started = yield* create(request)
          if (!started.created) return started
          if (dispatch.mode === "queued") {
            const queued = started.job
            yield* Effect.tryPromise(() => dispatch.job(queued.id, request)).pipe(
              // Not queued, the job would stay `queued` for ever: it is failed, and the caller told.
              Effect.tapError((error) =>
                finish(queued.id, { status: "failed", summary: null, error: `not queued: ${String(error.error)}` }),
              ),
              Effect.orDie,
            )
          } else {
            yield* FiberSet.run(fibers, yieldingToRequests(work(started.job, request)))
          }
          return started
        })

      const runQueued = (jobId: string, request: SyncRequest) =>
        Effect.gen(function* () {
          const job = yield* store.getJob(jobId)
          if (job === null || job.status === "succeeded" || job.status === "failed") return
          yield* work(job, request)
        })

      const runNow = (request: SyncRequest) =>
        Effect.gen(function* () {
          const started = yield* create(request)
          if (started.created) yield* work(started.job, request)
          return started
        })

      const refuseNew = Effect.sync(() => {
        accepting = false
      })

      return { start, runQueued, runNow, refuseNew, accepting: () => accepting }
    }),
  )
