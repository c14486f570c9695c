import { describe, expect, it } from "vitest"
import type { CourseDetailAnswer } from "./Answers.ts"
import { type DoceboErrorBody, type DoceboList, doceboTestbed } from "./TestSupport.ts"
import type { DoceboCourse } from "./Types.ts"

type One<T> = { data: T }

describe("/learn/v1/courses", () => {
  it("creates, reads, updates and deletes a course; the single course says type, writes answer a result", async () => {
    const { api, clock } = doceboTestbed()
    const created = await api.post<One<{ id_course: number }>>("/learn/v1/courses", {
      name: "Safety",
      code: "SAF-1",
      course_type: "classroom",
    })
    expect(created.body).toEqual({ data: { id_course: 1 } })
    const read = await api.get<One<CourseDetailAnswer>>("/learn/v1/courses/1")
    expect(read.body.data).toEqual({
      id_course: 1,
      name: "Safety",
      code: "SAF-1",
      type: "classroom",
      lang_code: "english",
      date_last_updated: "2025-01-06 09:00:00",
    })
    clock.advance(60_000)
    const updated = await api.put("/learn/v1/courses/1", { ...read.body.data, name: "Safety II" })
    expect(updated.body).toEqual({ data: { success: true } })
    const list = await api.get<DoceboList<DoceboCourse>>("/learn/v1/courses")
    expect(list.body.data.items).toEqual([
      {
        id_course: 1,
        name: "Safety II",
        code: "SAF-1",
        course_type: "classroom",
        lang_code: "english",
        date_last_updated: "2025-01-06 09:01:00",
      },
    ])
    const deleted = await api.delete("/learn/v1/courses/1")
    expect([deleted.status, deleted.body]).toEqual([200, { data: { success: true } }])
    expect((await api.get("/learn/v1/courses/1")).status).toBe(404)
  })

  it("filters by course_type and updated_from, and searches name and code", async () => {
    const { api, clock, fetchToken } = doceboTestbed()
    await api.post("/learn/v1/courses", { name: "Old classroom", code: "OC", course_type: "classroom" })
    clock.advance(24 * 3_600_000)
    await fetchToken()
    await api.post("/learn/v1/courses", { name: "New webinar", code: "NW", course_type: "webinar" })
    await api.post("/learn/v1/courses", { name: "New e-learning", code: "NE", course_type: "elearning" })
    const ids = async (query: string) =>
      (await api.get<DoceboList<DoceboCourse>>(`/learn/v1/courses${query}`)).body.data.items.map((c) => c.id_course)
    expect(await ids("?course_type=webinar")).toEqual([2])
    expect(await ids("?updated_from=2025-01-07")).toEqual([2, 3])
    expect(await ids("?updated_from=2025-01-07%2009:00:00&course_type=elearning")).toEqual([3])
    expect(await ids("?search_text=NEW")).toEqual([2, 3])
    expect(await ids("?search_text=oc")).toEqual([1])
    expect((await api.get<DoceboErrorBody>("/learn/v1/courses?course_type=ilt")).body.message).toContain("course_type")
    expect((await api.get<DoceboErrorBody>("/learn/v1/courses?updated_from=soon")).status).toBe(400)
  })

  it("sees its own writes in a listing asked for again (cached views follow writes)", async () => {
    const { api } = doceboTestbed()
    const count = async () => (await api.get<DoceboList<DoceboCourse>>("/learn/v1/courses")).body.data.count
    expect(await count()).toBe(0)
    await api.post("/learn/v1/courses", { name: "A", course_type: "classroom" })
    expect(await count()).toBe(1)
    await api.delete("/learn/v1/courses/1")
    expect(await count()).toBe(0)
  })

  it("refuses invalid input with 400 naming the field, and changes nothing", async () => {
    const { api, state } = doceboTestbed()
    await api.post("/learn/v1/courses", { name: "Keep", code: "K", course_type: "classroom" })
    const before = JSON.stringify(state.snapshot())
    const cases: [unknown, string][] = [
      [{ code: "X", course_type: "classroom" }, "name"],
      [{ name: "X", course_type: "ilt" }, "course_type"],
      [{ name: 42, course_type: "classroom" }, "name"],
      [{ name: "X", course_type: "classroom", colour: "red" }, "colour"],
    ]
    for (const [body, field] of cases) {
      const answer = await api.post<DoceboErrorBody>("/learn/v1/courses", body)
      expect(answer.status).toBe(400)
      expect(answer.body).toMatchObject({ name: "Bad Request", code: 0, status: 400 })
      expect(answer.body.message).toContain(field)
    }
    expect((await api.put<DoceboErrorBody>("/learn/v1/courses/1", { code: 7 })).body.message).toContain("code")
    expect(JSON.stringify(state.snapshot())).toBe(before)
  })

  it("answers malformed JSON with 400 and a body over 1 MiB with 413, in Docebo's format", async () => {
    const { api, state } = doceboTestbed()
    const malformed = await api.post<DoceboErrorBody>("/learn/v1/courses", "{name: oops")
    const notAnObject = await api.post<DoceboErrorBody>("/learn/v1/courses", "[1, 2]")
    const oversized = await api.post<DoceboErrorBody>("/learn/v1/courses", {
      name: "x".repeat(1024 * 1024),
      course_type: "classroom",
    })
    expect(malformed.body).toMatchObject({ status: 400, name: "Bad Request" })
    expect(notAnObject.status).toBe(400)
    expect(oversized.body).toMatchObject({ status: 413, name: "Payload Too Large" })
    expect(state.snapshot().courses).toEqual([])
  })

  it("answers 404 for unknown or malformed ids", async () => {
    const { api } = doceboTestbed()
    for (const path of ["/learn/v1/courses/99", "/learn/v1/courses/abc"]) {
      const answer = await api.get<DoceboErrorBody>(path)
      expect(answer.status).toBe(404)
      expect(answer.body.name).toBe("Not Found")
    }
    expect((await api.put("/learn/v1/courses/99", { name: "X" })).status).toBe(404)
    expect((await api.delete("/learn/v1/courses/99")).status).toBe(404)
  })

  it("deletes a course's sessions and events with it", async () => {
    const { api, state } = doceboTestbed()
    await api.post("/learn/v1/courses", { name: "A", course_type: "classroom" })
    await api.post("/course/v1/courses/1/sessions", {
      name: "S",
      events: [{ schedule: { date: "2025-02-01", time_begin: "09:00:00", time_end: "12:00:00", timezone: "UTC" } }],
    })
    await api.delete("/learn/v1/courses/1")
    expect(state.snapshot()).toMatchObject({ courses: [], sessions: [], events: [] })
    expect((await api.get("/course/v1/sessions/1")).status).toBe(404)
  })

  it("never gives a deleted record's id to a new one, also when the deletion comes first", async () => {
    const { api, state } = doceboTestbed()
    state.seed({ courses: [{ id_course: 5, name: "Seeded", code: "S", course_type: "classroom" }] })
    await api.delete("/learn/v1/courses/5")
    const created = await api.post<{ data: { id_course: number } }>("/learn/v1/courses", {
      name: "New",
      course_type: "classroom",
    })
    expect(created.body.data.id_course).toBe(6)
  })
})
