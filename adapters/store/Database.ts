/**
 * The store's tables as Kysely sees them (snake_case, as stored), the connection factory (Sqlite.ts, Postgres.ts) and
 * the transactions both run. Timestamps are ISO-8601 text supplied by the caller, booleans are 0/1 integers and JSON
 * is text, so the same schema and queries run on SQLite and PostgreSQL.
 */
import { type Generated, type Insertable, type Kysely, PostgresIntrospector, type Selectable, sql } from "kysely"
import { isPostgresFailure, isPostgresUrl, isRetryable, makePostgresDatabase } from "./Postgres.ts"
import { isSqliteFailure, makeSqliteDatabase, type SqliteOptions } from "./Sqlite.ts"

export interface LinksTable {
  entity: string
  docebo_id: string
  to_id: string
  fingerprint: string
  synced_at: string
}

export interface TrainerAssignmentsTable {
  user_id: string
  training_provider_id: string | null
  training_provider_request_id: string | null
  removed: number
  /** TrainerEdit as JSON, or null when nothing is waiting to be written to Docebo. */
  pending: string | null
  updated_at: string
}

export interface ProviderRequestsTable {
  id: string
  kind: "create" | "setActive"
  name: string | null
  provider_id: string | null
  active: number | null
  created_at: string
}

/** Named counters; provider request ids are issued from one so they sort in creation order. */
export interface SequencesTable {
  name: string
  value: number
}

export interface RunsTable {
  id: string
  scope: string
  status: "running" | "succeeded" | "failed"
  started_at: string
  finished_at: string | null
  summary: string | null
}

export interface JournalTable {
  run_id: string
  op_id: string
  seq: number
  /** The planned Op as JSON, so a step can be looked up and finished after a restart without re-planning. */
  op: string
  status: "planned" | "sent" | "confirmed" | "failed" | "skipped"
  attempts: number
  /** The writes sent for the op so far (a JSON array): what to look up if the run was interrupted. */
  writes: string
  created_id: string | null
  result: string | null
  error: string | null
  updated_at: string
}

export interface CourseStatusTable {
  docebo_course_id: string
  /** Empty when the course has no code in Docebo (which is itself the error that keeps it from syncing). */
  code: string
  name: string
  /** `ilt`, `vilt`, or a Docebo course type iltsync does not know, as Docebo wrote it. */
  type: string
  status: "synced" | "pending" | "error" | "never"
  error: string | null
  /** The status's warnings, a JSON array of messages. */
  warnings: Generated<string>
  last_synced_at: string | null
}

export interface EventLogTable {
  id: string
  at: string
  user: string
  action: string
  target: string | null
  ip: string | null
  details: string | null
}

/** One row per system; secret columns hold AES-256-GCM envelopes, never plain text. */
export interface CredentialsTable {
  system: "docebo" | "to"
  url: string
  client_id: string
  client_secret: string
  username: string | null
  password: string | null
  platform_url: string | null
  updated_at: string
}

export interface JobsTable {
  id: string
  kind: string
  status: "queued" | "running" | "succeeded" | "failed"
  progress_done: number
  progress_total: number
  /** The rest of a job's progress (its phase, what it read, the calls it spent) as JSON; null before it starts. */
  progress_detail: string | null
  summary: string | null
  error: string | null
  created_at: string
  updated_at: string
}

export interface WebhookInboxTable {
  source: "docebo" | "to"
  message_id: string
  received_at: string
  body: string
  /** `dead`: given up on after `attempts` tries that never settled (the operator sees it in /metrics and the log). */
  status: "pending" | "done" | "failed" | "dead"
  error: string | null
  processed_at: string | null
  attempts: Generated<number>
}

export interface MirrorRecordsTable {
  system: "docebo" | "to"
  resource: string
  id: string
  course_id: string | null
  body: string
  read_at: string
}

/** Whether the mirrored listing of a resource was last read to its end: a partial one must not cause deletions. */
export interface MirrorListingsTable {
  system: "docebo" | "to"
  resource: string
  complete: number
  updated_at: string
}

/**
 * Where the next incremental read of a resource starts. Docebo sessions are read per course, so theirs are kept as
 * `sessions:<course id>` with the time they were read.
 */
export interface ReadCursorsTable {
  system: "docebo" | "to"
  resource: string
  cursor: string
  updated_at: string
}

/** A notice a read reported (engine/Notices.ts), in the order it was reported within its source. */
export interface ReadNoticesTable {
  source: string
  seq: number
  code: string
  key: string
  course: string | null
  message: string
}

/** When a call to a system went out (epoch ms), kept for the system's counting window. */
export interface RequestSpendTable {
  system: "docebo" | "to"
  sent_at: number
}

/** A webinar account from the operator's CSV import (the tenant has no webinar-accounts endpoint). */
export interface ImportedWebinarAccountsTable {
  id: string
  tool: string
  name: string
  email: string
  imported_at: string
}

/** The tenant registry (main store only); `secrets` is sealed under the main key. */
export interface TenantsTable {
  name: string
  created_at: string
  disabled_at: string | null
  secrets: string
  settings: string
}

