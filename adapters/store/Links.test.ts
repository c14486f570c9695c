import { beforeEach, expect, it } from "vitest"
import { emptyLinks } from "../../engine/model/Store.ts"
import type { Db } from "./Database.ts"
import { deleteLinks, loadLinks, upsertLinks } from "./Links.ts"
import { at, describeEachDialect } from "./testing/Fixtures.ts"

describeEachDialect("links", (dialect) => {
  let db: Db
  beforeEach(async () => {
    db = await dialect.openMigrated()
  })

  it("come back grouped by entity and sorted by Docebo id", async () => {
    await upsertLinks(db, "course", [{ docebo: "2", to: "crs_2", fingerprint: "b" }], at(0))
    await upsertLinks(db, "course", [{ docebo: "1", to: "crs_1", fingerprint: "a" }], at(0))
    await upsertLinks(db, "trainer", [{ docebo: "7", to: "trn_7", fingerprint: "t" }], at(0))
    expect(await loadLinks(db)).toEqual({
      ...emptyLinks,
      course: [
        { docebo: "1", to: "crs_1", fingerprint: "a" },
        { docebo: "2", to: "crs_2", fingerprint: "b" },
      ],
      trainer: [{ docebo: "7", to: "trn_7", fingerprint: "t" }],
    })
  })

  it("update the fingerprint of an existing pair", async () => {
    await upsertLinks(db, "course", [{ docebo: "1", to: "crs_1", fingerprint: "old" }], at(0))
    await upsertLinks(db, "course", [{ docebo: "1", to: "crs_1", fingerprint: "new" }], at(1))
    expect((await loadLinks(db)).course).toEqual([{ docebo: "1", to: "crs_1", fingerprint: "new" }])
  })

  it("pair each record with one record only: re-pairing either id drops the old pair", async () => {
    await upsertLinks(
      db,
      "location",
      [
        { docebo: "1", to: "loc_1", fingerprint: "" },
        { docebo: "2", to: "loc_2", fingerprint: "" },
      ],
      at(0),
    )
    await upsertLinks(db, "location", [{ docebo: "1", to: "loc_2", fingerprint: "" }], at(1))
    expect((await loadLinks(db)).location).toEqual([{ docebo: "1", to: "loc_2", fingerprint: "" }])
  })

  it("keep the same ids apart in different entities", async () => {
    await upsertLinks(db, "location", [{ docebo: "1", to: "x", fingerprint: "" }], at(0))
    await upsertLinks(db, "classroom", [{ docebo: "1", to: "x", fingerprint: "" }], at(0))
    const links = await loadLinks(db)
    expect(links.location).toHaveLength(1)
    expect(links.classroom).toHaveLength(1)
  })

  it("are deleted by the id of either side", async () => {
    await upsertLinks(
      db,
      "session",
      [
        { docebo: "10", to: "ses_1", fingerprint: "" },
        { docebo: "11", to: "ses_2", fingerprint: "" },
        { docebo: "12", to: "ses_3", fingerprint: "" },
      ],
      at(0),
    )
    await deleteLinks(db, "session", "docebo", ["10"])
    await deleteLinks(db, "session", "to", ["ses_3"])
    expect((await loadLinks(db)).session).toEqual([{ docebo: "11", to: "ses_2", fingerprint: "" }])
  })

  it("are unique per entity and Docebo id, and per entity and TO id, in the schema itself", async () => {
    const row = { entity: "course", fingerprint: "", synced_at: at(0) }
    await db
      .insertInto("links")
      .values({ ...row, docebo_id: "1", to_id: "crs_1" })
      .execute()
    await expect(
      db
        .insertInto("links")
        .values({ ...row, docebo_id: "1", to_id: "crs_9" })
        .execute(),
    ).rejects.toThrow(dialect.uniqueViolation)
    await expect(
      db
        .insertInto("links")
        .values({ ...row, docebo_id: "9", to_id: "crs_1" })
        .execute(),
    ).rejects.toThrow(dialect.uniqueViolation)
    expect((await loadLinks(db)).course).toEqual([{ docebo: "1", to: "crs_1", fingerprint: "" }])
  })
})
