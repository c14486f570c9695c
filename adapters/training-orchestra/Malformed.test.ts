import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import type { DoceboCourseId } from "../../engine/model/Ids.ts"
import { ToPort } from "../../engine/Ports.ts"
import { answerWith, htmlPage, jsonAnswer } from "../http/testing/Answers.ts"
import { toSeed } from "./testing/Seed.ts"
import { simulatedTo } from "./testing/Simulated.ts"

const course = {
  id: "crs_x",
  code: "X",
  title: "X",
  modality: "online",
  language: "en",
  active: true,
  external_ref: null,
  created_at: "2025-01-01T00:00:00.000Z",
  updated_at: "2025-01-01T00:00:00.000Z",
}

const isCourseList = (url: URL, init: RequestInit) => url.pathname === "/api/v1/courses" && init.method === "GET"

/** Lists courses with the course list answered by `respond`. */
const listCoursesAnswered = (respond: () => Response) =>
  Effect.gen(function* () {
    const { run } = yield* simulatedTo({ seed: toSeed, wrapFetch: answerWith(isCourseList, respond) })
    return yield* run(Effect.flatMap(ToPort, (to) => to.list("courses"))).pipe(Effect.flip)
  })

const malformed = (error: { readonly _tag: string }) =>
  error._tag === "ResponseMalformed" && "field" in error && "resource" in error
    ? { resource: error.resource, field: error.field }
    : error._tag

describe("Training Orchestra malformed answers", () => {
  it.scoped("a record missing a field names the field", () =>
    Effect.gen(function* () {
      const { title: _, ...withoutTitle } = course
      const error = yield* listCoursesAnswered(() => jsonAnswer({ data: [course, withoutTitle], next_cursor: null }))
      expect(malformed(error)).toEqual({ resource: "/courses", field: "data[1].title" })
      expect(error.reason).toContain("is missing")
    }),
  )

  it.scoped("a field of the wrong type names the field", () =>
    Effect.gen(function* () {
      const error = yield* listCoursesAnswered(() =>
        jsonAnswer({ data: [{ ...course, active: "yes" }], next_cursor: null }),
      )
      expect(malformed(error)).toEqual({ resource: "/courses", field: "data[0].active" })
    }),
  )

  it.scoped("a missing page envelope field names it", () =>
    Effect.gen(function* () {
      const error = yield* listCoursesAnswered(() => jsonAnswer({ data: [course] }))
      expect(malformed(error)).toEqual({ resource: "/courses", field: "next_cursor" })
    }),
  )

  it.scoped("truncated JSON is malformed, not a crash", () =>
    Effect.gen(function* () {
      const error = yield* listCoursesAnswered(() => jsonAnswer('{"data":[{"id":"crs_x","co'))
      expect(malformed(error)).toEqual({ resource: "/courses", field: "body" })
      expect(error.reason).toBe("is not valid JSON")
    }),
  )

  it.scoped("an HTML page answered with 200 is malformed", () =>
    Effect.gen(function* () {
      const error = yield* listCoursesAnswered(() => htmlPage(200))
      expect(malformed(error)).toEqual({ resource: "/courses", field: "body" })
      expect(error.reason).toBe("is an HTML page, not JSON")
    }),
  )

  it.scoped("an HTML error page from a proxy (502) is retried, then a ReadFailed with its status", () =>
    Effect.gen(function* () {
      const error = yield* listCoursesAnswered(() => htmlPage(502))
      expect(error._tag === "ReadFailed" && [error.resource, error.status]).toEqual(["/courses", 502])
    }),
  )

  it.scoped("a create answered in an unexpected shape is malformed, naming the field", () =>
    Effect.gen(function* () {
      const isCourseCreate = (url: URL, init: RequestInit) =>
        url.pathname === "/api/v1/courses" && init.method === "POST"
      const { run } = yield* simulatedTo({
        seed: toSeed,
        wrapFetch: answerWith(isCourseCreate, () => jsonAnswer({ data: { ...course, id: 5 } }, 201)),
      })
      const write = {
        kind: "createCourse",
        course: {
          code: "X",
          title: "X",
          modality: "online",
          language: "en",
          active: true,
          externalRef: "9" as DoceboCourseId,
        },
      } as const
      const error = yield* run(Effect.flatMap(ToPort, (to) => to.write(write))).pipe(Effect.flip)
      expect(malformed(error)).toEqual({ resource: "/courses", field: "data.id" })
    }),
  )
})
