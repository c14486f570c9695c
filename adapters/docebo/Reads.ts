import { Effect, Either } from "effect"
import type { ReadError } from "../../engine/Errors.ts"
import type { DoceboCourse, DoceboSession, DoceboUser } from "../../engine/model/Docebo.ts"
import type { DoceboCourseId, DoceboUserId } from "../../engine/model/Ids.ts"
import type { ReadNotice } from "../../engine/Notices.ts"
import type { DoceboDomain, DoceboPort, Listing, SessionReadOptions } from "../../engine/Ports.ts"
import type { DoceboStamps } from "../../engine/Stamps.ts"
import type { HttpClient } from "../http/Client.ts"
import { readFailed } from "../http/Failure.ts"
import { decodeEach } from "../http/Items.ts"
import { latestById, readAllPages } from "../http/Paging.ts"
import { get, type Route } from "../http/Request.ts"
import { decodeDomain, decodeListPage, decodeOneRecord, Items, type ListingItem } from "./Answers.ts"
import { courseTypeFilters, doceboDateTime, parseDoceboDateTime } from "./Mapping.ts"
import { domainOr404, webinarAccountsOr404 } from "./Optional.ts"
import { Routes } from "./Routes.ts"
import { courseRecordUnreadable, recordLeftOut, type Unread, unreadOf } from "./Unreadable.ts"

/** Docebo's largest page [doc]. */
const pageSize = 200

type DoceboReads = Omit<DoceboPort["Type"], "write">

/** A listing as read, with the records that could not be decoded apart (not yet said what they mean). */
interface Read<A> {
  readonly items: ReadonlyArray<A>
  readonly complete: boolean
  readonly unread: ReadonlyArray<Unread>
}

/**
 * A course without sessions answers its session listing with 400 and "does not have sessions" rather than an empty
 * list [seen: `databricks-academy/dbacademy` `src/dbacademy/clients/docebo/sessions_api.py`]. That answer, and no
 * other 400, is a complete empty list.
 */
const hasNoSessions = (failure: ReadError) =>
  failure._tag === "ReadFailed" && failure.status === 400 && /does not have sessions/i.test(failure.reason)

const noSessions: Read<never> = { items: [], complete: true, unread: [] }

/** A listing of no course's records: one that could not be decoded leaves it partial. */
const partialWithout = <A>(read: Read<A>, record: string): Listing<A> => ({
  items: read.items,
  complete: read.complete && read.unread.length === 0,
  notices: read.unread.map((unread) => recordLeftOut(record, unread)),
})

