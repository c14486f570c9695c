/**
 * Economical reads. Training Orchestra is read incrementally from each resource's cursor (its API is cheap). Docebo's
 * small listings are read in full (deletions show only in full listings); its sessions, which cost a call per course
 * and per session, are read only for courses that need it: never read yet, asked for, losing a session (enrollment
 * counts must be fresh before a deletion), and a few courses per run as a rotating drift audit.
 */
import { Effect } from "effect"
import type { ReadError } from "./Errors.ts"
import { doceboCourseOfTo, History, historyChanges, historySource, soonestCourses, startsOfCourses } from "./Horizon.ts"
import { type KnownState, mergeById } from "./Known.ts"
import type { DoceboCourse, DoceboSession } from "./model/Docebo.ts"
import type { DoceboCourseId } from "./model/Ids.ts"
import type { StoreSnapshot } from "./model/Store.ts"
import type { ToSnapshot } from "./model/Training.ts"
import { naturalKey } from "./Normalise.ts"
import { failingCourses, type ReadNotice, replaceNotices } from "./Notices.ts"
import { DoceboPort, type Listing, ToPort, type ToRecords, type ToResource } from "./Ports.ts"
import { sameValue } from "./SameValue.ts"

export interface ReadOptions {
  /** Read every TO resource in full instead of from its cursor (a periodic full reconcile). */
  readonly full?: boolean
  /** Docebo courses whose sessions must be read now (a webhook named them). */
  readonly courses?: ReadonlyArray<string>
  /** Courses whose sessions are re-read per run to catch drift no webhook announced. */
  readonly auditCourses?: number
  /** Below this many trainers, their users are read one by one instead of listing every user. */
  readonly usersByIdBelow?: number
  /**
   * Read only these listings (the others are as last known): a run after a webhook reads what the webhook names,
   * e.g. `{ to: ["sessions"], docebo: [] }` after a TO session changed. All by default.
   */
  readonly listings?: { readonly to?: ReadonlyArray<ToResource>; readonly docebo?: ReadonlyArray<DoceboListing> }
  /**
   * The Docebo course codes a scoped run plans. With `unreadOnlyInScope` (a full run is reading every course right
   * now), of the courses whose sessions were never read it reads only these; otherwise it reads them all, since one
   * unread course makes the whole session listing partial and blocks deletions in every course.
   */
  readonly planCourses?: ReadonlyArray<string>
  readonly unreadOnlyInScope?: boolean
  /**
   * Called once the listings are read, before the sessions are: what is known by then (the sessions as before). A
   * full run that reads for hours publishes it, so that a webhook's course sync meanwhile knows the courses.
   */
  readonly afterListings?: (known: KnownState) => Effect.Effect<void>
  /** Called as the read goes: when it starts, after each listing, once the listings are read, after each course. */
  readonly readProgress?: (progress: ReadProgress) => Effect.Effect<void>
  /**
   * The sync horizon (ISO time): sessions whose last slot ended before it are history, and their events are not read
   * (engine/Horizon.ts). None: every session is read.
   */
  readonly horizon?: string | null
  /**
   * A first sync reads the courses with a live session starting within `days` first, and hands `read` what is known
   * once they are read, with their codes, when other courses are left to read (engine/Horizon.ts `soonestCourses`).
   */
  readonly soonest?: {
    readonly days: number
    readonly read: (known: KnownState, codes: ReadonlyArray<string>) => Effect.Effect<void>
  }
  readonly now: string
}

/** How far a read has got: a first sync under Docebo's hourly limit reads for hours, and its job shows this. */
export interface ReadProgress {
  /** Listings read (to their end, or as far as they could be) of those this run reads, in both systems. */
  readonly listingsRead: number
  readonly listingsTotal: number
  /** Of the listings not read yet, Docebo's: each costs at least one call of its hourly budget. */
  readonly doceboListingsLeft: number
  /** Records decoded so far: the listings' items, and the sessions read with their events. */
  readonly recordsRead: number
  /** The courses whose sessions (each with its events) this run reads; null until the listings are read. */
  readonly sessionsToRead: number | null
  /** Of those courses, how many are read. */
  readonly sessionsRead: number
  /**
   * The sessions found in them so far: each cost a call for its events, besides its course's call (history costs
   * none, and is not counted).
   */
  readonly sessionsFound: number
}

