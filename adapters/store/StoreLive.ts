import { existsSync } from "node:fs"
import { resolve } from "node:path"
import { Config, Effect, Layer, Option, Redacted } from "effect"
import { makeDatabase } from "./Database.ts"
import { SecretKeyInvalid, StoreError, StoreMissing } from "./Errors.ts"
import { migrateToLatest } from "./Migrate.ts"
import { findSecretKeys } from "./SecretKey.ts"
import { makeStoreService, Store } from "./Store.ts"

const failure = (operation: string, cause: unknown) =>
  new StoreError({
    operation,
    code: cause instanceof Error && "code" in cause && typeof cause.code === "string" ? cause.code : undefined,
    reason: cause instanceof Error ? cause.message : String(cause),
  })

/**
 * The store at `path` (an SQLite file, or `:memory:`): opened and migrated to the latest schema when the layer is
 * built, closed when its scope ends. The credentials key comes from `ILTSYNC_SECRET_KEY` or the key file beside the
 * database (written when a first credential is saved). With `mustExist`, a store that is not there is `StoreMissing`
 * rather than created: a command that only reads it leaves no file, folder or key behind.
 */
export const StoreLive = (path: string, options: { readonly mustExist?: boolean } = {}) =>
  Layer.scoped(
    Store,
    Effect.gen(function* () {
      if (options.mustExist && path !== ":memory:" && !existsSync(path)) {
        return yield* new StoreMissing({ path: resolve(path) })
      }
      const db = yield* Effect.acquireRelease(
        Effect.try({ try: () => makeDatabase(path), catch: (cause) => failure("open", cause) }),
        (db) => Effect.promise(() => db.destroy()),
      )
      yield* Effect.tryPromise({ try: () => migrateToLatest(db), catch: (cause) => failure("migrate", cause) })
      const configured = yield* Config.option(Config.redacted("ILTSYNC_SECRET_KEY"))
      const keys = yield* Effect.tryPromise({
        try: () => findSecretKeys(path, Option.getOrUndefined(Option.map(configured, Redacted.value))),
        catch: (cause) => (cause instanceof SecretKeyInvalid ? cause : failure("loadSecretKey", cause)),
      })
      return makeStoreService(db, keys)
    }),
  )
