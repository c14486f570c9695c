/**
 * The sync horizon. A session whose last slot ended before it is history: nobody reschedules it, and its Docebo copy
 * carries the attendance that must never be disturbed. Its events are not read, nothing of it is written or deleted,
 * and a change TO makes to it is reported, not applied. Deciding costs no call: TO's sessions carry their slots, and
 * Docebo's session list says when each session ends. Pure.
 */
import { Context } from "effect"
import type { KnownState } from "./Known.ts"
import type { DoceboSession, DoceboSessionSummary, DoceboSnapshot } from "./model/Docebo.ts"
import type { StoreSnapshot } from "./model/Store.ts"
import type { ToSession, ToSnapshot } from "./model/Training.ts"
import { naturalKey } from "./Normalise.ts"
import type { ReadNotice } from "./Notices.ts"
import { type DoceboStamps, sessionStamp } from "./Stamps.ts"

/** How far back from now the horizon lies unless the tenant sets `ILTSYNC_SYNC_HORIZON_DAYS`. */
export const defaultHorizonDays = 7

/** The tenant's horizon, in days before each run's start; null reads and syncs every session, however old. */
export class HorizonDays extends Context.Reference<HorizonDays>()("engine/HorizonDays", {
  defaultValue: (): number | null => defaultHorizonDays,
}) {}

const dayMs = 86_400_000

/**
 * A slot's wall-clock end read as UTC, plus the widest offset west of UTC (12 h) and an hour for daylight saving: no
 * time zone makes the slot end later, so a session judged over by it is over wherever it was held.
 */
const latestEndMs = (day: string, end: string) => Date.parse(`${day}T${end.slice(0, 5)}:00Z`) + 13 * 3_600_000

/** The horizon (ISO time) `days` before `now`. */
export const horizonOf = (now: string, days: number): string => new Date(Date.parse(now) - days * dayMs).toISOString()

/** A TO session is over when it has slots and the last of them ended before the horizon. */
export const toSessionOver = (session: ToSession, horizonMs: number): boolean =>
  session.slots.length > 0 && session.slots.every((slot) => latestEndMs(slot.day, slot.end) < horizonMs)

/** When Docebo's session list says a session ends (UTC); null when it does not say. */
const listedEndMs = (session: DoceboSessionSummary): number | null => {
  if (session.endsAt == null) return null
  const ms = Date.parse(session.endsAt)
  return Number.isNaN(ms) ? null : ms
}

/** The first moment a session is held: its earliest slot's day (TO's sequence days), for ordering only. */
export const toSessionStart = (session: ToSession): string | null => {
  let first: string | null = null
  for (const slot of session.slots) if (first === null || slot.day < first) first = slot.day
  return first
}

/**
 * Which Docebo sessions are history, from what the listings say. A session paired with a TO session (by its link or
 * the id stamped on it) is judged by that session's slots, TO being the master of dates; one TO no longer lists, or
 * one made in Docebo, by the end Docebo's session list gives it (none given: not history, its events are read).
 */
export class History {
  private readonly horizonMs: number
  private readonly toById: ReadonlyMap<string, ToSession>
  private readonly toOfDocebo: ReadonlyMap<string, string>
  private readonly stampOf: (session: { readonly code?: string | undefined }) => string | null

  constructor(
    /** Null: no horizon, nothing is history (the class still tells which sessions start soonest). */
    readonly horizon: string | null,
    to: ReadonlyArray<ToSession>,
    store: StoreSnapshot,
    stamps: DoceboStamps,
  ) {
    this.horizonMs = horizon === null ? Number.NEGATIVE_INFINITY : Date.parse(horizon)
    this.toById = new Map(to.map((session) => [session.id, session]))
    this.toOfDocebo = new Map(store.links.session.map((link) => [link.docebo, link.to]))
    this.stampOf = sessionStamp(stamps)
  }

  /** The id of the TO session a Docebo session mirrors: by its link, else the id stamped on it. */
  pairIdOf(session: DoceboSessionSummary): string | null {
    return this.toOfDocebo.get(session.id) ?? this.stampOf(session)
  }

  /** The TO session a Docebo session mirrors, if TO lists it. */
  private pairOf(session: DoceboSessionSummary): ToSession | undefined {
    const id = this.pairIdOf(session)
    return id === null ? undefined : this.toById.get(id)
  }

  toOver(session: ToSession): boolean {
    return toSessionOver(session, this.horizonMs)
  }

  /** Whether a Docebo session is history, before its events are read. */
  doceboOver(session: DoceboSessionSummary): boolean {
    const pair = this.pairOf(session)
    if (pair !== undefined) return this.toOver(pair)
    const end = listedEndMs(session)
    return end !== null && end < this.horizonMs
  }

  /**
   * A Docebo session left unread as history whose TO session is live again (TO moved it forward): its events must be
   * read before anything of it can be planned.
   */
  unreadButLive(session: DoceboSession): boolean {
    return session.eventsUnread === true && !this.doceboOver(session)
  }
}

/** Both snapshots and the store without history: what the planner sees. */
export interface WithoutHistory {
  readonly docebo: DoceboSnapshot
  readonly to: ToSnapshot
  readonly store: StoreSnapshot
  /** Sessions left out as history (Docebo copies and TO sessions without one, each pair counted once). */
  readonly sessions: number
}

/**
 * The snapshots with every history session taken out, and the links between them: the planner then neither writes
 * nor deletes any of them, and keeps their links as they are. A Docebo session whose events were left unread is
 * never planned on, and neither is its TO session, until a read brings its events (engine/Reads.ts).
 */
