import { describe, expect, it } from "vitest"
import type { Op } from "../../engine/Plan.ts"
import { makeDoceboSimulator } from "../../simulators/docebo/index.ts"
import { makeToSimulator } from "../../simulators/training-orchestra/index.ts"
import { auditBudget, changedRecords, fullRead, naiveFullPush } from "./Bounds.ts"
import { percentile } from "./Converge.ts"
import { goal } from "./Goals.ts"

/** Two ILT courses (one with 201 sessions, so two pages), an e-learning course, one location and one instructor. */
const states = () => {
  const sessions = Array.from({ length: 201 }, (_, i) => ({ id: 1000 + i, id_course: 1, name: `S${i}` }))
  const docebo = makeDoceboSimulator({
    seed: {
      courses: [
        { id_course: 1, name: "A", code: "A", course_type: "classroom" },
        { id_course: 2, name: "B", code: "B", course_type: "classroom" },
        { id_course: 3, name: "E", code: "E", course_type: "elearning" },
      ],
      sessions,
      events: [
        {
          id: 1,
          id_session: 1000,
          day: "2027-01-04",
          time_begin: "09:00:00",
          time_end: "12:00:00",
          timezone: "Europe/Paris",
        },
      ],
      users: [{ user_id: 7, username: "t", email: "t@example.com", is_instructor: 1 }],
    },
  }).state.snapshot()
  const to = makeToSimulator({
    seed: { locations: [{ id: "loc_1", name: "Centre" }] },
  }).state.snapshot()
  return { docebo, to }
}

const op = (fields: Partial<Op>): Op => ({
  id: "op",
  entity: "session",
  action: "update",
  system: "docebo",
  key: "k",
  changes: [],
  reason: "",
  status: "ready",
  dependsOn: [],
  ...fields,
})

describe("the lower bound of a run's calls", () => {
  it("a full read pages every listing at the largest page, one page per course and per session", () => {
    const { docebo, to } = states()
    const read = fullRead(docebo, to)
    // token + courses (1 unfiltered page) + locations + classrooms + users (1 instructor) + webinar accounts
    // + sessions (course 1: 2 pages, course 2: 1) + events (one page for each of the 201 sessions)
    expect(read.doceboReads).toBe(1 + 1 + 1 + 1 + 1 + 1 + 3 + 201)
    // token + one page of each of TO's seven listings
    expect(read.toReads).toBe(1 + 7)
  })

  it("counts one write per changed record: a create whole, an update per own fields and per event", () => {
    expect(changedRecords(op({ action: "create", changes: [{ path: "events[s1]", from: null, to: {} }] }))).toBe(1)
    expect(
      changedRecords(
        op({
          changes: [
            { path: "name", from: "a", to: "b" },
            { path: "events[s1].day", from: "x", to: "y" },
            { path: "events[s1].start", from: "x", to: "y" },
            { path: "events[s2]", from: null, to: {} },
          ],
        }),
      ),
    ).toBe(3)
    expect(changedRecords(op({ action: "adopt" }))).toBe(0)
    expect(changedRecords(op({ action: "delete", status: "held" }))).toBe(0)
  })

  it("the audit budget reads the small listings and the costliest courses, and a naive push writes every record", () => {
    const { docebo, to } = states()
    expect(auditBudget(docebo, to, 1).doceboReads).toBe(5 + 2 + 201)
    expect(naiveFullPush(docebo, to).toWrites).toBe(2 + 1)
  })
})

describe("report helpers", () => {
  it("percentiles are nearest-rank and goals say whether they are met", () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3)
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 100], 95)).toBe(100)
    expect(goal("p95", 61, 60, "<=")).toEqual({ goal: "p95 ≤ 60", value: 61, target: 60, met: false })
    expect(goal("rate", 2500, 2000, ">=").met).toBe(true)
  })
})
