import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { nothingKnown } from "../../engine/Known.ts"
import { DoceboCourseId, DoceboUserId, ToCourseId, ToSessionId, ToTrainerId } from "../../engine/model/Ids.ts"
import { emptyLinks } from "../../engine/model/Store.ts"
import type { ToSession, ToTrainer } from "../../engine/model/Training.ts"
import { doceboWork, toWork, trainerUserIds, webhookEssentials } from "./WebhookScopes.ts"

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

describe("what a Docebo webhook asks for", () => {
  it("a created or changed ILT or VILT course: a sync of that course", () => {
    const trainers = trainerUserIds(known, [])
    expect(doceboWork(courseEvent("course.created", "classroom"), trainers)).toEqual({
      kind: "course",
      id: "101",
      code: "LDR-101",
      origin: "docebo",
    })
    expect(doceboWork(courseEvent("course.updated", "webinar"), trainers)).toMatchObject({ kind: "course" })
    // Without a code the course is synced too: its status then says the code is missing.
    expect(doceboWork(courseEvent("course.created", "classroom", "  "), trainers)).toMatchObject({
      kind: "course",
      code: "",
    })
  })

  it("an e-learning course, an unknown event or a learner: nothing", () => {
    const trainers = trainerUserIds(known, [])
    expect(doceboWork(courseEvent("course.created", "elearning"), trainers)).toMatchObject({ kind: "ignore" })
    expect(doceboWork(courseEvent("course.created", undefined), trainers)).toMatchObject({ kind: "ignore" })
    expect(doceboWork({ event: "course.enrollment.created", payload: {} }, trainers)).toMatchObject({ kind: "ignore" })
    expect(doceboWork({ event: "user.updated", payload: { user_id: 1101 } }, trainers)).toMatchObject({
      kind: "ignore",
    })
  })

  it("a trainer's user changed, or a course deleted: a sync of trainers, or of courses", () => {
    const trainers = trainerUserIds(known, ["1200"])
    expect(doceboWork({ event: "user.updated", payload: { user_id: 1001 } }, trainers)).toEqual({
      kind: "entities",
      entities: ["trainer"],
    })
    expect(doceboWork({ event: "user.updated", payload: { user_id: "1200" } }, trainers)).toMatchObject({
      kind: "entities",
    })
    expect(doceboWork(courseEvent("course.deleted", "classroom"), trainers)).toEqual({
      kind: "entities",
      entities: ["course"],
    })
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
  const doceboBody = fc.oneof(
    fc.record({
      message_id: fc.string(),
      event: fc.constantFrom("course.created", "course.updated", "course.deleted", "user.created", "user.updated"),
      payload: fc.tuple(
        junk,
        fc.record({
          course_id: id,
          user_id: fc.oneof(id, fc.constant("1001")),
          code: fc.option(fc.string()),
          type: fc.option(fc.constantFrom("classroom", "webinar", "elearning")),
        }),
      ),
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
  /** A generated record's payload is its junk with the fields that matter laid over it. */
  const flatten = (body: unknown): unknown => {
    if (body === null || typeof body !== "object" || Array.isArray(body)) return body
    const entries = Object.entries(body).map(([key, value]) =>
      Array.isArray(value) && value.length === 2 && key !== "extra"
        ? [key, { ...value[0], ...value[1] }]
        : [key, value],
    )
    return Object.fromEntries(entries)
  }
  const trainers = new Set(["1001"])

  it("asks for the same work as the whole delivery", () => {
    fc.assert(
      fc.property(doceboBody, toBody, (docebo, to) => {
        const [d, t] = [flatten(docebo), flatten(to)]
        expect(doceboWork(webhookEssentials("docebo", d), trainers)).toEqual(doceboWork(d, trainers))
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
