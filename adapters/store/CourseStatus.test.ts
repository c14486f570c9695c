import { beforeEach, expect, it } from "vitest"
import {
  type CourseStatus,
  deleteCourseStatuses,
  listCourseStatuses,
  queryCourseStatuses,
  upsertCourseStatuses,
} from "./CourseStatus.ts"
import type { Db } from "./Database.ts"
import { createRun, finishRun, getRun, listRuns } from "./Runs.ts"
import { at, describeEachDialect } from "./testing/Fixtures.ts"

const course = (courseId: string, name: string, over: Partial<CourseStatus> = {}): CourseStatus => ({
  courseId,
  code: `C-${courseId}`,
  name,
  type: "ilt",
  status: "never",
  error: null,
  warnings: [],
  lastSyncedAt: null,
  ...over,
})

describeEachDialect("course statuses", (dialect) => {
  let db: Db
  beforeEach(async () => {
    db = await dialect.openMigrated()
  })

  it("list by name, and an upsert replaces a course's row", async () => {
    await upsertCourseStatuses(db, [course("2", "Welding"), course("1", "Anatomy"), course("3", "Welding")])
    await upsertCourseStatuses(db, [
      course("2", "Welding", { status: "synced", lastSyncedAt: at(1), type: "vilt", warnings: ["a tool unknown"] }),
      course("1", "Anatomy", { code: "", status: "error", error: "course code is missing" }),
    ])
    expect(await listCourseStatuses(db)).toEqual([
      course("1", "Anatomy", { code: "", status: "error", error: "course code is missing" }),
      course("2", "Welding", { status: "synced", lastSyncedAt: at(1), type: "vilt", warnings: ["a tool unknown"] }),
      course("3", "Welding"),
    ])
    await deleteCourseStatuses(db, ["3"])
    expect((await listCourseStatuses(db)).map((c) => c.courseId)).toEqual(["1", "2"])
  })

  it("keep the last of two statuses of one course saved together", async () => {
    await upsertCourseStatuses(db, [course("1", "Old"), course("2", "Other"), course("1", "New")])
    expect((await listCourseStatuses(db)).map((c) => [c.courseId, c.name])).toEqual([
      ["1", "New"],
      ["2", "Other"],
    ])
  })

  it("are searched by part of a code or name in any case, `%` and `_` taken as they are, a page at a time", async () => {
    await upsertCourseStatuses(db, [
      course("1", "Safety 100% online", { code: "SAF_1" }),
      course("2", "Safety basics", { code: "SAFX1", status: "synced" }),
      course("3", "Welding", { code: "WLD-1" }),
      course("4", "Advanced SAFETY", { code: "ADV" }),
    ])
    const ids = async (search: string, more: { status?: CourseStatus["status"]; offset?: number } = {}) => {
      const page = await queryCourseStatuses(db, { search, offset: more.offset ?? 0, limit: 2, ...more })
      return [page.total, page.items.map((c) => c.courseId)]
    }
    expect(await ids("safety")).toEqual([3, ["4", "1"]])
    expect(await ids("SAFETY", { offset: 2 })).toEqual([3, ["2"]])
    expect(await ids("100%")).toEqual([1, ["1"]])
    expect(await ids("saf_")).toEqual([1, ["1"]])
    expect(await ids("saf", { status: "synced" })).toEqual([1, ["2"]])
  })
})

describeEachDialect("runs", (dialect) => {
  let db: Db
  beforeEach(async () => {
    db = await dialect.openMigrated()
  })

  it("start running and finish with a status and a summary; the latest come first", async () => {
    await createRun(db, { id: "r1", scope: "full", startedAt: at(0) })
    await createRun(db, { id: "r2", scope: "courses:A,B", startedAt: at(5) })
    await finishRun(db, "r1", { status: "succeeded", summary: { course: { create: 2 } } }, at(3))
    expect(await getRun(db, "r1")).toEqual({
      id: "r1",
      scope: "full",
      status: "succeeded",
      startedAt: at(0),
      finishedAt: at(3),
      summary: { course: { create: 2 } },
    })
    expect((await listRuns(db)).map((r) => [r.id, r.status])).toEqual([
      ["r2", "running"],
      ["r1", "succeeded"],
    ])
    expect(await getRun(db, "r3")).toBeNull()
  })
})