export interface Database {
  links: LinksTable
  trainer_assignments: TrainerAssignmentsTable
  provider_requests: ProviderRequestsTable
  sequences: SequencesTable
  runs: RunsTable
  journal: JournalTable
  course_status: CourseStatusTable
  event_log: EventLogTable
  credentials: CredentialsTable
  jobs: JobsTable
  webhook_inbox: WebhookInboxTable
  mirror_records: MirrorRecordsTable
  mirror_listings: MirrorListingsTable
  read_cursors: ReadCursorsTable
  read_notices: ReadNoticesTable
  request_spend: RequestSpendTable
  imported_webinar_accounts: ImportedWebinarAccountsTable
  tenants: TenantsTable
}

export type LinkRow = Selectable<LinksTable>
export type TrainerAssignmentRow = Selectable<TrainerAssignmentsTable>
export type ProviderRequestRow = Selectable<ProviderRequestsTable>
export type RunRow = Selectable<RunsTable>
export type JournalRow = Selectable<JournalTable>
export type NewJournalRow = Insertable<JournalTable>
export type CourseStatusRow = Selectable<CourseStatusTable>
export type EventLogRow = Selectable<EventLogTable>
export type CredentialsRow = Selectable<CredentialsTable>
export type JobRow = Selectable<JobsTable>
export type WebhookInboxRow = Selectable<WebhookInboxTable>
export type MirrorRecordRow = Selectable<MirrorRecordsTable>
export type MirrorListingRow = Selectable<MirrorListingsTable>
export type ReadCursorRow = Selectable<ReadCursorsTable>
export type ReadNoticeRow = Selectable<ReadNoticesTable>

export type Db = Kysely<Database>

/** An SQLite file (`:memory:` too), or a PostgreSQL database when `location` is a `postgres://` URL. */
export const makeDatabase = (location: string, sqlite: SqliteOptions = {}): Db =>
  isPostgresUrl(location) ? makePostgresDatabase(location) : makeSqliteDatabase(location, sqlite)

/** Whether `db` (or the transaction it is) is on PostgreSQL: row locks and a few statements differ. */
export const isPostgres = (db: Db): boolean => db.introspection instanceof PostgresIntrospector

/**
 * A failure of the database itself (busy, I/O, a constraint, a connection lost), as opposed to a bug in the code
 * calling it. `code` is the driver's: `SQLITE_BUSY`, or PostgreSQL's SQLSTATE (`23505`).
 */
export const isDatabaseFailure = (cause: unknown): cause is Error & { readonly code?: string } =>
  isSqliteFailure(cause) || isPostgresFailure(cause)

/**
 * better-sqlite3 binds at most 32,766 values per statement and PostgreSQL 65,535: chunks of 500 rows of a table's few
 * columns stay well under both.
 */
export const chunk = <A>(items: ReadonlyArray<A>, size = 500): ReadonlyArray<ReadonlyArray<A>> => {
  const chunks: Array<ReadonlyArray<A>> = []
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size))
  return chunks
}

/**
 * One item per key, the last given for it, in the order of their first: what SQLite's multi-row upsert kept, where
 * PostgreSQL refuses to update one row twice in a statement.
 */
export const lastOfEach = <A>(items: ReadonlyArray<A>, key: (item: A) => string): ReadonlyArray<A> => {
  const last = new Map<string, A>()
  for (const item of items) last.set(key(item), item)
  return last.size === items.length ? items : [...last.values()]
}

/** How many times a transaction is run when PostgreSQL aborts it for another's sake. */
const transactionAttempts = 3

/**
 * Runs `work` in a transaction, or in the caller's when `db` already is one (Kysely cannot nest them), so a
 * repository function is atomic alone and can also join a larger unit such as settling an op. SQLite runs one
 * writing transaction at a time; PostgreSQL runs them side by side and may abort one to break a deadlock: that one
 * is run again, whole (`work` does nothing but read and write the database).
 */
export const inTransaction = async <A>(db: Db, work: (trx: Db) => Promise<A>): Promise<A> => {
  if (db.isTransaction) return work(db)
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work)
    } catch (cause) {
      if (attempt >= transactionAttempts || !isRetryable(cause)) throw cause
    }
  }
}

/**
 * Runs reads that must agree with each other in a transaction that sees one snapshot. An SQLite transaction always
 * does (its driver ignores the settings); on PostgreSQL, whose default gives each statement a snapshot of its own,
 * it is `repeatable read` and read only, which neither waits for writers nor fails because of them.
 */
export const inSnapshot = <A>(db: Db, work: (trx: Db) => Promise<A>): Promise<A> =>
  db.isTransaction
    ? work(db)
    : db.transaction().setIsolationLevel("repeatable read").setAccessMode("read only").execute(work)

/**
 * Keeps other writers of `table` waiting until the transaction ends, for a transaction that reads before it decides
 * what to write (one queued job per kind). Readers go on. SQLite's writing transactions already exclude each other.
 */
export const lockForWriting = async (trx: Db, table: keyof Database): Promise<void> => {
  if (isPostgres(trx)) await sql`lock table ${sql.table(table)} in share row exclusive mode`.execute(trx)
}
