/**
 * The course list's filters and sort [assumed on `/learn/v1/courses`, seen elsewhere]. iltsync survives without each:
 * the adapter checks a course's type and update time again itself, and reads every page to the end.
 */
import { Effect } from "effect"
import { type CallProblem, counted, observeProblem } from "../../doctor/Calls.ts"
import type { Capability, Observation } from "../../doctor/Finding.ts"
import { asJson, rawId, shownValue } from "../../http/Items.ts"
import { keyOf } from "../../http/VendorRecord.ts"
import { Items } from "../Answers.ts"
import { CourseFields, doceboDateTime, parseDoceboDateTime } from "../Mapping.ts"
import { Routes } from "../Routes.ts"
import { type CourseSample, type DoceboDoctorContext, listSample } from "./Samples.ts"

const typeKey = keyOf(CourseFields, "type")
const updatedKey = keyOf(CourseFields, "updatedAt")
const idKey = keyOf(CourseFields, "id")

const field = (record: unknown, key: string): unknown =>
  typeof record === "object" && record !== null ? (record as Record<string, unknown>)[key] : undefined

/** Runs `check` on the course sample, or says why it could not. */
const withCourses = (
  context: DoceboDoctorContext,
  check: (listed: CourseSample) => Effect.Effect<Observation, CallProblem>,
): Effect.Effect<Observation> =>
  Effect.gen(function* () {
    const listed = yield* context.courses
    if (listed.sample.raw.length === 0) return { status: "unchecked", detail: "no ILT course is listed" } as const
    return yield* check(listed)
  }).pipe(Effect.catchAll((problem) => Effect.succeed(observeProblem(problem))))

/** Every course listed for `course_type=classroom` is one. */
const probeCourseType = (context: DoceboDoctorContext) =>
  withCourses(context, ({ type, sample }) => {
    const others = sample.raw.filter((course) => field(course, typeKey) !== type)
    const first = others[0]
    return Effect.succeed<Observation>(
      first === undefined
        ? { status: "ok", detail: `${counted(sample.raw.length, "courses")} listed, all ${type}` }
        : {
            status: "differs",
            detail: `${others.length} of ${counted(sample.raw.length, "courses")} listed are not ${type}`,
            differences: [
              {
                path: typeKey,
                found: shownValue(asJson(field(first, typeKey)), context.client.scrub),
                records: others.length,
              },
            ],
          },
    )
  })

/**
 * Asks for the courses updated after the newest of the sample: a tenant that honours `updated_from` lists none older
 * (a course changed meanwhile is newer), one that ignores it lists them all.
 */
const probeUpdatedFrom = (context: DoceboDoctorContext) =>
  withCourses(context, ({ type, sample }) =>
    Effect.gen(function* () {
      const stamps = sample.decoded.map((course) => parseDoceboDateTime(course.updatedAt)).filter(Number.isFinite)
      if (stamps.length === 0) return { status: "unchecked", detail: `no course with a ${updatedKey} to compare` }
      const after = Math.max(...stamps) + 1000
      const from = doceboDateTime(new Date(after).toISOString())
      const listed = yield* listSample(context.client, Routes.courses, Items.course.decode, {
        course_type: type,
        updated_from: from,
      })
      const older = listed.raw.filter((course) => {
        const stamp = field(course, updatedKey)
        return typeof stamp !== "string" || !(parseDoceboDateTime(stamp) >= after)
      })
      const first = older[0]
      if (first === undefined) return { status: "ok", detail: `none listed from ${from} (after the newest)` }
      return {
        status: "differs",
        detail: `${older.length} updated before ${from} listed`,
        differences: [
          {
            path: updatedKey,
            found: shownValue(asJson(field(first, updatedKey)), context.client.scrub),
            records: older.length,
          },
        ],
      }
    }),
  )

/** `sort_by` + `sort_by_direction` on the course id, descending (the list's own order is ascending). */
const probeSortBy = (context: DoceboDoctorContext) =>
  withCourses(context, ({ type }) =>
    Effect.gen(function* () {
      const listed = yield* listSample(context.client, Routes.courses, Items.course.decode, {
        course_type: type,
        sort_by: idKey,
        sort_by_direction: "desc",
      })
      const ids = listed.raw.flatMap((course) => {
        const id = rawId(course, idKey)
        return id === null ? [] : [Number(id)]
      })
      if (ids.length < 2) return { status: "unchecked", detail: "fewer than two courses: no order to see" }
      const descending = ids.every((id, i) => i === 0 || id <= (ids[i - 1] ?? id))
      if (descending) return { status: "ok", detail: `${ids.length} listed by ${idKey}, descending` }
      return {
        status: "differs",
        detail: `${ids.length} listed, not by ${idKey} descending`,
        differences: [
          {
            path: idKey,
            found: shownValue(JSON.stringify(ids.slice(0, 5)), context.client.scrub),
            records: ids.length,
          },
        ],
      }
    }),
  )

export const courseFilterCapabilities: ReadonlyArray<Capability<DoceboDoctorContext>> = [
  {
    id: "docebo.course-type-filter",
    name: "course list: course_type filter",
    system: "docebo",
    endpoint: "GET /learn/v1/courses?course_type=classroom",
    required: false,
    after: "docebo.courses",
    probe: probeCourseType,
    willDo: {
      ok: "iltsync lists classroom and webinar courses only",
      differs: "iltsync checks each course's type itself: e-learning courses are read, then set aside",
    },
  },
  {
    id: "docebo.updated-from-filter",
    name: "course list: updated_from filter",
    system: "docebo",
    endpoint: "GET /learn/v1/courses?updated_from=…",
    required: false,
    after: "docebo.courses",
    probe: probeUpdatedFrom,
    willDo: {
      ok: "each run lists only the courses changed since the last one",
      differs: "iltsync checks each course's update time itself: nothing is missed, but every run lists every course",
    },
  },
  {
    id: "docebo.sort-by",
    name: "course list: sort_by",
    system: "docebo",
    endpoint: "GET /learn/v1/courses?sort_by=id_course&sort_by_direction=desc",
    required: false,
    after: "docebo.courses",
    probe: probeSortBy,
    willDo: {
      ok: "not relied on: iltsync reads every page to the end",
      differs: "nothing: iltsync does not rely on the order, it reads every page to the end",
    },
  },
]
