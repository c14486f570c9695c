/** Helpers for the store's tests: migrated databases in memory or in a fresh folder, and small ops. */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Op } from "../../../engine/Plan.ts"
import { type Db, makeDatabase } from "../Database.ts"
import { type JournalStep, rowToJournalStep } from "../Journal.ts"
import { migrateToLatest } from "../Migrate.ts"

export const openMigrated = async (path = ":memory:"): Promise<Db> => {
  const db = makeDatabase(path)
  await migrateToLatest(db)
  return db
}

/** A fresh folder for a database file; `remove` deletes it and everything in it. */
export const makeTempFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), "iltsync-store-"))
  return { folder, file: join(folder, "iltsync.db"), remove: () => rmSync(folder, { recursive: true, force: true }) }
}

export const makeOp = (key: string, over: Partial<Op> = {}): Op => ({
  id: `to:course:create:${key}`,
  entity: "course",
  action: "create",
  system: "to",
  key,
  changes: [{ path: "name", from: null, to: `Course ${key}` }],
  reason: "new in Docebo",
  status: "ready",
  dependsOn: [],
  fingerprint: `fp-${key}`,
  ...over,
})

export const at = (minute: number) => new Date(Date.UTC(2027, 0, 10, 9, minute)).toISOString()

/** Every step of a run in plan order, as stored (the app itself reads back only the steps a crash left in flight). */
export const journalOf = async (db: Db, runId: string): Promise<ReadonlyArray<JournalStep>> => {
  const rows = await db.selectFrom("journal").selectAll().where("run_id", "=", runId).orderBy("seq").execute()
  return rows.map(rowToJournalStep)
}
