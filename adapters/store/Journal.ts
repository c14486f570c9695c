/**
 * The apply journal: one row per op of a run, written before and after each call to a system. A step left `sent` by
 * a crash is one whose call may or may not have happened; after a restart the apply looks its record up (by the id
 * stamped on it) instead of calling again, so no record is ever created twice.
 */
import { Schema } from "effect"
import { Op } from "../../engine/Plan.ts"
import { chunk, type Db, type JournalRow } from "./Database.ts"
import { fromNullableJsonText, type Json, toJsonText } from "./Json.ts"
import { type Run, rowToRun } from "./Runs.ts"

export type StepStatus = JournalRow["status"]

export interface JournalStep {
  readonly runId: string
  readonly opId: string
  /** The op's position in the plan: steps run and recover in this order. */
  readonly seq: number
  readonly op: Op
  readonly status: StepStatus
  readonly attempts: number
  readonly createdId: string | null
  readonly result: Json | null
  readonly error: string | null
  readonly updatedAt: string
}

const decodeOp = Schema.decodeUnknownSync(Schema.parseJson(Op))

export const rowToJournalStep = (row: JournalRow): JournalStep => ({
  runId: row.run_id,
  opId: row.op_id,
  seq: row.seq,
  op: decodeOp(row.op),
  status: row.status,
  attempts: row.attempts,
  createdId: row.created_id,
  result: fromNullableJsonText(row.result),
  error: row.error,
  updatedAt: row.updated_at,
})

/** Writes every op of a run as `planned`, in plan order, all or none. */
export const recordPlannedOps = async (db: Db, runId: string, ops: ReadonlyArray<Op>, at: string): Promise<void> => {
  if (ops.length === 0) return
  const rows = ops.map((op, seq) => ({
    run_id: runId,
    op_id: op.id,
    seq,
    op: toJsonText(op),
    status: "planned" as const,
    attempts: 0,
    created_id: null,
    result: null,
    error: null,
    updated_at: at,
  }))
  await db.transaction().execute(async (trx) => {
    for (const part of chunk(rows, 200)) await trx.insertInto("journal").values(part).execute()
  })
}

const updateStep = async (
  db: Db,
  runId: string,
  opId: string,
  changes: Partial<Pick<JournalRow, "status" | "created_id" | "result" | "error">>,
  at: string,
  countAttempt = false,
): Promise<void> => {
  const result = await db
    .updateTable("journal")
    .set((eb) => ({ ...changes, updated_at: at, ...(countAttempt ? { attempts: eb("attempts", "+", 1) } : {}) }))
    .where("run_id", "=", runId)
    .where("op_id", "=", opId)
    .executeTakeFirst()
  // Updating a step that was never recorded means the apply lost track of its own plan: a bug, not a store failure.
  if (result.numUpdatedRows === 0n) throw new Error(`journal has no step ${opId} in run ${runId}`)
}

/** Marks a step as about to be sent; written before the call, so a crash during it leaves the step `sent`. */
export const markStepSent = (db: Db, runId: string, opId: string, at: string) =>
  updateStep(db, runId, opId, { status: "sent", error: null }, at, true)

/** The call succeeded: keeps the id of the record it created (if any) and what the system answered. */
export const confirmStep = (
  db: Db,
  runId: string,
  opId: string,
  outcome: { readonly createdId: string | null; readonly result: Json | null },
  at: string,
) =>
  updateStep(
    db,
    runId,
    opId,
    {
      status: "confirmed",
      created_id: outcome.createdId,
      result: outcome.result === null ? null : toJsonText(outcome.result),
      error: null,
    },
    at,
  )

export const failStep = (db: Db, runId: string, opId: string, reason: string, at: string) =>
  updateStep(db, runId, opId, { status: "failed", error: reason }, at)

/** Not attempted (held, blocked, or a dependency failed); `reason` says which. */
export const skipStep = (db: Db, runId: string, opId: string, reason: string, at: string) =>
  updateStep(db, runId, opId, { status: "skipped", error: reason }, at)

/** All steps of a run in plan order. */
export const loadJournal = async (db: Db, runId: string): Promise<ReadonlyArray<JournalStep>> => {
  const rows = await db.selectFrom("journal").selectAll().where("run_id", "=", runId).orderBy("seq").execute()
  return rows.map(rowToJournalStep)
}

export interface UnfinishedRun {
  readonly run: Run
  /** Steps whose call may have happened: to be looked up before anything is sent again. */
  readonly sent: ReadonlyArray<JournalStep>
}

/** After a restart: the latest run still marked running, with the steps a crash left in flight. */
export const findUnfinishedRun = async (db: Db): Promise<UnfinishedRun | null> =>
  db.transaction().execute(async (trx) => {
    const run = await trx
      .selectFrom("runs")
      .selectAll()
      .where("status", "=", "running")
      .orderBy("started_at", "desc")
      .orderBy("id", "desc")
      .executeTakeFirst()
    if (run === undefined) return null
    const sent = await trx
      .selectFrom("journal")
      .selectAll()
      .where("run_id", "=", run.id)
      .where("status", "=", "sent")
      .orderBy("seq")
      .execute()
    return { run: rowToRun(run), sent: sent.map(rowToJournalStep) }
  })
