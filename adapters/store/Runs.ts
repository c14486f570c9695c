import type { Db, RunRow } from "./Database.ts"
import { fromNullableJsonText, type Json, toJsonText } from "./Json.ts"

export type RunStatus = RunRow["status"]

export interface Run {
  readonly id: string
  /** What the run covers, e.g. `full` or the course codes of a partial sync. */
  readonly scope: string
  readonly status: RunStatus
  readonly startedAt: string
  readonly finishedAt: string | null
  readonly summary: Json | null
}

export const rowToRun = (row: RunRow): Run => ({
  id: row.id,
  scope: row.scope,
  status: row.status,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  summary: fromNullableJsonText(row.summary),
})

export const createRun = async (
  db: Db,
  run: { readonly id: string; readonly scope: string; readonly startedAt: string },
): Promise<Run> => {
  const row: RunRow = {
    id: run.id,
    scope: run.scope,
    status: "running",
    started_at: run.startedAt,
    finished_at: null,
    summary: null,
  }
  await db.insertInto("runs").values(row).execute()
  return rowToRun(row)
}

export const finishRun = async (
  db: Db,
  id: string,
  outcome: { readonly status: "succeeded" | "failed"; readonly summary: Json | null },
  finishedAt: string,
): Promise<void> => {
  await db
    .updateTable("runs")
    .set({
      status: outcome.status,
      summary: outcome.summary === null ? null : toJsonText(outcome.summary),
      finished_at: finishedAt,
    })
    .where("id", "=", id)
    .execute()
}

export const getRun = async (db: Db, id: string): Promise<Run | null> => {
  const row = await db.selectFrom("runs").selectAll().where("id", "=", id).executeTakeFirst()
  return row === undefined ? null : rowToRun(row)
}

/** The most recent runs first. */
export const listRuns = async (db: Db, limit = 20): Promise<ReadonlyArray<Run>> => {
  const rows = await db
    .selectFrom("runs")
    .selectAll()
    .orderBy("started_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute()
  return rows.map(rowToRun)
}
