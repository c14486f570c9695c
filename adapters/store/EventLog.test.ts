import { beforeEach, expect, it } from "vitest"
import type { Db } from "./Database.ts"
import { EventQueryInvalid } from "./Errors.ts"
import { appendEvent, appendEvents, type EventQuery, type LogEvent, queryEvents } from "./EventLog.ts"
import { describeEachDialect } from "./testing/Fixtures.ts"

const day = (d: number, hour = 12) => new Date(Date.UTC(2027, 2, d, hour)).toISOString()

/** Reads every page of a query, following the cursor. */
const allPages = async (db: Db, query: EventQuery, between?: () => Promise<void>) => {
  const pages: Array<ReadonlyArray<LogEvent>> = []
  let cursor: string | undefined
  for (;;) {
    const page = await queryEvents(db, { ...query, ...(cursor === undefined ? {} : { cursor }) })
    pages.push(page.items)
    if (page.nextCursor === null) return pages
    cursor = page.nextCursor
    await between?.()
  }
}

describeEachDialect("the event log", (dialect) => {
  let db: Db
  beforeEach(async () => {
    db = await dialect.openMigrated()
  })

  it("lists newest first by default, with every field as appended", async () => {
    await appendEvent(db, {
      at: day(1),
      user: "ops@acme",
      action: "trainer.add",
      target: "42",
      ip: "10.0.0.1",
      details: { provider: "prv_1" },
    })
    await appendEvent(db, { at: day(2), user: "iltsync", action: "sync.course.create" })
    const page = await queryEvents(db)
    expect(page.nextCursor).toBeNull()
    expect(page.items.map((e) => e.action)).toEqual(["sync.course.create", "trainer.add"])
    expect(page.items[1]).toMatchObject({
      at: day(1),
      user: "ops@acme",
      target: "42",
      ip: "10.0.0.1",
      details: { provider: "prv_1" },
    })
    expect(page.items[0]).toMatchObject({ target: null, ip: null, details: null })
  })

  it("compares times in UTC whatever offset they were given with", async () => {
    await appendEvent(db, { at: "2027-03-01T13:00:00+02:00", user: "u", action: "a" })
    await appendEvent(db, { at: "2027-03-01T12:00:00Z", user: "u", action: "b" })
    const page = await queryEvents(db, { order: "asc" })
    expect(page.items.map((e) => [e.action, e.at])).toEqual([
      ["a", "2027-03-01T11:00:00.000Z"],
      ["b", "2027-03-01T12:00:00.000Z"],
    ])
  })

  it("filters by date range (a bare `to` date covers that day) and by action", async () => {
    await appendEvents(db, [
      { at: day(1), user: "u", action: "sync.course.create" },
      { at: day(2, 0), user: "u", action: "trainer.add" },
      { at: day(2, 23), user: "u", action: "sync.course.create" },
      { at: day(3), user: "u", action: "sync.course.create" },
    ])
    const times = async (query: EventQuery) => (await queryEvents(db, query)).items.map((e) => e.at)
    expect(await times({ from: "2027-03-02", to: "2027-03-02" })).toEqual([day(2, 23), day(2, 0)])
    expect(await times({ from: day(2, 0), to: day(3) })).toEqual([day(3), day(2, 23), day(2, 0)])
    expect(await times({ to: "2027-03-01T23:59:59Z" })).toEqual([day(1)])
    expect(await times({ action: "sync.course.create", from: "2027-03-02" })).toEqual([day(3), day(2, 23)])
    expect(await times({ action: "nothing" })).toEqual([])
  })

  it("sorts by action A to Z, newest first within an action, or Z to A", async () => {
    await appendEvents(db, [
      { at: day(1), user: "u", action: "b" },
      { at: day(2), user: "u", action: "a" },
      { at: day(3), user: "u", action: "b" },
      { at: day(4), user: "u", action: "c" },
    ])
    const sorted = async (query: EventQuery) =>
      (await queryEvents(db, query)).items.map((e) => `${e.action}@${e.at.slice(8, 10)}`)
    expect(await sorted({ sort: "action" })).toEqual(["a@02", "b@03", "b@01", "c@04"])
    expect(await sorted({ sort: "action", order: "desc" })).toEqual(["c@04", "b@03", "b@01", "a@02"])
    expect(await sorted({ sort: "time", order: "asc" })).toEqual(["b@01", "a@02", "b@03", "c@04"])
  })

  for (const query of [
    { sort: "time", order: "desc" },
    { sort: "time", order: "asc" },
    { sort: "action", order: "asc" },
    { sort: "action", order: "desc" },
  ] as const) {
    it(`pages by ${query.sort} ${query.order} without gaps or repeats, even among equal times`, async () => {
      // Ten events share each time, so only the id tells them apart at a page boundary.
      await appendEvents(
        db,
        Array.from({ length: 57 }, (_, n) => ({ at: day(1 + Math.floor(n / 10)), user: "u", action: `a${n % 3}` })),
      )
      const expected = (await queryEvents(db, { ...query, limit: 500 })).items.map((e) => e.id)
      const pages = await allPages(db, { ...query, limit: 7 })
      expect(pages.map((page) => page.length)).toEqual([7, 7, 7, 7, 7, 7, 7, 7, 1])
      expect(pages.flat().map((e) => e.id)).toEqual(expected)
    })
  }

  it("keeps paging without gaps or repeats while new events are appended", async () => {
    await appendEvents(
      db,
      Array.from({ length: 20 }, (_, n) => ({ at: day(1, n), user: "u", action: "old" })),
    )
    const pages = await allPages(db, { limit: 6 }, async () => {
      await appendEvent(db, { at: day(5), user: "u", action: "new" })
    })
    const seen = pages.flat()
    expect(seen.filter((e) => e.action === "old")).toHaveLength(20)
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length)
    expect(seen.every((e) => e.action === "old")).toBe(true)
  })

  it("refuses a cursor of another sort order, a forged cursor, a bad date and a bad limit with typed errors", async () => {
    await appendEvents(
      db,
      Array.from({ length: 3 }, (_, n) => ({ at: day(1, n), user: "u", action: "a" })),
    )
    const { nextCursor } = await queryEvents(db, { limit: 1 })
    expect(nextCursor).not.toBeNull()
    const refused = async (query: EventQuery) => {
      const error = await queryEvents(db, query).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(EventQueryInvalid)
      return (error as EventQueryInvalid).field
    }
    expect(await refused({ cursor: nextCursor ?? "", sort: "action" })).toBe("cursor")
    expect(await refused({ cursor: "not-a-cursor" })).toBe("cursor")
    expect(await refused({ from: "yesterday" })).toBe("from")
    expect(await refused({ to: "2027-13-45" })).toBe("to")
    expect(await refused({ limit: 0 })).toBe("limit")
  })

  it("caps a page at 500 events", async () => {
    await appendEvents(
      db,
      Array.from({ length: 501 }, (_, n) => ({ at: day(1, n % 24), user: "u", action: "a" })),
    )
    const page = await queryEvents(db, { limit: 10_000 })
    expect(page.items).toHaveLength(500)
    expect(page.nextCursor).not.toBeNull()
  })
})
