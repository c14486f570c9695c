import type { Kysely } from "kysely"

/**
 * What a job shows beyond its ops applied (a first sync reads for hours before it applies any): its phase, the
 * listings and records read, the calls spent and left, as JSON text; and the newest jobs listed first.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's Database interface
export const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema.alterTable("jobs").addColumn("progress_detail", "text").execute()
  await db.schema.createIndex("jobs_created").on("jobs").columns(["created_at", "id"]).execute()
}
