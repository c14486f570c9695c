import { sql } from "kysely"
import { afterEach, describe, expect, it } from "vitest"
import { type Db, makeDatabase } from "./Database.ts"
import { migrateToLatest } from "./Migrate.ts"
import { makeTempFolder } from "./testing/Fixtures.ts"

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
    expect(await migrateToLatest(db)).toEqual(["0001_initial"])
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
})