export type DoceboListing = "courses" | "locations" | "classrooms" | "users" | "webinarAccounts"

/** A deleted course's sessions: they went with it. */
const noSessions: Listing<DoceboSession> = { items: [], complete: true }

/** Where a course's session notices come from: `sessions:<course id>`. */
const sessionsSource = "sessions:"

const allDocebo: ReadonlyArray<DoceboListing> = ["courses", "locations", "classrooms", "users", "webinarAccounts"]

const toResources: ReadonlyArray<ToResource> = [
  "courses",
  "sessions",
  "trainingProviders",
  "sites",
  "trainers",
  "locations",
  "rooms",
]

/**
 * Records of an incremental read that differ from what is known. `updated_since` is inclusive, so every read returns
 * the records stamped at the cursor again; those are not changes.
 */
export const reallyChanged = <A extends { readonly id: string }>(
  known: ReadonlyArray<A>,
  read: ReadonlyArray<A>,
): A[] => {
  if (read.length === 0) return []
  const byId = new Map(known.map((record) => [record.id, record]))
  return read.filter((record) => {
    const before = byId.get(record.id)
    return before === undefined || !sameValue(before, record)
  })
}

/** The Docebo courses whose sessions this run reads, most needed first. */
export const coursesToRead = (
  known: KnownState,
  store: StoreSnapshot,
  changedToSessions: ToSnapshot["sessions"],
  options: ReadOptions,
  history: History | null = null,
): ReadonlyArray<DoceboCourseId> => {
  const wanted = new Set<string>(options.courses ?? [])
  const scope =
    options.planCourses === undefined || options.unreadOnlyInScope !== true
      ? null
      : new Set(options.planCourses.map((code) => naturalKey(code)))
  // The courses never read, those whose sessions start soonest first: under Docebo's hourly limit a first sync reads
  // for hours, and next week's schedule is what an operator needs first.
  const starts = history === null ? null : startsOfCourses(known, store, history)
  const unread = known.docebo.courses.filter(
    (course) => known.sessionsReadAt[course.id] === undefined && (scope === null || scope.has(naturalKey(course.code))),
  )
  if (starts !== null)
    unread.sort((a, b) => (starts.get(a.id) ?? "~").localeCompare(starts.get(b.id) ?? "~") || a.id.localeCompare(b.id))
  for (const course of unread) wanted.add(course.id)
  const doceboCourseOf = new Map(store.links.course.map((link) => [link.to, link.docebo]))
  for (const session of changedToSessions) {
    const course = doceboCourseOf.get(session.courseId)
    if (course !== undefined && session.status !== "validated") wanted.add(course)
  }
  // A session left unread as history that TO has since moved forward: its events are read now.
  if (history !== null)
    for (const session of known.docebo.sessions) if (history.unreadButLive(session)) wanted.add(session.courseId)
  const audit = [...known.docebo.courses]
    .filter((course) => !wanted.has(course.id))
    .sort(
      (a, b) =>
        (known.sessionsReadAt[a.id] ?? "").localeCompare(known.sessionsReadAt[b.id] ?? "") || a.id.localeCompare(b.id),
    )
    .slice(0, options.auditCourses ?? 2)
  // Only courses Docebo still lists can be read: a deleted course's sessions went with it.
  const listed = new Map<string, DoceboCourseId>(known.docebo.courses.map((course) => [course.id, course.id]))
  return [...[...wanted].flatMap((id) => listed.get(id) ?? []), ...audit.map((course) => course.id)]
}

