import SqliteDatabase from "better-sqlite3"
import { sql } from "kysely"
import { afterEach, describe, expect, it } from "vitest"
import { type Db, makeDatabase, withStatementCache } from "./Database.ts"
import { migrateToLatest } from "./Migrate.ts"
import { migrationProvider } from "./migrations/index.ts"
import { makeTempFolder, openMigrated } from "./testing/Fixtures.ts"

const tables = [
  "course_status",
  "credentials",
  "event_log",
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
  "trainer_assignments",
  "webhook_inbox",
]

const tableNames = async (db: Db) =>
  (await db.introspection.getTables())
    .map((table) => table.name)
    .filter((name) => !name.startsWith("kysely_"))
    .sort()

describe("migrations", () => {
  const cleanups: Array<() => Promise<void> | void> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  it("create every table on an empty in-memory database", async () => {
    const db = makeDatabase(":memory:")
    cleanups.push(() => db.destroy())
    const every = Object.keys(await migrationProvider.getMigrations()).sort()
    expect(every[0]).toBe("0001_initial")
    expect(await migrateToLatest(db)).toEqual(every)
    expect(await tableNames(db)).toEqual(tables)
  })

  it("run once on a file: starting again applies nothing and keeps the data", async () => {
    const temp = makeTempFolder()
    cleanups.push(temp.remove)
    const first = makeDatabase(temp.file)
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

    const second = makeDatabase(temp.file)
    cleanups.push(() => second.destroy())
    expect(await migrateToLatest(second)).toEqual([])
    expect(await migrateToLatest(second)).toEqual([])
    expect(await tableNames(second)).toEqual(tables)
    expect(await second.selectFrom("links").select("to_id").execute()).toEqual([{ to_id: "crs_1" }])
  })

  it("open a file in WAL mode with foreign keys enforced", async () => {
    const temp = makeTempFolder()
    cleanups.push(temp.remove)
    const db = makeDatabase(temp.file)
    cleanups.push(() => db.destroy())
    await migrateToLatest(db)
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
    await expect(orphan).rejects.toThrow(/FOREIGN KEY/)
    const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db)
    expect(rows[0]?.journal_mode).toBe("wal")
  })

  it("open a file with synchronous = NORMAL, whether it is new or was already in WAL mode", async () => {
    const temp = makeTempFolder()
    cleanups.push(temp.remove)
    for (let start = 0; start < 2; start++) {
      const db = makeDatabase(temp.file)
      const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(db)
      expect(rows[0]?.synchronous).toBe(1)
      await db.destroy()
    }
  })

  it("reuse a statement for the same SQL, and prepare another while the first is still being iterated", async () => {
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
