import { existsSync, rmSync, statSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Exit, Layer } from "effect"
import type { DoceboUserId, ProviderRequestId } from "../../engine/model/Ids.ts"
import { Store } from "./Store.ts"
import { StoreLive, storeExists } from "./StoreLive.ts"
import { at, describeEachDialect, makeOp, makeTempFolder } from "./testing/Fixtures.ts"

const withKey = (key: string | undefined) =>
  Layer.setConfigProvider(ConfigProvider.fromMap(new Map(key === undefined ? [] : [["ILTSYNC_SECRET_KEY", key]])))

const keyA = Buffer.alloc(32, 1).toString("hex")
const keyB = Buffer.alloc(32, 2).toString("base64")

const docebo = {
  url: "https://acme.docebosaas.com",
  clientId: "dcb-id",
  clientSecret: "dcb-secret-value-456",
  username: "api",
  password: "api-password-789",
}

const credentials = {
  to: { url: "https://to.example", clientId: "to-id", clientSecret: "to-secret-value-123", platformUrl: "https://p" },
}

describeEachDialect("the Store service", (dialect) => {
  // A store of its own for each test (@effect/vitest's `layer` would hand its store to every later test of the file).
  const withStore = <A, E>(test: Effect.Effect<A, E, Store>) =>
    test.pipe(Effect.provide(dialect.storeLayer().pipe(Layer.provide(withKey(keyA)))))

  it.effect("fails a database failure as a StoreError naming the operation", () =>
    withStore(
      Effect.gen(function* () {
        const store = yield* Store
        const error = yield* Effect.flip(
          store.upsertTrainerAssignments(
            [
              {
                userId: "1" as DoceboUserId,
                trainingProviderId: null,
                trainingProviderRequestId: "req_404" as ProviderRequestId,
                removed: false,
                pending: null,
              },
            ],
            at(0),
          ),
        )
        expect(error).toMatchObject({
          _tag: "StoreError",
          operation: "upsertTrainerAssignments",
          code: dialect.foreignKeyCode,
        })
      }),
    ),
  )

  it.effect("passes an invalid event query through as its own typed error", () =>
    withStore(
      Effect.gen(function* () {
        const store = yield* Store
        const error = yield* Effect.flip(store.queryEvents({ cursor: "forged" }))
        expect(error).toMatchObject({ _tag: "EventQueryInvalid", field: "cursor" })
      }),
    ),
  )

  it.effect("treats a bug in the caller (a step that was never planned) as a defect, not a store failure", () =>
    withStore(
      Effect.gen(function* () {
        const store = yield* Store
        const exit = yield* Effect.exit(
          store.markStepSent("no-run", "no-op", { system: "to", step: "main", write: makeOp("1") as never }, at(0)),
        )
        expect(Exit.isFailure(exit) && exit.cause._tag === "Die").toBe(true)
      }),
    ),
  )

  it.effect("round-trips through the service: links, events, masked credentials", () =>
    withStore(
      Effect.gen(function* () {
        const store = yield* Store
        yield* store.upsertLinks("course", [{ docebo: "1", to: "crs_1", fingerprint: "f" }], at(0))
        yield* store.appendEvent({ at: at(1), user: "ops", action: "credentials.save" })
        yield* store.saveCredentials(credentials, at(2))
        expect((yield* store.loadStoreSnapshot()).links.course).toEqual([
          { docebo: "1", to: "crs_1", fingerprint: "f" },
        ])
        expect((yield* store.queryEvents()).items.map((e) => e.action)).toEqual(["credentials.save"])
        const masked = yield* store.maskedCredentials()
        expect(masked.to?.clientSecret).toBe("••••-123")
        expect(JSON.stringify(masked)).not.toContain(credentials.to.clientSecret)
        expect((yield* store.loadCredentials()).to).toEqual(credentials.to)
      }),
    ),
  )
})