/** Reads what may have changed and returns the updated knowledge of both systems. */
export const readChanges = Effect.fn("Reads.readChanges")(function* (
  known: KnownState,
  store: StoreSnapshot,
  options: ReadOptions,
) {
  const docebo = yield* DoceboPort
  const to = yield* ToPort
  const readingTo = new Set(options.listings?.to ?? toResources)
  const reading = new Set(options.listings?.docebo ?? allDocebo)

  const progress = {
    listingsRead: 0,
    listingsTotal: readingTo.size + reading.size,
    doceboListingsLeft: reading.size,
    recordsRead: 0,
    sessionsToRead: null as number | null,
    sessionsRead: 0,
    sessionsFound: 0,
  }
  const report = Effect.suspend(() => options.readProgress?.({ ...progress }) ?? Effect.void)
  const readOne = (system: "docebo" | "to") => (listing: Listing<unknown>) =>
    Effect.suspend(() => {
      progress.listingsRead += 1
      if (system === "docebo") progress.doceboListingsLeft -= 1
      progress.recordsRead += listing.items.length
      return report
    })
  yield* report

  // Training Orchestra: from each cursor, or everything.
  const cursors: Record<string, string> = { ...known.cursors }
  const readTo = <R extends ToResource>(resource: R, knownItems: ReadonlyArray<ToRecords[R]>) => {
    const kept = {
      items: knownItems,
      complete: known.to.complete[resource],
      changed: [] as ReadonlyArray<ToRecords[R]>,
    }
    if (!readingTo.has(resource)) return Effect.succeed(kept)
    const since = options.full ? undefined : known.cursors[`to:${resource}`]
    return to.list(resource, since === undefined ? {} : { updatedSince: since }).pipe(
      Effect.tap(readOne("to")),
      Effect.map((listing) => {
        if (listing.newest !== null) cursors[`to:${resource}`] = listing.newest
        return {
          items: since === undefined ? listing.items : mergeById(knownItems, listing.items),
          complete: listing.complete && (since === undefined || known.to.complete[resource]),
          changed: reallyChanged(knownItems, listing.items),
        }
      }),
    )
  }
  const kt = known.to
  const toReads = yield* Effect.all(
    {
      courses: readTo("courses", kt.courses),
      sessions: readTo("sessions", kt.sessions),
      trainingProviders: readTo("trainingProviders", kt.trainingProviders),
      sites: readTo("sites", kt.sites),
      trainers: readTo("trainers", kt.trainers),
      locations: readTo("locations", kt.locations),
      rooms: readTo("rooms", kt.rooms),
    },
    { concurrency: 4 },
  )
  const toNext: ToSnapshot = {
    courses: toReads.courses.items,
    sessions: toReads.sessions.items,
    trainingProviders: toReads.trainingProviders.items,
    sites: toReads.sites.items,
    trainers: toReads.trainers.items,
    locations: toReads.locations.items,
    rooms: toReads.rooms.items,
    complete: {
      courses: toReads.courses.complete,
      sessions: toReads.sessions.complete,
      trainingProviders: toReads.trainingProviders.complete,
      sites: toReads.sites.complete,
      trainers: toReads.trainers.complete,
      locations: toReads.locations.complete,
      rooms: toReads.rooms.complete,
    },
  }
  const changedSessions = toReads.sessions.changed
  const history = new History(options.horizon ?? null, toNext.sessions, store, docebo.stamps)

  // Docebo: the small listings in full, or as last known when this run does not read them.
  const knownListing = <A>(items: ReadonlyArray<A>, complete: boolean): Effect.Effect<Listing<A>> =>
    Effect.succeed({ items, complete })
  const kd = known.docebo
  const [courses, locations, classrooms, webinarAccounts] = yield* Effect.all(
    [
      reading.has("courses")
        ? docebo.courses().pipe(Effect.tap(readOne("docebo")))
        : knownListing(kd.courses, kd.complete.courses),
      reading.has("locations")
        ? docebo.locations().pipe(Effect.tap(readOne("docebo")))
        : knownListing(kd.locations, kd.complete.locations),
      reading.has("classrooms")
        ? docebo.classrooms().pipe(Effect.tap(readOne("docebo")))
        : knownListing(kd.classrooms, kd.complete.classrooms),
      reading.has("webinarAccounts")
        ? docebo.webinarAccounts().pipe(Effect.tap(readOne("docebo")))
        : knownListing(kd.webinarAccounts, kd.complete.webinarAccounts),
    ] as const,
    { concurrency: 4 },
  )
  // The users behind trainers: those iltsync assigned, and those TO trainers are stamped with.
  const trainerIds = [
    ...new Set([
      ...store.trainers.map((trainer) => trainer.userId),
      ...toNext.trainers.flatMap((trainer) => (trainer.externalRef === null ? [] : [trainer.externalRef])),
    ]),
  ].sort()
  const byId = trainerIds.length < (options.usersByIdBelow ?? 10)
  const users = reading.has("users")
    ? yield* docebo.users(byId ? trainerIds : undefined).pipe(Effect.tap(readOne("docebo")))
    : { items: kd.users, complete: kd.complete.users }

  // The notices of each listing read replace those of its last read; a listing not read keeps its own.
  const readListings: ReadonlyArray<readonly [DoceboListing, Listing<unknown>]> = [
    ["courses", courses],
    ["locations", locations],
    ["classrooms", classrooms],
    ["users", users],
    ["webinarAccounts", webinarAccounts],
  ]
  const listingNotices = [
    ...readListings
      .filter(([name]) => reading.has(name))
      .map(([source, listing]) => ({ source, notices: listing.notices })),
    ...historyNotices(
      known,
      toNext,
      store,
      changedSessions,
      history,
      courses.items,
      options,
      readingTo.has("sessions"),
    ),
  ]

  // A course whose record could not be decoded fails alone: it is kept as last known, not taken for gone.
  const undecoded = failingCourses(reading.has("courses") ? (courses.notices ?? []) : [])
  const shown = new Set<string>(courses.items.map((course) => course.id))
  const courseItems = [...courses.items, ...kd.courses.filter((c) => undecoded.has(c.id) && !shown.has(c.id))]

  const listed: KnownState = {
    notices: replaceNotices(known.notices ?? [], listingNotices),
    docebo: {
      ...known.docebo,
      courses: courseItems,
      locations: locations.items,
      classrooms: classrooms.items,
      users: users.items,
      webinarAccounts: webinarAccounts.items,
      complete: {
        ...known.docebo.complete,
        courses: courses.complete,
        locations: locations.complete,
        classrooms: classrooms.complete,
        users: users.complete,
        webinarAccounts: webinarAccounts.complete,
      },
    },
    to: toNext,
    cursors,
    sessionsReadAt: known.sessionsReadAt,
  }
  if (options.afterListings) yield* options.afterListings(listed)

  // Docebo sessions of the courses that need reading; the others are as last known.
  const withCourses: KnownState = { ...known, docebo: { ...known.docebo, courses: courseItems } }
  const toRead = coursesToRead({ ...withCourses, to: toNext }, store, changedSessions, options, history)
  progress.sessionsToRead = toRead.length
  yield* report
  const courseRead = (listing: Listing<DoceboSession>) =>
    Effect.suspend(() => {
      progress.sessionsRead += 1
      const withEvents = listing.items.filter((session) => session.eventsUnread !== true)
      progress.sessionsFound += withEvents.length
      progress.recordsRead += listing.items.reduce((sum, session) => sum + 1 + session.events.length, 0)
      return report
    })
  const readCourse = (courseId: DoceboCourseId) =>
    docebo.sessions(courseId, options.horizon == null ? undefined : { skipEvents: (s) => history.doceboOver(s) }).pipe(
      Effect.map((listing) => ({ courseId, listing, gone: false })),
      // A course deleted in Docebo since its listing was read: its sessions went with it.
      Effect.catchIf(
        (failure) => failure._tag === "ReadFailed" && failure.status === 404,
        () => Effect.succeed({ courseId, listing: noSessions, gone: true }),
      ),
      Effect.tap((read) => courseRead(read.listing)),
    )
  // The courses starting soonest are read first; when more are left to read, what is known by then is handed over, so
  // that their sessions reach Docebo within the first hour of a first sync rather than once every course is read.
  const soonest = options.soonest
  const first = new Set<string>(
    soonest === undefined
      ? []
      : soonestCourses({ ...withCourses, to: toNext }, store, history, options.now, soonest.days).map((c) => c.id),
  )
  const firstRead = yield* Effect.forEach(
    toRead.filter((id) => first.has(id)),
    readCourse,
    { concurrency: 2 },
  )
  const rest = toRead.filter((id) => !first.has(id))
  if (soonest !== undefined && firstRead.length > 0 && rest.length > 0) {
    const codes = new Map(courseItems.map((course) => [course.id as string, course.code]))
    const read = firstRead.map((each) => each.courseId)
    yield* soonest.read(
      assembleSessions(known, listed, courseItems, firstRead, options.now),
      read.flatMap((id) => codes.get(id) ?? []),
    )
  }
  const restRead = yield* Effect.forEach(rest, readCourse, { concurrency: 2 })
  return assembleSessions(known, listed, courseItems, [...firstRead, ...restRead], options.now)
}) as (
  known: KnownState,
  store: StoreSnapshot,
  options: ReadOptions,
) => Effect.Effect<KnownState, ReadError, DoceboPort | ToPort>

