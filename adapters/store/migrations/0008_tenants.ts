import type { Kysely } from "kysely"

/**
 * The tenant registry, kept in the main store: one row per tenant (a Docebo platform and its TO account) beyond the
 * default one, which is the main store itself. Its operator tokens and webhook secret are sealed under the main key;
 * its settings are plain JSON (nothing secret).
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's Database interface
export const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .createTable("tenants")
    .addColumn("name", "text", (column) => column.primaryKey())
    .addColumn("created_at", "text", (column) => column.notNull())
    .addColumn("disabled_at", "text")
    .addColumn("secrets", "text", (column) => column.notNull())
    .addColumn("settings", "text", (column) => column.notNull())
    .execute()
}
