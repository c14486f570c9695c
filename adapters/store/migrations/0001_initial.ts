/**
 * Frozen: the schema as first released. Later changes go in new migrations, never here. Portable column types only
 * (text, integer, real) and no defaults computed by the database, so the same file runs on PostgreSQL.
 */
import type { Kysely } from "kysely"

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's Database interface
export const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .createTable("links")
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("docebo_id", "text", (c) => c.notNull())
    .addColumn("to_id", "text", (c) => c.notNull())
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("synced_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("links_pk", ["entity", "docebo_id"])
    .addUniqueConstraint("links_to_unique", ["entity", "to_id"])
    .execute()

  await db.schema
    .createTable("provider_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text")
    .addColumn("provider_id", "text")
    .addColumn("active", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute()

  await db.schema
    .createTable("trainer_assignments")
    .addColumn("user_id", "text", (c) => c.primaryKey())
    .addColumn("training_provider_id", "text")
    .addColumn("training_provider_request_id", "text", (c) => c.references("provider_requests.id"))
    .addColumn("removed", "integer", (c) => c.notNull())
    .addColumn("pending", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute()

  await db.schema
    .createTable("sequences")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("value", "integer", (c) => c.notNull())
    .execute()

  await db.schema
    .createTable("runs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .addColumn("summary", "text")
    .execute()
  await db.schema.createIndex("runs_status_started").on("runs").columns(["status", "started_at"]).execute()

  await db.schema
    .createTable("journal")
    .addColumn("run_id", "text", (c) => c.notNull().references("runs.id").onDelete("cascade"))
    .addColumn("op_id", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("op", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("writes", "text", (c) => c.notNull())
    .addColumn("created_id", "text")
    .addColumn("result", "text")
    .addColumn("error", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("journal_pk", ["run_id", "op_id"])
    .execute()
  await db.schema.createIndex("journal_run_status").on("journal").columns(["run_id", "status", "seq"]).execute()

  await db.schema
    .createTable("course_status")
    .addColumn("docebo_course_id", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("error", "text")
    .addColumn("last_synced_at", "text")
    .execute()

  await db.schema
    .createTable("event_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("user", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target", "text")
    .addColumn("ip", "text")
    .addColumn("details", "text")
    .execute()
  await db.schema.createIndex("event_log_at").on("event_log").columns(["at", "id"]).execute()
  await db.schema.createIndex("event_log_action_at").on("event_log").columns(["action", "at", "id"]).execute()

  await db.schema
    .createTable("credentials")
    .addColumn("system", "text", (c) => c.primaryKey())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("client_id", "text", (c) => c.notNull())
    .addColumn("client_secret", "text", (c) => c.notNull())
    .addColumn("username", "text")
    .addColumn("password", "text")
    .addColumn("platform_url", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute()

  await db.schema
    .createTable("jobs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("progress_done", "integer", (c) => c.notNull())
    .addColumn("progress_total", "integer", (c) => c.notNull())
    .addColumn("summary", "text")
    .addColumn("error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute()
  await db.schema.createIndex("jobs_kind_status").on("jobs").columns(["kind", "status"]).execute()

  await db.schema
    .createTable("webhook_inbox")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("message_id", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("error", "text")
    .addColumn("processed_at", "text")
    .addPrimaryKeyConstraint("webhook_inbox_pk", ["source", "message_id"])
    .execute()
  await db.schema
    .createIndex("webhook_inbox_status_received")
    .on("webhook_inbox")
    .columns(["status", "received_at"])
    .execute()

  await db.schema
    .createTable("mirror_records")
    .addColumn("system", "text", (c) => c.notNull())
    .addColumn("resource", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("course_id", "text")
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("read_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("mirror_records_pk", ["system", "resource", "id"])
    .execute()
  await db.schema
    .createIndex("mirror_records_course")
    .on("mirror_records")
    .columns(["system", "resource", "course_id"])
    .execute()

  await db.schema
    .createTable("mirror_listings")
    .addColumn("system", "text", (c) => c.notNull())
    .addColumn("resource", "text", (c) => c.notNull())
    .addColumn("complete", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("mirror_listings_pk", ["system", "resource"])
    .execute()

  await db.schema
    .createTable("read_cursors")
    .addColumn("system", "text", (c) => c.notNull())
    .addColumn("resource", "text", (c) => c.notNull())
    .addColumn("cursor", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("read_cursors_pk", ["system", "resource"])
    .execute()
}
