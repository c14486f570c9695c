/**
 * The adapter's decoders against answers shaped as real tenants give them (fixtures/, sources in its README). Every
 * answer decodes as it is: no field the decoders need is missing from it. The two fields no public answer has (an
 * `external_id` stamp, an `is_instructor` flag) are not read at all.
 */
import { describe, expect, it } from "vitest"
import { stampOfCode } from "../../engine/Stamps.ts"
import { decodeCourseDetail, decodeOutcome, doceboReason, messagesOf } from "./Answers.ts"
import { decodeCoursePage, decodeEventPage, decodeSession, decodeUserPage } from "./testing/Decoders.ts"
import { decoded, fixture, fixtureText, problemPaths } from "./testing/Fixtures.ts"

describe("Docebo answers as real tenants give them", () => {
  it("events: the schedule, place and webinar objects decode; without a stamp", () => {
    const body = fixture("events-list")
    expect(problemPaths(decodeEventPage, body)).toEqual([])
    const [onsite, online] = decoded(decodeEventPage, body).data.items
    expect(onsite).toMatchObject({
      day: "2025-06-10",
      timeBegin: "09:00:00",
      timeEnd: "17:00:00",
      timezone: "Europe/Paris",
      locationId: "12",
      classroomId: "31",
      tool: null,
      webinarAccountId: null,
      joinUrl: null,
      durationMinutes: 480,
      instructors: ["13021"],
    })
    expect(onsite).not.toHaveProperty("externalId")
    expect(online).toMatchObject({ locationId: null, classroomId: null, tool: "teams", webinarAccountId: "4" })
    expect(online?.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\//)
  })

  it("a session: instructors are read by their ids, the course object is left alone; without a stamp", () => {
    const body = fixture("session")
    expect(problemPaths(decodeSession, body)).toEqual([])
    const session = decoded(decodeSession, body).data
    expect(session).toMatchObject({
      id: "2207",
      name: "Leading Teams - Paris, June",
      code: "LDR-101-PAR-0610",
      maxEnroll: 12,
      minEnroll: 3,
      completionType: "attendance",
      instructors: ["13021"],
      enrolled: 7,
    })
    // A code an administrator gave a session is never taken for iltsync's stamp.
    expect(stampOfCode(session.code)).toBeNull()
  })

  it("courses as listed say course_type; an e-learning course is read as no ILT type", () => {
    const courses = decoded(decodeCoursePage, fixture("courses-list")).data.items
    expect(courses.map((course) => [course.id, course.code, course.type, course.updatedAt])).toEqual([
      ["101", "LDR-101", "ilt", "2025-05-28 14:02:11"],
      ["102", "", null, "2025-04-02 08:30:00"],
    ])
  })

  it("the single course says type", () => {
    expect(decoded(decodeCourseDetail, fixture("course")).data).toMatchObject({ id: "101", type: "ilt" })
  })

  it("users as listed: a numeric-string id is read; no instructor flag", () => {
    const body = fixture("users-list")
    expect(problemPaths(decodeUserPage, body)).toEqual([])
    const [user] = decoded(decodeUserPage, body).data.items
    expect(user).toEqual({
      id: "13021",
      username: "j.martin",
      firstName: "Julie",
      lastName: "Martin",
      email: "julie.martin@example.com",
      isInstructor: null,
    })
  })

  it("a user update answers success, and a refusal comes as HTTP 200 with success: false and messages", () => {
    expect(decodeOutcome(fixtureText("user-put"))).toMatchObject({ _tag: "Some", value: { data: { success: true } } })
    const refused = decodeOutcome(fixtureText("user-put-refused"))
    if (refused._tag === "None") throw new Error("the refusal does not decode")
    expect(refused.value.data.success).toBe(false)
    expect(messagesOf(refused.value.data.message)).toBe("Email already in use")
  })

  it("a course without sessions: the 400's reason carries 'does not have sessions', which the reads look for", () => {
    expect(doceboReason(400, fixtureText("course-sessions-none"))).toContain("does not have sessions")
  })
})
