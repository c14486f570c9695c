import { Migrator, sql } from "kysely"
import { type Db, isPostgres } from "./Database.ts"
import { migrationProvider } from "./migrations/index.ts"

/**
 * The schema the store's tables are made in on PostgreSQL: the first of the connection's search path. Kysely looks
 * for its migration tables in every schema unless told which, so a second store in the same database (another
 * schema) would take the first one's for its own and never be migrated.
 */
const storeSchema = async (db: Db): Promise<string> => {
  const { rows } = await sql<{ name: string | null }>`select current_schema() as name`.execute(db)
  const name = rows[0]?.name
  if (name == null) throw new Error("no schema of the search path exists to hold the store's tables")
  return name
}

/** Brings the schema to the newest migration; a no-op on an up-to-date store. Returns the names it applied. */
export const migrateToLatest = async (db: Db): Promise<ReadonlyArray<string>> => {
  const migrationTableSchema = isPostgres(db) ? await storeSchema(db) : undefined
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    ...(migrationTableSchema === undefined ? {} : { migrationTableSchema }),
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error !== undefined) throw error
  return (results ?? []).filter((result) => result.status === "Success").map((result) => result.migrationName)
}
