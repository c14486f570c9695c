import { Effect, Either } from "effect"
import type { ReadError } from "../../engine/Errors.ts"
import type { DoceboCourse, DoceboSession } from "../../engine/model/Docebo.ts"
import type { DoceboCourseId, DoceboUserId } from "../../engine/model/Ids.ts"
import type { DoceboDomain, DoceboPort, Listing } from "../../engine/Ports.ts"
import type { HttpClient } from "../http/Client.ts"
import type { Decoder } from "../http/Decode.ts"
import { readFailed } from "../http/Failure.ts"
import { latestById, readAllPages } from "../http/Paging.ts"
import { get, type Route } from "../http/Request.ts"
import {
  decodeClassroomPage,
  decodeCoursePage,
  decodeDomain,
  decodeEventPage,
  decodeLocationPage,
  decodeSessionPage,
  decodeUser,
  decodeUserPage,
  decodeWebinarAccountPage,
} from "./Answers.ts"
import { courseTypeFilters, doceboDateTime, parseDoceboDateTime } from "./Mapping.ts"
import { domainOr404, webinarAccountsOr404 } from "./Optional.ts"
import { Routes } from "./Routes.ts"

/** Docebo's largest page [doc]. */
const pageSize = 200

interface DoceboList<A> {
  readonly data: { readonly items: ReadonlyArray<A>; readonly has_more_data: boolean }
}

type DoceboReads = Omit<DoceboPort["Type"], "write">

/**
 * A course without sessions answers its session listing with 400 and "does not have sessions" rather than an empty
 * list [seen: databricks-academy/dbacademy `sessions_api.py`]. That answer, and no other 400, is a complete empty list.
 */
const hasNoSessions = (failure: ReadError) =>
  failure._tag === "ReadFailed" && failure.status === 400 && /does not have sessions/i.test(failure.reason)

const noSessions = { items: [], complete: true }

const byId = <A extends { readonly id: string }>(listing: Listing<A>): Listing<A> => ({
  items: latestById(listing.items, (item) => item.id),
  complete: listing.complete,
})

export const makeDoceboReads = (
  client: HttpClient,
  settings: { readonly baseUrl: string; readonly concurrency: number },
) => {
  const { concurrency } = settings
  const readFrom = (route: Route) => readFailed("docebo", route.path)

  /** Every page of a list, 200 at a time, by page number until `has_more_data` is false [doc]. */
  const listAll = <A extends { readonly id: string }>(
    route: Route,
    decoder: Decoder<DoceboList<A>>,
    query: Record<string, string> = {},
  ): Effect.Effect<Listing<A>, ReadError> =>
    readAllPages(1, (page: number) =>
      client.send(get(route, { ...query, page, page_size: pageSize })).pipe(
        Effect.mapError(readFrom(route)),
        Effect.flatMap(client.decode(decoder, route.path)),
        Effect.map((body) => ({ items: body.data.items, next: body.data.has_more_data ? page + 1 : null })),
      ),
    ).pipe(Effect.map(byId))

  /**
   * ILT and VILT courses. The `course_type` and `updated_from` filters are [assumed], so a tenant that ignores them
   * still gets the right answer: the type and the update time are checked again here.
   */
  const courses = Effect.fn("DoceboHttp.courses")(function* (options?: { readonly updatedFrom?: string }) {
    const updatedFrom = options?.updatedFrom
    const since = updatedFrom === undefined ? null : Date.parse(updatedFrom)
    const listings = yield* Effect.forEach(courseTypeFilters, (type) =>
      listAll(Routes.courses, decodeCoursePage, {
        course_type: type,
        ...(updatedFrom === undefined ? {} : { updated_from: doceboDateTime(updatedFrom) }),
      }),
    )
    const items = latestById(
      listings.flatMap((listing) => listing.items),
      (course) => course.id,
    ).flatMap(({ updatedAt, type, ...course }): ReadonlyArray<DoceboCourse> => {
      const changed = since === null || Number.isNaN(since) || !(parseDoceboDateTime(updatedAt) < since)
      return type !== null && changed ? [{ ...course, type }] : []
    })
    return { items, complete: listings.every((listing) => listing.complete) }
  })

  const events = (sessionId: string) => listAll(Routes.sessionEvents(sessionId), decodeEventPage)

  const sessionList = (courseId: DoceboCourseId) =>
    listAll(Routes.courseSessions(courseId), decodeSessionPage).pipe(
      Effect.catchIf(hasNoSessions, () => Effect.succeed(noSessions)),
      Effect.map((listed) => ({ ...listed, items: listed.items.map((session) => ({ ...session, courseId })) })),
    )

  /**
   * A course's sessions, each with its events. A session whose events could not all be read is left out and the
   * listing marked partial: a session shown with fewer events would look like events to create again. A session
   * whose events answer 404 was deleted since the listing (with its course, say): it is simply not in the answer,
   * and the listing stays complete, as a listing read a moment later would be.
   */
  const sessions = Effect.fn("DoceboHttp.sessions")(function* (courseId: DoceboCourseId) {
    const listed = yield* sessionList(courseId)
    const withEvents = yield* Effect.forEach(
      listed.items,
      (session) =>
        events(session.id).pipe(
          Effect.map((read) => (read.complete ? Either.right({ ...session, events: read.items }) : Either.left(false))),
          Effect.catchTag("ReadFailed", (failure) => Effect.succeed(Either.left(failure.status === 404))),
        ),
      { concurrency },
    )
    return {
      items: withEvents.flatMap((read): ReadonlyArray<DoceboSession> => (Either.isRight(read) ? [read.right] : [])),
      complete: listed.complete && withEvents.every((read) => Either.isRight(read) || read.left),
    }
  })

  /** Each user by id; a user that no longer exists (404) is simply not in the answer. */
  const usersById = (ids: ReadonlyArray<DoceboUserId>) =>
    Effect.forEach(
      [...new Set(ids)],
      (id) => {
        const route = Routes.user(id)
        return client.send(get(route)).pipe(
          Effect.mapError(readFrom(route)),
          Effect.flatMap(client.decode(decodeUser, route.path)),
          Effect.map((body) => Either.right(body.data)),
          Effect.catchTag("ReadFailed", (failure) => Effect.succeed(Either.left(failure.status === 404))),
        )
      },
      { concurrency },
    ).pipe(
      Effect.map((answers) => ({
        items: answers.flatMap((answer) => (Either.isRight(answer) ? [answer.right] : [])),
        complete: answers.every((answer) => Either.isRight(answer) || answer.left),
      })),
    )

  const reads: DoceboReads = {
    courses,
    sessions,
    sessionList,
    sessionEvents: events,
    locations: () => listAll(Routes.locations, decodeLocationPage),
    classrooms: () => listAll(Routes.classrooms, decodeClassroomPage),
    users: (ids) => (ids === undefined ? listAll(Routes.users, decodeUserPage) : usersById(ids)),
    webinarAccounts: () => webinarAccountsOr404(listAll(Routes.webinarAccounts, decodeWebinarAccountPage)),
    domain: Effect.fn("DoceboHttp.domain")(function* () {
      const read = client.send(get(Routes.domain)).pipe(
        Effect.mapError(readFrom(Routes.domain)),
        Effect.flatMap(client.decode(decodeDomain, Routes.domain.path)),
        Effect.map((body): DoceboDomain => ({ ...body.data, checkedBy: "api" })),
      )
      return yield* domainOr404(read, settings.baseUrl)
    }),
  }
  return { ...reads, events }
}
