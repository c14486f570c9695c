/**
 * Turns a planned op into the writes that carry it out, one per API call: canonical fields become the replica's
 * domain fields, and references (a TO location, a TO room, a requested provider) become the replica's ids. Pure:
 * apply supplies the ids, from the links and from what earlier ops of the same run created.
 */
import type { Change, Op, System, Value } from "./Plan.ts"
import type {
  DoceboEventFields,
  DoceboSessionFields,
  DoceboWrite,
  ToCourseFields,
  ToTrainerFields,
  ToVirtualRoomFields,
  ToWrite,
} from "./Writes.ts"

/** Replica ids of canonical references, known when apply reaches the op. */
export interface IdMap {
  /** TO location or room id → the Docebo location or classroom mirroring it. */
  readonly doceboOf: (entity: "location" | "classroom", toId: string) => string | undefined
  /** TO provider id, or `request:<id>` of a provider created earlier in the run → TO provider id. */
  readonly providerOf: (ref: string) => string | undefined
}

export type StepWrite =
  | { readonly system: "docebo"; readonly step: string; readonly write: DoceboWrite }
  | { readonly system: "to"; readonly step: string; readonly write: ToWrite }

export type OpWrites = { readonly writes: ReadonlyArray<StepWrite> } | { readonly unresolved: string }

class Unresolved {
  constructor(readonly ref: string) {}
}

type Fields = Record<string, unknown>

/** Canonical field → domain field, per replica record type; a null target drops the field from writes. */
const names: Readonly<Record<string, Readonly<Record<string, string | null>>>> = {
  course: { name: "title", type: "modality", slot: null },
  webinarAccount: { kind: null },
  location: { country: "countryCode" },
  classroom: { location: "locationId" },
  trainer: { trainingProvider: "trainingProviderId" },
  session: { completionMode: "completionType", course: null },
  event: {
    start: "timeBegin",
    end: "timeEnd",
    location: "locationId",
    classroom: "classroomId",
    webinarAccount: "webinarAccountId",
    slot: null,
  },
}

/** A create names every field: fields the rules do not map for this record (ILT-only, VILT-only) are empty. */
const createDefaults: Readonly<Record<string, Fields>> = {
  session: { maxEnroll: null, minEnroll: null, instructors: [], completionType: null },
  event: {
    locationId: null,
    classroomId: null,
    tool: null,
    webinarAccountId: null,
    durationMinutes: null,
    instructors: [],
  },
  location: { countryCode: null },
  classroom: { seats: null },
  course: { active: true },
  trainer: { trainingProviderId: null, active: true },
  webinarAccount: { active: true },
}

const complete = (record: string, fields: Fields): Fields => ({ ...createDefaults[record], ...fields })

const withSeconds = (time: Value) => (typeof time === "string" && time.length === 5 ? `${time}:00` : time)

const convert = (record: string, field: string, value: Value, ids: IdMap): [string, unknown] | undefined => {
  const name = names[record]?.[field] === undefined ? field : names[record]?.[field]
  if (name === null || name === undefined) return undefined
  if (record === "course" && field === "type") return [name, value === "ilt" ? "onsite" : "online"]
  if (record === "event" && (field === "start" || field === "end")) return [name, withSeconds(value)]
  if ((field === "location" || field === "classroom") && (record === "event" || record === "classroom")) {
    if (value === null) return [name, null]
    const id = ids.doceboOf(field, String(value))
    if (id === undefined) throw new Unresolved(`${field} ${String(value)}`)
    return [name, id]
  }
  if (record === "trainer" && field === "trainingProvider") {
    if (value === null) return [name, null]
    const id = ids.providerOf(String(value))
    if (id === undefined) throw new Unresolved(`training provider ${String(value)}`)
    return [name, id]
  }
  return [name, value]
}

const fieldsOf = (record: string, values: Iterable<[string, Value]>, ids: IdMap): Fields => {
  const out: Fields = {}
  for (const [field, value] of values) {
    const converted = convert(record, field, value, ids)
    if (converted) out[converted[0]] = converted[1]
  }
  return out
}

/** Top-level changed fields (item changes have a `[`). */
const topLevel = (changes: ReadonlyArray<Change>): Array<[string, Value]> =>
  changes.filter((change) => !change.path.includes("[")).map((change) => [change.path, change.to])

const itemPath = /^(\w+)\[([^\]]+)\](?:\.(\w+))?$/

const eventFields = (item: Value, ids: IdMap) =>
  complete(
    "event",
    fieldsOf("event", Object.entries(item as Record<string, Value>), ids),
  ) as unknown as DoceboEventFields