/**
 * The notices of TO changes to history, one source per Docebo course (`history:<id>`): a course's are replaced when
 * a read finds it changed again, and every course's by a full read, so a warning lasts until the next full reconcile.
 */
const historyNotices = (
  known: KnownState,
  to: ToSnapshot,
  store: StoreSnapshot,
  changed: ToSnapshot["sessions"],
  history: History | null,
  doceboCourses: ReadonlyArray<{ readonly id: string; readonly code: string }>,
  options: ReadOptions,
  readSessions: boolean,
): ReadonlyArray<{ readonly source: string; readonly notices: ReadonlyArray<ReadNotice> }> => {
  if (history === null || !readSessions) return []
  const courseOf = doceboCourseOfTo(doceboCourses, to.courses, store)
  const doceboCourseOf = (toCourseId: string) => courseOf.get(toCourseId)
  const found = historyChanges(known.to.sessions, changed, history, doceboCourseOf)
  const sources = new Map<string, ReadonlyArray<ReadNotice>>(
    found.map((notice) => [`${historySource}${notice.course}`, [notice]]),
  )
  if (options.full)
    for (const notice of known.notices ?? [])
      if (notice.source.startsWith(historySource) && !sources.has(notice.source)) sources.set(notice.source, [])
  return [...sources].map(([source, notices]) => ({ source, notices }))
}

