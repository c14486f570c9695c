/**
 * What each system holds after a write: the last known state, kept up to date from the writes iltsync makes and
 * their results, so the next plan needs no read to know what was just written. The same code updates the store's
 * mirror after a real apply and plays both systems in memory for the planner's properties.
 */
import type { DoceboSnapshot } from "./model/Docebo.ts"
import type { ToSnapshot } from "./model/Training.ts"
import type { StepWrite } from "./OpWrites.ts"
import type { DoceboWrite, ToWrite, WriteResult } from "./Writes.ts"

type Rec = Record<string, unknown>
type Lists = Record<string, Rec[]>

/** Replaces (never edits) the record with that id, so snapshots handed out earlier keep their values. */
const replace = (list: Rec[], id: unknown, update: (record: Rec) => Rec): void => {
  const index = list.findIndex((record) => record.id === id)
  if (index >= 0) list[index] = update(list[index] as Rec)
}

const eventOf = (event: Rec, id: unknown): Rec => ({ ...event, id, name: "", joinUrl: null })

/**
 * Docebo answers a session's creation with its id alone. Its events' ids are not read back at once (a call per
 * session, most never needed): until a read shows them, an event is known by this stand-in, and a write to it looks
 * its id up first (adapters/docebo/Writes.ts).
 */
const standInMark = "~slot:"
export const standInEventId = (sessionId: string, externalId: string) => `${sessionId}${standInMark}${externalId}`

/** The slot id an event's stand-in id names, or null for a real id. */
export const slotOfStandIn = (eventId: string): string | null => {
  const at = eventId.indexOf(standInMark)
  return at < 0 ? null : eventId.slice(at + standInMark.length)
}

type Handler<W> = (lists: Lists, write: W, result: WriteResult) => void
type Handlers<U extends { kind: string }> = { readonly [K in U["kind"]]: Handler<Extract<U, { kind: K }>> }

const doceboHandlers: Handlers<DoceboWrite> = {
  createSession: (d, w, r) => {
    const events = w.events.map((e) =>
      eventOf({ ...e }, r.items?.[e.externalId] ?? standInEventId(String(r.id), String(e.externalId))),
    )
    d.sessions?.push({ ...w.session, id: r.id, courseId: w.courseId, enrolled: 0, events })
  },
  updateSession: (d, w) => replace(d.sessions ?? [], w.sessionId, (s) => ({ ...s, ...w.fields })),
  deleteSession: (d, w) => {
    d.sessions = (d.sessions ?? []).filter((s) => s.id !== w.sessionId)
  },
  createEvent: (d, w, r) =>
    replace(d.sessions ?? [], w.sessionId, (s) => ({
      ...s,
      events: [...(s.events as Rec[]), eventOf({ ...w.event }, r.id)],
    })),
  // The answer's id is the event's real one when the write looked up a stand-in.
  updateEvent: (d, w, r) =>
    replace(d.sessions ?? [], w.sessionId, (s) => ({
      ...s,
      events: (s.events as Rec[]).map((e) => (e.id === w.eventId ? { ...e, ...w.fields, id: r.id ?? e.id } : e)),
    })),
  deleteEvent: (d, w) =>
    replace(d.sessions ?? [], w.sessionId, (s) => ({
      ...s,
      events: (s.events as Rec[]).filter((e) => e.id !== w.eventId),
    })),
  createLocation: (d, w, r) => d.locations?.push({ ...w.location, id: r.id }),
  updateLocation: (d, w) => replace(d.locations ?? [], w.locationId, (l) => ({ ...l, ...w.fields })),
  createClassroom: (d, w, r) => d.classrooms?.push({ ...w.classroom, id: r.id }),
  updateClassroom: (d, w) => replace(d.classrooms ?? [], w.classroomId, (c) => ({ ...c, ...w.fields })),
  updateUser: (d, w) => replace(d.users ?? [], w.userId, (u) => ({ ...u, ...w.fields })),
}

