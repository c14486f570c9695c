/**
 * The ownership matrix of SYNC-RULES.md as data: one table per entity with its master, key, adoption key, deletion
 * policy and mapped fields. Adding a mapped field is one line here; nothing else in the planner names fields.
 */
import type {
  DoceboClassroom,
  DoceboCourse,
  DoceboEvent,
  DoceboLocation,
  DoceboSession,
  DoceboUser,
  DoceboWebinarAccount,
} from "./model/Docebo.ts"
import type { TrainerAssignment } from "./model/Store.ts"
import type { ToCourse, ToLocation, ToRoom, ToSession, ToSlot, ToTrainer } from "./model/Training.ts"
import { CourseType, isListed, WebinarTool } from "./model/Values.ts"
import { day, email, idSet, int, language, naturalKey, text, time, timeZone, upper } from "./Normalise.ts"
import type { Entity, System, Value } from "./Plan.ts"
import {
  type AnyRule,
  at,
  type Decision,
  type EntityRule,
  type FieldRule,
  field,
  type ItemsRule,
  itemField,
  type PlanInput,
  type Resolve,
  sync,
} from "./RuleTypes.ts"
import { type DoceboStamps, defaultDoceboStamps, sessionStamp, stampCode, stampOfCode } from "./Stamps.ts"

/** A Docebo course without a code, or with one another course uses, cannot be matched in TO: it is reported. */
const courseEligibility = ({ docebo, store }: PlanInput) => {
  const linked = new Set<string>(store.links.course.map((link) => link.docebo))
  const codeCount = new Map<string, number>()
  for (const course of docebo.courses) {
    const code = naturalKey(course.code)
    if (code !== "") codeCount.set(code, (codeCount.get(code) ?? 0) + 1)
  }
  return (course: DoceboCourse): Decision => {
    if (!isListed(CourseType, course.type)) {
      // Not taken for gone either: its TO copy, if any, is left as it is until iltsync knows the type.
      return {
        kind: "keep",
        warning: {
          code: "unknown_value",
          key: course.id,
          course: course.id,
          message: `course "${course.name}" (${course.id}): Docebo's course type "${course.type}" is not one iltsync knows; the course is left as it is`,
        },
      }
    }
    const code = naturalKey(course.code)
    if (code === "") {
      return {
        kind: "keep",
        warning: {
          code: "course_code_missing",
          key: course.id,
          message: `course "${course.name}" (${course.id}): course code is missing`,
        },
      }
    }
    if ((codeCount.get(code) ?? 0) > 1 && !linked.has(course.id)) {
      return {
        kind: "keep",
        warning: {
          code: "course_code_duplicate",
          key: course.id,
          message: `course "${course.name}" (${course.id}): course code "${course.code.trim()}" is used by another Docebo course`,
        },
      }
    }
    return sync
  }
}

/** Zoom version 3 accounts are not supported [seed]; an account of a tool iltsync does not know is not sent either. */
const webinarAccountEligibility =
  () =>
  (account: DoceboWebinarAccount): Decision => {
    if (account.tool === "zoom_v3")
      return {
        kind: "keep",
        warning: {
          code: "unsupported_webinar_tool",
          key: account.id,
          message: `webinar account "${account.name}" uses Zoom version 3, which Training Orchestra does not support; it is not sent`,
        },
      }
    if (!isListed(WebinarTool, account.tool))
      return {
        kind: "keep",
        warning: {
          code: "unknown_value",
          key: account.id,
          message: `webinar account "${account.name}" (${account.id}): webinar tool "${account.tool}" is not one iltsync knows; it is not sent to Training Orchestra`,
        },
      }
    return sync
  }

/** Docebo classrooms belong to a location; a TO room without one cannot be mirrored. */
const roomEligibility =
  () =>
  (room: ToRoom): Decision =>
    room.locationId === null
      ? {
          kind: "keep",
          warning: {
            code: "room_without_location",
            key: room.id,
            message: `room "${room.name}" (${room.id}) has no location in Training Orchestra, so it cannot become a Docebo classroom`,
          },
        }
      : sync

const courseTypeOfModality = (modality: "onsite" | "online"): CourseType => (modality === "onsite" ? "ilt" : "vilt")
const modalityOfCourseType = (type: Value) => (type === "ilt" ? "onsite" : "online")