/** Session ops: the session's own fields, then one write per added or changed event. */
const sessionWrites = (op: Op, ids: IdMap, force: boolean): StepWrite[] => {
  const target = op.target
  if (op.action === "delete") {
    return [
      { system: "docebo", step: "session", write: { kind: "deleteSession", sessionId: target?.id as never, force } },
    ]
  }
  const events = op.changes.filter((change) => itemPath.test(change.path))
  if (op.action === "create") {
    const courseId = op.changes.find((change) => change.path === "course")?.to
    const session = complete(
      "session",
      fieldsOf("session", topLevel(op.changes), ids),
    ) as unknown as DoceboSessionFields
    const created = events.map((change) => eventFields(change.to, ids))
    return [
      {
        system: "docebo",
        step: "session",
        write: { kind: "createSession", courseId: courseId as never, session, events: created },
      },
    ]
  }
  const sessionId = target?.id as never
  const writes: StepWrite[] = []
  const fields = fieldsOf("session", topLevel(op.changes), ids)
  if (Object.keys(fields).length > 0)
    writes.push({ system: "docebo", step: "session", write: { kind: "updateSession", sessionId, fields } })
  const byItem = new Map<string, Array<[string, Value]>>()
  for (const change of events) {
    const [, , key = "", field] = itemPath.exec(change.path) ?? []
    const eventId = target?.items?.[key]
    if (field === undefined && eventId === undefined) {
      writes.push({
        system: "docebo",
        step: `event:${key}`,
        write: { kind: "createEvent", sessionId, event: eventFields(change.to, ids) },
      })
    } else if (field !== undefined) {
      const list = byItem.get(key) ?? []
      list.push([field, change.to])
      byItem.set(key, list)
    }
  }
  for (const [key, changed] of byItem) {
    const eventId = target?.items?.[key] as never
    writes.push({
      system: "docebo",
      step: `event:${key}`,
      write: { kind: "updateEvent", sessionId, eventId, fields: fieldsOf("event", changed, ids) },
    })
  }
  return writes
}

const one = (system: System, write: DoceboWrite | ToWrite): StepWrite[] => [
  { system, step: "main", write } as StepWrite,
]

const writesFor = (op: Op, ids: IdMap, force: boolean): StepWrite[] => {
  const id = op.target?.id as never
  const changed = fieldsOf(op.entity, topLevel(op.changes), ids)
  const nothing = Object.keys(changed).length === 0
  switch (`${op.system}:${op.entity}`) {
    case "docebo:session":
      return sessionWrites(op, ids, force)
    case "docebo:event":
      return one("docebo", { kind: "deleteEvent", sessionId: op.target?.parentId as never, eventId: id })
    case "docebo:location":
      if (op.action === "create")
        return one("docebo", { kind: "createLocation", location: complete("location", changed) as never })
      return nothing ? [] : one("docebo", { kind: "updateLocation", locationId: id, fields: changed })
    case "docebo:classroom":
      if (op.action === "create")
        return one("docebo", { kind: "createClassroom", classroom: complete("classroom", changed) as never })
      return nothing ? [] : one("docebo", { kind: "updateClassroom", classroomId: id, fields: changed })
    case "docebo:trainer":
      return nothing ? [] : one("docebo", { kind: "updateUser", userId: op.key as never, fields: changed })
    case "to:course":
      if (op.action === "create")
        return one("to", { kind: "createCourse", course: complete("course", changed) as unknown as ToCourseFields })
      return nothing ? [] : one("to", { kind: "updateCourse", courseId: id, fields: changed })
    case "to:webinarAccount":
      if (op.action === "create")
        return one("to", {
          kind: "createVirtualRoom",
          room: complete("webinarAccount", changed) as unknown as ToVirtualRoomFields,
        })
      return nothing ? [] : one("to", { kind: "updateRoom", roomId: id, fields: changed })
    case "to:trainer":
      if (op.action === "create")
        return one("to", { kind: "createTrainer", trainer: complete("trainer", changed) as unknown as ToTrainerFields })
      return nothing ? [] : one("to", { kind: "updateTrainer", trainerId: id, fields: changed })
    case "to:trainingProvider":
      if (op.action === "create") return one("to", { kind: "createProvider", name: String(changed.name ?? "") })
      return nothing ? [] : one("to", { kind: "updateProvider", providerId: id, fields: changed })
    case "to:session":
      return one("to", {
        kind: "flagSession",
        sessionId: id,
        needsReconfiguration: changed.needsReconfiguration === true,
      })
    default:
      return []
  }
}

/**
 * The writes of one op, in order. `force` deletes a Docebo session despite its enrollments (only for a held op an
 * operator approved). An adoption that changes nothing writes nothing.
 */
export const writesOf = (op: Op, ids: IdMap, options: { readonly force?: boolean } = {}): OpWrites => {
  try {
    return { writes: writesFor(op, ids, options.force ?? false) }
  } catch (error) {
    if (error instanceof Unresolved) return { unresolved: error.ref }
    throw error
  }
}
