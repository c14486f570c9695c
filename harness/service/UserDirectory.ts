/**
 * Docebo's users as an operator picks trainers among them. The known state holds only the trainers' users while there
 * are few trainers (they are read one by one), so the whole user listing is kept apart, in the store's mirror: read
 * the first time it is asked for, again on request, and whenever a run lists every user anyway. It is decoded once per
 * read and kept in memory, so a search over 10,000 users costs no call and no decoding.
 */
import { Clock, Effect, Option, Schema } from "effect"
import type { StoreService } from "../../adapters/store/Store.ts"
import { Store } from "../../adapters/store/Store.ts"
import { DoceboUser } from "../../engine/model/Docebo.ts"
import type { DoceboUserId } from "../../engine/model/Ids.ts"
import { DoceboPort, type Listing, RequestPriority } from "../../engine/Ports.ts"
import { mirroredTrainers } from "./Mirrored.ts"
import { Systems } from "./Systems.ts"
import { allAssignments } from "./Trainers.ts"

/** Docebo's user listing could not be read to its end: a directory with users missing is not kept. */
export class UserDirectoryIncomplete extends Schema.TaggedError<UserDirectoryIncomplete>()("UserDirectoryIncomplete", {
  reason: Schema.String,
}) {}

export interface DirectoryUser {
  readonly id: string
  readonly username: string
  readonly firstName: string
  readonly lastName: string
  readonly email: string
  /** One of iltsync's trainers now (assigned, not removed). */
  readonly isTrainer: boolean
}

export interface DirectoryPage {
  readonly items: ReadonlyArray<DirectoryUser>
  readonly page: number
  /** Pages of `pageSize` the matching users fill; 0 when none matches. */
  readonly pages: number
  /** Users matching the search. */
  readonly total: number
  /** When Docebo's user listing was read. */
  readonly readAt: string
}

export interface DirectoryQuery {
  readonly search?: string | undefined
  readonly page?: number | undefined
  readonly pageSize?: number | undefined
}

const resource = "userDirectory"

/** Case and accents aside: `José` is found as `jose`. */
const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true })

const byName = (a: DoceboUser, b: DoceboUser) =>
  collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName) || collator.compare(a.id, b.id)

interface Entry {
  readonly user: DoceboUser
  /** What a search looks in, folded. */
  readonly text: string
}

interface Decoded {
  readonly readAt: string
  /** Sorted by last name, first name and id. */
  readonly entries: ReadonlyArray<Entry>
  readonly byId: ReadonlyMap<string, Entry>
}

/** Per store: the directory as last decoded, and one read of Docebo's listing at a time. */
const kept = new WeakMap<StoreService, { decoded: Decoded | null; readonly reads: Effect.Semaphore }>()

const keptFor = (store: StoreService) => {
  const found = kept.get(store)
  if (found !== undefined) return found
  const fresh = { decoded: null, reads: Effect.unsafeMakeSemaphore(1) }
  kept.set(store, fresh)
  return fresh
}

const isoNow = Effect.map(Clock.currentTimeMillis, (ms) => new Date(ms).toISOString())

/** Keeps a complete listing of every Docebo user as the directory, read at `readAt`. */
export const saveUserDirectory = Effect.fn("UserDirectory.save")(function* (
  users: ReadonlyArray<DoceboUser>,
  readAt: string,
) {
  const store = yield* Store
  const records = users.map((user) => ({ id: user.id, courseId: null, body: user }))
  yield* store.replaceMirrorListing("docebo", resource, records, readAt)
  keptFor(store).decoded = null
})

/**
 * A run's Docebo port that keeps a listing of every user it makes (a platform with many trainers) as the directory
 * too: no call more, and the trainer picker shows the users as the run read them. A failure to keep it is logged and
 * leaves the run alone.
 */
export const keepingUserDirectory = (store: StoreService) => {
  const keep = (users: ReadonlyArray<DoceboUser>) =>
    isoNow.pipe(
      Effect.flatMap((readAt) => saveUserDirectory(users, readAt)),
      Effect.provideService(Store, store),
      Effect.tapError((error) => Effect.logWarning("the user directory could not be saved", error)),
      Effect.ignore,
    )
  return Effect.updateService(DoceboPort, (port) => ({
    ...port,
    users: (ids?: ReadonlyArray<DoceboUserId>) =>
      ids !== undefined
        ? port.users(ids)
        : Effect.tap(port.users(), (listing) => (listing.complete ? keep(listing.items) : Effect.void)),
  }))
}

const reasonOf = (listing: Listing<DoceboUser>) => {
  const notices = listing.notices ?? []
  const first = notices[0]
  if (first === undefined) return "a page of Docebo's user listing could not be read after retries"
  return notices.length === 1 ? first.message : `${first.message} (and ${notices.length - 1} more)`
}

