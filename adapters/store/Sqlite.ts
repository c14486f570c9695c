/** The store in an SQLite file (or `:memory:`): the embedded default. */
import { closeSync, mkdirSync, openSync } from "node:fs"
import { dirname } from "node:path"
import SqliteDatabase from "better-sqlite3"
import { Kysely, SqliteDialect } from "kysely"
import type { Database } from "./Database.ts"

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
export const makeSqliteDatabase = (path: string): Kysely<Database> => {
  if (path !== ":memory:") createOwnerOnly(path)
  const sqlite = new SqliteDatabase(path)
  sqlite.pragma("journal_mode = WAL")
  sqlite.pragma("synchronous = NORMAL")
  sqlite.pragma("foreign_keys = ON")
  sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`)
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) })
}

/** SQLite refused a statement (busy, I/O, constraint); its `code` names why (`SQLITE_CONSTRAINT_FOREIGNKEY`). */
export const isSqliteFailure = (cause: unknown): cause is SqliteDatabase.SqliteError =>
  cause instanceof SqliteDatabase.SqliteError
