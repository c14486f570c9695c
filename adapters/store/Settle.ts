/**
 * Starting a run and settling its ops. An op's outcome is committed in one transaction with everything it changes
 * in the store (links, operator records, the mirror of both systems): after a crash the store either shows the op
 * settled with all its effects, or not settled at all.
 */
import type { StoreChange } from "../../engine/Bookkeeping.ts"
import type { Touched } from "../../engine/Mirror.ts"
import { ToProviderId } from "../../engine/model/Ids.ts"
import type { Op } from "../../engine/Plan.ts"
import type { OpOutcome } from "../../engine/Ports.ts"
import { type Db, inTransaction, isPostgres } from "./Database.ts"
import { recordPlannedOps } from "./Journal.ts"
import { deleteLinks, upsertLinks } from "./Links.ts"
import { deleteMirrorRecords, upsertMirrorRecords } from "./Mirror.ts"
import { completeProviderRequests, dropActivationRequests } from "./ProviderRequests.ts"
import { clearTrainerEdits } from "./Trainers.ts"

/**
 * Records the ops of a run as planned. The run row is created here when the caller has not created it already, so
 * the journal never refers to a run that does not exist.
 */
export const beginRun = (db: Db, runId: string, ops: ReadonlyArray<Op>, at: string): Promise<void> =>
  inTransaction(db, async (trx) => {
    await trx
      .insertInto("runs")
      .values({ id: runId, scope: "apply", status: "running", started_at: at, finished_at: null, summary: null })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute()
    await recordPlannedOps(trx, runId, ops, at)
    await closeRunIfSettled(trx, runId, at)
  })

const applyStoreChange = async (trx: Db, change: StoreChange, at: string): Promise<void> => {
  switch (change.kind) {
    case "link":
      return upsertLinks(trx, change.entity, [change.link], at)
    case "unlink":
      return deleteLinks(trx, change.entity, "docebo", [change.docebo])
    case "clearPending":
      return clearTrainerEdits(trx, [change.userId], at)
    case "resolveProviderRequests":
      return completeProviderRequests(trx, change.requestIds, ToProviderId.make(change.providerId), at)
    case "dropActivationRequests":
      return dropActivationRequests(trx, change.providerId)
  }
}

const applyTouched = async (trx: Db, touched: Touched, at: string): Promise<void> => {
  if (touched.record === null) return deleteMirrorRecords(trx, touched.system, touched.resource, [touched.id])
  const courseId = "courseId" in touched.record ? touched.record.courseId : null
  const record = { id: touched.id, courseId, body: touched.record }
  return upsertMirrorRecords(trx, touched.system, touched.resource, [record], at)
}

const journalStatus = { done: "confirmed", failed: "failed", skipped: "skipped" } as const

/**
 * Ops of a run settle side by side (apply runs several at once). SQLite commits one transaction at a time; on
 * PostgreSQL each settlement first locks its run's row, so the next one sees this one's step settled and the last one
 * to settle closes the run, rather than each seeing the other's step still in flight and neither closing it. The lock
 * is the one an update of the run takes (`no key update`), which leaves the journal's references to the run free.
 */
const lockRun = async (trx: Db, runId: string): Promise<void> => {
  if (isPostgres(trx)) await trx.selectFrom("runs").select("id").where("id", "=", runId).forNoKeyUpdate().execute()
}

/** Commits an op's outcome with its store changes and the records its writes touched; closes the run after its last op. */
export const settleOp = (
  db: Db,
  runId: string,
  outcome: OpOutcome,
  changes: ReadonlyArray<StoreChange>,
  touched: ReadonlyArray<Touched>,
  at: string,
): Promise<void> =>
  inTransaction(db, async (trx) => {
    await lockRun(trx, runId)
    const updated = await trx
      .updateTable("journal")
      .set({
        status: journalStatus[outcome.status],
        created_id: outcome.created ?? null,
        error: outcome.reason ?? null,
        updated_at: at,
      })
      .where("run_id", "=", runId)
      .where("op_id", "=", outcome.opId)
      .executeTakeFirst()
    if (updated.numUpdatedRows === 0n) throw new Error(`journal has no step ${outcome.opId} in run ${runId}`)
    for (const change of changes) await applyStoreChange(trx, change, at)
    for (const record of touched) await applyTouched(trx, record, at)
    await closeRunIfSettled(trx, runId, at)
  })

/**
 * Once no step of a run is planned or in flight, the run is over: `failed` if any op failed, else `succeeded`, with
 * the count of steps per status as its summary.
 */
export const closeRunIfSettled = async (trx: Db, runId: string, at: string): Promise<void> => {
  const counts = await trx
    .selectFrom("journal")
    .select((eb) => ["status", eb.fn.countAll<number>().as("count")])
    .where("run_id", "=", runId)
    .groupBy("status")
    .execute()
  const count = (status: string) => Number(counts.find((row) => row.status === status)?.count ?? 0)
  if (count("planned") + count("sent") > 0) return
  const summary = { confirmed: count("confirmed"), failed: count("failed"), skipped: count("skipped") }
  await trx
    .updateTable("runs")
    .set({
      status: summary.failed > 0 ? "failed" : "succeeded",
      finished_at: at,
      summary: JSON.stringify(summary),
    })
    .where("id", "=", runId)
    .where("status", "=", "running")
    .execute()
}
