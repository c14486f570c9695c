import { describe, expect, it } from "vitest"
import { type DoceboErrorBody, type DoceboList, doceboTestbed } from "./TestSupport.ts"
import type { DoceboEvent, DoceboSeed, DoceboSession } from "./Types.ts"

type One<T> = { data: T }

const seed: DoceboSeed = {
  courses: [
    { id_course: 1, name: "Onsite", code: "ON", course_type: "classroom" },
    { id_course: 2, name: "Online", code: "OL", course_type: "webinar" },
    { id_course: 3, name: "Self-paced", code: "SP", course_type: "elearning" },
  ],
  users: [{ user_id: 7, username: "trainer", email: "t@example.com", is_instructor: 1 }],
  locations: [{ id_location: 10, name: "HQ", iso_code_country: "FR" }],
  classrooms: [{ id_classroom: 20, id_location: 10, name: "Room A", seats: 12 }],
  webinar_accounts: [
    { id: 30, tool: "zoom", name: "Zoom main", email: "zoom@example.com" },
    { id: 31, tool: "teams", name: "Teams", email: "teams@example.com" },
  ],
}

const event = (day: string, extra: object = {}) => ({
  day,
  time_begin: "09:00:00",
  time_end: "12:30:00",
  timezone: "America/New_York",
  ...extra,
})

describe("ILT sessions", () => {
  it("creates a session with inline events in one call and derives its dates", async () => {
    const { api } = doceboTestbed({ seed })
    const created = await api.post<One<{ id: number }>>("/course/v1/courses/1/sessions", {
      name: "Paris, March",
      max_enroll: 12,
      min_enroll: 3,
      instructors: [7],
      completion_type: "attendance",
      external_id: "ses_1",
      events: [
        event("2025-03-11", { id_classroom: 20, external_id: "seq_2" }),
        event("2025-03-10", { external_id: "seq_1" }),
      ],
    })
    expect(created.body).toEqual({ data: { id: 1 } })
    const session = await api.get<One<DoceboSession>>("/course/v1/sessions/1")
    expect(session.body.data).toMatchObject({
      id: 1,
      id_course: 1,
      external_id: "ses_1",
      enrolled: 0,
      date_start: "2025-03-10 13:00:00",
      date_end: "2025-03-11 16:30:00",
    })
    const events = await api.get<DoceboList<DoceboEvent>>("/course/v1/sessions/1/events")
    expect(events.body.data.items.map((item) => [item.day, item.external_id, item.id_location])).toEqual([
      ["2025-03-10", "seq_1", null],
      ["2025-03-11", "seq_2", 10],
    ])
    expect(events.body.data.items[0]?.duration).toBe(210)
  })

  it("refuses a bad inline event, naming it, and writes nothing", async () => {
    const { api, state } = doceboTestbed({ seed })
    const answer = await api.post<DoceboErrorBody>("/course/v1/courses/1/sessions", {
      name: "S",
      events: [event("2025-03-10"), event("2025-03-11", { time_end: "08:00:00" }), event("2025-02-30")],
    })
    expect(answer.status).toBe(400)
    expect(answer.body.message).toContain("events[1].time_end")
    expect(answer.body.message).toContain("events[2].day")
    expect(state.snapshot()).toMatchObject({ sessions: [], events: [] })
  })

  it("answers 404 for an unknown course and 400 for an e-learning one", async () => {
    const { api } = doceboTestbed({ seed })
    expect((await api.post("/course/v1/courses/99/sessions", { name: "S" })).status).toBe(404)
    expect((await api.get("/course/v1/courses/99/sessions")).status).toBe(404)
    const elearning = await api.post<DoceboErrorBody>("/course/v1/courses/3/sessions", { name: "S" })
    expect(elearning.status).toBe(400)
  })

  it("answers 400 'does not have sessions' for the session list of a course that has none", async () => {
    const { api } = doceboTestbed({ seed })
    const answer = await api.get<DoceboErrorBody>("/course/v1/courses/1/sessions")
    expect(answer.status).toBe(400)
    expect(answer.body.message).toBe("Course 1 does not have sessions")
    await api.post("/course/v1/courses/1/sessions", { name: "One" })
    expect((await api.get("/course/v1/courses/1/sessions?search_text=nothing-like-it")).status).toBe(200)
  })

  it("lists the sessions of one course only", async () => {
    const { api } = doceboTestbed({ seed })
    await api.post("/course/v1/courses/1/sessions", { name: "One" })
    await api.post("/course/v1/courses/2/sessions", { name: "Two" })
    await api.post("/course/v1/courses/1/sessions", { name: "Three" })
    const list = await api.get<DoceboList<DoceboSession>>("/course/v1/courses/1/sessions?sort_attr=name")
    expect(list.body.data.items.map((item) => item.name)).toEqual(["One", "Three"])
  })

  it("updates a session's fields and checks them", async () => {
    const { api } = doceboTestbed({ seed })
    await api.post("/course/v1/courses/1/sessions", { name: "S", max_enroll: 10 })
    const updated = await api.put<One<DoceboSession>>("/course/v1/sessions/1", { name: "S2", min_enroll: 4 })
    expect(updated.body.data).toMatchObject({ name: "S2", min_enroll: 4, max_enroll: 10 })
    const tooMany = await api.put<DoceboErrorBody>("/course/v1/sessions/1", { min_enroll: 11 })
    expect(tooMany.body.message).toContain("min_enroll")
    const ghost = await api.put<DoceboErrorBody>("/course/v1/sessions/1", { instructors: [999] })
    expect(ghost.body.message).toContain("instructors")
    expect((await api.put("/course/v1/sessions/42", { name: "X" })).status).toBe(404)
  })

  it("refuses to delete a session with enrolled learners unless forced", async () => {
    const { api, control, state } = doceboTestbed({ seed })
    await api.post("/course/v1/courses/1/sessions", { name: "S", events: [event("2025-03-10")] })
    await control("POST", "act", { action: "enroll", session_id: 1, count: 3 })
    const refused = await api.delete<DoceboErrorBody>("/course/v1/sessions/1")
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject({ name: "Conflict", status: 409 })
    expect(state.snapshot().sessions).toHaveLength(1)
    expect((await api.delete("/course/v1/sessions/1?force=1")).status).toBe(200)
    expect(state.snapshot()).toMatchObject({ sessions: [], events: [] })
  })

  it("deletes a session without learners", async () => {
    const { api } = doceboTestbed({ seed })
    await api.post("/course/v1/courses/1/sessions", { name: "S" })
    expect((await api.delete("/course/v1/sessions/1")).status).toBe(200)
    expect((await api.get("/course/v1/sessions/1")).status).toBe(404)
  })
})

