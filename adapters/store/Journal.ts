/**
 * The apply journal: one row per op of a run. Each write is recorded before it is sent and each op's outcome when it
 * settles, so a step left `sent` by a crash is one whose writes may or may not have happened: after a restart they
 * are looked up (by the id stamped on the records) instead of being sent again, and nothing is created twice.
 */
import { Schema } from "effect"
import type { StepWrite } from "../../engine/OpWrites.ts"
import { Op } from "../../engine/Plan.ts"
import { chunk, type Db, inTransaction, isPostgres, type JournalRow } from "./Database.ts"
import { fromNullableJsonText, type Json, toJsonText } from "./Json.ts"

export type StepStatus = JournalRow["status"]

export interface JournalStep {
  readonly runId: string
  readonly opId: string
  /** The op's position in the plan: steps run and recover in this order. */
  readonly seq: number
  readonly op: Op
  readonly status: StepStatus
  /** How many writes were sent for the op. */
  readonly attempts: number
  readonly writes: ReadonlyArray<StepWrite>
  readonly createdId: string | null
  readonly result: Json | null
  readonly error: string | null
  readonly updatedAt: string
}

const decodeOp = Schema.decodeUnknownSync(Schema.parseJson(Op))

/** A write as the journal keeps it: the StepWrite, and when it was sent (absent from rows written before it was kept). */
type KeptWrite = StepWrite & { readonly sentAt?: string }

// Writes have no schema: the journal holds only what `markStepSent` wrote from a typed StepWrite.
const parseKeptWrites = (text: string) => JSON.parse(text) as ReadonlyArray<KeptWrite>
const parseWrites = (text: string): ReadonlyArray<StepWrite> =>
  parseKeptWrites(text).map(({ sentAt: _sentAt, ...write }) => write as StepWrite)

export const rowToJournalStep = (row: JournalRow): JournalStep => ({
  runId: row.run_id,
  opId: row.op_id,
  seq: row.seq,
  op: decodeOp(row.op),
  status: row.status,
  attempts: row.attempts,
  writes: parseWrites(row.writes),
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
    writes: "[]",
    created_id: null,
    result: null,
    error: null,
    updated_at: at,
  }))
  await inTransaction(db, async (trx) => {
    for (const part of chunk(rows, 200)) await trx.insertInto("journal").values(part).execute()
  })
}

/** The step's row, locked on PostgreSQL until the transaction ends: a step's writes are appended to what it holds. */
const stepRow = (db: Db, runId: string, opId: string) =>
  db
    .selectFrom("journal")
    .selectAll()
    .where("run_id", "=", runId)
    .where("op_id", "=", opId)
    .$if(isPostgres(db), (select) => select.forUpdate())
    .executeTakeFirst()

const updateStep = async (
  db: Db,
  runId: string,
  opId: string,
  changes: Partial<Pick<JournalRow, "status" | "attempts" | "writes" | "created_id" | "result" | "error">>,
  at: string,
): Promise<void> => {
  const result = await db
    .updateTable("journal")
    .set({ ...changes, updated_at: at })
    .where("run_id", "=", runId)
    .where("op_id", "=", opId)
    .executeTakeFirst()
  // Updating a step that was never recorded means the apply lost track of its own plan: a bug, not a store failure.
  if (result.numUpdatedRows === 0n) throw new Error(`journal has no step ${opId} in run ${runId}`)
}

/** Records a write as about to be sent. Committed before the call, so a crash during it leaves the step `sent`. */
export const markStepSent = (db: Db, runId: string, opId: string, write: StepWrite, at: string): Promise<void> =>
  inTransaction(db, async (trx) => {
    const row = await stepRow(trx, runId, opId)
    if (row === undefined) throw new Error(`journal has no step ${opId} in run ${runId}`)
    const writes: ReadonlyArray<KeptWrite> = [...parseKeptWrites(row.writes), { ...write, sentAt: at }]
    await updateStep(trx, runId, opId, { status: "sent", attempts: row.attempts + 1, writes: toJsonText(writes) }, at)
  })

/** A step that sent writes, as the echo check reads it: each write with when it was sent, and when the step settled. */
export interface WrittenStep {
  readonly writes: ReadonlyArray<{ readonly write: StepWrite; readonly sentAt: string | null }>
  /** The record its create made, once settled. */
  readonly createdId: string | null
  /** When it settled (or, left unsettled, when its last write was sent). */
  readonly updatedAt: string
}

/**
 * The steps of any run that sent a write and last changed at `since` or later: what iltsync wrote lately, for telling
 * the webhooks its own writes caused from the others. The journal has no index on time: a scan, made only for a batch
 * of webhooks that names Docebo sessions.
 */
export const listStepsWrittenSince = async (db: Db, since: string): Promise<ReadonlyArray<WrittenStep>> => {
  const rows = await db
    .selectFrom("journal")
    .select(["writes", "created_id", "updated_at"])
    .where("updated_at", ">=", since)
    .where("attempts", ">", 0)
    .execute()
  return rows.map((row) => ({
    writes: parseKeptWrites(row.writes).map(({ sentAt, ...write }) => ({
      write: write as StepWrite,
      sentAt: sentAt ?? null,
    })),
    createdId: row.created_id,
    updatedAt: row.updated_at,
  }))
}
