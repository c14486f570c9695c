/**
 * The simulator answers the calls of fixtures/ in the same shapes, decoded by the same decoders: every key a real
 * answer has, the simulator's has too (it may have more: the stamps and flags of fixtures/README.md).
 */
import { beforeAll, describe, expect, it } from "vitest"
import { doceboTestbed } from "../../simulators/docebo/TestSupport.ts"
import type { Answer } from "../../simulators/shared/TestClient.ts"
import { decodeCourseDetail, decodeOutcome, doceboReason } from "./Answers.ts"
import { decodeCoursePage, decodeEventPage, decodeSession, decodeUserPage } from "./testing/Decoders.ts"
import { decoded, fixture, itemsOf, missingPaths, problemPaths } from "./testing/Fixtures.ts"
import { doceboSeed } from "./testing/Seed.ts"

type Body = Record<string, unknown>

describe("the Docebo simulator answers as real tenants do", () => {
  const { api } = doceboTestbed({ seed: doceboSeed })
  const get = (path: string) => api.get<Body>(path)
  let onsite: Answer<Body>
  let online: Answer<Body>

  beforeAll(async () => {
    onsite = await get("/course/v1/sessions/100/events")
    online = await get("/course/v1/sessions/102/events")
  })

  it("events: onsite and online, as the fixture's two events", () => {
    for (const answer of [onsite, online]) expect(problemPaths(decodeEventPage, answer.body)).toEqual([])
    const [realOnsite, realOnline] = itemsOf(fixture("events-list"))
    expect(missingPaths(realOnsite, itemsOf(onsite.body)[0])).toEqual([])
    expect(missingPaths(realOnline, itemsOf(online.body)[0])).toEqual([])
    const envelope = fixture("events-list")
    expect(missingPaths({ ...envelope, data: { ...(envelope.data as Body), items: [] } }, onsite.body)).toEqual([])
  })

  it("a session, with its instructors and course; additional fields are not simulated", async () => {
    const answer = await get("/course/v1/sessions/100")
    expect(decoded(decodeSession, answer.body).data.instructors).toEqual(["10"])
    expect(missingPaths(fixture("session"), answer.body)).toEqual(["data.additional_fields"])
  })

  it("courses as listed, and one course", async () => {
    const list = await get("/learn/v1/courses")
    expect(problemPaths(decodeCoursePage, list.body)).toEqual([])
    expect(missingPaths(fixture("courses-list"), list.body)).toEqual([])
    const one = await get("/learn/v1/courses/1")
    expect(decoded(decodeCourseDetail, one.body).data.type).toBe("ilt")
    expect(missingPaths(fixture("course"), one.body)).toEqual([])
  })

  it("users as listed", async () => {
    const list = await get("/manage/v1/user")
    expect(problemPaths(decodeUserPage, list.body)).toEqual([])
    expect(missingPaths(fixture("users-list"), list.body)).toEqual([])
  })

  it("a user update's answer, and its refusal", async () => {
    const updated = await api.put<Body>("/manage/v1/user/12", { firstname: "Linus B." })
    expect(decodeOutcome(JSON.stringify(updated.body))).toMatchObject({ value: { data: { success: true } } })
    expect(missingPaths(fixture("user-put"), updated.body)).toEqual([])
    const refused = await api.put<Body>("/manage/v1/user/12", { email: "ada@acme.example" })
    expect(refused.status).toBe(200)
    expect(decodeOutcome(JSON.stringify(refused.body))).toMatchObject({ value: { data: { success: false } } })
    expect(missingPaths(fixture("user-put-refused"), refused.body)).toEqual([])
  })

  it("a course without sessions: 400 'does not have sessions'", async () => {
    const answer = await get("/course/v1/courses/4/sessions")
    expect(answer.status).toBe(400)
    expect(doceboReason(answer.status, JSON.stringify(answer.body))).toContain("does not have sessions")
    expect(missingPaths(fixture("course-sessions-none"), answer.body)).toEqual([])
  })
})
