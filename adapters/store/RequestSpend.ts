/** The calls sent to each system inside its counting window (adapters/http/Window.ts), kept across restarts. */
import type { Db, RequestSpendTable } from "./Database.ts"

type System = RequestSpendTable["system"]

/** When the calls sent after `sinceMs` went out, oldest first. */
export const loadRequestSpend = async (db: Db, system: System, sinceMs: number): Promise<ReadonlyArray<number>> => {
  const rows = await db
    .selectFrom("request_spend")
    .select("sent_at")
    .where("system", "=", system)
    .where("sent_at", ">", sinceMs)
    .orderBy("sent_at")
    .execute()
  return rows.map((row) => Number(row.sent_at))
}

/** Records a call sent at `atMs`, and forgets those sent a whole window or more before it. */
export const recordRequestSpend = async (db: Db, system: System, atMs: number, windowMs: number): Promise<void> => {
  await db.insertInto("request_spend").values({ system, sent_at: atMs }).execute()
  await db
    .deleteFrom("request_spend")
    .where("system", "=", system)
    .where("sent_at", "<=", atMs - windowMs)
    .execute()
}