/** A value compared as it is (ids, flags, enumerations). */
const same = <V extends Value>(value: V): V => value

/** Docebo postal address is one line; TO splits street and city. */
const joinAddress = (address: string, city: string) => [address.trim(), city.trim()].filter((part) => part).join(", ")

export const courseRule: EntityRule<DoceboCourse, ToCourse> = {
  entity: "course",
  records: { master: "docebo:course", replica: "to:course" },
  master: "docebo",
  replica: "to",
  keyName: "Docebo course id (stamped as TO external_ref); adopted by course code",
  masterKey: (course) => course.id,
  replicaId: (course) => course.id,
  stamp: (course) => course.externalRef,
  adoption: { name: "code", master: (c) => naturalKey(c.code), replica: (c) => naturalKey(c.code) },
  deletion: "deactivate",
  replicaActive: (course) => course.active,
  planning: {
    dependsOn: [],
    masters: ({ docebo }) => docebo.courses,
    replicas: ({ to }) => to.courses,
    complete: ({ docebo, to }) => ({ master: docebo.complete.courses, replica: to.complete.courses }),
    label: (course) => `"${course.code.trim() || course.name}" (${course.id})`,
    eligible: courseEligibility,
    courseOfMaster: (course) => course.id,
    courseOfReplica: (course) => course.externalRef ?? undefined,
    awaited: true,
  },
  fields: [
    field("code", at("code", "code", text), at("code", "code", text)),
    field("name", at("name", "name", text), at("title", "title", text)),
    field(
      "type",
      at("type", "course_type", same),
      at("modality", "modality", courseTypeOfModality, { encode: modalityOfCourseType }),
    ),
    field("language", at("language", "lang_code", language), at("language", "language", language)),
    field("active", () => true, at("active", "active", same)),
    field("externalRef", (c) => c.id, at("externalRef", "external_ref", same)),
  ],
}

export const webinarAccountRule: EntityRule<DoceboWebinarAccount, ToRoom> = {
  entity: "webinarAccount",
  records: { master: "docebo:webinarAccount", replica: "to:room" },
  master: "docebo",
  replica: "to",
  keyName: "Docebo webinar account id (stamped as the virtual room's external_ref); adopted by tool and name",
  masterKey: (account) => account.id,
  replicaId: (room) => room.id,
  stamp: (room) => room.externalRef,
  adoption: {
    name: "tool and name",
    master: (a) => naturalKey(a.tool, a.name),
    replica: (r) => naturalKey(r.webinarTool, r.name),
  },
  deletion: "deactivate",
  replicaActive: (room) => room.active,
  planning: {
    dependsOn: [],
    masters: ({ docebo }) => docebo.webinarAccounts,
    replicas: ({ to }) => to.rooms.filter((room) => room.kind === "virtual"),
    complete: ({ docebo, to }) => ({ master: docebo.complete.webinarAccounts, replica: to.complete.rooms }),
    label: (account) => `"${account.name}" (${account.tool})`,
    eligible: webinarAccountEligibility,
    awaited: false,
  },
  fields: [
    field("name", at("name", "name", text), at("name", "name", text)),
    field("webinarTool", at("tool", "tool", same), at("webinarTool", "webinar_tool", text)),
    // A room made through the API is virtual (the create says so); a kind is never changed in place.
    field("kind", () => "virtual", at("kind", "kind", same, { writable: false })),
    field("active", () => true, at("active", "active", same)),
    field("externalRef", (a) => a.id, at("externalRef", "external_ref", same)),
  ],
}

export const locationRule: EntityRule<ToLocation, DoceboLocation> = {
  entity: "location",
  records: { master: "to:location", replica: "docebo:location" },
  master: "to",
  replica: "docebo",
  keyName: "TO location id; adopted by name and address (Docebo keeps no stamp on a location)",
  masterKey: (location) => location.id,
  replicaId: (location) => location.id,
  stamp: () => null,
  adoption: {
    name: "name and address",
    master: (l) => naturalKey(l.name, joinAddress(l.address, l.city)),
    replica: (l) => naturalKey(l.name, l.address),
  },
  deletion: "orphan",
  planning: {
    dependsOn: [],
    masters: ({ to }) => to.locations,
    replicas: ({ docebo }) => docebo.locations,
    complete: ({ docebo, to }) => ({ master: to.complete.locations, replica: docebo.complete.locations }),
    label: (location) => `"${location.name}" (${location.id})`,
    awaited: true,
  },
  fields: [
    field("name", at("name", "name", text), at("name", "name", text)),
    field("address", (l) => joinAddress(l.address, l.city), at("address", "address", text)),
    field("country", at("country", "country", upper), at("countryCode", "iso_code_country", upper)),
  ],
}

