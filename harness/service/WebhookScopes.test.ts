import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { nothingKnown } from "../../engine/Known.ts"
import { DoceboCourseId, DoceboUserId, ToCourseId, ToSessionId, ToTrainerId } from "../../engine/model/Ids.ts"
import { emptyLinks } from "../../engine/model/Store.ts"
import type { ToSession, ToTrainer } from "../../engine/model/Training.ts"
import { type DoceboContext, doceboContext, doceboWork, toWork, webhookEssentials } from "./WebhookScopes.ts"

const courseEvent = (event: string, type: string | undefined, code = "LDR-101") => ({
  message_id: "wh-1",
  event,
  payload: { course_id: 101, name: "Leading", code, ...(type === undefined ? {} : { type }) },
})

const session: ToSession = {
  id: ToSessionId.make("ses_1"),
  courseId: ToCourseId.make("crs_1"),
  name: "A session",
  status: "validated",
  modality: "onsite",
  minParticipants: null,
  maxParticipants: null,
  trainerId: null,
  locationId: null,
  roomId: null,
  completionMode: null,
  slots: [],
  needsReconfiguration: false,
  externalRef: null,
}

const trainer: ToTrainer = {
  id: ToTrainerId.make("trn_1"),
  firstName: "Claire",
  lastName: "Dubois",
  email: "claire@example.com",
  trainingProviderId: null,
  active: true,
  externalRef: DoceboUserId.make("1001"),
}

const known = {
  ...nothingKnown,
  docebo: {
    ...nothingKnown.docebo,
    courses: [
      { id: DoceboCourseId.make("101"), code: "LDR-101", name: "Leading", type: "ilt" as const, language: "en" },
    ],
  },
  to: { ...nothingKnown.to, sessions: [session], trainers: [trainer] },
}
const links = { ...emptyLinks, course: [{ docebo: "101", to: "crs_1", fingerprint: "f" }] }

const contextOf = (assigned: ReadonlyArray<string> = []): DoceboContext => doceboContext(known, links, assigned, [])

/** The one work a single (not grouped) delivery asks for. */
const workOf = (body: unknown, context: DoceboContext) => {
  const works = doceboWork(body, context)
  expect(works).toHaveLength(1)
  return works[0]
}

describe("what a Docebo webhook asks for", () => {
  it("a created or changed ILT or VILT course: a sync of that course", () => {
    const context = contextOf()
    expect(workOf(courseEvent("course.created", "classroom"), context)).toEqual({
      kind: "course",
      id: "101",
      code: "LDR-101",
      origin: "docebo",
    })
    expect(workOf(courseEvent("course.updated", "webinar"), context)).toMatchObject({ kind: "course" })
    // Without a code the course is synced too: its status then says the code is missing.
    expect(workOf(courseEvent("course.created", "classroom", "  "), context)).toMatchObject({
      kind: "course",
      code: "",
    })
  })

  it("an e-learning course, an unknown event or a learner: nothing", () => {
    const context = contextOf()
    expect(workOf(courseEvent("course.created", "elearning"), context)).toMatchObject({ kind: "ignore" })
    expect(workOf(courseEvent("course.created", undefined), context)).toMatchObject({ kind: "ignore" })
    expect(workOf({ event: "course.enrollment.created", payload: {} }, context)).toMatchObject({ kind: "ignore" })
    expect(workOf({ event: "user.updated", payload: { user_id: 1101 } }, context)).toMatchObject({
      kind: "ignore",
    })
  })

  it("a trainer's user changed, or a course deleted: a sync of trainers, or of courses", () => {
    const context = contextOf(["1200"])
    expect(workOf({ event: "user.updated", payload: { user_id: 1001 } }, context)).toEqual({
      kind: "entities",
      entities: ["trainer"],
    })
    expect(workOf({ event: "user.updated", payload: { user_id: "1200" } }, context)).toMatchObject({
      kind: "entities",
    })
    expect(workOf(courseEvent("course.deleted", "classroom"), context)).toEqual({
      kind: "entities",
      entities: ["course"],
    })
  })
})

