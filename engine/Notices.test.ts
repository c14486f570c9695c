import { describe, expect, it } from "@effect/vitest"
import { type KeptNotice, type ReadNotice, recordUnreadable, replaceNotices } from "./Notices.ts"
import { courseStatuses } from "./Status.ts"
import * as B from "./testing/Builders.ts"
import type { World } from "./testing/MemoryApply.ts"
import { planOf, settle, world } from "./testing/Worlds.ts"

/** Two ILT courses in step, each with one session; then TO adds a session to each. */
const twoCourses = (): World => {
  const base = settle(
    world({
      docebo: { courses: [B.doceboCourse("1"), B.doceboCourse("2")] },
      to: {
        courses: [
          B.toCourse("c1", { code: "C-1", externalRef: "1", title: "Course 1" }),
          B.toCourse("c2", { code: "C-2", externalRef: "2", title: "Course 2" }),
        ],
        sessions: [
          B.toSession("S1", "c1", { slots: [B.toSlot("s1")] }),
          B.toSession("S2", "c2", { slots: [B.toSlot("s2")] }),
        ],
      },
    }),
  )
  const added = [
    B.toSession("S1b", "c1", { slots: [B.toSlot("s1b")] }),
    B.toSession("S2b", "c2", { slots: [B.toSlot("s2b")] }),
  ]
  return { ...base, to: { ...base.to, sessions: [...base.to.sessions, ...added] } }
}

const unreadable: ReadNotice = {
  code: recordUnreadable,
  key: "100",
  course: "1",
  message: 'Docebo session 100 of course 1 could not be read: max_enroll is "twelve"',
}

describe("what reads report, in the plan", () => {
  it("each notice is a warning of the plan, naming its course", () => {
    const w = twoCourses()
    const endpoint = { code: "webinar_accounts_unavailable", key: "/webinar/v1/accounts", message: "no endpoint" }
    const planned = planOf(w, { notices: [endpoint, unreadable] })
    expect(planned.warnings).toEqual(
      expect.arrayContaining([
        { code: "webinar_accounts_unavailable", key: "/webinar/v1/accounts", message: "no endpoint" },
        { code: recordUnreadable, key: "100", course: "1", message: unreadable.message },
      ]),
    )
  })

  it("a course with a record that could not be read is blocked, naming why; the other course goes on", () => {
    const w = twoCourses()
    const planned = planOf(w, { notices: [unreadable] })
    const sessionOps = planned.ops.filter((op) => op.entity === "session")
    expect(sessionOps.map((op) => [op.course, op.status])).toEqual([
      ["1", "blocked"],
      ["2", "ready"],
    ])
    expect(sessionOps[0]?.reason).toContain('max_enroll is "twelve"')
    expect(planOf(w).ops.filter((op) => op.status === "blocked")).toEqual([])
  })

  it("the course's status is an error naming the field; a course's other warnings are on its status", () => {
    const w = twoCourses()
    const toolUnknown: ReadNotice = { code: "unknown_value", key: "200", course: "2", message: "a tool unknown" }
    const planned = planOf(w, { notices: [unreadable, toolUnknown] })
    const statuses = courseStatuses(w.docebo, w.store, planned, null, "2027-01-10T08:00:00.000Z")
    expect(statuses.map((s) => [s.courseId, s.status, s.error, s.warnings])).toEqual([
      ["1", "error", unreadable.message, []],
      ["2", "pending", null, ["a tool unknown"]],
    ])
  })
})

describe("kept notices", () => {
  it("a listing read again replaces its own notices and leaves the others'", () => {
    const kept: ReadonlyArray<KeptNotice> = [
      { ...unreadable, source: "sessions:1" },
      { code: "webinar_accounts_unavailable", key: "/webinar/v1/accounts", message: "x", source: "webinarAccounts" },
    ]
    expect(replaceNotices(kept, [{ source: "sessions:1", notices: undefined }])).toEqual([kept[1]])
    expect(replaceNotices(kept, [{ source: "courses", notices: [unreadable] }])).toEqual([
      ...kept,
      { ...unreadable, source: "courses" },
    ])
  })
})
