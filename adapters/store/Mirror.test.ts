import { beforeEach, expect, it } from "vitest"
import type { KnownState } from "../../engine/Known.ts"
import { nothingKnown } from "../../engine/Known.ts"
import * as B from "../../engine/testing/Builders.ts"
import type { Db } from "./Database.ts"
import { loadKnownState, saveKnownState } from "./KnownState.ts"
import {
  clearReadCursors,
  deleteMirrorRecords,
  getReadCursor,
  loadMirrorRecords,
  mirrorListingReadAt,
  replaceMirrorListing,
  saveMirrorRead,
  setReadCursor,
} from "./Mirror.ts"
import { at, describeEachDialect } from "./testing/Fixtures.ts"

describeEachDialect("the mirror", (dialect) => {
  let db: Db
  beforeEach(async () => {
    db = await dialect.openMigrated()
  })

  it("keeps the last state of each record, by resource and by course", async () => {
    await saveMirrorRead(db, {
      system: "docebo",
      resource: "sessions",
      records: [
        { id: "s2", courseId: "c1", body: { name: "B" } },
        { id: "s1", courseId: "c1", body: { name: "A" } },
        { id: "s3", courseId: "c2", body: { name: "C" } },
      ],
      readAt: at(0),
    })
    await saveMirrorRead(db, {
      system: "docebo",
      resource: "sessions",
      records: [{ id: "s1", courseId: "c1", body: { name: "A2" } }],
      readAt: at(1),
    })
    expect(await loadMirrorRecords(db, "docebo", "sessions", { courseId: "c1" })).toEqual([
      { id: "s1", courseId: "c1", body: { name: "A2" }, readAt: at(1) },
      { id: "s2", courseId: "c1", body: { name: "B" }, readAt: at(0) },
    ])
    expect((await loadMirrorRecords(db, "docebo", "sessions")).map((r) => r.id)).toEqual(["s1", "s2", "s3"])
    expect(await loadMirrorRecords(db, "to", "sessions")).toEqual([])
    await deleteMirrorRecords(db, "docebo", "sessions", ["s2", "s3"])
    expect((await loadMirrorRecords(db, "docebo", "sessions")).map((r) => r.id)).toEqual(["s1"])
  })

  it("keeps the last of two records with one id saved together", async () => {
    await saveMirrorRead(db, {
      system: "to",
      resource: "courses",
      records: [
        { id: "crs_1", courseId: null, body: { title: "first" } },
        { id: "crs_2", courseId: null, body: { title: "other" } },
        { id: "crs_1", courseId: null, body: { title: "last" } },
      ],
      readAt: at(0),
    })
    expect((await loadMirrorRecords(db, "to", "courses")).map((r) => [r.id, r.body])).toEqual([
      ["crs_1", { title: "last" }],
      ["crs_2", { title: "other" }],
    ])
  })

  it("advances a resource's cursor with the records of the read, and forgets cursors on request", async () => {
    expect(await getReadCursor(db, "to", "courses")).toBeNull()
    await saveMirrorRead(db, {
      system: "to",
      resource: "courses",
      records: [{ id: "crs_1", courseId: null, body: {} }],
      deletedIds: [],
      cursor: "2027-01-10T09:00:00Z",
      readAt: at(0),
    })
    expect(await getReadCursor(db, "to", "courses")).toBe("2027-01-10T09:00:00Z")
    await setReadCursor(db, "docebo", "courses", "2027-01-11T00:00:00Z", at(1))
    await clearReadCursors(db, "to")
    expect(await getReadCursor(db, "to", "courses")).toBeNull()
    expect(await getReadCursor(db, "docebo", "courses")).toBe("2027-01-11T00:00:00Z")
  })

  it("does not move the cursor when the records of the read cannot be saved", async () => {
    await setReadCursor(db, "to", "courses", "old", at(0))
    const read = saveMirrorRead(db, {
      system: "to",
      resource: "courses",
      records: [{ id: "crs_1", courseId: null, body: { size: 1n } }],
      cursor: "new",
      readAt: at(1),
    })
    await expect(read).rejects.toThrow()
    expect(await getReadCursor(db, "to", "courses")).toBe("old")
  })
})