export const makeDoceboReads = (
  client: HttpClient,
  settings: {
    readonly baseUrl: string
    readonly concurrency: number
    readonly stamps: DoceboStamps
    readonly mainDomain: string | null
  },
) => {
  const { concurrency } = settings
  const readFrom = (route: Route) => readFailed("docebo", route.path)

  /**
   * Every page of a list, 200 at a time, by page number until `has_more_data` is false [doc]. Each item is decoded on
   * its own: one Docebo sends in a shape iltsync cannot read is set apart, named by its field and value.
   */
  const listAll = <A extends { readonly id: string }>(
    route: Route,
    item: ListingItem<A>,
    query: Record<string, string> = {},
  ): Effect.Effect<Read<A>, ReadError> =>
    readAllPages(1, (page: number) =>
      client.send(get(route, { ...query, page, page_size: pageSize })).pipe(
        Effect.mapError(readFrom(route)),
        Effect.flatMap(client.decode(decodeListPage, route.path)),
        Effect.map((body) => {
          const { decoded, rejected } = decodeEach(item.decode, body.data.items)
          const where = { resource: route.path, page, idKey: item.idKey }
          const unread = rejected.map((each) => Either.left(unreadOf(each, where, client.scrub)))
          return { items: [...decoded.map(Either.right), ...unread], next: body.data.has_more_data ? page + 1 : null }
        }),
      ),
    ).pipe(
      Effect.map((listing) => ({
        items: latestById(
          listing.items.flatMap((read) => (Either.isRight(read) ? [read.right] : [])),
          (read) => read.id,
        ),
        complete: listing.complete,
        unread: listing.items.flatMap((read) => (Either.isLeft(read) ? [read.left] : [])),
      })),
    )

  /**
   * ILT and VILT courses. The `course_type` and `updated_from` filters are [assumed], so a tenant that ignores them
   * still gets the right answer: the type and the update time are checked again here. A course that cannot be decoded
   * fails alone when its id can be read (the engine keeps it as last known); otherwise the listing is partial.
   */
  const courses = Effect.fn("DoceboHttp.courses")(function* (options?: { readonly updatedFrom?: string }) {
    const updatedFrom = options?.updatedFrom
    const since = updatedFrom === undefined ? null : Date.parse(updatedFrom)
    const listings = yield* Effect.forEach(courseTypeFilters, (type) =>
      listAll(Routes.courses, Items.course, {
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
    const unread = listings.flatMap((listing) => listing.unread)
    const notices = unread.map((each) =>
      each.id === null ? recordLeftOut("course", each) : courseRecordUnreadable("course", each, each.id),
    )
    const complete = listings.every((listing) => listing.complete) && unread.every((each) => each.id !== null)
    return { items, complete, notices } satisfies Listing<DoceboCourse>
  })

  const events = (sessionId: string) => listAll(Routes.sessionEvents(sessionId), Items.event)
  /** One session's events, for a caller that knows not its course: an event that cannot be decoded leaves it partial. */
  const eventListing = (sessionId: string) => Effect.map(events(sessionId), (read) => partialWithout(read, "event"))

  /** A course's sessions without their events; one that cannot be decoded fails the course alone. */
  const sessionList = (courseId: DoceboCourseId) =>
    listAll(Routes.courseSessions(courseId), Items.session).pipe(
      Effect.catchIf(hasNoSessions, () => Effect.succeed(noSessions)),
      Effect.map((listed) => ({
        items: listed.items.map((session) => ({ ...session, courseId })),
        complete: listed.complete && listed.unread.length === 0,
        notices: listed.unread.map((unread) => courseRecordUnreadable("session", unread, courseId)),
      })),
    )

  /**
   * A course's sessions, each with its events. A session whose events could not all be read (a failed page, an event
   * that cannot be decoded) is left out and the listing marked partial: a session shown with fewer events would look
   * like events to create again. A session whose events answer 404 was deleted since the listing (with its course,
   * say): it is simply not in the answer, and the listing stays complete, as a listing read a moment later would be.
   */
  const sessions = Effect.fn("DoceboHttp.sessions")(function* (courseId: DoceboCourseId, options?: SessionReadOptions) {
    const listed = yield* sessionList(courseId)
    const withEvents = yield* Effect.forEach(
      listed.items,
      ({
        endsAt,
        ...session
      }): Effect.Effect<
        { session: DoceboSession | null; gone: boolean; notices: ReadonlyArray<ReadNotice> },
        ReadError
      > =>
        options?.skipEvents?.({ ...session, endsAt })
          ? Effect.succeed({
              session: { ...session, endsAt, events: [], eventsUnread: true },
              gone: false,
              notices: [],
            })
          : events(session.id).pipe(
              Effect.map((read) => ({
                session: read.complete && read.unread.length === 0 ? { ...session, events: read.items } : null,
                gone: false,
                notices: read.unread.map((unread) => courseRecordUnreadable("event", unread, courseId)),
              })),
              Effect.catchTag("ReadFailed", (failure) =>
                Effect.succeed({ session: null, gone: failure.status === 404, notices: [] }),
              ),
            ),
      { concurrency },
    )
    return {
      items: withEvents.flatMap((read): ReadonlyArray<DoceboSession> => (read.session === null ? [] : [read.session])),
      complete: listed.complete && withEvents.every((read) => read.session !== null || read.gone),
      notices: [...listed.notices, ...withEvents.flatMap((read) => read.notices)],
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
          Effect.flatMap(client.decode(decodeOneRecord, route.path)),
          Effect.map((body): Read<DoceboUser> => {
            const { decoded, rejected } = decodeEach(Items.user.decode, [body.data])
            const where = { resource: route.path, page: 1, idKey: Items.user.idKey }
            return {
              items: decoded,
              complete: true,
              unread: rejected.map((each) => unreadOf(each, where, client.scrub)),
            }
          }),
          Effect.catchTag("ReadFailed", (failure) =>
            Effect.succeed({ items: [], complete: failure.status === 404, unread: [] }),
          ),
        )
      },
      { concurrency },
    ).pipe(
      Effect.map((answers) =>
        partialWithout(
          {
            items: answers.flatMap((answer) => answer.items),
            complete: answers.every((answer) => answer.complete),
            unread: answers.flatMap((answer) => answer.unread),
          },
          "user",
        ),
      ),
    )

  const reads: DoceboReads = {
    stamps: settings.stamps,
    courses,
    sessions,
    sessionList,
    sessionEvents: eventListing,
    locations: () => Effect.map(listAll(Routes.locations, Items.location), (read) => partialWithout(read, "location")),
    classrooms: () =>
      Effect.map(listAll(Routes.classrooms, Items.classroom), (read) => partialWithout(read, "classroom")),
    users: (ids) =>
      ids === undefined
        ? Effect.map(listAll(Routes.users, Items.user), (read) => partialWithout(read, "user"))
        : usersById(ids),
    webinarAccounts: () =>
      webinarAccountsOr404(
        Effect.map(listAll(Routes.webinarAccounts, Items.webinarAccount), (read) =>
          partialWithout(read, "webinar account"),
        ),
      ),
    domain: Effect.fn("DoceboHttp.domain")(function* () {
      const read = client.send(get(Routes.domain)).pipe(
        Effect.mapError(readFrom(Routes.domain)),
        Effect.flatMap(client.decode(decodeDomain, Routes.domain.path)),
        Effect.map((body): DoceboDomain => ({ ...body.data, checkedBy: "api" })),
      )
      return yield* domainOr404(read, settings.baseUrl, settings.mainDomain)
    }),
  }
  return { ...reads, events: eventListing }
}