const toHandlers: Handlers<ToWrite> = {
  createCourse: (t, w, r) => t.courses?.push({ ...w.course, id: r.id }),
  updateCourse: (t, w) => replace(t.courses ?? [], w.courseId, (c) => ({ ...c, ...w.fields })),
  createTrainer: (t, w, r) => t.trainers?.push({ ...w.trainer, id: r.id }),
  updateTrainer: (t, w) => replace(t.trainers ?? [], w.trainerId, (x) => ({ ...x, ...w.fields })),
  createVirtualRoom: (t, w, r) =>
    t.rooms?.push({
      ...w.room,
      id: r.id,
      locationId: null,
      seats: null,
      kind: "virtual",
      webinarTool: w.room.webinarTool,
    }),
  updateRoom: (t, w) => replace(t.rooms ?? [], w.roomId, (x) => ({ ...x, ...w.fields })),
  createProvider: (t, w, r) => {
    t.trainingProviders?.push({ id: r.id, name: w.name, siteId: r.siteId ?? null, active: true })
    if (r.siteId !== undefined) {
      t.sites?.push({ id: r.siteId, name: w.name, address: "", city: "", country: "", trainingProviderId: r.id })
    }
  },
  updateProvider: (t, w) => replace(t.trainingProviders ?? [], w.providerId, (p) => ({ ...p, ...w.fields })),
  flagSession: (t, w) =>
    replace(t.sessions ?? [], w.sessionId, (s) => ({ ...s, needsReconfiguration: w.needsReconfiguration })),
}

/** Copies the lists (not the records) so the caller's snapshot is never changed. */
const listsOf = (snapshot: object): Lists =>
  Object.fromEntries(Object.entries(snapshot).map(([key, value]) => [key, Array.isArray(value) ? [...value] : value]))

/** Which list and record a write touches: the store's mirror keeps these up to date. */
const touchedBy = (step: StepWrite, result: WriteResult): { readonly resource: string; readonly id: string } => {
  const w = step.write as Rec
  const id = (key: string) => String(w[key] ?? result.id)
  switch (step.write.kind) {
    case "createSession":
      return { resource: "sessions", id: String(result.id) }
    case "updateSession":
    case "deleteSession":
    case "createEvent":
    case "updateEvent":
    case "deleteEvent":
      return { resource: "sessions", id: id("sessionId") }
    case "createLocation":
    case "updateLocation":
      return { resource: "locations", id: id("locationId") }
    case "createClassroom":
    case "updateClassroom":
      return { resource: "classrooms", id: id("classroomId") }
    case "updateUser":
      return { resource: "users", id: id("userId") }
    case "createCourse":
    case "updateCourse":
      return { resource: "courses", id: id("courseId") }
    case "createTrainer":
    case "updateTrainer":
      return { resource: "trainers", id: id("trainerId") }
    case "createVirtualRoom":
    case "updateRoom":
      return { resource: "rooms", id: id("roomId") }
    case "createProvider":
    case "updateProvider":
      return { resource: "trainingProviders", id: id("providerId") }
    case "flagSession":
      return { resource: "sessions", id: id("sessionId") }
  }
}

/** A record as a write left it (null when the write deleted it), for the store's mirror. */
export interface Touched {
  readonly system: "docebo" | "to"
  readonly resource: string
  readonly id: string
  readonly record: Readonly<Record<string, unknown>> | null
}

/** The two snapshots as a working copy that writes are applied to. */
export class Mirror {
  private readonly docebo: Lists
  private readonly to: Lists

  constructor(docebo: DoceboSnapshot, to: ToSnapshot) {
    this.docebo = listsOf(docebo)
    this.to = listsOf(to)
  }

  /** Records what the system holds once `step` succeeded with `result`; returns the record as it now is. */
  apply(step: StepWrite, result: WriteResult): Touched {
    const lists = step.system === "docebo" ? this.docebo : this.to
    if (step.system === "docebo") {
      const handler = doceboHandlers[step.write.kind] as Handler<DoceboWrite>
      handler(lists, step.write, result)
    } else {
      const handler = toHandlers[step.write.kind] as Handler<ToWrite>
      handler(lists, step.write, result)
    }
    const { resource, id } = touchedBy(step, result)
    const record = lists[resource]?.find((r) => r.id === id) ?? null
    return { system: step.system, resource, id, record }
  }

  snapshots(): { readonly docebo: DoceboSnapshot; readonly to: ToSnapshot } {
    return { docebo: this.docebo as unknown as DoceboSnapshot, to: this.to as unknown as ToSnapshot }
  }
}
