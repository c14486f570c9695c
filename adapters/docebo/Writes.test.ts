import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { standInEventId } from "../../engine/Mirror.ts"
import { DoceboPort } from "../../engine/Ports.ts"
import { stampCode } from "../../engine/Stamps.ts"
import { answerWith, jsonAnswer } from "../http/testing/Answers.ts"
import { doceboSeed } from "./testing/Seed.ts"
import { simulatedDocebo } from "./testing/Simulated.ts"
import { classroomEvent, ids, iltSession, sessionIn, sessionsOf, write } from "./testing/Writes.ts"

describe("Docebo session writes", () => {
  it.scoped("a session is created with its events in one call and read back as written", () =>
    Effect.gen(function* () {
      const { run, sim } = yield* simulatedDocebo({ seed: doceboSeed })
      const events = [classroomEvent("2025-06-02"), classroomEvent("2025-06-03")]
      const created = yield* run(
        write({ kind: "createSession", courseId: ids.course("1"), session: iltSession, events }),
      )
      // Docebo answers with the session's id alone; its events' ids are not read back (a call most never need).
      expect(created.items).toBeUndefined()
      expect(sim.state.calls.count("GET", "/course/v1/sessions/:id/events")).toBe(0)

      const session = yield* run(sessionIn("1", created.id))
      expect(session).toMatchObject({ ...iltSession, courseId: "1", enrolled: 0 })
      expect(session?.code).toBe("iltsync:ses_fls_june")
      expect(session?.events.map((event) => [event.day, event.timeBegin, event.classroomId])).toEqual([
        ["2025-06-02", "09:00:00", "3"],
        ["2025-06-03", "09:00:00", "3"],
      ])
      expect(sim.state.calls.count("POST", "/course/v1/courses/:id/sessions")).toBe(1)
      expect(sim.state.calls.count("POST", "/course/v1/sessions/:id/events")).toBe(0)
    }),
  )

  it.scoped("an event known by its stand-in id is looked up once, then written under its real id", () =>
    Effect.gen(function* () {
      const { run, sim } = yield* simulatedDocebo({ seed: doceboSeed })
      const events = [classroomEvent("2025-06-02"), classroomEvent("2025-06-03")]
      const created = yield* run(
        write({ kind: "createSession", courseId: ids.course("1"), session: iltSession, events }),
      )
      const sessionId = created.id as never
      const eventId = standInEventId(created.id as string, "2025-06-03 09:00") as never
      const updated = yield* run(write({ kind: "updateEvent", sessionId, eventId, fields: { day: "2025-06-10" } }))
      // One read to learn the id, one write.
      expect(sim.state.calls.count("GET", "/course/v1/sessions/:id/events")).toBe(1)
      expect(sim.state.calls.count("PUT", "/course/v1/sessions/:id/events/:eventId")).toBe(1)
      const session = yield* run(sessionIn("1", created.id))
      const real = session?.events.find((event) => event.id === updated.id)
      expect(updated.id).toBe(real?.id)
      expect(real?.day).toBe("2025-06-10")

      const missing = standInEventId(created.id as string, "2025-06-30 09:00") as never
      const refused = yield* Effect.flip(
        run(write({ kind: "updateEvent", sessionId, eventId: missing, fields: { day: "2025-06-11" } })),
      )
      expect(refused).toMatchObject({ _tag: "WriteRejected", status: 404 })
    }),
  )

  it.scoped("a VILT session is created on a webinar account", () =>
    Effect.gen(function* () {
      const { run } = yield* simulatedDocebo({ seed: doceboSeed })
      const event = {
        ...classroomEvent("2025-04-01"),
        locationId: null,
        classroomId: null,
        tool: "teams",
        webinarAccountId: ids.account("2"),
        durationMinutes: 45,
      } as const
      const session = { ...iltSession, name: "Negotiation — April", code: stampCode("ses_neg_april") }
      const created = yield* run(write({ kind: "createSession", courseId: ids.course("2"), session, events: [event] }))
      const read = yield* run(sessionIn("2", created.id))
      expect(read?.events[0]).toMatchObject({ tool: "teams", webinarAccountId: "2", durationMinutes: 45 })
      expect(read?.events[0]?.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\//)
    }),
  )

  it.scoped("a session's fields are updated", () =>
    Effect.gen(function* () {
      const { run } = yield* simulatedDocebo({ seed: doceboSeed })
      const fields = { name: "Forklift — Paris (moved)", maxEnroll: 15, instructors: [ids.user("10"), ids.user("11")] }
      yield* run(write({ kind: "updateSession", sessionId: ids.session("100"), fields }))
      expect(yield* run(sessionIn("1", "100"))).toMatchObject({
        ...fields,
        minEnroll: 3,
        code: "iltsync:ses_fls_march",
      })
    }),
  )

  it.scoped("events are created, updated and deleted one by one", () =>
    Effect.gen(function* () {
      const { run } = yield* simulatedDocebo({ seed: doceboSeed })
      const sessionId = ids.session("100")
      const created = yield* run(write({ kind: "createEvent", sessionId, event: classroomEvent("2025-03-12") }))
      expect(created.id).toBeDefined()

      const eventId = ids.event(created.id ?? "")
      const fields = { timeEnd: "12:00", classroomId: ids.classroom("1"), locationId: ids.location("1") }
      yield* run(write({ kind: "updateEvent", sessionId, eventId, fields }))
      const updated = (yield* run(sessionIn("1", "100")))?.events.find((event) => event.id === eventId)
      expect(updated).toMatchObject({
        timeBegin: "09:00:00",
        timeEnd: "12:00:00",
        classroomId: "1",
        durationMinutes: 180,
      })

      yield* run(write({ kind: "deleteEvent", sessionId, eventId }))
      const remaining = (yield* run(sessionIn("1", "100")))?.events.map((event) => event.day)
      expect(remaining).toEqual(["2025-03-10", "2025-03-11"])
    }),
  )

  it.scoped("a session with learners is deleted only when forced", () =>
    Effect.gen(function* () {
      const { run } = yield* simulatedDocebo({ seed: doceboSeed })
      const sessionId = ids.session("100")
      const refused = yield* run(write({ kind: "deleteSession", sessionId, force: false })).pipe(Effect.flip)
      expect(refused._tag === "WriteRejected" && [refused.status, refused.write]).toEqual([409, "deleteSession"])
      expect(refused.reason).toContain("enrolled")

      yield* run(write({ kind: "deleteSession", sessionId, force: true }))
      expect((yield* run(sessionsOf("1"))).items.map((session) => session.id)).toEqual(["101"])
    }),
  )
})

describe("Docebo place and user writes", () => {
  it.scoped("locations and classrooms are created and updated", () =>
    Effect.gen(function* () {
      const { run } = yield* simulatedDocebo({ seed: doceboSeed })
      const location = {
        name: "Brussels Office",
        address: "Rue Neuve 1",
        countryCode: "BE",
      }
      const madeLocation = yield* run(write({ kind: "createLocation", location }))
      const locationId = ids.location(madeLocation.id ?? "")
      yield* run(write({ kind: "updateLocation", locationId, fields: { address: "Rue Neuve 2" } }))
      const classroom = { locationId, name: "Salle 1", seats: 20 }
      const madeClassroom = yield* run(write({ kind: "createClassroom", classroom }))
      const classroomId = ids.classroom(madeClassroom.id ?? "")
      yield* run(write({ kind: "updateClassroom", classroomId, fields: { seats: 18 } }))

      const [locations, classrooms] = yield* run(
        Effect.flatMap(DoceboPort, (docebo) => Effect.all([docebo.locations(), docebo.classrooms()])),
      )
      expect(locations.items.find((item) => item.id === locationId)).toEqual({
        id: locationId,
        ...location,
        address: "Rue Neuve 2",
      })
      expect(classrooms.items.find((item) => item.id === classroomId)).toEqual({
        id: classroomId,
        ...classroom,
        seats: 18,
      })
    }),
  )

  it.scoped("a user's profile and instructor flag are updated, on a tenant that keeps the flag", () =>
    Effect.gen(function* () {
      const { run } = yield* simulatedDocebo({ seed: doceboSeed, config: { instructorMark: "user-flag" } })
      const fields = { firstName: "Augusta Ada", email: "ada.king@acme.example", isInstructor: false }
      yield* run(write({ kind: "updateUser", userId: ids.user("10"), fields }))
      const [user] = (yield* run(Effect.flatMap(DoceboPort, (docebo) => docebo.users([ids.user("10")])))).items
      expect(user).toEqual({ id: "10", username: "ada", lastName: "Lovelace", ...fields })
    }),
  )

  it.scoped("with no instructor mark kept (the default), a user's profile is written and the flag never sent", () =>
    Effect.gen(function* () {
      const { run, sim } = yield* simulatedDocebo({ seed: doceboSeed })
      const fields = { firstName: "Augusta Ada", email: "ada.king@acme.example", isInstructor: false }
      yield* run(write({ kind: "updateUser", userId: ids.user("10"), fields }))
      const [user] = (yield* run(Effect.flatMap(DoceboPort, (docebo) => docebo.users([ids.user("10")])))).items
      expect(user).toEqual({ ...fields, id: "10", username: "ada", lastName: "Lovelace", isInstructor: null })
      // The simulated tenant has the flag: it is left as it was.
      expect(sim.state.snapshot().users.find((each) => each.user_id === 10)?.is_instructor).toBe(1)
    }),
  )

  it.scoped("an update or delete answered 200 with success: false is refused too, naming the messages", () =>
    Effect.gen(function* () {
      const refuse = answerWith(
        (_url, init) => init.method === "PUT" || init.method === "DELETE",
        () => jsonAnswer({ data: { success: false, message: ["schedule.date: is locked", "name: too long"] } }),
      )
      const { run } = yield* simulatedDocebo({ seed: doceboSeed, wrapFetch: refuse })
      const sessionId = ids.session("100")
      const update = yield* run(write({ kind: "updateSession", sessionId, fields: { name: "X" } })).pipe(Effect.flip)
      expect(update).toMatchObject({
        _tag: "WriteRejected",
        status: 200,
        reason: "schedule.date: is locked; name: too long",
      })
      const eventId = ids.event("1000")
      const removal = yield* run(write({ kind: "deleteEvent", sessionId, eventId })).pipe(Effect.flip)
      expect(removal).toMatchObject({ _tag: "WriteRejected", write: "deleteEvent", status: 200 })
    }),
  )

  it.scoped("Docebo's HTTP 200 with success: false is a WriteRejected carrying its messages", () =>
    Effect.gen(function* () {
      const { run } = yield* simulatedDocebo({ seed: doceboSeed })
      const taken = { email: "grace@acme.example" }
      const error = yield* run(write({ kind: "updateUser", userId: ids.user("10"), fields: taken })).pipe(Effect.flip)
      expect(error._tag === "WriteRejected" && [error.status, error.write]).toEqual([200, "updateUser"])
      expect(error.reason).toBe("email: is already used by another user")
    }),
  )
})