describe("what a Docebo session webhook asks for", () => {
  const sessionEvent = (event: string, over: object = {}) => ({
    message_id: "wh-2",
    event,
    payload: {
      fired_at: "2027-01-04 10:00:00",
      course_id: 101,
      course_code: "LDR-101",
      session_id: 7,
      session_code: "",
      session_name: "Made in Docebo",
      migrated_webinar_session_id: null,
      ...over,
    },
  })

  it("a session made, changed or deleted in Docebo: a run of its course that reads the course's sessions", () => {
    const context = contextOf()
    expect(workOf(sessionEvent("ilt.session.created"), context)).toEqual({
      kind: "course",
      id: "101",
      code: "LDR-101",
      origin: "doceboSessions",
    })
    expect(workOf(sessionEvent("ilt.session.updated"), context)).toMatchObject({ origin: "doceboSessions" })
    // Session 7 is not one iltsync holds: its deletion leaves nothing to put back.
    expect(workOf(sessionEvent("ilt.session.deleted"), context)).toMatchObject({ kind: "ignore" })
  })

  it("a session of a course iltsync does not know yet: the course is read too, by its id", () => {
    expect(workOf(sessionEvent("ilt.session.created", { course_id: 555, course_code: "NEW-1" }), contextOf())).toEqual({
      kind: "course",
      id: "555",
      code: "NEW-1",
      origin: "docebo",
    })
  })

  it("a grouped delivery: each of its events, none lost, an unreadable one ignored on its own", () => {
    const grouped = {
      message_id: "wh-3",
      event: "ilt.session.updated",
      payloads: [
        sessionEvent("ilt.session.updated").payload,
        { session_id: 9 },
        sessionEvent("ilt.session.updated", { course_id: 555, course_code: "NEW-1" }).payload,
      ],
    }
    expect(doceboWork(grouped, contextOf())).toEqual([
      { kind: "course", id: "101", code: "LDR-101", origin: "doceboSessions" },
      { kind: "ignore", reason: "an event iltsync does not act on" },
      { kind: "course", id: "555", code: "NEW-1", origin: "docebo" },
    ])
    const courses = { message_id: "wh-4", event: "course.created", payloads: [courseEvent("", "classroom").payload] }
    expect(doceboWork(courses, contextOf())).toMatchObject([{ kind: "course", origin: "docebo" }])
    expect(doceboWork({ message_id: "wh-5", event: "course.created", payloads: [] }, contextOf())).toMatchObject([
      { kind: "ignore" },
    ])
  })
})

describe("what a Training Orchestra webhook asks for", () => {
  const event = (type: string, id: string) => ({ id: "evt_1", type, occurred_at: "2027-01-01T00:00:00Z", data: { id } })

  it("a session: a sync of its course, found by the course link", () => {
    expect(toWork(event("session.updated", "ses_1"), known, links)).toEqual({
      kind: "course",
      id: "101",
      code: "LDR-101",
      origin: "to",
    })
    expect(toWork(event("session.cancelled", "ses_1"), known, emptyLinks)).toMatchObject({ kind: "ignore" })
  })

  it("a session iltsync has not seen yet: to be looked up in TO", () => {
    expect(toWork(event("session.created", "ses_new"), known, links)).toEqual({
      kind: "toSession",
      sessionId: "ses_new",
    })
  })

  it("locations, rooms and providers: a sync of those entities", () => {
    expect(toWork(event("location.created", "loc_1"), known, links)).toEqual({
      kind: "entities",
      entities: ["location", "classroom"],
    })
    expect(toWork(event("room.updated", "room_1"), known, links)).toEqual({
      kind: "entities",
      entities: ["classroom", "webinarAccount"],
    })
    expect(toWork(event("training_provider.updated", "tp_1"), known, links)).toEqual({
      kind: "entities",
      entities: ["trainingProvider"],
    })
    expect(toWork(event("invoice.paid", "x"), known, links)).toMatchObject({ kind: "ignore" })
    expect(toWork({ id: "evt_2", type: "session.updated" }, known, links)).toMatchObject({ kind: "ignore" })
  })
})

