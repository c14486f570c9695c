import type { Kysely } from "kysely"

/**
 * What reads reported without failing (a record that could not be decoded, an endpoint the tenant does not have),
 * kept with the known state until their listing is read again; and the warnings each course's status shows.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's Database interface
export const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .createTable("read_notices")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("course", "text")
    .addColumn("message", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("read_notices_pk", ["source", "seq"])
    .execute()
  await db.schema
    .alterTable("course_status")
    .addColumn("warnings", "text", (c) => c.notNull().defaultTo("[]"))
    .execute()
}
