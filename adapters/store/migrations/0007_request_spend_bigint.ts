import { type Kysely, PostgresIntrospector } from "kysely"

/**
 * `request_spend.sent_at` holds epoch milliseconds, past 2^31: SQLite's integers are 64-bit whatever the declared
 * type, PostgreSQL's `integer` is not. On PostgreSQL the column becomes a bigint; on SQLite there is nothing to do.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's Database interface
export const up = async (db: Kysely<any>): Promise<void> => {
  if (!(db.introspection instanceof PostgresIntrospector)) return
  await db.schema
    .alterTable("request_spend")
    .alterColumn("sent_at", (column) => column.setDataType("bigint"))
    .execute()
}
