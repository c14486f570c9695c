import { describe, expect, it } from "vitest"
import type { EventAnswer, SessionAnswer, SessionDetailAnswer } from "./Answers.ts"
import { type DoceboErrorBody, type DoceboList, doceboTestbed } from "./TestSupport.ts"
import type { DoceboSeed } from "./Types.ts"

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

const event = (date: string, extra: object = {}, schedule: object = {}) => ({
  schedule: { date, time_begin: "09:00:00", time_end: "12:30:00", timezone: "America/New_York", ...schedule },
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
      code: "PAR-0310",
      events: [event("2025-03-11", { classroom: { id: 20 } }), event("2025-03-10")],
    })
    expect(created.body).toEqual({ data: { id: 1 } })
    const session = await api.get<One<SessionDetailAnswer>>("/course/v1/sessions/1")
    expect(session.body.data).toMatchObject({
      id: 1,
      course: { id: 1, name: "Onsite" },
      instructors: [{ id: 7, username: "trainer", firstname: "", lastname: "" }],
      code: "PAR-0310",
      enrolled: 0,
      date_start: "2025-03-10 13:00:00",
      date_end: "2025-03-11 16:30:00",
    })
    const events = await api.get<DoceboList<EventAnswer>>("/course/v1/sessions/1/events")
    expect(events.body.data.items.map((item) => [item.schedule.date, item.location])).toEqual([
      ["2025-03-10", null],
      ["2025-03-11", { id: 10, name: "HQ" }],
    ])
    // No public answer has an `external_id` on sessions or events: the simulator neither answers nor takes one.
    expect(session.body.data).not.toHaveProperty("external_id")
    expect(events.body.data.items[0]).not.toHaveProperty("external_id")
    expect(events.body.data.items[1]).toMatchObject({
      schedule: {
        date: "2025-03-11",
        time_begin: "09:00:00",
        time_end: "12:30:00",
        timezone: "America/New_York",
        offset: "GMT -04:00",
      },
      classroom: { id: 20, name: "Room A" },
      webinar: null,
      duration: 210,
    })
  })

  it("refuses a bad inline event, naming it, and writes nothing", async () => {
    const { api, state } = doceboTestbed({ seed })
    const answer = await api.post<DoceboErrorBody>("/course/v1/courses/1/sessions", {
      name: "S",
      events: [
        event("2025-03-10"),
        event("2025-03-11", {}, { time_end: "08:00:00" }),
        event("2025-02-30"),
        { schedule: { date: "2025-03-12" } },
      ],
    })
    expect(answer.status).toBe(400)
    expect(answer.body.message).toContain("events[1].schedule.time_end: must be after events[1].schedule.time_begin")
    expect(answer.body.message).toContain("events[2].schedule.date")
    expect(answer.body.message).toContain("events[3].schedule.time_begin: is required")
    expect(state.snapshot()).toMatchObject({ sessions: [], events: [] })
  })

  it("answers 404 for an unknown course and 400 for an e-learning one", async () => {
    const { api } = doceboTestbed({ seed })
    expect((await api.post("/course/v1/courses/99/sessions", { name: "S" })).status).toBe(404)
    expect((await api.get("/course/v1/courses/99/sessions")).status).toBe(404)
    const elearning = await api.post<DoceboErrorBody>("/course/v1/courses/3/sessions", { name: "S" })
    expect(elearning.status).toBe(400)
  })

  it("answers 400 'does not have sessions' for a course without sessions, as Docebo does", async () => {
    const { api } = doceboTestbed({ seed })
    const answer = await api.get<DoceboErrorBody>("/course/v1/courses/1/sessions")
    expect(answer.status).toBe(400)
    expect(answer.body.message).toBe("Course 1 does not have sessions")
    await api.post("/course/v1/courses/1/sessions", { name: "One" })
    expect((await api.get("/course/v1/courses/1/sessions")).status).toBe(200)
    // A search that finds none of its sessions is an empty list: only a course without any answers 400.
    expect((await api.get("/course/v1/courses/1/sessions?search_text=nothing-like-it")).status).toBe(200)
    await api.delete("/course/v1/sessions/1")
    expect((await api.get("/course/v1/courses/1/sessions")).status).toBe(400)
  })

  it("lists the sessions of one course only", async () => {
    const { api } = doceboTestbed({ seed })
    await api.post("/course/v1/courses/1/sessions", { name: "One" })
    await api.post("/course/v1/courses/2/sessions", { name: "Two" })
    await api.post("/course/v1/courses/1/sessions", { name: "Three" })
    const list = await api.get<DoceboList<SessionAnswer>>("/course/v1/courses/1/sessions?sort_attr=name")
    expect(list.body.data.items.map((item) => item.name)).toEqual(["One", "Three"])
  })

  it("updates a session's fields, answering a result, and checks them", async () => {
    const { api } = doceboTestbed({ seed })
    await api.post("/course/v1/courses/1/sessions", { name: "S", max_enroll: 10 })
    const updated = await api.put<One<unknown>>("/course/v1/sessions/1", { name: "S2", min_enroll: 4 })
    expect(updated.body).toEqual({ data: { success: true } })
    const read = await api.get<One<SessionDetailAnswer>>("/course/v1/sessions/1")
    expect(read.body.data).toMatchObject({ name: "S2", min_enroll: 4, max_enroll: 10 })
    const tooMany = await api.put<DoceboErrorBody>("/course/v1/sessions/1", { min_enroll: 11 })
    expect(tooMany.body.message).toContain("min_enroll")
    const ghost = await api.put<DoceboErrorBody>("/course/v1/sessions/1", { instructors: [999] })
    expect(ghost.body.message).toContain("instructors")
    expect((await api.put("/course/v1/sessions/42", { name: "X" })).status).toBe(404)
  })

  it("takes back a session read whole, instructors as objects [seen: a full round-trip works]", async () => {
    const { api } = doceboTestbed({ seed })
    await api.post("/course/v1/courses/1/sessions", { name: "S", instructors: [7] })
    const read = await api.get<One<SessionDetailAnswer>>("/course/v1/sessions/1")
    const roundTrip = await api.put("/course/v1/sessions/1", { ...read.body.data, name: "S2" })
    expect(roundTrip.status).toBe(200)
    const again = await api.get<One<SessionDetailAnswer>>("/course/v1/sessions/1")
    expect(again.body.data).toEqual({ ...read.body.data, name: "S2" })
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
    const updated = await api.put("/course/v1/sessions/1/events/1", { schedule: { time_end: "17:00:00" } })
    expect(updated.body).toEqual({ data: { success: true } })
    const read = await api.get<One<EventAnswer>>("/course/v1/sessions/1/events/1")
    expect(read.body.data).toMatchObject({
      schedule: { date: "2025-04-01", time_begin: "09:00:00", time_end: "17:00:00" },
      duration: 480,
    })
    const session = await api.get<One<SessionDetailAnswer>>("/course/v1/sessions/1")
    expect(session.body.data.date_end).toBe("2025-04-01 21:00:00")
    expect((await api.delete("/course/v1/sessions/1/events/1")).status).toBe(200)
    const emptied = await api.get<One<SessionDetailAnswer>>("/course/v1/sessions/1")
    expect(emptied.body.data).toMatchObject({ date_start: null, date_end: null })
  })

  it("takes an event back as it was read, and changes one part of a nested object at a time", async () => {
    const { api } = doceboTestbed({ seed })
    await api.post("/course/v1/courses/1/sessions", {
      name: "S",
      events: [event("2025-04-01", { classroom: { id: 20 }, instructors: [7] })],
    })
    const read = async () => (await api.get<One<EventAnswer>>("/course/v1/sessions/1/events/1")).body.data
    const before = await read()
    expect(before.instructors).toEqual([{ id: 7, username: "trainer", firstname: "", lastname: "" }])
    expect((await api.put("/course/v1/sessions/1/events/1", before)).status).toBe(200)
    expect(await read()).toEqual(before)
    await api.put("/course/v1/sessions/1/events/1", { schedule: { date: "2025-04-02" } })
    expect((await read()).schedule).toMatchObject({ date: "2025-04-02", time_begin: "09:00:00", time_end: "12:30:00" })
    await api.put("/course/v1/sessions/1/events/1", { classroom: null, location: null })
    expect(await read()).toMatchObject({ classroom: null, location: null })
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
      events: [
        event("2025-04-01", { webinar: { account_id: 30 } }),
        event("2025-04-02", { webinar: { account_id: 31 } }),
      ],
    })
    const listed = async () => (await api.get<DoceboList<EventAnswer>>("/course/v1/sessions/1/events")).body.data.items
    const [zoom, teams] = await listed()
    expect(zoom?.webinar).toEqual({
      tool: "zoom",
      account_id: 30,
      join_url: expect.stringMatching(/^https:\/\/zoom\.us\/j\/\d+$/),
    })
    expect(teams?.webinar?.tool).toBe("teams")
    await api.put(`/course/v1/sessions/1/events/${zoom?.id}`, { name: "Renamed" })
    await api.put(`/course/v1/sessions/1/events/${teams?.id}`, { name: "Renamed" })
    const [zoomAfter, teamsAfter] = await listed()
    expect(zoomAfter?.webinar?.join_url).not.toBe(zoom?.webinar?.join_url)
    expect(teamsAfter?.webinar?.join_url).toBe(teams?.webinar?.join_url)
  })

  it("checks references: classroom in location, account matching tool, existing instructors", async () => {
    const { api } = doceboTestbed({
      seed: { ...seed, locations: [...(seed.locations ?? []), { id_location: 11, name: "Annex" }] },
    })
    await api.post("/course/v1/courses/1/sessions", { name: "S" })
    const cases: [object, object, string][] = [
      [{ classroom: { id: 20 }, location: { id: 11 } }, {}, "classroom.id"],
      [{ classroom: { id: 99 } }, {}, "classroom.id"],
      [{ location: { id: 99 } }, {}, "location.id"],
      [{ webinar: { account_id: 30, tool: "teams" } }, {}, "webinar.tool"],
      [{ webinar: { account_id: 99 } }, {}, "webinar.account_id"],
      [{ webinar: { tool: "meetup" } }, {}, "webinar.tool"],
      [{ webinar: { tool: "Zoom Meeting" } }, {}, "webinar.tool"],
      [{ location: 4 }, {}, "location: must be an object"],
      [{ instructors: [8] }, {}, "instructors"],
      [{}, { timezone: "Mars/Olympus" }, "schedule.timezone"],
      [{}, { time_begin: "9:00" }, "schedule.time_begin"],
    ]
    for (const [extra, schedule, field] of cases) {
      const answer = await api.post<DoceboErrorBody>(
        "/course/v1/sessions/1/events",
        event("2025-04-01", extra, schedule),
      )
      expect(answer.status, field).toBe(400)
      expect(answer.body.message, field).toContain(field)
    }
  })
})
