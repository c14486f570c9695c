import type { Kysely } from "kysely"

/**
 * When each call to a system went out, for as long as the system counts it (Docebo: an hour), so that a restarted
 * process starts from what was spent instead of a full budget.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's Database interface
export const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .createTable("request_spend")
    .addColumn("system", "text", (c) => c.notNull())
    .addColumn("sent_at", "integer", (c) => c.notNull())
    .execute()
  await db.schema.createIndex("request_spend_system_sent").on("request_spend").columns(["system", "sent_at"]).execute()
}
