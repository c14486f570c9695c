/**
 * Helpers for the store's tests: fresh migrated databases on each dialect the suite runs on, and small ops. A suite
 * written once in `describeEachDialect` runs on SQLite always, and on PostgreSQL when `ILTSYNC_TEST_POSTGRES_URL`
 * names a database its role may create schemas in (harness/testing/postgres.sh starts one): each test gets a schema
 * of its own, which the store reaches through its URL's search path and which is dropped after the test. Without it
 * the PostgreSQL runs are skipped, saying so; under CI they fail, since CI always provides one.
 */
import { randomBytes } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer } from "effect"
import pg from "pg"
import { afterEach, beforeEach, describe } from "vitest"
import type { Op } from "../../../engine/Plan.ts"
import { type Db, makeDatabase } from "../Database.ts"
import { type JournalStep, rowToJournalStep } from "../Journal.ts"
import { migrateToLatest } from "../Migrate.ts"
import { StoreLive } from "../StoreLive.ts"

export const openMigrated = async (path = ":memory:"): Promise<Db> => {
  const db = makeDatabase(path)
  await migrateToLatest(db)
  return db
}

/** A fresh folder for a database file; `remove` deletes it and everything in it. */
export const makeTempFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), "iltsync-store-"))
  return { folder, file: join(folder, "iltsync.db"), remove: () => rmSync(folder, { recursive: true, force: true }) }
}

const postgresUrl = process.env.ILTSYNC_TEST_POSTGRES_URL || undefined
const postgresMissing =
  'ILTSYNC_TEST_POSTGRES_URL is not set: start a PostgreSQL with `eval "$(harness/testing/postgres.sh start)"`'

let administration: pg.Pool | undefined

/** Creates and drops the tests' schemas in the database `ILTSYNC_TEST_POSTGRES_URL` names. */
const administer = async (statement: string): Promise<void> => {
  // One connection kept for the file's tests; an idle pool lets the test process end.
  administration ??= new pg.Pool({ connectionString: postgresUrl, max: 1, allowExitOnIdle: true })
  await administration.query(statement)
}

/**
 * A new, empty schema: the URL of the store in it (`options` sets the connection's search path, so the store's
 * unqualified tables are made and found there), and how to drop it with everything in it.
 */
const createPostgresSchema = async () => {
  if (postgresUrl === undefined) throw new Error(postgresMissing)
  const name = `iltsync_test_${randomBytes(6).toString("hex")}`
  await administer(`create schema ${name}`)
  const url = new URL(postgresUrl)
  url.searchParams.set("options", `-c search_path=${name}`)
  const drop = async () => {
    // With the schemas of the tenants a registry in it made beside it (`<schema>_t_<tenant>`).
    const pool = administration
    const tenants =
      pool === undefined
        ? []
        : (
            await pool.query<{ nspname: string }>("select nspname from pg_namespace where nspname like $1", [
              `${name}_t_%`,
            ])
          ).rows
    for (const { nspname } of tenants) await administer(`drop schema if exists ${nspname} cascade`)
    await administer(`drop schema if exists ${name} cascade`)
  }
  return { url: url.toString(), drop }
}

/**
 * Where a suite (not one test) keeps a store on each dialect: a file in a new folder, or a new PostgreSQL schema;
 * `remove` takes it away with what was made beside it. PostgreSQL is absent when no server is given outside CI.
 */
export const suiteStoreDialects = (): ReadonlyArray<{
  readonly name: TestDialect["name"]
  readonly open: () => Promise<{ readonly location: string; readonly remove: () => Promise<void> }>
}> => [
  {
    name: "sqlite",
    open: async () => {
      const temp = makeTempFolder()
      return { location: temp.file, remove: async () => temp.remove() }
    },
  },
  ...(postgresUrl === undefined && !process.env.CI
    ? []
    : [
        {
          name: "postgres" as const,
          open: async () => {
            const { url, drop } = await createPostgresSchema()
            return { location: url, remove: drop }
          },
        },
      ]),
]

/** What a test expects of a dialect where the two differ: the words and codes of a refused statement. */
export interface DialectExpectations {
  readonly uniqueViolation: RegExp
  readonly foreignKeyViolation: RegExp
  readonly foreignKeyCode: string
}

