import { Migrator } from "kysely"
import type { Db } from "./Database.ts"
import { migrationProvider } from "./migrations/index.ts"

/** Brings the schema to the newest migration; a no-op on an up-to-date store. Returns the names it applied. */
export const migrateToLatest = async (db: Db): Promise<ReadonlyArray<string>> => {
  const migrator = new Migrator({ db, provider: migrationProvider })
  const { error, results } = await migrator.migrateToLatest()
  if (error !== undefined) throw error
  return (results ?? []).filter((result) => result.status === "Success").map((result) => result.migrationName)
}
