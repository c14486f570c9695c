/**
 * What each system holds after a write: the last known state, kept up to date from the writes iltsync makes and
 * their results, so the next plan needs no read to know what was just written. The same code updates the store's
 * mirror after a real apply and plays both systems in memory for the planner's properties.
 */
import type { DoceboEvent, DoceboSnapshot } from "./model/Docebo.ts"
import {
  DoceboClassroomId,
  DoceboEventId,
  DoceboLocationId,
  DoceboSessionId,
  ToCourseId,
  ToProviderId,
  ToRoomId,
  ToSiteId,
  ToTrainerId,
} from "./model/Ids.ts"
import type { ToSnapshot } from "./model/Training.ts"
import { day, time } from "./Normalise.ts"
import type { StepWrite } from "./OpWrites.ts"
import type { DoceboEventFields, DoceboWrite, ToWrite, WriteResult } from "./Writes.ts"

/** A snapshot's listings as arrays a write may change (the completeness flags are kept apart, as they were read). */
type ListsOf<S> = {
  -readonly [K in keyof S as S[K] extends ReadonlyArray<unknown> ? K : never]: S[K] extends ReadonlyArray<infer A>
    ? A[]
    : never
}
type DoceboLists = ListsOf<DoceboSnapshot>
type ToLists = ListsOf<ToSnapshot>
export type DoceboList = keyof DoceboLists
export type ToList = keyof ToLists

/** Replaces (never edits) the record with that id, so snapshots handed out earlier keep their values. */
const replace = <R extends { readonly id: string }>(list: R[], id: string, update: (record: R) => R): void => {
  const index = list.findIndex((record) => record.id === id)
  const record = list[index]
  if (record !== undefined) list[index] = update(record)
}

/** The id a system answered a create with, for the record the write made. */
const createdId = <Id extends string>(result: WriteResult, brand: { readonly make: (id: string) => Id }): Id =>
  brand.make(result.id ?? "")

const eventOf = (event: DoceboEventFields, id: DoceboEventId): DoceboEvent => ({
  ...event,
  id,
  name: "",
  joinUrl: null,
})

/** An event's natural key within its session: its date and start time (events carry no stamp). */
export const eventKey = (event: { readonly day: string; readonly timeBegin: string }): string =>
  `${day(event.day)} ${time(event.timeBegin)}`

/**
 * Docebo answers a session's creation with its id alone. Its events' ids are not read back at once (a call per
 * session, most never needed): until a read shows them, an event is known by this stand-in, which names its natural
 * key, and a write to it looks its id up first (adapters/docebo/Writes.ts).
 */
const standInMark = "~at:"
export const standInEventId = (sessionId: string, key: string) => `${sessionId}${standInMark}${key}`

/** The natural key an event's stand-in id names, or null for a real id. */
export const keyOfStandIn = (eventId: string): string | null => {
  const at = eventId.indexOf(standInMark)
  return at < 0 ? null : eventId.slice(at + standInMark.length)
}

type Handlers<L, U extends { kind: string }> = {
  readonly [K in U["kind"]]: (lists: L, write: Extract<U, { kind: K }>, result: WriteResult) => void
}

const doceboHandlers: Handlers<DoceboLists, DoceboWrite> = {
  createSession: (d, w, r) => {
    const id = createdId(r, DoceboSessionId)
    const eventId = (key: string) => DoceboEventId.make(r.items?.[key] ?? standInEventId(id, key))
    const events = w.events.map((e) => eventOf(e, eventId(eventKey(e))))
    d.sessions.push({ ...w.session, id, courseId: w.courseId, enrolled: 0, events })
  },
  updateSession: (d, w) => replace(d.sessions, w.sessionId, (s) => ({ ...s, ...w.fields })),
  deleteSession: (d, w) => {
    d.sessions = d.sessions.filter((s) => s.id !== w.sessionId)
  },
  createEvent: (d, w, r) =>
    replace(d.sessions, w.sessionId, (s) => ({
      ...s,
      events: [...s.events, eventOf(w.event, createdId(r, DoceboEventId))],
    })),
  // The answer's id is the event's real one when the write looked up a stand-in.
  updateEvent: (d, w, r) =>
    replace(d.sessions, w.sessionId, (s) => ({
      ...s,
      events: s.events.map((e) =>
        e.id === w.eventId ? { ...e, ...w.fields, id: r.id === undefined ? e.id : DoceboEventId.make(r.id) } : e,
      ),
    })),
  deleteEvent: (d, w) =>
    replace(d.sessions, w.sessionId, (s) => ({ ...s, events: s.events.filter((e) => e.id !== w.eventId) })),
  createLocation: (d, w, r) => d.locations.push({ ...w.location, id: createdId(r, DoceboLocationId) }),
  updateLocation: (d, w) => replace(d.locations, w.locationId, (l) => ({ ...l, ...w.fields })),
  createClassroom: (d, w, r) => d.classrooms.push({ ...w.classroom, id: createdId(r, DoceboClassroomId) }),
  updateClassroom: (d, w) => replace(d.classrooms, w.classroomId, (c) => ({ ...c, ...w.fields })),
  updateUser: (d, w) => replace(d.users, w.userId, (u) => ({ ...u, ...w.fields })),
}

