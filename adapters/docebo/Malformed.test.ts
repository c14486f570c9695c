import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { DoceboPort } from "../../engine/Ports.ts"
import { DOCEBO_TEST_CREDENTIALS } from "../../simulators/docebo/index.ts"
import { answerWith, htmlPage, jsonAnswer } from "../http/testing/Answers.ts"
import { doceboSeed } from "./testing/Seed.ts"
import { simulatedDocebo } from "./testing/Simulated.ts"
import { ids } from "./testing/Writes.ts"

const course = {
  id_course: 9,
  name: "X",
  code: "X",
  course_type: "classroom",
  lang_code: "english",
  date_last_updated: "2025-01-02 10:00:00",
}
const page = (items: unknown[]) => ({
  data: { items, count: items.length, has_more_data: false, current_page: 1, current_page_size: 200, cursor: "" },
  version: "1.0.0",
  _links: [],
})

const answering = (path: string, respond: () => Response) =>
  simulatedDocebo({ seed: doceboSeed, wrapFetch: answerWith((url) => url.pathname === path, respond) })

const coursesAnswered = (respond: () => Response) =>
  Effect.flatMap(answering("/learn/v1/courses", respond), ({ run }) =>
    run(Effect.flatMap(DoceboPort, (docebo) => docebo.courses())).pipe(Effect.flip),
  )

const where = (error: { readonly _tag: string }) =>
  error._tag === "ResponseMalformed" && "field" in error && "resource" in error
    ? { resource: error.resource, field: error.field }
    : error._tag

describe("Docebo malformed answers", () => {
  it.scoped("a course missing a field fails alone: the others are read, and a notice names the field", () =>
    Effect.gen(function* () {
      const { lang_code: _, ...withoutLanguage } = { ...course, id_course: 10 }
      const { run } = yield* answering("/learn/v1/courses", () => jsonAnswer(page([course, withoutLanguage])))
      const listing = yield* run(Effect.flatMap(DoceboPort, (docebo) => docebo.courses()))
      expect(listing.items.map((read) => read.id)).toEqual(["9"])
      // Its id could be read: the course fails on its own, and the listing says nothing else is missing.
      expect(listing.complete).toBe(true)
      expect(listing.notices?.[0]).toMatchObject({ code: "docebo_record_unreadable", key: "10", course: "10" })
      expect(listing.notices?.[0]?.message).toContain("/learn/v1/courses: data.items[1].lang_code is missing")
    }),
  )

  it.scoped("a course whose id cannot be read leaves the listing partial, naming the field and its value", () =>
    Effect.gen(function* () {
      const { run } = yield* answering("/learn/v1/courses", () => jsonAnswer(page([{ ...course, id_course: "nine" }])))
      const listing = yield* run(Effect.flatMap(DoceboPort, (docebo) => docebo.courses()))
      expect(listing).toMatchObject({ items: [], complete: false })
      expect(listing.notices?.[0]?.course).toBeUndefined()
      expect(listing.notices?.[0]?.message).toContain('data.items[0].id_course is "nine"')
    }),
  )

  it.scoped("a bad value never shows a secret the client knows", () =>
    Effect.gen(function* () {
      const leaked = { ...course, lang_code: { note: `secret ${DOCEBO_TEST_CREDENTIALS.clientSecret} here` } }
      const { run } = yield* answering("/learn/v1/courses", () => jsonAnswer(page([leaked])))
      const listing = yield* run(Effect.flatMap(DoceboPort, (docebo) => docebo.courses()))
      const message = listing.notices?.[0]?.message ?? ""
      expect(message).toContain("data.items[0].lang_code is")
      expect(message).toContain("[redacted]")
      expect(message).not.toContain(DOCEBO_TEST_CREDENTIALS.clientSecret)
    }),
  )

  it.scoped("an envelope without has_more_data names it", () =>
    Effect.gen(function* () {
      const error = yield* coursesAnswered(() => jsonAnswer({ data: { items: [course] } }))
      expect(where(error)).toEqual({ resource: "/learn/v1/courses", field: "data.has_more_data" })
    }),
  )

  it.scoped("truncated JSON and an HTML page are malformed bodies", () =>
    Effect.gen(function* () {
      const truncated = yield* coursesAnswered(() => jsonAnswer('{"data":{"items":[{"id_course":9,"na'))
      expect(where(truncated)).toEqual({ resource: "/learn/v1/courses", field: "body" })
      const html = yield* coursesAnswered(() => htmlPage(200))
      expect(html.reason).toBe("is an HTML page, not JSON")
    }),
  )

  it.scoped("an event with a malformed day fails its course alone: its session is left out, the field named", () =>
    Effect.gen(function* () {
      const event = {
        id: 1,
        name: "",
        schedule: { date: "10/03/2025", time_begin: "09:00:00", time_end: "17:00:00", timezone: "Europe/Paris" },
        location: null,
        classroom: null,
        webinar: null,
        duration: null,
        instructors: [],
        external_id: null,
      }
      const { run } = yield* answering("/course/v1/sessions/101/events", () => jsonAnswer(page([event])))
      const listing = yield* run(Effect.flatMap(DoceboPort, (docebo) => docebo.sessions(ids.course("1"))))
      expect(listing.items.map((session) => session.id)).toEqual(["100"])
      expect(listing.complete).toBe(false)
      expect(listing.notices).toHaveLength(1)
      expect(listing.notices?.[0]).toMatchObject({ code: "docebo_record_unreadable", course: "1", key: "1" })
      expect(listing.notices?.[0]?.message).toContain(
        '/course/v1/sessions/101/events: data.items[0].schedule.date is "10/03/2025"',
      )
    }),
  )

  it.scoped("a create answered without its id is malformed", () =>
    Effect.gen(function* () {
      const { run } = yield* answering("/learn/v1/location", () => jsonAnswer({ data: { success: true } }))
      const location = { name: "Nowhere", address: "", countryCode: null }
      const error = yield* run(
        Effect.flatMap(DoceboPort, (docebo) => docebo.write({ kind: "createLocation", location })),
      ).pipe(Effect.flip)
      expect(where(error)).toEqual({ resource: "/learn/v1/location", field: "data.id_location" })
    }),
  )
})