export const classroomRule: EntityRule<ToRoom, DoceboClassroom> = {
  entity: "classroom",
  records: { master: "to:room", replica: "docebo:classroom" },
  master: "to",
  replica: "docebo",
  keyName: "TO room id; adopted by location and name (Docebo keeps no stamp on a classroom)",
  masterKey: (room) => room.id,
  replicaId: (classroom) => classroom.id,
  stamp: () => null,
  adoption: {
    name: "location and name",
    master: (r) => naturalKey(r.locationId, r.name),
    replica: (c, resolve) => naturalKey(resolve.toLocationOf(c.locationId), c.name),
  },
  deletion: "orphan",
  planning: {
    dependsOn: ["location"],
    masters: ({ to }) => to.rooms.filter((room) => room.kind === "physical"),
    replicas: ({ docebo }) => docebo.classrooms,
    complete: ({ docebo, to }) => ({ master: to.complete.rooms, replica: docebo.complete.classrooms }),
    label: (room) => `"${room.name}" (${room.id})`,
    eligible: roomEligibility,
    awaited: true,
  },
  fields: [
    field("name", at("name", "name", text), at("name", "name", text)),
    field("seats", at("seats", "seats", int), at("seats", "seats", int)),
    field(
      "location",
      (r, resolve) => (r.locationId === null ? null : resolve.locationRef(r.locationId)),
      (c, resolve) => resolve.toLocationOf(c.locationId),
      { ref: "location", replicaAt: at("locationId", "id_location", same) },
    ),
  ],
}

/** A trainer as iltsync sees it: the operator's assignment joined with the Docebo user and any unsent edits. */
export interface TrainerView {
  readonly assignment: TrainerAssignment
  readonly user: DoceboUser
  /** The user's profile once the operator's pending edits are written (what TO must end up with). */
  readonly firstName: string
  readonly lastName: string
  readonly email: string
  /** Null when Docebo does not say: then iltsync's own trainer list decides. */
  readonly isInstructor: boolean | null
  /** The TO provider id, or `request:<id>` for a provider iltsync has been asked to create. */
  readonly trainingProvider: string | null
}

export const trainerRule: EntityRule<TrainerView, ToTrainer> = {
  entity: "trainer",
  records: { master: null, replica: "to:trainer" },
  master: "docebo",
  replica: "to",
  keyName: "Docebo user id (stamped as the TO trainer's external_ref); adopted by e-mail",
  masterKey: (trainer) => trainer.user.id,
  replicaId: (trainer) => trainer.id,
  stamp: (trainer) => trainer.externalRef,
  adoption: { name: "e-mail", master: (t) => email(t.email), replica: (t) => email(t.email) },
  deletion: "deactivate",
  replicaActive: (trainer) => trainer.active,
  planning: {
    dependsOn: [],
    // The views are built by the trainers' planner (engine/diff/Trainers.ts) from the operator's assignments.
    replicas: ({ to }) => to.trainers,
    complete: ({ docebo, to }) => ({ master: docebo.complete.users, replica: to.complete.trainers }),
    label: (trainer) => trainer.user.username,
    eligible: () => (trainer) =>
      trainer.assignment.removed
        ? { kind: "remove", reason: "was removed as a trainer in iltsync" }
        : trainer.isInstructor === false
          ? { kind: "remove", reason: "is no longer an instructor in Docebo" }
          : sync,
    awaited: false,
  },
  // The master is iltsync's own view of a trainer (TrainerView), read from no vendor field of its own.
  fields: [
    field("firstName", (t) => text(t.firstName), at("firstName", "first_name", text)),
    field("lastName", (t) => text(t.lastName), at("lastName", "last_name", text)),
    field("email", (t) => email(t.email), at("email", "email", email)),
    field("trainingProvider", (t) => t.trainingProvider, at("trainingProviderId", "training_provider_id", same), {
      ref: "trainingProvider",
    }),
    field("active", () => true, at("active", "active", same)),
    field("externalRef", (t) => t.user.id, at("externalRef", "external_ref", same), { ref: "user" }),
  ],
}