const toHandlers: Handlers<ToLists, ToWrite> = {
  createCourse: (t, w, r) => t.courses.push({ ...w.course, id: createdId(r, ToCourseId) }),
  updateCourse: (t, w) => replace(t.courses, w.courseId, (c) => ({ ...c, ...w.fields })),
  createTrainer: (t, w, r) => t.trainers.push({ ...w.trainer, id: createdId(r, ToTrainerId) }),
  updateTrainer: (t, w) => replace(t.trainers, w.trainerId, (x) => ({ ...x, ...w.fields })),
  createVirtualRoom: (t, w, r) =>
    t.rooms.push({ ...w.room, id: createdId(r, ToRoomId), locationId: null, seats: null, kind: "virtual" }),
  updateRoom: (t, w) => replace(t.rooms, w.roomId, (x) => ({ ...x, ...w.fields })),
  createProvider: (t, w, r) => {
    const id = createdId(r, ToProviderId)
    const siteId = r.siteId === undefined ? null : ToSiteId.make(r.siteId)
    t.trainingProviders.push({ id, name: w.name, siteId, active: true })
    if (siteId !== null)
      t.sites.push({ id: siteId, name: w.name, address: "", city: "", country: "", trainingProviderId: id })
  },
  updateProvider: (t, w) => replace(t.trainingProviders, w.providerId, (p) => ({ ...p, ...w.fields })),
  flagSession: (t, w) =>
    replace(t.sessions, w.sessionId, (s) => ({ ...s, needsReconfiguration: w.needsReconfiguration })),
}

/** Copies the lists (not the records) so the caller's snapshot is never changed. */
const doceboListsOf = (s: DoceboSnapshot): DoceboLists => ({
  courses: [...s.courses],
  sessions: [...s.sessions],
  locations: [...s.locations],
  classrooms: [...s.classrooms],
  users: [...s.users],
  webinarAccounts: [...s.webinarAccounts],
})
const toListsOf = (s: ToSnapshot): ToLists => ({
  courses: [...s.courses],
  sessions: [...s.sessions],
  trainingProviders: [...s.trainingProviders],
  sites: [...s.sites],
  trainers: [...s.trainers],
  locations: [...s.locations],
  rooms: [...s.rooms],
})

/** Which Docebo list and record a write touches: the store's mirror keeps these up to date. */
const doceboTouched = (w: DoceboWrite, result: WriteResult): { readonly resource: DoceboList; readonly id: string } => {
  switch (w.kind) {
    case "createSession":
      return { resource: "sessions", id: result.id ?? "" }
    case "updateSession":
    case "deleteSession":
    case "createEvent":
    case "updateEvent":
    case "deleteEvent":
      return { resource: "sessions", id: w.sessionId }
    case "createLocation":
      return { resource: "locations", id: result.id ?? "" }
    case "updateLocation":
      return { resource: "locations", id: w.locationId }
    case "createClassroom":
      return { resource: "classrooms", id: result.id ?? "" }
    case "updateClassroom":
      return { resource: "classrooms", id: w.classroomId }
    case "updateUser":
      return { resource: "users", id: w.userId }
  }
}

const toTouched = (w: ToWrite, result: WriteResult): { readonly resource: ToList; readonly id: string } => {
  switch (w.kind) {
    case "createCourse":
      return { resource: "courses", id: result.id ?? "" }
    case "updateCourse":
      return { resource: "courses", id: w.courseId }
    case "createTrainer":
      return { resource: "trainers", id: result.id ?? "" }
    case "updateTrainer":
      return { resource: "trainers", id: w.trainerId }
    case "createVirtualRoom":
      return { resource: "rooms", id: result.id ?? "" }
    case "updateRoom":
      return { resource: "rooms", id: w.roomId }
    case "createProvider":
      return { resource: "trainingProviders", id: result.id ?? "" }
    case "updateProvider":
      return { resource: "trainingProviders", id: w.providerId }
    case "flagSession":
      return { resource: "sessions", id: w.sessionId }
  }
}

type Item<L, K extends keyof L> = L[K] extends Array<infer A> ? A : never

/** A record as a write left it (null when the write deleted it), for the store's mirror. */
export type Touched =
  | {
      readonly system: "docebo"
      readonly resource: DoceboList
      readonly id: string
      readonly record: Item<DoceboLists, DoceboList> | null
    }
  | {
      readonly system: "to"
      readonly resource: ToList
      readonly id: string
      readonly record: Item<ToLists, ToList> | null
    }

/** The two snapshots as a working copy that writes are applied to. */
export class Mirror {
  private readonly docebo: DoceboLists
  private readonly to: ToLists
  private readonly complete: { readonly docebo: DoceboSnapshot["complete"]; readonly to: ToSnapshot["complete"] }

  constructor(docebo: DoceboSnapshot, to: ToSnapshot) {
    this.docebo = doceboListsOf(docebo)
    this.to = toListsOf(to)
    this.complete = { docebo: docebo.complete, to: to.complete }
  }

  /** Records what the system holds once `step` succeeded with `result`; returns the record as it now is. */
  apply(step: StepWrite, result: WriteResult): Touched {
    if (step.system === "docebo") {
      const write = step.write
      const handler = doceboHandlers[write.kind] as (lists: DoceboLists, write: DoceboWrite, r: WriteResult) => void
      handler(this.docebo, write, result)
      const { resource, id } = doceboTouched(write, result)
      const list: ReadonlyArray<Item<DoceboLists, DoceboList>> = this.docebo[resource]
      return { system: "docebo", resource, id, record: list.find((r) => r.id === id) ?? null }
    }
    const write = step.write
    const handler = toHandlers[write.kind] as (lists: ToLists, write: ToWrite, r: WriteResult) => void
    handler(this.to, write, result)
    const { resource, id } = toTouched(write, result)
    const list: ReadonlyArray<Item<ToLists, ToList>> = this.to[resource]
    return { system: "to", resource, id, record: list.find((r) => r.id === id) ?? null }
  }

  snapshots(): { readonly docebo: DoceboSnapshot; readonly to: ToSnapshot } {
    return {
      docebo: { ...this.docebo, complete: this.complete.docebo },
      to: { ...this.to, complete: this.complete.to },
    }
  }
}
