/** The store in an SQLite file (or `:memory:`): the embedded default. */
import { closeSync, mkdirSync, openSync } from "node:fs"
import { dirname } from "node:path"
import SqliteDatabase from "better-sqlite3"
import {
  type DatabaseConnection,
  Kysely,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  type TransactionSettings,
} from "kysely"
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

/** How long a writer waiting for another connection's transaction sleeps between tries. */
const retryMs = 1

const isBusy = (cause: unknown) => cause instanceof SqliteDatabase.SqliteError && cause.code.startsWith("SQLITE_BUSY")

/**
 * A writing transaction starts with `begin immediate`, taking the write lock at once, and waits for it without
 * blocking the event loop. SQLite's own busy wait sleeps in the calling thread (1, 2, 5, 10 ms…), so a service
 * whose runs thread (harness/service/RunsThread.ts) was writing froze every request meanwhile; here the wait is a
 * timer, and requests are answered between tries. Taking the lock first also keeps a transaction that reads before
 * it writes (one queued job per kind) from failing with SQLITE_BUSY when another connection wrote in between, which
 * no busy wait can mend. A read-only transaction (a snapshot) takes no lock.
 */
class WaitingSqliteDriver extends SqliteDriver {
  readonly #sqlite: SqliteDatabase.Database

  constructor(config: SqliteDialectConfig, sqlite: SqliteDatabase.Database) {
    super(config)
    this.#sqlite = sqlite
  }

  override async beginTransaction(connection: DatabaseConnection, settings?: TransactionSettings): Promise<void> {
    if (settings?.accessMode === "read only") return super.beginTransaction(connection)
    const deadline = Date.now() + busyTimeoutMs
    // The connection is this transaction's until it ends (the driver's mutex): no other statement sees the setting.
    this.#sqlite.pragma("busy_timeout = 0")
    try {
      for (;;) {
        try {
          this.#sqlite.exec("begin immediate")
          return
        } catch (cause) {
          if (!isBusy(cause) || Date.now() > deadline) throw cause
        }
        await new Promise((resolve) => setTimeout(resolve, retryMs))
      }
    } finally {
      this.#sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`)
    }
  }
}

class WaitingSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig
  readonly #sqlite: SqliteDatabase.Database

  constructor(config: SqliteDialectConfig, sqlite: SqliteDatabase.Database) {
    super(config)
    this.#config = config
    this.#sqlite = sqlite
  }

  override createDriver() {
    return new WaitingSqliteDriver(this.#config, this.#sqlite)
  }
}

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
export interface SqliteOptions {
  /**
   * Who copies the write-ahead log back into the database file. A checkpoint fsyncs (15 ms and more on the bench's
   * machine), in the thread whose commit set it off. `elsewhere`: another connection to the file checkpoints (the
   * service's runs thread, RunsThread.ts), so that this one's commits (a webhook's acceptance) never wait for a
   * disk; this one checkpoints only once the log has grown ten times as long, should the other stop committing.
   */
  readonly checkpoints?: "here" | "elsewhere"
}

/** SQLite's own default: a checkpoint once the log holds 1,000 pages (4 MB). */
const autoCheckpointPages = 1_000

export const makeSqliteDatabase = (path: string, options: SqliteOptions = {}): Kysely<Database> => {
  if (path !== ":memory:") createOwnerOnly(path)
  const sqlite = new SqliteDatabase(path)
  sqlite.pragma("journal_mode = WAL")
  sqlite.pragma("synchronous = NORMAL")
  sqlite.pragma("foreign_keys = ON")
  sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`)
  if (options.checkpoints === "elsewhere") sqlite.pragma(`wal_autocheckpoint = ${autoCheckpointPages * 10}`)
  return new Kysely<Database>({
    dialect: new WaitingSqliteDialect({ database: withStatementCache(sqlite) }, sqlite),
  })
}

/** SQLite refused a statement (busy, I/O, constraint); its `code` names why (`SQLITE_CONSTRAINT_FOREIGNKEY`). */
export const isSqliteFailure = (cause: unknown): cause is SqliteDatabase.SqliteError =>
  cause instanceof SqliteDatabase.SqliteError
