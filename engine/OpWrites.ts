/**
 * Turns a planned op into the writes that carry it out, one per API call. Each changed field is written where its
 * rule says the replica holds it (`replicaAt`), encoded as the rule says, and references (a TO location, a TO room, a
 * requested provider) become the replica's ids. Pure: apply supplies the ids, from the links and from what earlier
 * ops of the same run created.
 */
import type {
  DoceboClassroomId,
  DoceboCourseId,
  DoceboEventId,
  DoceboLocationId,
  DoceboSessionId,
  DoceboUserId,
  ToCourseId,
  ToProviderId,
  ToRoomId,
  ToSessionId,
  ToTrainerId,
} from "./model/Ids.ts"
import type { Change, Op, Value } from "./Plan.ts"
import {
  classroomRule,
  courseRule,
  locationRule,
  sessionRule,
  sessionRuleFor,
  trainerRule,
  webinarAccountRule,
} from "./Rules.ts"
import type { At, RefKind } from "./RuleTypes.ts"
import { type DoceboStamps, defaultDoceboStamps } from "./Stamps.ts"
import type {
  DoceboClassroomFields,
  DoceboEventFields,
  DoceboLocationFields,
  DoceboSessionFields,
  DoceboUserFields,
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

/** A reference no link or earlier op of the run resolves yet: the op waits for it. */
class Unresolved {
  constructor(readonly ref: string) {}
}

/** A mapped field as a write sees it: its canonical name, where the replica holds it, and what it refers to. */
interface Written {
  readonly name: string
  readonly ref?: RefKind
  // biome-ignore lint/suspicious/noExplicitAny: a rule's replica side, of whichever record type
  readonly replicaAt: At<any>
}

/** The replica's value for a canonical one: references translated, then the field's own encoding. */
const encoded = (field: Written, value: Value, ids: IdMap): unknown => {
  const ref = field.ref
  if (value !== null && (ref === "location" || ref === "classroom" || ref === "trainingProvider")) {
    const id = ref === "trainingProvider" ? ids.providerOf(String(value)) : ids.doceboOf(ref, String(value))
    if (id === undefined) return new Unresolved(`${ref === "trainingProvider" ? "training provider" : ref} ${value}`)
    return id
  }
  return field.replicaAt.encode ? field.replicaAt.encode(value) : value
}

/**
 * The replica's fields a set of canonical values gives, by the fields' rules. A create (`every`) names every
 * writable field: one the rule does not map for the record's type (ILT-only, VILT-only) is written empty.
 */
const replicaFields = (
  fields: ReadonlyArray<Written>,
  values: ReadonlyMap<string, Value>,
  ids: IdMap,
  every: boolean,
): Record<string, unknown> | Unresolved => {
  const out: Record<string, unknown> = {}
  for (const field of fields) {
    const at = field.replicaAt
    if (!at.writable) continue
    const value = values.get(field.name)
    if (value === undefined) {
      if (every) out[at.path] = at.empty ?? null
      continue
    }
    const written = encoded(field, value, ids)
    if (written instanceof Unresolved) return written
    out[at.path] = written
  }
  return out
}

/** Where a change lands: a field of the record, or an item (`events[slot_12]`) or a field of one (`….day`). */
type Target =
  | { readonly kind: "field"; readonly name: string }
  | { readonly kind: "item"; readonly key: string; readonly field: string | null }

/** The plan document's change paths: `name`, `items[key]` or `items[key].field` (see Plan.ts). */
const targetOf = (path: string): Target => {
  const open = path.indexOf("[")
  if (open < 0) return { kind: "field", name: path }
  const close = path.indexOf("]", open)
  const rest = path.slice(close + 1)
  return { kind: "item", key: path.slice(open + 1, close), field: rest.startsWith(".") ? rest.slice(1) : null }
}

const fieldValues = (changes: ReadonlyArray<Change>): Map<string, Value> => {
  const values = new Map<string, Value>()
  for (const change of changes) {
    const target = targetOf(change.path)
    if (target.kind === "field") values.set(target.name, change.to)
  }
  return values
}

const itemFields = sessionRule.items?.fields ?? []

/** A whole item's canonical record (an added event) as its fields' values. */
const itemValues = (item: Value): Map<string, Value> =>
  new Map(item !== null && typeof item === "object" && !Array.isArray(item) ? Object.entries(item) : [])

// The casts to a record's fields say: a create names every writable field of the rule (`replicaFields` with
// `every`), and a rule's writable fields are its write type's (the write-side test checks that every field of every
// rule reaches the adapter's body). The casts to ids say: an op's target and key are the replica's ids.

/** Session ops: the session's own fields (as the tenant's stamps place them), then one write per event. */
const sessionWrites = (op: Op, ids: IdMap, force: boolean, stamps: DoceboStamps): StepWrite[] | Unresolved => {
  const target = op.target
  const sessionId = target?.id as DoceboSessionId
  if (op.action === "delete") {
    return [{ system: "docebo", step: "session", write: { kind: "deleteSession", sessionId, force } }]
  }
  const create = op.action === "create"
  const fields = replicaFields(sessionRuleFor(stamps).fields, fieldValues(op.changes), ids, create)
  if (fields instanceof Unresolved) return fields
  const events: Array<{ readonly key: string; readonly fields: Record<string, unknown>; readonly added: boolean }> = []
  const changedOf = new Map<string, Map<string, Value>>()
  for (const change of op.changes) {
    const at = targetOf(change.path)
    if (at.kind !== "item") continue
    if (at.field === null) {
      const added = replicaFields(itemFields, itemValues(change.to), ids, true)
      if (added instanceof Unresolved) return added
      events.push({ key: at.key, fields: added, added: true })
    } else {
      const values = changedOf.get(at.key) ?? new Map<string, Value>()
      values.set(at.field, change.to)
      changedOf.set(at.key, values)
    }
  }
  for (const [key, values] of changedOf) {
    const changed = replicaFields(itemFields, values, ids, false)
    if (changed instanceof Unresolved) return changed
    events.push({ key, fields: changed, added: false })
  }
  if (create) {
    // The canonical course of a session is its Docebo course's id.
    const courseId = op.changes.find((change) => change.path === "course")?.to as DoceboCourseId
    const session = fields as DoceboSessionFields
    const created = events.map((event) => event.fields as DoceboEventFields)
    return [{ system: "docebo", step: "session", write: { kind: "createSession", courseId, session, events: created } }]
  }
  const writes: StepWrite[] = []
  if (Object.keys(fields).length > 0)
    writes.push({ system: "docebo", step: "session", write: { kind: "updateSession", sessionId, fields } })
  for (const event of events) {
    // The Docebo event an item key stands for (its slot's own, or the one a rescheduled slot reuses).
    const eventId = target?.items?.[event.key] as DoceboEventId
    const step = `event:${event.key}`
    if (!event.added) {
      writes.push({ system: "docebo", step, write: { kind: "updateEvent", sessionId, eventId, fields: event.fields } })
    } else if (target?.items?.[event.key] === undefined) {
      const added = event.fields as DoceboEventFields
      writes.push({ system: "docebo", step, write: { kind: "createEvent", sessionId, event: added } })
    }
  }
  return writes
}

type Fields = Record<string, unknown>

/** How a generic entity's replica record is written: its rule, its create, and its update in place. */
interface RecordWriter {
  readonly rule: { readonly fields: ReadonlyArray<Written> }
  readonly create: (fields: Fields) => StepWrite
  readonly update: (id: string, fields: Fields) => StepWrite
}

const docebo = (write: DoceboWrite): StepWrite => ({ system: "docebo", step: "main", write })
const to = (write: ToWrite): StepWrite => ({ system: "to", step: "main", write })

const recordWriters: Readonly<Record<string, RecordWriter>> = {
  "docebo:location": {
    rule: locationRule,
    create: (fields) => docebo({ kind: "createLocation", location: fields as DoceboLocationFields }),
    update: (id, fields) => docebo({ kind: "updateLocation", locationId: id as DoceboLocationId, fields }),
  },
  "docebo:classroom": {
    rule: classroomRule,
    create: (fields) => docebo({ kind: "createClassroom", classroom: fields as DoceboClassroomFields }),
    update: (id, fields) => docebo({ kind: "updateClassroom", classroomId: id as DoceboClassroomId, fields }),
  },
  "to:course": {
    rule: courseRule,
    create: (fields) => to({ kind: "createCourse", course: fields as ToCourseFields }),
    update: (id, fields) => to({ kind: "updateCourse", courseId: id as ToCourseId, fields }),
  },
  "to:webinarAccount": {
    rule: webinarAccountRule,
    create: (fields) => to({ kind: "createVirtualRoom", room: fields as ToVirtualRoomFields }),
    update: (id, fields) => to({ kind: "updateRoom", roomId: id as ToRoomId, fields }),
  },
  "to:trainer": {
    rule: trainerRule,
    create: (fields) => to({ kind: "createTrainer", trainer: fields as ToTrainerFields }),
    update: (id, fields) => to({ kind: "updateTrainer", trainerId: id as ToTrainerId, fields }),
  },
}

/** An op on one of the generic entities: its fields by its rule, created or updated in place. */
const recordWrites = (op: Op, ids: IdMap): StepWrite[] | Unresolved => {
  const writer = recordWriters[`${op.system}:${op.entity}`]
  if (writer === undefined) return []
  const create = op.action === "create"
  const fields = replicaFields(writer.rule.fields, fieldValues(op.changes), ids, create)
  if (fields instanceof Unresolved) return fields
  if (create) return [writer.create(fields)]
  // An update always names its target; an empty id would be refused by the system, never skipped in silence.
  return Object.keys(fields).length === 0 ? [] : [writer.update(op.target?.id ?? "", fields)]
}

/** Writes no rule describes: the operator's own records and the replica's extras the rules name. */
const operatorWrites = (op: Op, ids: IdMap): StepWrite[] | Unresolved => {
  const values = fieldValues(op.changes)
  const id = op.target?.id
  switch (`${op.system}:${op.entity}`) {
    case "docebo:trainer": {
      // The operator's edits of a trainer, written to the Docebo user first (Docebo is master).
      const fields: { -readonly [K in keyof DoceboUserFields]?: DoceboUserFields[K] } = {}
      for (const [name, value] of values) {
        if (name === "isInstructor") fields.isInstructor = value === true
        else if (name === "firstName" || name === "lastName" || name === "email") fields[name] = String(value)
      }
      if (Object.keys(fields).length === 0) return []
      return [{ system: "docebo", step: "main", write: { kind: "updateUser", userId: op.key as DoceboUserId, fields } }]
    }
    case "docebo:event":
      return [
        {
          system: "docebo",
          step: "main",
          write: {
            kind: "deleteEvent",
            sessionId: op.target?.parentId as DoceboSessionId,
            eventId: id as DoceboEventId,
          },
        },
      ]
    case "to:trainingProvider": {
      if (op.action === "create")
        return [
          { system: "to", step: "main", write: { kind: "createProvider", name: String(values.get("name") ?? "") } },
        ]
      const fields: { name?: string; active?: boolean } = {}
      if (values.has("name")) fields.name = String(values.get("name"))
      if (values.has("active")) fields.active = values.get("active") === true
      if (Object.keys(fields).length === 0) return []
      return [{ system: "to", step: "main", write: { kind: "updateProvider", providerId: id as ToProviderId, fields } }]
    }
    case "to:session":
      return [
        {
          system: "to",
          step: "main",
          write: {
            kind: "flagSession",
            sessionId: id as ToSessionId,
            needsReconfiguration: values.get("needsReconfiguration") === true,
          },
        },
      ]
    default:
      return recordWrites(op, ids)
  }
}

/**
 * The writes of one op, in order. `force` deletes a Docebo session despite its enrollments (only for a held op an
 * operator approved); `stamps` is where the tenant keeps session stamps (the plan's). An adoption that changes
 * nothing writes nothing.
 */
export const writesOf = (
  op: Op,
  ids: IdMap,
  options: { readonly force?: boolean; readonly stamps?: DoceboStamps } = {},
): OpWrites => {
  const writes =
    op.system === "docebo" && op.entity === "session"
      ? sessionWrites(op, ids, options.force ?? false, options.stamps ?? defaultDoceboStamps)
      : operatorWrites(op, ids)
  return writes instanceof Unresolved ? { unresolved: writes.ref } : { writes }
}