describeEachDialect("StoreLive across restarts", (dialect) => {
  it.effect("reads ILTSYNC_SECRET_KEY; credentials saved under one key fail under another with a typed error", () =>
    Effect.gen(function* () {
      const location = yield* Effect.promise(dialect.location)
      yield* Effect.flatMap(Store, (store) => store.saveCredentials(credentials, at(0))).pipe(
        Effect.provide(StoreLive(location)),
        Effect.provide(withKey(keyA)),
      )
      const load = Effect.flatMap(Store, (store) => store.loadCredentials()).pipe(Effect.provide(StoreLive(location)))
      const error = yield* Effect.flip(load.pipe(Effect.provide(withKey(keyB))))
      expect(error).toMatchObject({ _tag: "CredentialsUnreadable", system: "to", field: "clientSecret" })
      expect((yield* load.pipe(Effect.provide(withKey(keyA)))).to).toEqual(credentials.to)
    }),
  )
})

describeEachDialect(
  "StoreLive on PostgreSQL",
  (dialect) => {
    it.effect("keeps no key file: without ILTSYNC_SECRET_KEY it loads no credential and saves none, naming it", () =>
      Effect.gen(function* () {
        const location = yield* Effect.promise(dialect.location)
        const stored = yield* Effect.flatMap(Store, (store) =>
          Effect.zip(store.loadCredentials(), Effect.flip(store.saveCredentials(credentials, at(0)))),
        ).pipe(Effect.provide(StoreLive(location)), Effect.provide(withKey(undefined)))
        expect(stored).toEqual([
          { docebo: null, to: null },
          expect.objectContaining({ _tag: "SecretKeyMissing", keyFile: "ILTSYNC_SECRET_KEY" }),
        ])
      }),
    )

    it.effect("is missing for a command that only reads until it is migrated, named without its password", () =>
      Effect.gen(function* () {
        const location = yield* Effect.promise(dialect.location)
        const password = new URL(location).password
        const listRuns = Effect.flatMap(Store, (store) => store.listRuns())
        const missing = yield* Effect.flip(listRuns.pipe(Effect.provide(StoreLive(location, { mustExist: true }))))
        expect(missing).toMatchObject({ _tag: "StoreMissing" })
        expect(JSON.stringify(missing)).not.toContain(password)
        expect(yield* Effect.promise(() => storeExists(location))).toBe(false)

        yield* listRuns.pipe(Effect.provide(StoreLive(location)))
        expect(yield* Effect.promise(() => storeExists(location))).toBe(true)
        expect(yield* listRuns.pipe(Effect.provide(StoreLive(location, { mustExist: true })))).toEqual([])
      }),
    )
  },
  ["postgres"],
)

describe("StoreLive on a PostgreSQL that cannot be reached", () => {
  it.effect("fails as a StoreError with the connection's code, the password nowhere in it", () =>
    Effect.gen(function* () {
      // Port 1 on this machine: refused at once, with no server needed.
      const url = "postgres://iltsync:not-this-password@127.0.0.1:1/iltsync"
      const error = yield* Effect.flip(
        Effect.flatMap(Store, (store) => store.listRuns()).pipe(Effect.provide(StoreLive(url))),
      )
      expect(error).toMatchObject({ _tag: "StoreError", operation: "migrate", code: "ECONNREFUSED" })
      expect(JSON.stringify(error)).not.toContain("not-this-password")
    }),
  )
})

