import { type Db, inTransaction, type JobRow, lockForWriting } from "./Database.ts"
import { fromNullableJsonText, type Json, toJsonText } from "./Json.ts"

export type JobStatus = JobRow["status"]

/** A background job as the store keeps it. */
export interface Job {
  readonly id: string
  readonly kind: string
  readonly status: JobStatus
  readonly progress: { readonly done: number; readonly total: number }
  /** The rest of its progress as the service last recorded it (phase, reads, calls); null before any was. */
  readonly progressDetail: Json | null
  readonly summary: Json | null
  readonly error: string | null
  readonly createdAt: string
  readonly updatedAt: string
}

export const rowToJob = (row: JobRow): Job => ({
  id: row.id,
  kind: row.kind,
  status: row.status,
  progress: { done: row.progress_done, total: row.progress_total },
  progressDetail: fromNullableJsonText(row.progress_detail),
  summary: fromNullableJsonText(row.summary),
  error: row.error,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})

const newJobRow = (job: { readonly id: string; readonly kind: string }, at: string): JobRow => ({
  id: job.id,
  kind: job.kind,
  status: "queued",
  progress_done: 0,
  progress_total: 0,
  progress_detail: null,
  summary: null,
  error: null,
  created_at: at,
  updated_at: at,
})

/** A queued job. */
export const createJob = async (db: Db, job: { readonly id: string; readonly kind: string }, at: string) => {
  const row = newJobRow(job, at)
  await db.insertInto("jobs").values(row).execute()
  return rowToJob(row)
}

/** The queued or running job of `kind`, if any (the one a second full sync is refused in favour of). */
export const findRunningJob = async (db: Db, kind: string): Promise<Job | null> => {
  const row = await db
    .selectFrom("jobs")
    .selectAll()
    .where("kind", "=", kind)
    .where("status", "in", ["queued", "running"])
    .orderBy("created_at")
    .executeTakeFirst()
  return row === undefined ? null : rowToJob(row)
}

/**
 * Queues a job unless one of the same kind is queued or running; the check and the insert share a transaction that
 * holds the other writers of jobs off, so two requests at once (two processes on one PostgreSQL too) cannot both
 * start one.
 */
export const createJobIfIdle = async (
  db: Db,
  job: { readonly id: string; readonly kind: string },
  at: string,
): Promise<{ readonly created: boolean; readonly job: Job }> =>
  inTransaction(db, async (trx) => {
    await lockForWriting(trx, "jobs")
    const running = await findRunningJob(trx, job.kind)
    if (running !== null) return { created: false, job: running }
    return { created: true, job: await createJob(trx, job, at) }
  })

/** Records progress (its detail too, when given); the first report also moves a queued job to running. */
export const updateJobProgress = async (
  db: Db,
  id: string,
  progress: { readonly done: number; readonly total: number },
  at: string,
  detail?: Json,
): Promise<void> => {
  await db
    .updateTable("jobs")
    .set({
      status: "running",
      progress_done: progress.done,
      progress_total: progress.total,
      ...(detail === undefined ? {} : { progress_detail: toJsonText(detail) }),
      updated_at: at,
    })
    .where("id", "=", id)
    .where("status", "in", ["queued", "running"])
    .execute()
}

export const startJob = (db: Db, id: string, at: string) => updateJobProgress(db, id, { done: 0, total: 0 }, at)

export const finishJob = async (
  db: Db,
  id: string,
  outcome:
    | { readonly status: "succeeded"; readonly summary: Json | null }
    | { readonly status: "failed"; readonly summary: Json | null; readonly error: string },
  at: string,
): Promise<void> => {
  await db
    .updateTable("jobs")
    .set({
      status: outcome.status,
      summary: outcome.summary === null ? null : toJsonText(outcome.summary),
      error: outcome.status === "failed" ? outcome.error : null,
      updated_at: at,
    })
    .where("id", "=", id)
    .execute()
}

export const getJob = async (db: Db, id: string): Promise<Job | null> => {
  const row = await db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst()
  return row === undefined ? null : rowToJob(row)
}

/** The newest jobs first (by creation; jobs created in the same millisecond by id, so the order is stable). */
export const listRecentJobs = async (db: Db, limit: number): Promise<ReadonlyArray<Job>> => {
  const rows = await db
    .selectFrom("jobs")
    .selectAll()
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute()
  return rows.map(rowToJob)
}

/**
 * At start-up: jobs still queued or running belonged to a process that is gone. Failing them lets a new sync start
 * instead of being refused forever in favour of a job nobody runs.
 */
export const failInterruptedJobs = async (db: Db, reason: string, at: string): Promise<number> => {
  const result = await db
    .updateTable("jobs")
    .set({ status: "failed", error: reason, updated_at: at })
    .where("status", "in", ["queued", "running"])
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}