export const withoutHistory = (
  docebo: DoceboSnapshot,
  to: ToSnapshot,
  store: StoreSnapshot,
  history: History,
): WithoutHistory => {
  const outDocebo = new Set<string>()
  const outTo = new Set<string>()
  for (const session of to.sessions) if (history.toOver(session)) outTo.add(session.id)
  const pairsOut: Array<string | null> = []
  for (const session of docebo.sessions) {
    if (!session.eventsUnread && !history.doceboOver(session)) continue
    outDocebo.add(session.id)
    const pair = history.pairIdOf(session)
    pairsOut.push(pair)
    if (pair !== null) outTo.add(pair)
  }
  // A Docebo copy and its TO session left out together count once.
  const pairs = new Set(pairsOut.filter((pair) => pair !== null && outTo.has(pair))).size
  if (outDocebo.size === 0 && outTo.size === 0) return { docebo, to, store, sessions: 0 }
  const keptLink = (link: { readonly docebo: string; readonly to: string }) =>
    !outDocebo.has(link.docebo) && !outTo.has(link.to)
  return {
    docebo: { ...docebo, sessions: docebo.sessions.filter((session) => !outDocebo.has(session.id)) },
    to: { ...to, sessions: to.sessions.filter((session) => !outTo.has(session.id)) },
    store: { ...store, links: { ...store.links, session: store.links.session.filter(keptLink) } },
    sessions: outDocebo.size + outTo.size - pairs,
  }
}

/** Where the notices of TO changes to history come from: `history:<Docebo course id>`. */
export const historySource = "history:"

/**
 * A TO change to a session that is history, per Docebo course: reported, never applied. Only sessions iltsync knew
 * before count (a first read finds every session new).
 */
export const historyChanges = (
  before: ReadonlyArray<ToSession>,
  changed: ReadonlyArray<ToSession>,
  history: History,
  doceboCourseOf: (toCourseId: string) => string | undefined,
): ReadonlyArray<ReadNotice & { readonly course: string }> => {
  const known = new Set(before.map((session) => session.id))
  const byCourse = new Map<string, Array<ToSession>>()
  for (const session of changed) {
    if (!known.has(session.id) || !history.toOver(session)) continue
    const course = doceboCourseOf(session.courseId)
    if (course === undefined) continue
    byCourse.set(course, [...(byCourse.get(course) ?? []), session])
  }
  return [...byCourse].map(([course, sessions]) => ({
    code: "history_changed",
    key: course,
    course,
    message: `${sessions.length} session${sessions.length === 1 ? "" : "s"} that ended before the sync horizon (${history.horizon}) changed in Training Orchestra and ${sessions.length === 1 ? "is" : "are"} not synced: ${sessions
      .map((session) => `"${session.name}" (${session.id})`)
      .sort()
      .join(", ")}; history is left as it is in Docebo`,
  }))
}

/** Each TO course's Docebo course id: by its link, else by its code (a first sync has no links yet). */
export const doceboCourseOfTo = (
  doceboCourses: ReadonlyArray<{ readonly id: string; readonly code: string }>,
  toCourses: ReadonlyArray<{ readonly id: string; readonly code: string }>,
  store: StoreSnapshot,
): ReadonlyMap<string, string> => {
  const byCode = new Map(doceboCourses.map((course) => [naturalKey(course.code), course.id]))
  const out = new Map<string, string>()
  for (const course of toCourses) {
    const id = byCode.get(naturalKey(course.code))
    if (id !== undefined) out.set(course.id, id)
  }
  for (const link of store.links.course) out.set(link.to, link.docebo)
  return out
}

/** Docebo course id → the first day of its earliest live validated TO session (`YYYY-MM-DD`). */
export const startsOfCourses = (
  known: KnownState,
  store: StoreSnapshot,
  history: History,
): ReadonlyMap<string, string> => {
  const courseOf = doceboCourseOfTo(known.docebo.courses, known.to.courses, store)
  const starts = new Map<string, string>()
  for (const session of known.to.sessions) {
    if (session.status !== "validated" || history.toOver(session)) continue
    const course = courseOf.get(session.courseId)
    const start = toSessionStart(session)
    if (course === undefined || start === null) continue
    const before = starts.get(course)
    if (before === undefined || start < before) starts.set(course, start)
  }
  return starts
}

/**
 * The Docebo courses with a live session starting within `days` of `now` (or started and not over), soonest first:
 * what a first sync reads, plans and applies before anything else.
 */
export const soonestCourses = (
  known: KnownState,
  store: StoreSnapshot,
  history: History,
  now: string,
  days: number,
): ReadonlyArray<{ readonly id: string; readonly code: string }> => {
  const until = new Date(Date.parse(now) + days * dayMs).toISOString().slice(0, 10)
  const codes = new Map(known.docebo.courses.map((course) => [course.id as string, course.code]))
  return [...startsOfCourses(known, store, history)]
    .filter(([, start]) => start <= until)
    .sort(([a, startA], [b, startB]) => startA.localeCompare(startB) || a.localeCompare(b))
    .flatMap(([id]) => {
      const code = codes.get(id)
      return code === undefined ? [] : [{ id, code }]
    })
}

/** The TO sessions starting within `days` of `now` (or started and not over), validated: a first sync's first writes. */
export const soonestSessions = (
  known: KnownState,
  history: History,
  now: string,
  days: number,
): ReadonlySet<string> => {
  const until = new Date(Date.parse(now) + days * dayMs).toISOString().slice(0, 10)
  const ids = new Set<string>()
  for (const session of known.to.sessions) {
    const start = toSessionStart(session)
    if (session.status === "validated" && !history.toOver(session) && start !== null && start <= until)
      ids.add(session.id)
  }
  return ids
}
