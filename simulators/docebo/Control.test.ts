import { describe, expect, it } from "vitest"
import type { CallSummary } from "../shared/CallLog.ts"
import { type DoceboErrorBody, doceboTestbed } from "./TestSupport.ts"
import type { DoceboSeed, DoceboSession, DoceboState } from "./Types.ts"

type One<T> = { data: T }

const seed: DoceboSeed = {
  courses: [{ id_course: 5, name: "Seeded", code: "S", course_type: "classroom" }],
  sessions: [{ id: 8, id_course: 5, name: "Seeded session", code: "S-8" }],
  events: [{ id: 9, id_session: 8, day: "2025-05-05", time_begin: "10:00:00", time_end: "11:00:00", timezone: "UTC" }],
}

describe("/__sim/ control surface", () => {
  it("seeds the whole state, fills derived fields and answers it back from /__sim/state", async () => {
    const { control, api } = doceboTestbed()
    expect((await control("POST", "seed", seed)).status).toBe(200)
    const state = await control<One<DoceboState>>("GET", "state")
    expect(state.body.data.sessions[0]).toMatchObject({
      uid_session: "ilt-8",
      enrolled: 0,
      date_start: "2025-05-05 10:00:00",
      date_end: "2025-05-05 11:00:00",
    })
    expect(state.body.data.events[0]?.duration).toBe(60)
    const created = await api.post<One<{ id_course: number }>>("/learn/v1/courses", {
      name: "Next",
      course_type: "webinar",
    })
    expect(created.body.data.id_course).toBe(6)
  })

  it("refuses a bad seed, naming the record and field, and keeps the state", async () => {
    const { control, state } = doceboTestbed({ seed })
    const before = JSON.stringify(state.snapshot())
    const cases: [unknown, string][] = [
      [{ courses: [{ id_course: 1, name: "A", course_type: "moodle" }] }, "courses[0].course_type"],
      [{ sessions: [{ id: 1, id_course: 77, name: "Orphan" }] }, "sessions[0].id_course"],
      [
        {
          courses: [
            { id_course: 1, name: "A", course_type: "classroom" },
            { id_course: 1, name: "B", course_type: "classroom" },
          ],
        },
        "courses[1].id_course",
      ],
      [{ trainers: [] }, "trainers"],
    ]
    for (const [body, field] of cases) {
      const answer = await control<DoceboErrorBody>("POST", "seed", body)
      expect(answer.status, field).toBe(400)
      expect(answer.body.message, field).toContain(field)
    }
    expect((await control("POST", "seed", "not json")).status).toBe(400)
    expect(JSON.stringify(state.snapshot())).toBe(before)
  })

  it("resets to the factory's seed, with no faults and an empty call log", async () => {
    const { control, api, state } = doceboTestbed({ seed })
    await api.post("/learn/v1/courses", { name: "Extra", course_type: "classroom" })
    await control("POST", "faults", { error503Rate: 1 })
    await control("POST", "reset")
    expect(state.snapshot().courses.map((course) => course.name)).toEqual(["Seeded"])
    expect(state.calls.summary().total).toBe(0)
    expect(state.faults.current()).toEqual({})
  })

  it("counts API calls by method, route template and status, but not control calls", async () => {
    const { control, api } = doceboTestbed({ seed })
    await api.get("/course/v1/sessions/8/events")
    await api.get("/course/v1/sessions/99/events")
    await api.get("/nowhere")
    const calls = await control<One<CallSummary>>("GET", "calls")
    expect(calls.body.data.total).toBe(4)
    expect(calls.body.data.counts).toEqual(
      expect.arrayContaining([
        { method: "POST", template: "/oauth2/token", status: 200, count: 1 },
        { method: "GET", template: "/course/v1/sessions/:id/events", status: 200, count: 1 },
        { method: "GET", template: "/course/v1/sessions/:id/events", status: 404, count: 1 },
        { method: "GET", template: "*", status: 404, count: 1 },
      ]),
    )
    expect(calls.body.data.log.at(-1)).toMatchObject({ path: "/nowhere", status: 404 })
    await control("DELETE", "calls")
    expect((await control<One<CallSummary>>("GET", "calls")).body.data.total).toBe(0)
  })

  it("answers only loopback hosts when a Host header is present", async () => {
    const { app } = doceboTestbed()
    const asHost = (host: string) => app.request("/__sim/state", { headers: { host } })
    expect((await asHost("sim.example.com")).status).toBe(403)
    expect((await asHost("10.0.0.5:4001")).status).toBe(403)
    for (const host of ["localhost:4001", "127.0.0.1", "[::1]:4001"]) expect((await asHost(host)).status).toBe(200)
  })
})

describe("POST /__sim/act", () => {
  it("creates a session made directly in Docebo, with its events", async () => {
    const { control, api } = doceboTestbed({ seed })
    const made = await control<One<DoceboSession>>("POST", "act", {
      action: "create_session",
      course_id: 5,
      session: {
        name: "Made in Docebo",
        events: [{ schedule: { date: "2025-06-01", time_begin: "09:00:00", time_end: "10:00:00", timezone: "UTC" } }],
      },
    })
    expect(made.body.data).toMatchObject({ id: 9, name: "Made in Docebo", code: "" })
    expect((await api.get(`/course/v1/sessions/${made.body.data.id}/events`)).status).toBe(200)
  })

  it("enrolls learners and refuses unknown actions and sessions", async () => {
    const { control } = doceboTestbed({ seed })
    const enrolled = await control<One<DoceboSession>>("POST", "act", { action: "enroll", session_id: 8, count: 4 })
    expect(enrolled.body.data.enrolled).toBe(4)
    expect((await control("POST", "act", { action: "enroll", session_id: 99, count: 1 })).status).toBe(404)
    const badCount = await control<DoceboErrorBody>("POST", "act", { action: "enroll", session_id: 8, count: 0 })
    expect(badCount.body.message).toContain("count")
    const unknown = await control<DoceboErrorBody>("POST", "act", { action: "delete_everything" })
    expect(unknown.body.message).toContain("action")
  })
})