interface CourseSessions {
  readonly courseId: DoceboCourseId
  readonly listing: Listing<DoceboSession>
  readonly gone: boolean
}

/** What is known once these courses' sessions are read: the listings as `listed` has them, and those sessions. */
const assembleSessions = (
  known: KnownState,
  listed: KnownState,
  courseItems: ReadonlyArray<DoceboCourse>,
  sessionListings: ReadonlyArray<CourseSessions>,
  now: string,
): KnownState => {
  const gone = new Set(sessionListings.filter((read) => read.gone).map((read) => read.courseId))
  const readCourses = new Set(sessionListings.map((read) => read.courseId))
  const listedCourses = courseItems.filter((course) => !gone.has(course.id))
  const liveCourses = new Set<string>(listedCourses.map((course) => course.id))
  const sessions: DoceboSession[] = known.docebo.sessions.filter(
    (session) => !readCourses.has(session.courseId) && liveCourses.has(session.courseId),
  )
  // A course's session notices go with its sessions: replaced when they are read, dropped when the course is gone.
  const sessionNotices = sessionListings.map(({ courseId, listing }) => ({
    source: `${sessionsSource}${courseId}`,
    notices: listing.notices,
  }))
  const notices = replaceNotices(listed.notices ?? [], sessionNotices).filter(
    (notice) =>
      !notice.source.startsWith(sessionsSource) || liveCourses.has(notice.source.slice(sessionsSource.length)),
  )
  // A course that fails on its own has all its ops blocked by the planner: its partial read need not make every
  // course's sessions partial (which would block deletions everywhere).
  const failing = failingCourses(notices)

  const sessionsReadAt: Record<string, string> = {}
  const unread = new Set<string>()
  let sessionsComplete = true
  for (const { courseId, listing } of sessionListings) {
    if (listing.complete) {
      sessions.push(...listing.items)
      sessionsReadAt[courseId] = now
      continue
    }
    // A partial listing is not the course's sessions: what it did not show is kept as last known, and the course
    // counts as unread, so no session of it is created or deleted until a complete read.
    const before = known.docebo.sessions.filter((session) => session.courseId === courseId)
    sessions.push(...mergeById(before, listing.items))
    unread.add(courseId)
    if (!failing.has(courseId)) sessionsComplete = false
  }
  for (const course of listedCourses) {
    const readAt = sessionsReadAt[course.id] ?? (unread.has(course.id) ? undefined : known.sessionsReadAt[course.id])
    if (readAt !== undefined) sessionsReadAt[course.id] = readAt
    else if (!failing.has(course.id)) sessionsComplete = false
  }

  return {
    ...listed,
    notices,
    docebo: {
      ...listed.docebo,
      courses: listedCourses,
      sessions,
      complete: { ...listed.docebo.complete, sessions: sessionsComplete },
    },
    sessionsReadAt,
  } satisfies KnownState
}
