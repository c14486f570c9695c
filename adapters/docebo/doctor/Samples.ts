/**
 * What the doctor samples from Docebo, each read once however many capabilities look at it: the first page of the ILT
 * courses, the sessions of the first of them that has some, the events of one of those sessions, and the first page of
 * users, locations and classrooms. Each is decoded record by record with the adapter's own decoders.
 */
import { Effect, Either, Schema } from "effect"
import type { DoceboStamps } from "../../../engine/Stamps.ts"
import {
  AnswerDiffers,
  type CallProblem,
  type DoctorClient,
  decodeSample,
  differencesOf,
  type Sample,
} from "../../doctor/Calls.ts"
import { type ItemDecoder, rawId } from "../../http/Items.ts"
import type { Route } from "../../http/Request.ts"
import { keyOf } from "../../http/VendorRecord.ts"
import { Items, listOf } from "../Answers.ts"
import type { InstructorMark } from "../InstructorMark.ts"
import { type CourseRecord, courseTypeFilters, SessionFields } from "../Mapping.ts"
import { Routes } from "../Routes.ts"

/** How many records a sample holds: one page, enough to see a shape, light on the hourly budget. */
export const sampleSize = 20
/** Courses whose sessions are asked for until one has some; sessions whose events are asked for until one has some. */
export const coursesTried = 5
export const sessionsTried = 3

const decodeEnvelope = Schema.decodeUnknownEither(listOf(Schema.Unknown))

export type CourseRead = typeof CourseRecord.Type

export interface CourseSample {
  /** The `course_type` the sample was asked for. */
  readonly type: (typeof courseTypeFilters)[number]
  readonly sample: Sample<CourseRead>
}

export interface SessionSample {
  /** The courses tried that answered 400 "does not have sessions" (or an empty list). */
  readonly without: ReadonlyArray<string>
  /** The first course tried that has sessions, and its sessions; null when none of those tried has any. */
  readonly found: { readonly courseId: string; readonly sample: Sample<unknown> } | null
}

export interface EventSample {
  readonly found: { readonly sessionId: string; readonly sample: Sample<unknown> } | null
}

/** The tenant's settings for what Docebo is not known to keep (harness/Config.ts `DoceboStrategies`). */
export interface DoctorStrategies {
  readonly stamps: DoceboStamps
  readonly instructorMark: InstructorMark
  /** The host the operator confirmed as the main domain (`ILTSYNC_DOCEBO_MAIN_DOMAIN`); null when not given. */
  readonly mainDomain: string | null
  /** The sync horizon in days (`ILTSYNC_SYNC_HORIZON_DAYS`); null when off. */
  readonly horizonDays: number | null
}

export interface DoceboDoctorContext {
  readonly client: DoctorClient
  /** The configured URL, for the domain check's fallback. */
  readonly baseUrl: string
  readonly strategies: DoctorStrategies
  readonly courses: Effect.Effect<CourseSample, CallProblem>
  readonly sessions: Effect.Effect<SessionSample, CallProblem>
  readonly events: Effect.Effect<EventSample, CallProblem>
  readonly users: Effect.Effect<Sample<unknown>, CallProblem>
  readonly locations: Effect.Effect<Sample<unknown>, CallProblem>
  readonly classrooms: Effect.Effect<Sample<unknown>, CallProblem>
}

/** A course without sessions answers 400 "does not have sessions" [seen: `databricks-academy/dbacademy`]. */
export const hasNoSessions = (problem: CallProblem) =>
  problem._tag === "Refused" && problem.status === 400 && /does not have sessions/i.test(problem.reason)

/** The first page of a list, its envelope and each item decoded as the adapter's reads decode them. */
export const listSample = <A>(
  client: DoctorClient,
  route: Route,
  decode: ItemDecoder<A>,
  query: Record<string, string | number> = {},
): Effect.Effect<Sample<A>, CallProblem> =>
  client.getJson(route, { page: 1, page_size: sampleSize, ...query }).pipe(
    Effect.flatMap((body) => {
      const envelope = decodeEnvelope(body, { errors: "all" })
      return Either.isLeft(envelope)
        ? Effect.fail(new AnswerDiffers({ differences: differencesOf(envelope.left, body, client.scrub) }))
        : Effect.succeed(decodeSample(decode, envelope.right.data.items, client.scrub))
    }),
  )

const isIlt = (course: CourseRead) => course.type === "ilt" || course.type === "vilt"

export const makeDoceboDoctorContext = (client: DoctorClient, baseUrl: string, strategies: DoctorStrategies) =>
  Effect.gen(function* () {
    // ILT courses as the adapter asks for them; a tenant never migrated may have webinar courses only.
    const courses = yield* Effect.cached(
      Effect.gen(function* () {
        let read: CourseSample | null = null
        for (const type of courseTypeFilters) {
          const sample = yield* listSample(client, Routes.courses, Items.course.decode, { course_type: type })
          read = { type, sample }
          if (sample.raw.length > 0) break
        }
        return read ?? { type: "classroom" as const, sample: { raw: [], decoded: [], differences: [] } }
      }),
    )

    const sessions = yield* Effect.cached(
      Effect.gen(function* () {
        const listed = yield* courses
        const without: string[] = []
        for (const course of listed.sample.decoded.filter(isIlt).slice(0, coursesTried)) {
          const read = yield* Effect.either(listSample(client, Routes.courseSessions(course.id), Items.session.decode))
          if (Either.isLeft(read)) {
            if (hasNoSessions(read.left)) {
              without.push(course.id)
              continue
            }
            return yield* Effect.fail(read.left)
          }
          if (read.right.raw.length > 0) return { without, found: { courseId: course.id, sample: read.right } }
          without.push(course.id)
        }
        return { without, found: null }
      }),
    )

    const events = yield* Effect.cached(
      Effect.gen(function* () {
        const { found } = yield* sessions
        const ids = (found?.sample.raw ?? []).flatMap((session) => {
          const id = rawId(session, keyOf(SessionFields, "id"))
          return id === null ? [] : [id]
        })
        for (const sessionId of ids.slice(0, sessionsTried)) {
          const sample = yield* listSample(client, Routes.sessionEvents(sessionId), Items.event.decode)
          if (sample.raw.length > 0) return { found: { sessionId, sample } }
        }
        return { found: null }
      }),
    )

    return {
      client,
      baseUrl,
      strategies,
      courses,
      sessions,
      events,
      users: yield* Effect.cached(listSample(client, Routes.users, Items.user.decode)),
      locations: yield* Effect.cached(listSample(client, Routes.locations, Items.location.decode)),
      classrooms: yield* Effect.cached(listSample(client, Routes.classrooms, Items.classroom.decode)),
    } satisfies DoceboDoctorContext
  })
