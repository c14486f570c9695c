import type { Kysely } from "kysely"

/**
 * How many times the worker has taken up each delivery: one it cannot settle (a crash every time it runs, a store
 * that refuses its update) ends as `dead` after a bounded number, where the operator sees it, instead of running again
 * on every wake-up.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's Database interface
export const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .alterTable("webhook_inbox")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .execute()
}
