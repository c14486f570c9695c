import { describe, expect, it } from "vitest"
import type { Op } from "../../engine/Plan.ts"
import { type DoceboProfile, makeDoceboSimulator } from "../../simulators/docebo/index.ts"
import { makeToSimulator } from "../../simulators/training-orchestra/index.ts"
import { auditBudget, changedRecords, fullRead, naiveFullPush, type TenantState } from "./Bounds.ts"
import { percentile } from "./Converge.ts"
import { goal } from "./Goals.ts"

/**
 * Two ILT courses (one with 201 sessions, so two pages), an e-learning course, one location, 201 webinar accounts (two
 * pages), and two Docebo users, one of whom a TO trainer is stamped with. Neither user carries an instructor flag
 * iltsync reads: the stamped one is iltsync's trainer.
 */
const tenant = (profile: DoceboProfile): TenantState => {
  const sessions = Array.from({ length: 201 }, (_, i) => ({ id: 1000 + i, id_course: 1, name: `S${i}` }))
  const accounts = Array.from({ length: 201 }, (_, i) => ({
    id: 1 + i,
    tool: "teams" as const,
    name: `Room ${i}`,
    email: `room${i}@example.com`,
  }))
  const docebo = makeDoceboSimulator({
    profile,
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
      users: [
        { user_id: 7, username: "t", email: "t@example.com" },
        { user_id: 8, username: "l", email: "l@example.com", is_instructor: 1 },
      ],
      webinar_accounts: accounts,
    },
  })
  const to = makeToSimulator({
    seed: {
      locations: [{ id: "loc_1", name: "Centre" }],
      trainers: [{ id: "tr_1", first_name: "T", last_name: "T", email: "t@example.com", external_ref: "7" }],
    },
  })
  return { docebo: docebo.state.snapshot(), to: to.state.snapshot(), endpoints: docebo.state.config.endpoints }
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
    const read = fullRead(tenant("default"))
    // token + domain + courses (1 unfiltered page) + locations + classrooms + users (1 trainer, by id)
    // + webinar accounts (2 pages) + sessions (course 1: 2 pages, course 2: 1) + events (one page for each session)
    expect(read.doceboReads).toBe(1 + 1 + 1 + 1 + 1 + 1 + 2 + 3 + 201)
    // token + one page of each of TO's seven listings
    expect(read.toReads).toBe(1 + 7)
  })

  it("an endpoint the tenant lacks costs its one 404, not the pages it would have listed", () => {
    // strict: the webinar accounts' 404 instead of 2 pages; the domain check is one call either way.
    expect(fullRead(tenant("strict")).doceboReads).toBe(fullRead(tenant("default")).doceboReads - 1)
  })

  it("the users read are iltsync's trainers (the TO trainers' stamps), whatever the users' instructor flag", () => {
    const { docebo, to, endpoints } = tenant("default")
    const untrained = { docebo, to: { ...to, trainers: [] }, endpoints }
    // No trainer: no user is read, though user 8 is flagged an instructor.
    expect(fullRead(untrained).doceboReads).toBe(fullRead(tenant("default")).doceboReads - 1)
    expect(naiveFullPush(untrained).toWrites).toBe(naiveFullPush(tenant("default")).toWrites - 1)
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
    // courses, locations, classrooms, 1 trainer's user, 2 pages of accounts + the costliest course (2 + 201 pages)
    expect(auditBudget(tenant("default"), 1).doceboReads).toBe(6 + 2 + 201)
    // 2 ILT courses + 1 trainer + 201 virtual rooms
    expect(naiveFullPush(tenant("default")).toWrites).toBe(2 + 1 + 201)
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
