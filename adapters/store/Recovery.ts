/**
 * After a restart: finding the writes a crash left in flight, and closing the runs they belonged to once they have
 * been looked up.
 */
import type { UnsettledStep } from "../../engine/Ports.ts"
import { type Db, inSnapshot, inTransaction } from "./Database.ts"
import { type JournalStep, rowToJournalStep } from "./Journal.ts"
import { type Run, rowToRun } from "./Runs.ts"

export interface UnfinishedRun {
  readonly run: Run
  /** Steps whose writes may have happened: to be looked up before anything is sent again. */
  readonly sent: ReadonlyArray<JournalStep>
}

/** The latest run that is still running or still has writes in flight, with those steps in plan order. */
export const findUnfinishedRun = async (db: Db): Promise<UnfinishedRun | null> =>
  inSnapshot(db, async (trx) => {
    const run = await trx
      .selectFrom("runs")
      .selectAll()
      .where((eb) =>
        eb.or([
          eb("status", "=", "running"),
          eb.exists(
            eb
              .selectFrom("journal")
              .select("journal.op_id")
              .whereRef("journal.run_id", "=", "runs.id")
              .where("journal.status", "=", "sent"),
          ),
        ]),
      )
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

/** Every write of every step left `sent`, oldest run first, in plan order: what recovery must look up. */
export const listUnsettledSteps = async (db: Db): Promise<ReadonlyArray<UnsettledStep>> => {
  const rows = await db
    .selectFrom("journal")
    .innerJoin("runs", "runs.id", "journal.run_id")
    .selectAll("journal")
    .where("journal.status", "=", "sent")
    .orderBy("runs.started_at")
    .orderBy("journal.run_id")
    .orderBy("journal.seq")
    .execute()
  return rows.flatMap((row) => {
    const step = rowToJournalStep(row)
    return step.writes.map((write) => ({ runId: step.runId, opId: step.opId, step: write }))
  })
}

export const interruptedReason = "interrupted; its writes were looked up after a restart"
export const notReachedReason = "not reached: the run was interrupted"

/** Marks the planned steps of unfinished runs skipped and the runs failed; steps still `sent` stay to be looked up. */
const closeRuns = async (trx: Db, runIds: ReadonlyArray<string>, at: string): Promise<void> => {
  if (runIds.length === 0) return
  await trx
    .updateTable("journal")
    .set({ status: "skipped", error: notReachedReason, updated_at: at })
    .where("run_id", "in", runIds)
    .where("status", "=", "planned")
    .execute()
  await trx
    .updateTable("runs")
    .set({ status: "failed", finished_at: at })
    .where("id", "in", runIds)
    .where("status", "=", "running")
    .execute()
}

/**
 * The steps were looked up (and the mirror updated): they fail as interrupted, so they are never looked up again,
 * and their runs are closed. The next plan redoes whatever they did not finish.
 */
export const markStepsRecovered = async (
  db: Db,
  steps: ReadonlyArray<{ readonly runId: string; readonly opId: string }>,
  at: string,
): Promise<void> => {
  if (steps.length === 0) return
  await inTransaction(db, async (trx) => {
    for (const step of steps) {
      await trx
        .updateTable("journal")
        .set({ status: "failed", error: interruptedReason, updated_at: at })
        .where("run_id", "=", step.runId)
        .where("op_id", "=", step.opId)
        .where("status", "=", "sent")
        .execute()
    }
    await closeRuns(trx, [...new Set(steps.map((step) => step.runId))], at)
  })
}

/**
 * At start-up, before any new run: every run still marked running was cut short by the process stopping. Closes
 * them; their `sent` steps stay listed by `listUnsettledSteps` until recovered.
 */
export const closeInterruptedRuns = async (db: Db, at: string): Promise<number> =>
  inTransaction(db, async (trx) => {
    const running = await trx.selectFrom("runs").select("id").where("status", "=", "running").execute()
    await closeRuns(
      trx,
      running.map((run) => run.id),
      at,
    )
    return running.length
  })