describe("session events", () => {
  it("creates, updates and deletes events and keeps the session's dates in step", async () => {
    const { api } = doceboTestbed({ seed })
    await api.post("/course/v1/courses/1/sessions", { name: "S" })
    const created = await api.post<One<{ id: number }>>("/course/v1/sessions/1/events", event("2025-04-01"))
    expect(created.body).toEqual({ data: { id: 1 } })
    const updated = await api.put<One<DoceboEvent>>("/course/v1/sessions/1/events/1", { time_end: "17:00:00" })
    expect(updated.body.data).toMatchObject({ time_end: "17:00:00", duration: 480 })
    const session = await api.get<One<DoceboSession>>("/course/v1/sessions/1")
    expect(session.body.data.date_end).toBe("2025-04-01 21:00:00")
    expect((await api.delete("/course/v1/sessions/1/events/1")).status).toBe(200)
    const emptied = await api.get<One<DoceboSession>>("/course/v1/sessions/1")
    expect(emptied.body.data).toMatchObject({ date_start: null, date_end: null })
  })

  it("answers 404 for an event of another session", async () => {
    const { api } = doceboTestbed({ seed })
    await api.post("/course/v1/courses/1/sessions", { name: "A", events: [event("2025-04-01")] })
    await api.post("/course/v1/courses/1/sessions", { name: "B" })
    expect((await api.put("/course/v1/sessions/2/events/1", { name: "X" })).status).toBe(404)
    expect((await api.delete("/course/v1/sessions/2/events/1")).status).toBe(404)
    expect((await api.post("/course/v1/sessions/9/events", event("2025-04-01"))).status).toBe(404)
  })

  it("recreates a zoom meeting on every update, so join_url changes; other tools keep theirs", async () => {
    const { api } = doceboTestbed({ seed })
    await api.post("/course/v1/courses/2/sessions", {
      name: "Online",
      events: [event("2025-04-01", { webinar_account_id: 30 }), event("2025-04-02", { webinar_account_id: 31 })],
    })
    const before = await api.get<DoceboList<DoceboEvent>>("/course/v1/sessions/1/events")
    const [zoom, teams] = before.body.data.items
    expect(zoom).toMatchObject({ tool: "zoom", join_url: expect.stringMatching(/^https:\/\/zoom\.us\/j\/\d+$/) })
    expect(teams?.tool).toBe("teams")
    const zoomAfter = await api.put<One<DoceboEvent>>(`/course/v1/sessions/1/events/${zoom?.id}`, { name: "Renamed" })
    const teamsAfter = await api.put<One<DoceboEvent>>(`/course/v1/sessions/1/events/${teams?.id}`, { name: "Renamed" })
    expect(zoomAfter.body.data.join_url).not.toBe(zoom?.join_url)
    expect(teamsAfter.body.data.join_url).toBe(teams?.join_url)
  })

  it("checks references: classroom in location, account matching tool, existing instructors", async () => {
    const { api } = doceboTestbed({
      seed: { ...seed, locations: [...(seed.locations ?? []), { id_location: 11, name: "Annex" }] },
    })
    await api.post("/course/v1/courses/1/sessions", { name: "S" })
    const cases: [object, string][] = [
      [{ id_classroom: 20, id_location: 11 }, "id_classroom"],
      [{ id_classroom: 99 }, "id_classroom"],
      [{ id_location: 99 }, "id_location"],
      [{ webinar_account_id: 30, tool: "teams" }, "tool"],
      [{ webinar_account_id: 99 }, "webinar_account_id"],
      [{ instructors: [8] }, "instructors"],
      [{ timezone: "Mars/Olympus" }, "timezone"],
      [{ time_begin: "9:00" }, "time_begin"],
    ]
    for (const [extra, field] of cases) {
      const answer = await api.post<DoceboErrorBody>("/course/v1/sessions/1/events", event("2025-04-01", extra))
      expect(answer.status, field).toBe(400)
      expect(answer.body.message, field).toContain(field)
    }
  })
})
