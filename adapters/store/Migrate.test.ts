import SqliteDatabase from "better-sqlite3"
import { sql } from "kysely"
import { afterEach, describe, expect, it } from "vitest"
import { type Db, makeDatabase } from "./Database.ts"
import { migrateToLatest } from "./Migrate.ts"
import { migrationProvider } from "./migrations/index.ts"
import { withStatementCache } from "./Sqlite.ts"
import { describeEachDialect, makeTempFolder, openMigrated } from "./testing/Fixtures.ts"

const tables = [
  "course_status",
  "credentials",
  "event_log",
  "imported_webinar_accounts",
  "jobs",
  "journal",
  "links",
  "mirror_listings",
  "mirror_records",
  "provider_requests",
  "read_cursors",
  "read_notices",
  "request_spend",
  "runs",
  "sequences",
  "tenants",
  "trainer_assignments",
  "webhook_inbox",
]

describeEachDialect("migrations", (dialect) => {
  /** The store's tables: on PostgreSQL those of the connection's schema, whatever other schemas the database has. */
  const tableNames = async (db: Db) => {
    const schema =
      dialect.name === "postgres"
        ? (await sql<{ name: string }>`select current_schema() as name`.execute(db)).rows[0]?.name
        : undefined
    return (await db.introspection.getTables())
      .filter((table) => table.schema === schema && !table.name.startsWith("kysely_"))
      .map((table) => table.name)
      .sort()
  }

  it("create every table on an empty database", async () => {
    const db = dialect.connect(await dialect.location())
    const every = Object.keys(await migrationProvider.getMigrations()).sort()
    expect(every[0]).toBe("0001_initial")
    expect(await migrateToLatest(db)).toEqual(every)
    expect(await tableNames(db)).toEqual(tables)
  })

  it("run once: starting again applies nothing and keeps the data", async () => {
    const location = await dialect.location()
    const first = dialect.connect(location)
    await migrateToLatest(first)
    await first
      .insertInto("links")
      .values({
        entity: "course",
        docebo_id: "1",
        to_id: "crs_1",
        fingerprint: "f",
        synced_at: "2027-01-10T09:00:00.000Z",
      })
      .execute()
    await first.destroy()

    const second = dialect.connect(location)
    expect(await migrateToLatest(second)).toEqual([])
    expect(await migrateToLatest(second)).toEqual([])
    expect(await tableNames(second)).toEqual(tables)
    expect(await second.selectFrom("links").select("to_id").execute()).toEqual([{ to_id: "crs_1" }])
  })

  it("make a store beside another: a second file, or a second schema of the same PostgreSQL database", async () => {
    await migrateToLatest(dialect.connect(await dialect.location()))
    const second = dialect.connect(await dialect.location())
    expect(await migrateToLatest(second)).toEqual(Object.keys(await migrationProvider.getMigrations()).sort())
    expect(await tableNames(second)).toEqual(tables)
  })

  it("make a store that enforces its foreign keys", async () => {
    const db = await dialect.openMigrated()
    const orphan = db
      .insertInto("journal")
      .values({
        run_id: "no-such-run",
        op_id: "op",
        seq: 0,
        op: "{}",
        status: "planned",
        attempts: 0,
        writes: "[]",
        created_id: null,
        result: null,
        error: null,
        updated_at: "2027-01-10T09:00:00.000Z",
      })
      .execute()
    await expect(orphan).rejects.toThrow(dialect.foreignKeyViolation)
  })
})

describe("an SQLite store", () => {
  const cleanups: Array<() => Promise<void> | void> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  it("is a file in WAL mode", async () => {
    const temp = makeTempFolder()
    cleanups.push(temp.remove)
    const db = await openMigrated(temp.file)
    cleanups.push(() => db.destroy())
    const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db)
    expect(rows[0]?.journal_mode).toBe("wal")
  })

  it("opens with synchronous = NORMAL, whether the file is new or was already in WAL mode", async () => {
    const temp = makeTempFolder()
    cleanups.push(temp.remove)
    for (let start = 0; start < 2; start++) {
      const db = makeDatabase(temp.file)
      const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(db)
      expect(rows[0]?.synchronous).toBe(1)
      await db.destroy()
    }
  })

  it("reuses a statement for the same SQL, and prepares another while the first is still being iterated", async () => {
    const db = await openMigrated()
    cleanups.push(() => db.destroy())
    for (const name of ["a", "b", "c"]) {
      await db
        .insertInto("sequences")
        .values({ name, value: name.charCodeAt(0) })
        .execute()
    }
    const byName = (name: string) => db.selectFrom("sequences").select("value").where("name", "=", name).execute()
    expect([await byName("a"), await byName("c")]).toEqual([[{ value: 97 }], [{ value: 99 }]])

    const sqlite = new SqliteDatabase(":memory:")
    const statements = withStatementCache(sqlite, 2)
    cleanups.push(async () => {
      statements.close()
    })
    const count = "select value from (select 1 as value union all select 2 union all select 3)"
    const first = statements.prepare(count)
    expect(statements.prepare(count)).toBe(first)
    const iterating = first.iterate()
    iterating.next()
    const second = statements.prepare(count)
    expect(second).not.toBe(first)
    expect(second.all()).toEqual([{ value: 1 }, { value: 2 }, { value: 3 }])
    iterating.return?.()
    statements.prepare("select 1")
    statements.prepare("select 2")
    expect(statements.prepare(count)).not.toBe(second)
  })
})
