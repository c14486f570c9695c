/**
 * The store on PostgreSQL (`ILTSYNC_DB=postgres://user:password@host:port/database`): the same Kysely code and
 * migrations as on SQLite, through a `pg` pool. The URL takes what `pg` takes (`?sslmode=require`, `?options=...`).
 */
import { Kysely, PostgresDialect } from "kysely"
import pg from "pg"
import type { Database } from "./Database.ts"

export const isPostgresUrl = (location: string): boolean => /^postgres(ql)?:\/\//i.test(location)

/** The URL without its passwords: how a PostgreSQL store is named in messages, errors and logs. */
export const redactedUrl = (url: string): string => {
  const parsed = URL.canParse(url) ? new URL(url) : null
  if (parsed === null) return "postgres://(a URL that does not parse)"
  if (parsed.password !== "") parsed.password = "***"
  // `pg` also takes them as parameters (`?password=`, `?sslpassword=`).
  for (const name of [...parsed.searchParams.keys()]) {
    if (/password/i.test(name)) parsed.searchParams.set(name, "***")
  }
  return parsed.toString()
}

/**
 * `pg` reads bigint (int8) values as text, because they may exceed 2^53; `count(*)` is one. The store's never do
 * (counts, epoch milliseconds), so they are read as numbers, as better-sqlite3 gives them.
 */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8 && format !== "binary"
      ? (text: string) => Number(text)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

/** How a store is named to the operator: its file, or its URL without the password. */
export const storeLabel = (location: string): string => (isPostgresUrl(location) ? redactedUrl(location) : location)

/** A server that cannot be reached fails the store's first query after this, rather than leaving it waiting. */
const connectTimeoutMs = 10_000

export const makePostgresDatabase = (url: string): Kysely<Database> => {
  const pool = new pg.Pool({
    connectionString: url,
    types,
    application_name: "iltsync",
    connectionTimeoutMillis: connectTimeoutMs,
  })
  // An idle connection the server dropped (a restart, a failover) is reported here and discarded by the pool; the
  // next query opens a new one. Left unheard, the event would end the process.
  pool.on("error", () => {})
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
}

/** How a connection fails before the server answers: the network's codes, and the words `pg` uses for a lost one. */
const connectionCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
])
const lostConnection =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/

/**
 * The server refused a statement (its SQLSTATE `code`: `23503` a foreign key, `23505` a unique key, `40P01` a
 * deadlock), or it could not be reached or the connection was lost: a failure of the database, not of the caller.
 */
export const isPostgresFailure = (cause: unknown): cause is Error & { readonly code?: string } =>
  cause instanceof pg.DatabaseError ||
  (cause instanceof Error &&
    (("code" in cause && typeof cause.code === "string" && connectionCodes.has(cause.code)) ||
      lostConnection.test(cause.message)))

/** A transaction PostgreSQL gave up on for another's sake (a deadlock, a serialization failure): it may run again. */
export const isRetryable = (cause: unknown): boolean =>
  cause instanceof pg.DatabaseError && (cause.code === "40001" || cause.code === "40P01")