describe("what the inbox keeps of a delivery", () => {
  const junk = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
  const id = fc.oneof(fc.string({ maxLength: 6 }), fc.integer())
  const doceboPayload = fc.tuple(
    junk,
    fc.record({
      course_id: id,
      user_id: fc.oneof(id, fc.constant("1001")),
      code: fc.option(fc.string()),
      type: fc.option(fc.constantFrom("classroom", "webinar", "elearning")),
      session_id: id,
      session_name: fc.option(fc.string()),
      fired_at: fc.option(fc.constantFrom("2027-01-04 10:00:00", "now")),
    }),
  )
  const doceboEvent = fc.constantFrom(
    "course.created",
    "course.updated",
    "course.deleted",
    "user.created",
    "user.updated",
    "ilt.session.created",
    "ilt.session.updated",
    "ilt.session.deleted",
  )
  const doceboBody = fc.oneof(
    fc.record({ message_id: fc.string(), event: doceboEvent, payload: doceboPayload, extra: junk }),
    fc.record({
      message_id: fc.string(),
      event: doceboEvent,
      payloads: fc.array(fc.oneof(doceboPayload, fc.jsonValue({ maxDepth: 1 })), { maxLength: 4 }),
      extra: junk,
    }),
    fc.jsonValue({ maxDepth: 3 }),
  )
  const toBody = fc.oneof(
    fc.record({
      id: fc.string(),
      type: fc.constantFrom("session.updated", "session.created", "location.created", "room.updated", "invoice.paid"),
      data: fc.tuple(junk, fc.record({ id: fc.constantFrom("ses_1", "ses_new", "loc_1") })),
      extra: junk,
    }),
    fc.jsonValue({ maxDepth: 3 }),
  )
  /** A generated payload is its junk with the fields that matter laid over it. */
  const isPair = (value: unknown): value is [object, object] =>
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((part) => part !== null && typeof part === "object" && !Array.isArray(part))
  const flatten = (body: unknown): unknown => {
    if (body === null || typeof body !== "object" || Array.isArray(body)) return body
    const entries = Object.entries(body).map(([key, value]) => {
      if (key === "extra") return [key, value]
      if (key === "payloads" && Array.isArray(value))
        return [key, value.map((each) => (isPair(each) ? { ...each[0], ...each[1] } : each))]
      return [key, isPair(value) ? { ...value[0], ...value[1] } : value]
    })
    return Object.fromEntries(entries)
  }
  const context = contextOf()

  it("asks for the same work as the whole delivery", () => {
    fc.assert(
      fc.property(doceboBody, toBody, (docebo, to) => {
        const [d, t] = [flatten(docebo), flatten(to)]
        expect(doceboWork(webhookEssentials("docebo", d), context)).toEqual(doceboWork(d, context))
        expect(toWork(webhookEssentials("to", t), known, links)).toEqual(toWork(t, known, links))
      }),
      { numRuns: Number(process.env.ILTSYNC_PROPERTY_RUNS ?? 1000) },
    )
  })

  it("is a few hundred bytes however large the delivery", () => {
    const name = "x".repeat(900_000)
    const course = {
      message_id: "wh-9",
      event: "course.updated",
      payload: { ...courseEvent("", "classroom").payload, name },
    }
    const session = { id: "evt_9", type: "session.updated", data: { id: "ses_1", notes: name } }
    const unknown = { message_id: "wh-10", event: "lesson.viewed", payload: { name } }
    for (const [source, body] of [
      ["docebo", course],
      ["to", session],
      ["docebo", unknown],
    ] as const) {
      expect(JSON.stringify(webhookEssentials(source, body)).length).toBeLessThan(300)
    }
  })
})