/** The room a slot happens in: its own, or the session's. */
const slotRoom = (slot: ToSlot, session: ToSession) => slot.roomId ?? session.roomId
const slotTrainer = (slot: ToSlot, session: ToSession) => slot.trainerId ?? session.trainerId
const noUsers: ReadonlyArray<string> = []
const trainerUsers = (trainerId: string | null, resolve: Resolve) =>
  trainerId === null ? noUsers : resolve.usersOfTrainer(trainerId)
const slotAccount = (slot: ToSlot, session: ToSession, resolve: Resolve) => {
  const room = slotRoom(slot, session)
  return room === null ? null : resolve.accountOfRoom(room)
}

/** Two items at the same date and start time, compared without building their keys (the planner's hot path). */
const sameSlotTime = (slot: ToSlot, event: DoceboEvent): boolean =>
  (slot.day === event.day || day(slot.day) === day(event.day)) && time(slot.start) === time(event.timeBegin)

/** The first date and start time of a session's slots or events ("" without any). */
const firstStart = (items: ReadonlyArray<ToSlot | DoceboEvent>): string => {
  let first = ""
  for (const item of items) {
    const start = `${day(item.day)} ${time("start" in item ? item.start : item.timeBegin)}`
    if (first === "" || start < first) first = start
  }
  return first
}

/** TO slots ⇄ Docebo events, paired by date and start time within their session (events carry no stamp). */
const eventItems: ItemsRule<ToSession, DoceboSession, ToSlot, DoceboEvent> = {
  name: "events",
  records: { master: "to:slot", replica: "docebo:event" },
  key: "slot",
  master: (session: ToSession) => session.slots,
  replica: (session: DoceboSession) => session.events,
  masterKey: (slot: ToSlot) => slot.id,
  replicaId: (event: DoceboEvent) => event.id,
  naturalKey: (item: ToSlot | DoceboEvent) => `${day(item.day)} ${time("start" in item ? item.start : item.timeBegin)}`,
  naturalKeyName: "date and start time",
  sameKey: sameSlotTime,
  fields: [
    // A Docebo event's date and times are in its `schedule` object [seen].
    itemField<ToSession, DoceboSession, ToSlot, DoceboEvent>(
      "day",
      at("day", "day", day),
      at("day", "schedule.date", day),
    ),
    itemField<ToSession, DoceboSession, ToSlot, DoceboEvent>(
      "start",
      at("start", "start", time),
      at("timeBegin", "schedule.time_begin", time),
    ),
    itemField<ToSession, DoceboSession, ToSlot, DoceboEvent>(
      "end",
      at("end", "end", time),
      at("timeEnd", "schedule.time_end", time),
    ),
    itemField<ToSession, DoceboSession, ToSlot, DoceboEvent>(
      "timezone",
      at("timezone", "timezone", timeZone),
      at("timezone", "schedule.timezone", timeZone),
    ),
    // Its place and its online side are objects too [assumed: DOCEBO-API.md], named by id.
    itemField<ToSession, DoceboSession, ToSlot, DoceboEvent>(
      "location",
      (slot, session, resolve) => {
        const room = slotRoom(slot, session)
        const location = (room === null ? null : resolve.locationOfRoom(room)) ?? session.locationId
        return location === null ? null : resolve.locationRef(location)
      },
      (event, _session, resolve) => (event.locationId === null ? null : resolve.toLocationOf(event.locationId)),
      { ref: "location", only: "ilt", replicaAt: at("locationId", "location.id", same) },
    ),
    itemField<ToSession, DoceboSession, ToSlot, DoceboEvent>(
      "classroom",
      (slot, session, resolve) => {
        const room = slotRoom(slot, session)
        return room !== null && resolve.isPhysicalRoom(room) ? resolve.classroomRef(room) : null
      },
      (event, _session, resolve) => (event.classroomId === null ? null : resolve.toRoomOf(event.classroomId)),
      { ref: "classroom", only: "ilt", replicaAt: at("classroomId", "classroom.id", same) },
    ),
    itemField<ToSession, DoceboSession, ToSlot, DoceboEvent>(
      "webinarAccount",
      (slot, session, resolve) => slotAccount(slot, session, resolve),
      at("webinarAccountId", "webinar.account_id", same),
      { ref: "webinarAccount", only: "vilt" },
    ),
    itemField<ToSession, DoceboSession, ToSlot, DoceboEvent>(
      "tool",
      (slot, session, resolve) => {
        const account = slotAccount(slot, session, resolve)
        return account === null ? null : resolve.toolOfAccount(account)
      },
      at("tool", "webinar.tool", same),
      { only: "vilt" },
    ),
    itemField<ToSession, DoceboSession, ToSlot, DoceboEvent>(
      "durationMinutes",
      at("durationMinutes", "duration_minutes", int),
      at("durationMinutes", "duration", int),
      { only: "vilt" },
    ),
    itemField<ToSession, DoceboSession, ToSlot, DoceboEvent>(
      "instructors",
      (slot, session, resolve) => trainerUsers(slotTrainer(slot, session), resolve),
      at("instructors", "instructors", idSet, { empty: [] }),
      { ref: "user" },
    ),
  ],
}

