import type { Kysely } from "kysely"

/**
 * Webinar accounts an operator imported from the seed's CSV, for a tenant whose Docebo has no webinar-accounts
 * endpoint: the import replaces them all, and `imported_at` says when.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's Database interface
export const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .createTable("imported_webinar_accounts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tool", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("imported_at", "text", (c) => c.notNull())
    .execute()
}