describe("StoreLive on an SQLite file", () => {
  it.effect("creates the store readable by its owner only, its WAL and shared-memory files too", () =>
    Effect.gen(function* () {
      // The store holds e-mail addresses, callers' IPs and webhook bodies.
      const temp = makeTempFolder()
      yield* Effect.addFinalizer(() => Effect.sync(temp.remove))
      const modesWhileOpen = Effect.gen(function* () {
        yield* Effect.flatMap(Store, (store) => store.appendEvent({ at: at(0), user: "ops", action: "x" }))
        return ["iltsync.db", "iltsync.db-wal", "iltsync.db-shm"].map((name) => [
          name,
          (statSync(join(temp.folder, name)).mode & 0o777).toString(8),
        ])
      })
      const modes = yield* modesWhileOpen.pipe(Effect.provide(StoreLive(temp.file)), Effect.provide(withKey(undefined)))
      expect(modes).toEqual([
        ["iltsync.db", "600"],
        ["iltsync.db-wal", "600"],
        ["iltsync.db-shm", "600"],
      ])
    }).pipe(Effect.scoped),
  )

  it.effect("keeps the data and the generated key across a restart", () =>
    Effect.gen(function* () {
      const temp = makeTempFolder()
      yield* Effect.addFinalizer(() => Effect.sync(temp.remove))
      const save = Effect.flatMap(Store, (store) => store.saveCredentials(credentials, at(0)))
      const load = Effect.flatMap(Store, (store) => store.loadCredentials())
      yield* save.pipe(Effect.provide(StoreLive(temp.file)), Effect.provide(withKey(undefined)))
      const loaded = yield* load.pipe(Effect.provide(StoreLive(temp.file)), Effect.provide(withKey(undefined)))
      expect(loaded.to).toEqual(credentials.to)
    }).pipe(Effect.scoped),
  )

  it.effect("writes no key file until a first credential is saved", () =>
    Effect.gen(function* () {
      const temp = makeTempFolder()
      yield* Effect.addFinalizer(() => Effect.sync(temp.remove))
      const open = (program: Effect.Effect<unknown, unknown, Store>) =>
        program.pipe(Effect.provide(StoreLive(temp.file)), Effect.provide(withKey(undefined)))
      yield* open(Effect.flatMap(Store, (store) => Effect.zip(store.listRuns(), store.loadCredentials())))
      expect(existsSync(join(temp.folder, "iltsync.key"))).toBe(false)
      yield* open(Effect.flatMap(Store, (store) => store.saveCredentials(credentials, at(0))))
      expect(existsSync(join(temp.folder, "iltsync.key"))).toBe(true)
    }).pipe(Effect.scoped),
  )

  it.effect("never makes a new key while credentials saved under a key it cannot find are kept", () =>
    Effect.gen(function* () {
      const temp = makeTempFolder()
      yield* Effect.addFinalizer(() => Effect.sync(temp.remove))
      const keyFile = join(temp.folder, "iltsync.key")
      const both = { ...credentials, docebo: { ...docebo } }
      const open = <A, E>(program: (store: Store["Type"]) => Effect.Effect<A, E>) =>
        Effect.flatMap(Store, program).pipe(Effect.provide(StoreLive(temp.file)), Effect.provide(withKey(undefined)))
      yield* open((store) => store.saveCredentials(both, at(0)))
      rmSync(keyFile)

      const missing = { _tag: "SecretKeyMissing", keyFile }
      expect(yield* Effect.flip(open((store) => store.loadCredentials()))).toMatchObject(missing)
      // A save that keeps Docebo's credentials would keep them under a key nobody has any more.
      expect(yield* Effect.flip(open((store) => store.saveCredentials(credentials, at(1))))).toMatchObject(missing)
      expect(existsSync(keyFile)).toBe(false)
      // Replacing every stored credential leaves nothing under the lost key: a new key is made for them.
      yield* open((store) => store.saveCredentials(both, at(2)))
      expect(existsSync(keyFile)).toBe(true)
      expect(yield* open((store) => store.loadCredentials())).toEqual(both)
    }).pipe(Effect.scoped),
  )

  it.effect("refuses to start with an ILTSYNC_SECRET_KEY that is not a 32-byte key", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        Effect.flatMap(Store, (store) => store.listRuns()).pipe(
          Effect.provide(StoreLive(":memory:")),
          Effect.provide(withKey("too-short")),
        ),
      )
      expect(error).toMatchObject({ _tag: "SecretKeyInvalid", source: "environment" })
    }),
  )
})