/** The session fields every tenant maps, whatever it keeps its stamps in. */
const sessionFields: ReadonlyArray<FieldRule<ToSession, DoceboSession>> = [
  // A session stays in its course: the course is where it is made, never a field written in place.
  field(
    "course",
    (s, resolve) => resolve.courseOfToCourse(s.courseId),
    at("courseId", "id_course", same, {
      writable: false,
    }),
    { ref: "course" },
  ),
  field("name", at("name", "name", text), at("name", "name", text)),
  field("maxEnroll", at("maxParticipants", "max_participants", int), at("maxEnroll", "max_enroll", int)),
  field("minEnroll", at("minParticipants", "min_participants", int), at("minEnroll", "min_enroll", int), {
    only: "ilt",
  }),
  field(
    "instructors",
    (s, resolve) => trainerUsers(s.trainerId, resolve),
    at("instructors", "instructors", idSet, { empty: [] }),
    { ref: "user" },
  ),
  field(
    "completionMode",
    at("completionMode", "completion_mode", same),
    at("completionType", "completion_type", same),
    { only: "vilt" },
  ),
]

/** TO's session code, written to Docebo's; Docebo keeps an absent one as "", TO as null: both are no code. */
const sessionCodeField = field<ToSession, DoceboSession>(
  "code",
  at("code", "code", (c) => text(c) || null),
  at("code", "code", (c) => text(c) || null, { encode: (c) => c ?? "" }),
)

/**
 * The stamp, where the tenant keeps it in the session `code` (engine/Stamps.ts). The stamp owns that key: TO's own
 * session code is then not written to Docebo, since one code cannot hold both.
 */
const sessionStampField = field<ToSession, DoceboSession>(
  "externalId",
  (s) => s.id,
  (s) => stampOfCode(s.code),
  { replicaAt: at("code", "code", stampOfCode, { encode: (id) => (id === null ? "" : stampCode(String(id))) }) },
)

