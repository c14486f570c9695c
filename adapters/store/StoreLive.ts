import { existsSync } from "node:fs"
import { resolve } from "node:path"
import { Config, Effect, Layer, Option, Redacted } from "effect"
import { sql } from "kysely"
import { type Db, makeDatabase } from "./Database.ts"
import { SecretKeyInvalid, StoreError, StoreMissing } from "./Errors.ts"
import { migrateToLatest } from "./Migrate.ts"
import { isPostgresUrl, redactedUrl } from "./Postgres.ts"
import { findSecretKeys } from "./SecretKey.ts"
import type { SqliteOptions } from "./Sqlite.ts"
import { makeStoreService, Store } from "./Store.ts"

const failure = (operation: string, cause: unknown) =>
  new StoreError({
    operation,
    code: cause instanceof Error && "code" in cause && typeof cause.code === "string" ? cause.code : undefined,
    reason: cause instanceof Error ? cause.message : String(cause),
  })

/** A PostgreSQL database is a store once it has been migrated: Kysely's migration table is in its search path. */
const isMigrated = async (db: Db): Promise<boolean> => {
  const { rows } = await sql<{ found: string | null }>`select to_regclass('kysely_migration')::text as found`.execute(
    db,
  )
  return rows[0]?.found != null
}

/**
 * The store at `location`: an SQLite file, `:memory:`, or a `postgres://` URL (Postgres.ts). It is opened and
 * migrated to the latest schema when the layer is built, and closed when its scope ends. The credentials key comes
 * from `ILTSYNC_SECRET_KEY` or, for a file, the key file beside it (written when a first credential is saved). With
 * `mustExist`, a store that is not there (no file; a database never migrated) is `StoreMissing` rather than created:
 * a command that only reads it leaves no file, folder, key or table behind.
 */
export interface StoreOptions extends SqliteOptions {
  readonly mustExist?: boolean
}

export const StoreLive = (location: string, options: StoreOptions = {}) =>
  Layer.scoped(
    Store,
    Effect.gen(function* () {
      const postgres = isPostgresUrl(location)
      if (options.mustExist && !postgres && location !== ":memory:" && !existsSync(location)) {
        return yield* new StoreMissing({ path: resolve(location) })
      }
      const db = yield* Effect.acquireRelease(
        Effect.try({ try: () => makeDatabase(location, options), catch: (cause) => failure("open", cause) }),
        (db) => Effect.promise(() => db.destroy()),
      )
      if (options.mustExist && postgres) {
        const migrated = yield* Effect.tryPromise({
          try: () => isMigrated(db),
          catch: (cause) => failure("open", cause),
        })
        if (!migrated) return yield* new StoreMissing({ path: redactedUrl(location) })
      }
      yield* Effect.tryPromise({ try: () => migrateToLatest(db), catch: (cause) => failure("migrate", cause) })
      const configured = yield* Config.option(Config.redacted("ILTSYNC_SECRET_KEY"))
      const keys = yield* Effect.tryPromise({
        try: () => findSecretKeys(location, Option.getOrUndefined(Option.map(configured, Redacted.value))),
        catch: (cause) => (cause instanceof SecretKeyInvalid ? cause : failure("loadSecretKey", cause)),
      })
      return makeStoreService(db, keys)
    }),
  )

/**
 * Whether there is a store at `location` to read, without making one: a file, or a migrated PostgreSQL database. A
 * database that cannot be reached is taken as there, so that opening it says why it cannot be.
 */
export const storeExists = async (location: string): Promise<boolean> => {
  if (!isPostgresUrl(location)) return location === ":memory:" || existsSync(location)
  const db = makeDatabase(location)
  return isMigrated(db)
    .catch(() => true)
    .finally(() => db.destroy())
}
