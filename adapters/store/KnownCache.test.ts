import { Effect, type Layer, ManagedRuntime } from "effect"
import { afterEach, beforeEach, expect, it } from "vitest"
import type { KnownState } from "../../engine/Known.ts"
import * as B from "../../engine/testing/Builders.ts"
import { saveKnownState } from "./KnownState.ts"
import { saveMirrorRead } from "./Mirror.ts"
import { Store, type StoreService } from "./Store.ts"
import { StoreLive } from "./StoreLive.ts"
import { at, describeEachDialect } from "./testing/Fixtures.ts"

const known: KnownState = {
  docebo: B.doceboSnapshot({ courses: [B.doceboCourse("1"), B.doceboCourse("2", { type: "vilt" })] }),
  to: B.toSnapshot({ courses: [B.toCourse("crs_1", { externalRef: "1" })], sessions: [B.toSession("ses_1", "crs_1")] }),
  cursors: { sessions: "2027-01-10T08:30:00.000Z" },
  sessionsReadAt: {},
}

describeEachDialect("the known state the store keeps between loads", (dialect) => {
  let location: string
  let runtime: ManagedRuntime.ManagedRuntime<Store, unknown>
  const store = <A, E>(use: (store: StoreService) => Effect.Effect<A, E>) =>
    runtime.runPromise(Effect.flatMap(Store, use))

  beforeEach(async () => {
    location = await dialect.location()
    runtime = ManagedRuntime.make(StoreLive(location) as Layer.Layer<Store, unknown>)
    await store((s) => s.saveKnownState(known, at(0)))
  })
  afterEach(() => runtime.dispose())

  it("is the same state, not read again, while nothing changed it", async () => {
    const first = await store((s) => s.loadKnownState())
    expect(first).toEqual(known)
    expect(await store((s) => s.loadKnownState())).toBe(first)
    expect((await store((s) => s.loadSyncState())).known).toBe(first)
  })

  it("keeps what the reads reported with it, until a save replaces it", async () => {
    const notice = { source: "sessions:1", code: "docebo_record_unreadable", key: "100", course: "1", message: "bad" }
    await store((s) => s.saveKnownState({ ...known, notices: [notice, { ...notice, key: "101" }] }, at(1)))
    expect((await store((s) => s.loadKnownState())).notices).toEqual([notice, { ...notice, key: "101" }])
    await store((s) => s.saveKnownState({ ...known, notices: [] }, at(2)))
    expect((await store((s) => s.loadKnownState())).notices).toBeUndefined()
  })

  it("is read again after a run's write through the store: a saved state, a mirror read, a cursor", async () => {
    await store((s) => s.loadKnownState())
    const more = { ...known, docebo: { ...known.docebo, courses: [...known.docebo.courses, B.doceboCourse("3")] } }
    await store((s) => s.saveKnownState(more, at(1)))
    expect((await store((s) => s.loadKnownState())).docebo.courses.map((c) => c.id)).toEqual(["1", "2", "3"])

    await store((s) =>
      s.saveMirrorRead({ system: "docebo", resource: "courses", records: [], deletedIds: ["2"], readAt: at(2) }),
    )
    expect((await store((s) => s.loadKnownState())).docebo.courses.map((c) => c.id)).toEqual(["1", "3"])

    await store((s) => s.setReadCursor("to", "sessions", "2027-02-01T00:00:00.000Z", at(3)))
    expect((await store((s) => s.loadSyncState())).known.cursors).toEqual({ sessions: "2027-02-01T00:00:00.000Z" })
  })

  it("once stale, decodes again only the listings whose rows changed", async () => {
    const before = await store((s) => s.loadKnownState())
    await store((s) =>
      s.saveMirrorRead({ system: "docebo", resource: "courses", records: [], deletedIds: ["2"], readAt: at(1) }),
    )
    const after = await store((s) => s.loadKnownState())
    expect(after).not.toBe(before)
    expect(after.docebo.courses.map((c) => c.id)).toEqual(["1"])
    expect(after.to.sessions).toBe(before.to.sessions)
    expect(after.to.courses).toBe(before.to.courses)
  })

  it("saved back after a run rewrites only the records the run replaced", async () => {
    const loaded = await store((s) => s.loadKnownState())
    const [first, second] = loaded.docebo.courses
    if (first === undefined || second === undefined) throw new Error("two courses were saved")
    const renamed = { ...second, name: "Renamed in Docebo" }
    await store((s) => s.saveKnownState({ ...loaded, docebo: { ...loaded.docebo, courses: [first, renamed] } }, at(7)))
    const rows = await store((s) => s.loadMirrorRecords("docebo", "courses"))
    expect(rows.map((row) => [row.id, row.readAt, (row.body as { name: string }).name])).toEqual([
      ["1", at(0), first.name],
      ["2", at(7), "Renamed in Docebo"],
    ])
  })

  it("is read again after another connection (the CLI next to the service) committed", async () => {
    await store((s) => s.loadKnownState())
    const other = dialect.connect(location)
    await saveKnownState(other, { ...known, docebo: { ...known.docebo, courses: [] } }, at(1))
    expect((await store((s) => s.loadKnownState())).docebo.courses).toEqual([])
    await saveMirrorRead(other, {
      system: "to",
      resource: "sessions",
      records: [],
      deletedIds: ["ses_1"],
      readAt: at(2),
    })
    expect((await store((s) => s.loadSyncState())).known.to.sessions).toEqual([])
  })

  it("cannot be edited in place by one caller under another's feet", async () => {
    const loaded = await store((s) => s.loadKnownState())
    expect(() => (loaded.docebo.courses as Array<unknown>).push(B.doceboCourse("9"))).toThrow(TypeError)
    expect((await store((s) => s.loadKnownState())).docebo.courses).toHaveLength(2)
  })
})