const makeSessionRule = (stamps: DoceboStamps): EntityRule<ToSession, DoceboSession> => ({
  entity: "session",
  records: { master: "to:session", replica: "docebo:session" },
  master: "to",
  replica: "docebo",
  keyName:
    stamps === "code"
      ? "TO session id (stamped in the Docebo session's code); adopted by course, name and first date, else course and name"
      : "TO session id; adopted by course, name and first date, else course and name (the tenant keeps no stamp)",
  masterKey: (session) => session.id,
  replicaId: (session) => session.id,
  stamp: sessionStamp(stamps),
  // A copy whose dates TO has moved since is still found by its course and name, when no other session shares them.
  adoption: {
    name: "course, name and first date",
    master: (s, resolve) => naturalKey(resolve.courseOfToCourse(s.courseId), s.name, firstStart(s.slots)),
    replica: (s) => naturalKey(s.courseId, s.name, firstStart(s.events)),
    else: {
      name: "course and name",
      master: (s, resolve) => naturalKey(resolve.courseOfToCourse(s.courseId), s.name),
      replica: (s) => naturalKey(s.courseId, s.name),
    },
  },
  deletion: "delete",
  immutable: ["course"],
  masterType: (s) => courseTypeOfModality(s.modality),
  planning: {
    dependsOn: ["course", "webinarAccount", "location", "classroom", "trainer"],
    masters: ({ to }) => to.sessions,
    replicas: ({ docebo }) => docebo.sessions,
    complete: ({ docebo, to }) => ({ master: to.complete.sessions, replica: docebo.complete.sessions }),
    label: (session) => `"${session.name}" (${session.id})`,
    // Which sessions reach Docebo is decided with their course, trainer and provider (engine/diff/Sessions.ts).
    courseOfMaster: (session, resolve) => {
      const course = resolve.courseOfToCourse(session.courseId)
      return course.startsWith("?") ? undefined : course
    },
    courseOfReplica: (session) => session.courseId,
    awaited: false,
  },
  fields: [...sessionFields, stamps === "code" ? sessionStampField : sessionCodeField],
  items: eventItems,
})

const sessionRules: Readonly<Record<DoceboStamps, EntityRule<ToSession, DoceboSession>>> = {
  code: makeSessionRule("code"),
  none: makeSessionRule("none"),
}

/** The session rule for a tenant that keeps its stamps where `stamps` says. */
export const sessionRuleFor = (stamps: DoceboStamps): EntityRule<ToSession, DoceboSession> => sessionRules[stamps]

/** The session rule on the default tenant (stamps in the session code). */
export const sessionRule = sessionRuleFor(defaultDoceboStamps)

/**
 * Fields the engine may write on each side, per entity: the replica's mapped fields, plus the narrow exceptions the
 * rules name (operator edits of a trainer written to Docebo first; TO's session flag and stamp; provider requests).
 * The ownership law is checked against this table.
 */
export const writableFields: Readonly<Record<Entity, Readonly<Record<System, ReadonlyArray<string>>>>> = {
  trainingProvider: { docebo: [], to: ["name", "active"] },
  webinarAccount: { docebo: [], to: webinarAccountRule.fields.map((f) => f.name) },
  course: { docebo: [], to: courseRule.fields.map((f) => f.name) },
  location: { docebo: locationRule.fields.map((f) => f.name), to: [] },
  classroom: { docebo: classroomRule.fields.map((f) => f.name), to: [] },
  trainer: { docebo: ["firstName", "lastName", "email", "isInstructor"], to: trainerRule.fields.map((f) => f.name) },
  session: {
    docebo: [...new Set([...sessionRules.code.fields, ...sessionRules.none.fields].map((f) => f.name)), "events"],
    to: ["needsReconfiguration"],
  },
  event: { docebo: ["events"], to: [] },
}

/** Share and floor of the mass-change guard: more than `share` of an entity type, and at least `minimum` records. */
export interface Guards {
  readonly massChangeShare: number
  readonly massChangeMinimum: number
}

export const defaultGuards: Guards = { massChangeShare: 0.1, massChangeMinimum: 20 }

const rulesFor = (stamps: DoceboStamps): ReadonlyArray<AnyRule> => [
  webinarAccountRule,
  courseRule,
  locationRule,
  classroomRule,
  trainerRule,
  sessionRuleFor(stamps),
]

const allRules: Readonly<Record<DoceboStamps, ReadonlyArray<AnyRule>>> = {
  code: rulesFor("code"),
  none: rulesFor("none"),
}

/** Every entity rule for a tenant keeping its stamps where `stamps` says. */
export const entityRulesFor = (stamps: DoceboStamps): ReadonlyArray<AnyRule> => allRules[stamps]

/** Every entity rule, on a tenant keeping its stamps where they are by default (the session code). */
export const entityRules: ReadonlyArray<AnyRule> = entityRulesFor(defaultDoceboStamps)

/**
 * The rules the vendor records' fields are read from and written to by: those of every place a tenant may keep its
 * stamps in. Each domain field has one vendor key whatever the place (a session's stamp and TO's session code are
 * both its `code`), so the adapters build one decoder and one body per record from these.
 */
export const vendorRules: ReadonlyArray<AnyRule> = [...entityRulesFor("code"), sessionRuleFor("none")]