describeEachDialect("the known state", (dialect) => {
  let db: Db
  beforeEach(async () => {
    db = await dialect.openMigrated()
  })

  const known: KnownState = {
    docebo: B.doceboSnapshot({
      courses: [B.doceboCourse("1"), B.doceboCourse("2", { type: "vilt" })],
      sessions: [B.doceboSession("90", "1", { code: "iltsync:S1" })],
      users: [B.doceboUser("7")],
      complete: { ...B.doceboSnapshot().complete, users: false },
    }),
    to: B.toSnapshot({
      courses: [B.toCourse("crs_1", { externalRef: "1" })],
      sessions: [B.toSession("ses_1", "crs_1")],
      trainingProviders: [B.toProvider("prv_1")],
    }),
    cursors: { courses: "2027-01-10T08:00:00.000Z", sessions: "2027-01-10T08:30:00.000Z" },
    sessionsReadAt: { "1": "2027-01-10T08:45:00.000Z" },
  }

  it("is nothing known on a new store: every listing empty and incomplete", async () => {
    expect(await loadKnownState(db)).toEqual(nothingKnown)
  })

  it("comes back as saved", async () => {
    await saveKnownState(db, known, at(0))
    expect(await loadKnownState(db)).toEqual(known)
  })

  it("is saved by difference: unchanged records are not rewritten, records gone are removed", async () => {
    await saveKnownState(db, known, at(0))
    await saveKnownState(
      db,
      {
        ...known,
        docebo: { ...known.docebo, courses: [B.doceboCourse("1"), B.doceboCourse("3")] },
        cursors: { courses: "2027-01-11T00:00:00.000Z" },
      },
      at(5),
    )
    expect((await loadMirrorRecords(db, "docebo", "courses")).map((r) => [r.id, r.readAt])).toEqual([
      ["1", at(0)],
      ["3", at(5)],
    ])
    const loaded = await loadKnownState(db)
    expect(loaded.cursors).toEqual({ courses: "2027-01-11T00:00:00.000Z" })
    expect(loaded.docebo.sessions).toEqual(known.docebo.sessions)
  })

  it("forgets a listing today's model cannot read, with its cursor, so it is read again in full", async () => {
    await saveKnownState(db, known, at(0))
    await db
      .updateTable("mirror_records")
      .set({ body: JSON.stringify({ id: "ses_1", unexpected: true }) })
      .where("system", "=", "to")
      .where("resource", "=", "sessions")
      .execute()
    const loaded = await loadKnownState(db)
    expect(loaded.to.sessions).toEqual([])
    expect(loaded.to.complete.sessions).toBe(false)
    expect(loaded.cursors).toEqual({ courses: known.cursors.courses })
    expect(loaded.to.courses).toEqual(known.to.courses)
    expect(loaded.to.complete.courses).toBe(true)
  })

  it("keeps a listing read whole beside it, neither loaded nor saved with it", async () => {
    expect(await mirrorListingReadAt(db, "docebo", "userDirectory")).toBeNull()
    const users = ["1101", "1102", "1103"].map((id) => ({ id, courseId: null, body: B.doceboUser(id) }))
    await replaceMirrorListing(db, "docebo", "userDirectory", users, at(0))
    await saveKnownState(db, known, at(1))
    expect(await loadKnownState(db)).toEqual(known)
    // Read again: one user changed, one gone; the one unchanged keeps the time it was written.
    const renamed = { id: "1102", courseId: null, body: B.doceboUser("1102", { lastName: "Hopper" }) }
    await replaceMirrorListing(
      db,
      "docebo",
      "userDirectory",
      [users[0], renamed].flatMap((u) => u ?? []),
      at(2),
    )
    expect((await loadMirrorRecords(db, "docebo", "userDirectory")).map((r) => [r.id, r.readAt])).toEqual([
      ["1101", at(0)],
      ["1102", at(2)],
    ])
    expect(await mirrorListingReadAt(db, "docebo", "userDirectory")).toBe(at(2))
  })
})