export interface TestDialect extends DialectExpectations {
  readonly name: "sqlite" | "postgres"
  /** A migrated database of its own: SQLite in memory, or a new PostgreSQL schema. */
  readonly openMigrated: () => Promise<Db>
  /**
   * Where a store can be opened, closed and opened again (a restart, a second connection): a file in a new folder,
   * or the URL of a new, empty PostgreSQL schema.
   */
  readonly location: () => Promise<string>
  /** A connection to the store at `location`, not migrated, closed after the test (a second one, or a restart). */
  readonly connect: (location: string) => Db
  /** The Store service over a store of its own, removed with the layer's scope. */
  readonly storeLayer: () => ReturnType<typeof StoreLive>
}

const sqliteExpectations: DialectExpectations = {
  uniqueViolation: /UNIQUE constraint failed/,
  foreignKeyViolation: /FOREIGN KEY constraint failed/,
  foreignKeyCode: "SQLITE_CONSTRAINT_FOREIGNKEY",
}

const postgresExpectations: DialectExpectations = {
  uniqueViolation: /duplicate key value violates unique constraint/,
  foreignKeyViolation: /violates foreign key constraint/,
  foreignKeyCode: "23503",
}

/** A dialect for one `describe` block: what its tests open is closed and removed after each test. */
const makeTestDialect = (name: TestDialect["name"]) => {
  let cleanups: Array<() => Promise<void> | void> = []
  const cleanup = async () => {
    const pending = cleanups.reverse()
    cleanups = []
    for (const step of pending) await step()
  }
  const track = (db: Db) => {
    cleanups.push(() => db.destroy())
    return db
  }
  const connect = (location: string) => track(makeDatabase(location))
  const dialect: TestDialect =
    name === "sqlite"
      ? {
          name,
          connect,
          ...sqliteExpectations,
          openMigrated: async () => track(await openMigrated()),
          location: async () => {
            const temp = makeTempFolder()
            cleanups.push(temp.remove)
            return temp.file
          },
          storeLayer: () => StoreLive(":memory:"),
        }
      : {
          name,
          connect,
          ...postgresExpectations,
          openMigrated: async () => {
            const { url, drop } = await createPostgresSchema()
            cleanups.push(drop)
            return track(await openMigrated(url))
          },
          location: async () => {
            const { url, drop } = await createPostgresSchema()
            cleanups.push(drop)
            return url
          },
          storeLayer: () =>
            Layer.unwrapScoped(
              Effect.map(
                Effect.acquireRelease(Effect.promise(createPostgresSchema), ({ drop }) => Effect.promise(drop)),
                ({ url }) => StoreLive(url),
              ),
            ),
        }
  return { dialect, cleanup }
}

let warned = false

/**
 * `body` as one `describe` block per dialect (or per dialect of `only`), named after it. Each block closes and
 * removes, after each test, the databases and files its tests opened through the dialect.
 */
export const describeEachDialect = (
  title: string,
  body: (dialect: TestDialect) => void,
  only: ReadonlyArray<TestDialect["name"]> = ["sqlite", "postgres"],
) => {
  for (const name of only) {
    if (name === "postgres" && postgresUrl === undefined && !process.env.CI) {
      if (!warned) console.warn(`The store's tests on PostgreSQL are skipped: ${postgresMissing}`)
      warned = true
      describe.skip(`${title} [postgres: skipped, ILTSYNC_TEST_POSTGRES_URL is not set]`, () =>
        body(makeTestDialect(name).dialect))
      continue
    }
    describe(`${title} [${name}]`, () => {
      const { dialect, cleanup } = makeTestDialect(name)
      // CI always provides a PostgreSQL: without one the suite fails there rather than passing on SQLite alone.
      if (name === "postgres" && postgresUrl === undefined) {
        beforeEach(() => {
          throw new Error(postgresMissing)
        })
      }
      afterEach(cleanup)
      body(dialect)
    })
  }
}

export const makeOp = (key: string, over: Partial<Op> = {}): Op => ({
  id: `to:course:create:${key}`,
  entity: "course",
  action: "create",
  system: "to",
  key,
  changes: [{ path: "name", from: null, to: `Course ${key}` }],
  reason: "new in Docebo",
  status: "ready",
  dependsOn: [],
  fingerprint: `fp-${key}`,
  ...over,
})

export const at = (minute: number) => new Date(Date.UTC(2027, 0, 10, 9, minute)).toISOString()

/** Every step of a run in plan order, as stored (the app itself reads back only the steps a crash left in flight). */
export const journalOf = async (db: Db, runId: string): Promise<ReadonlyArray<JournalStep>> => {
  const rows = await db.selectFrom("journal").selectAll().where("run_id", "=", runId).orderBy("seq").execute()
  return rows.map(rowToJournalStep)
}