/** Reads Docebo's whole user listing now (at an operator's priority) and keeps it; callers take `reads` first. */
const readListing = Effect.gen(function* () {
  const ports = yield* Effect.flatMap(Systems, (systems) => systems.ports)
  const listing = yield* Effect.flatMap(DoceboPort, (docebo) => docebo.users()).pipe(
    Effect.provide(ports),
    Effect.locally(RequestPriority, "interactive"),
  )
  if (!listing.complete) return yield* new UserDirectoryIncomplete({ reason: reasonOf(listing) })
  const readAt = yield* isoNow
  yield* saveUserDirectory(listing.items, readAt)
  return { total: listing.items.length, readAt }
})

/** Reads Docebo's whole user listing now (at an operator's priority) and keeps it as the directory. */
export const refreshUserDirectory = Effect.fn("UserDirectory.refresh")(function* () {
  const store = yield* Store
  return yield* keptFor(store).reads.withPermits(1)(readListing)
})

const decodeUser = Schema.decodeUnknownOption(DoceboUser)

const decode = (readAt: string, bodies: ReadonlyArray<unknown>): Decoded => {
  // A record stored under an older schema is left out; the next read of the listing brings it back.
  const users = bodies.flatMap((body) => Option.toArray(decodeUser(body))).sort(byName)
  const entries = users.map((user) => ({
    user,
    text: fold([user.username, user.firstName, user.lastName, user.email, user.id].join("\n")),
  }))
  return { readAt, entries, byId: new Map(entries.map((entry) => [entry.user.id, entry])) }
}

/** The directory as last read, read first when it never was. */
const loadDirectory = Effect.gen(function* () {
  const store = yield* Store
  const state = keptFor(store)
  const readAtOf = store.mirrorListingReadAt("docebo", resource)
  // Never read: read once; a request that waited meanwhile finds it read.
  const readAt =
    (yield* readAtOf) ??
    (yield* state.reads.withPermits(1)(
      Effect.flatMap(readAtOf, (found) =>
        found === null ? Effect.map(readListing, (read) => read.readAt) : Effect.succeed(found),
      ),
    ))
  if (state.decoded?.readAt === readAt) return state.decoded
  const bodies = (yield* store.loadMirrorRecords("docebo", resource)).map((record) => record.body)
  state.decoded = decode(readAt, bodies)
  return state.decoded
})

/** The users who are iltsync's trainers now: assigned (or stamped in TO) and not removed. */
const trainerIds = Effect.gen(function* () {
  const store = yield* Store
  const assignments = allAssignments({
    assignments: yield* store.loadTrainerAssignments(),
    users: [],
    trainers: yield* mirroredTrainers(),
    links: new Map(),
  })
  return new Set<string>(assignments.filter((assignment) => !assignment.removed).map((assignment) => assignment.userId))
})

const viewOf = (user: DoceboUser, trainers: ReadonlySet<string>): DirectoryUser => ({
  id: user.id,
  username: user.username,
  firstName: user.firstName,
  lastName: user.lastName,
  email: user.email,
  isTrainer: trainers.has(user.id),
})

export const defaultPageSize = 25

/**
 * A page of the users whose username, first name, last name, e-mail or id holds every word of `search` (case and
 * accents aside), sorted by last name, first name and id.
 */
export const userDirectoryPage = Effect.fn("UserDirectory.page")(function* (query: DirectoryQuery) {
  const directory = yield* loadDirectory
  const words = fold(query.search ?? "")
    .split(/\s+/)
    .filter((word) => word !== "")
  const matching =
    words.length === 0
      ? directory.entries
      : directory.entries.filter((entry) => words.every((word) => entry.text.includes(word)))
  const page = query.page ?? 1
  const pageSize = query.pageSize ?? defaultPageSize
  const trainers = yield* trainerIds
  return {
    items: matching.slice((page - 1) * pageSize, page * pageSize).map((entry) => viewOf(entry.user, trainers)),
    page,
    pages: Math.ceil(matching.length / pageSize),
    total: matching.length,
    readAt: directory.readAt,
  } satisfies DirectoryPage
})

/** The directory's records of these users, in the order given; an id the directory does not have is left out. */
export const directoryUsers = Effect.fn("UserDirectory.users")(function* (ids: ReadonlyArray<string>) {
  const directory = yield* loadDirectory
  const trainers = yield* trainerIds
  return ids.flatMap((id) => {
    const entry = directory.byId.get(id.trim())
    return entry === undefined ? [] : [viewOf(entry.user, trainers)]
  })
})
