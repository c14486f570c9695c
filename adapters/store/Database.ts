/**
 * The store's tables as Kysely sees them (snake_case, as stored) and the connection factory. Timestamps are ISO-8601
 * text supplied by the caller, booleans are 0/1 integers and JSON is text, so the same schema runs on PostgreSQL.
 */
import { closeSync, mkdirSync, openSync } from "node:fs"
import { dirname } from "node:path"
import SqliteDatabase from "better-sqlite3"
import { type Generated, type Insertable, Kysely, type Selectable, SqliteDialect } from "kysely"

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

/**
 * better-sqlite3 compiles SQL on every `prepare`, and Kysely prepares every query it runs, so the same few statements
 * were compiled again on every request (about 50 µs of a webhook's acceptance in the bench's profile). Statements are
 * kept by their text, the least recently used dropped past `size`; one still being iterated (`busy`) is never handed
 * out twice. A kept statement is recompiled by SQLite itself if the schema changes under it.
 */
export const withStatementCache = (sqlite: SqliteDatabase.Database, size = 200) => {
  const kept = new Map<string, SqliteDatabase.Statement>()
  return {
    prepare: (text: string) => {
      const found = kept.get(text)
      kept.delete(text)
      const statement = found !== undefined && !found.busy ? found : sqlite.prepare(text)
      kept.set(text, statement)
      if (kept.size > size) kept.delete(kept.keys().next().value as string)
      return statement
    },
    close: () => sqlite.close(),
  }
}

/**
 * The store holds e-mail addresses, callers' IPs and webhook bodies, so a new store file is created readable by its
 * owner only, before SQLite opens it; SQLite gives the WAL and shared-memory files the mode of the database file. An
 * existing file keeps the mode it has.
 */
const createOwnerOnly = (path: string) => {
  mkdirSync(dirname(path), { recursive: true })
  closeSync(openSync(path, "a", 0o600))
}

/** Long enough to ride out a checkpoint or a second process (CLI next to the service) writing at the same time. */
const busyTimeoutMs = 5_000

/**
 * Opens the SQLite store: WAL so readers never wait for the writer, foreign keys enforced, a busy timeout instead of
 * immediate SQLITE_BUSY errors. `:memory:` gives a private database that lives as long as the connection.
 * `synchronous = NORMAL` is set, not left to the build: better-sqlite3's default in WAL mode was FULL on the start that
 * switched a new file to WAL and NORMAL on every later start. NORMAL trades this: a commit is in the operating
 * system's hands when it returns, so it survives the process crashing or being killed, but a power cut or kernel
 * crash before the next checkpoint may roll back the last transactions (an acknowledged webhook, a journal entry of
 * a write already sent; the periodic full reconcile then makes up for them). The database itself stays intact.
 * FULL would fsync every commit: 0.2 to 7 ms on the bench's machine, the event loop blocked meanwhile.
 */
export const makeDatabase = (path: string): Db => {
  if (path !== ":memory:") createOwnerOnly(path)
  const sqlite = new SqliteDatabase(path)
  sqlite.pragma("journal_mode = WAL")
  sqlite.pragma("synchronous = NORMAL")
  sqlite.pragma("foreign_keys = ON")
  sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`)
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) })
}

/** A failure of the database itself (busy, I/O, constraint), as opposed to a bug in the code calling it. */
export const isDatabaseFailure = (cause: unknown): cause is Error & { code: string } =>
  cause instanceof SqliteDatabase.SqliteError

/** better-sqlite3 binds at most 32766 values per statement; chunking keeps large upserts well under it. */
export const chunk = <A>(items: ReadonlyArray<A>, size = 500): ReadonlyArray<ReadonlyArray<A>> => {
  const chunks: Array<ReadonlyArray<A>> = []
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size))
  return chunks
}

/**
 * Runs `work` in a transaction, or in the caller's when `db` already is one (Kysely cannot nest them), so a
 * repository function is atomic alone and can also join a larger unit such as settling an op.
 */
export const inTransaction = <A>(db: Db, work: (trx: Db) => Promise<A>): Promise<A> =>
  db.isTransaction ? work(db) : db.transaction().execute(work)
