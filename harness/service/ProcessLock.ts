/**
 * One run at a time per tenant across processes, for a tenant worked by several (`serve --no-worker` and workers on
 * PostgreSQL): a PostgreSQL advisory lock on a connection of its own, held for the run. The workers' queue already
 * runs one job of a tenant at a time; this lock also covers what the API process runs at once (an operator's new
 * provider, an approval). A process that dies loses its connection, and the lock with it.
 */
import { Context, Effect, Layer, Option } from "effect"
import pg from "pg"

export interface CrossProcessLock {
  readonly hold: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
}

export class ProcessLock extends Context.Tag("harness/service/ProcessLock")<ProcessLock, CrossProcessLock>() {}

/** The tenant is the connection's schema (its store's search path), so the key needs no name passed around. */
const lockKey = "hashtext('iltsync-run:' || current_schema())"

export const postgresRunLock = (url: string): CrossProcessLock => ({
  hold: (effect) =>
    Effect.acquireUseRelease(
      Effect.promise(async () => {
        const client = new pg.Client({ connectionString: url, application_name: "iltsync-run-lock" })
        client.on("error", () => {})
        await client.connect()
        await client.query(`select pg_advisory_lock(${lockKey})`)
        return client
      }),
      () => effect,
      (client) =>
        Effect.promise(async () => {
          await client.query(`select pg_advisory_unlock(${lockKey})`).catch(() => undefined)
          await client.end().catch(() => undefined)
        }),
    ),
})

export const ProcessLockLive = (url: string) => Layer.succeed(ProcessLock, postgresRunLock(url))

/** The lock in effect: none in a process that is the only one working its tenants. */
export const processLockInEffect = Effect.map(Effect.serviceOption(ProcessLock), Option.getOrNull)
