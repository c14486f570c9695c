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
import type { CourseType } from "./model/Values.ts"
import { day, email, idSet, int, language, naturalKey, text, time, timeZone, upper } from "./Normalise.ts"
import type { Entity, System } from "./Plan.ts"
import { type EntityRule, field, itemField, type Resolve } from "./RuleTypes.ts"

const courseTypeOfModality = (modality: "onsite" | "online"): CourseType => (modality === "onsite" ? "ilt" : "vilt")

/** Docebo postal address is one line; TO splits street and city. */
const joinAddress = (address: string, city: string) => [address.trim(), city.trim()].filter((part) => part).join(", ")

export const courseRule: EntityRule<DoceboCourse, ToCourse> = {
  entity: "course",
  master: "docebo",
  replica: "to",
  keyName: "Docebo course id (stamped as TO external_ref); adopted by course code",
  masterKey: (course) => course.id,
  replicaId: (course) => course.id,
  stamp: (course) => course.externalRef,
  adoption: { name: "code", master: (c) => naturalKey(c.code), replica: (c) => naturalKey(c.code) },
  deletion: "deactivate",
  replicaActive: (course) => course.active,
  fields: [
    field(
      "code",
      (c) => text(c.code),
      (c) => text(c.code),
    ),
    field(
      "name",
      (c) => text(c.name),
      (c) => text(c.title),
    ),
    field(
      "type",
      (c) => c.type,
      (c) => courseTypeOfModality(c.modality),
    ),
    field(
      "language",
      (c) => language(c.language),
      (c) => language(c.language),
    ),
    field(
      "active",
      () => true,
      (c) => c.active,
    ),
    field(
      "externalRef",
      (c) => c.id,
      (c) => c.externalRef,
    ),
  ],
}

export const webinarAccountRule: EntityRule<DoceboWebinarAccount, ToRoom> = {
  entity: "webinarAccount",
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
  fields: [
    field(
      "name",
      (a) => text(a.name),
      (r) => text(r.name),
    ),
    field(
      "webinarTool",
      (a) => a.tool,
      (r) => text(r.webinarTool),
    ),
    field(
      "kind",
      () => "virtual",
      (r) => r.kind,
    ),
    field(
      "active",
      () => true,
      (r) => r.active,
    ),
    field(
      "externalRef",
      (a) => a.id,
      (r) => r.externalRef,
    ),
  ],
}

export const locationRule: EntityRule<ToLocation, DoceboLocation> = {
  entity: "location",
  master: "to",
  replica: "docebo",
  keyName: "TO location id (stamped as the Docebo location's external_id); adopted by name and address",
  masterKey: (location) => location.id,
  replicaId: (location) => location.id,
  stamp: (location) => location.externalId,
  adoption: {
    name: "name and address",
    master: (l) => naturalKey(l.name, joinAddress(l.address, l.city)),
    replica: (l) => naturalKey(l.name, l.address),
  },
  deletion: "orphan",
  fields: [
    field(
      "name",
      (l) => text(l.name),
      (l) => text(l.name),
    ),
    field(
      "address",
      (l) => joinAddress(l.address, l.city),
      (l) => text(l.address),
    ),
    field(
      "country",
      (l) => upper(l.country),
      (l) => upper(l.countryCode),
    ),
    field(
      "externalId",
      (l) => l.id,
      (l) => l.externalId,
    ),
  ],
}

export const classroomRule: EntityRule<ToRoom, DoceboClassroom> = {
  entity: "classroom",
  master: "to",
  replica: "docebo",
  keyName: "TO room id (stamped as the Docebo classroom's external_id); adopted by location and name",
  masterKey: (room) => room.id,
  replicaId: (classroom) => classroom.id,
  stamp: (classroom) => classroom.externalId,
  adoption: {
    name: "location and name",
    master: (r) => naturalKey(r.locationId, r.name),
    replica: (c, resolve) => naturalKey(resolve.toLocationOf(c.locationId), c.name),
  },
  deletion: "orphan",
  fields: [
    field(
      "name",
      (r) => text(r.name),
      (c) => text(c.name),
    ),
    field(
      "seats",
      (r) => int(r.seats),
      (c) => int(c.seats),
    ),
    field(
      "location",
      (r, resolve) => (r.locationId === null ? null : resolve.locationRef(r.locationId)),
      (c, resolve) => resolve.toLocationOf(c.locationId),
      { ref: "location" },
    ),
    field(
      "externalId",
      (r) => r.id,
      (c) => c.externalId,
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
  readonly isInstructor: boolean
  /** The TO provider id, or `request:<id>` for a provider iltsync has been asked to create. */
  readonly trainingProvider: string | null
}

export const trainerRule: EntityRule<TrainerView, ToTrainer> = {
  entity: "trainer",
  master: "docebo",
  replica: "to",
  keyName: "Docebo user id (stamped as the TO trainer's external_ref); adopted by e-mail",
  masterKey: (trainer) => trainer.user.id,
  replicaId: (trainer) => trainer.id,
  stamp: (trainer) => trainer.externalRef,
  adoption: { name: "e-mail", master: (t) => email(t.email), replica: (t) => email(t.email) },
  deletion: "deactivate",
  replicaActive: (trainer) => trainer.active,
  fields: [
    field(
      "firstName",
      (t) => text(t.firstName),
      (t) => text(t.firstName),
    ),
    field(
      "lastName",
      (t) => text(t.lastName),
      (t) => text(t.lastName),
    ),
    field(
      "email",
      (t) => email(t.email),
      (t) => email(t.email),
    ),
    field(
      "trainingProvider",
      (t) => t.trainingProvider,
      (t) => t.trainingProviderId,
      { ref: "trainingProvider" },
    ),
    field(
      "active",
      () => true,
      (t) => t.active,
    ),
    field(
      "externalRef",
      (t) => t.user.id,
      (t) => t.externalRef,
      { ref: "user" },
    ),
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

export const sessionRule: EntityRule<ToSession, DoceboSession> = {
  entity: "session",
  master: "to",
  replica: "docebo",
  keyName: "TO session id (stamped as the Docebo session's external_id)",
  masterKey: (session) => session.id,
  replicaId: (session) => session.id,
  stamp: (session) => session.externalId,
  deletion: "delete",
  immutable: ["course"],
  masterType: (s) => courseTypeOfModality(s.modality),
  fields: [
    field(
      "course",
      (s, resolve) => resolve.courseOfToCourse(s.courseId),
      (s) => s.courseId,
      { ref: "course" },
    ),
    field(
      "name",
      (s) => text(s.name),
      (s) => text(s.name),
    ),
    field(
      "maxEnroll",
      (s) => int(s.maxParticipants),
      (s) => int(s.maxEnroll),
    ),
    field(
      "minEnroll",
      (s) => int(s.minParticipants),
      (s) => int(s.minEnroll),
      { only: "ilt" },
    ),
    field(
      "instructors",
      (s, resolve) => trainerUsers(s.trainerId, resolve),
      (s) => idSet(s.instructors),
      {
        ref: "user",
      },
    ),
    field(
      "completionMode",
      (s) => s.completionMode,
      (s) => s.completionType,
      { only: "vilt" },
    ),
    field(
      "externalId",
      (s) => s.id,
      (s) => s.externalId,
    ),
  ],
  items: {
    name: "events",
    key: "slot",
    master: (session: ToSession) => session.slots,
    replica: (session: DoceboSession) => session.events,
    masterKey: (slot: ToSlot) => slot.id,
    replicaKey: (event: DoceboEvent) => event.externalId,
    replicaId: (event: DoceboEvent) => event.id,
    order: (item: ToSlot | DoceboEvent) =>
      "start" in item ? `${day(item.day)} ${time(item.start)}` : `${day(item.day)} ${time(item.timeBegin)}`,
    fields: [
      itemField<ToSession, DoceboSession, ToSlot, DoceboEvent>(
        "externalId",
        (slot) => slot.id,
        (event) => event.externalId,
      ),
      itemField<ToSession, DoceboSession, ToSlot, DoceboEvent>(
        "day",
        (slot) => day(slot.day),
        (event) => day(event.day),
      ),
      itemField<ToSession, DoceboSession, ToSlot, DoceboEvent>(
        "start",
        (slot) => time(slot.start),
        (event) => time(event.timeBegin),
      ),
      itemField<ToSession, DoceboSession, ToSlot, DoceboEvent>(
        "end",
        (slot) => time(slot.end),
        (event) => time(event.timeEnd),
      ),
      itemField<ToSession, DoceboSession, ToSlot, DoceboEvent>(
        "timezone",
        (slot) => timeZone(slot.timezone),
        (event) => timeZone(event.timezone),
      ),
      itemField<ToSession, DoceboSession, ToSlot, DoceboEvent>(
        "location",
        (slot, session, resolve) => {
          const room = slotRoom(slot, session)
          const location = (room === null ? null : resolve.locationOfRoom(room)) ?? session.locationId
          return location === null ? null : resolve.locationRef(location)
        },
        (event, _session, resolve) => (event.locationId === null ? null : resolve.toLocationOf(event.locationId)),
        { ref: "location", only: "ilt" },
      ),
      itemField<ToSession, DoceboSession, ToSlot, DoceboEvent>(
        "classroom",
        (slot, session, resolve) => {
          const room = slotRoom(slot, session)
          return room !== null && resolve.isPhysicalRoom(room) ? resolve.classroomRef(room) : null
        },
        (event, _session, resolve) => (event.classroomId === null ? null : resolve.toRoomOf(event.classroomId)),
        { ref: "classroom", only: "ilt" },
      ),
      itemField<ToSession, DoceboSession, ToSlot, DoceboEvent>(
        "webinarAccount",
        (slot, session, resolve) => slotAccount(slot, session, resolve),
        (event) => event.webinarAccountId,
        { ref: "webinarAccount", only: "vilt" },
      ),
      itemField<ToSession, DoceboSession, ToSlot, DoceboEvent>(
        "tool",
        (slot, session, resolve) => {
          const account = slotAccount(slot, session, resolve)
          return account === null ? null : resolve.toolOfAccount(account)
        },
        (event) => event.tool,
        { only: "vilt" },
      ),
      itemField<ToSession, DoceboSession, ToSlot, DoceboEvent>(
        "durationMinutes",
        (slot) => int(slot.durationMinutes),
        (event) => int(event.durationMinutes),
        { only: "vilt" },
      ),
      itemField<ToSession, DoceboSession, ToSlot, DoceboEvent>(
        "instructors",
        (slot, session, resolve) => trainerUsers(slotTrainer(slot, session), resolve),
        (event) => idSet(event.instructors),
        { ref: "user" },
      ),
    ],
  },
}

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
  session: { docebo: [...sessionRule.fields.map((f) => f.name), "events"], to: ["needsReconfiguration"] },
  event: { docebo: ["events"], to: [] },
}

/** Share and floor of the mass-change guard: more than `share` of an entity type, and at least `minimum` records. */
export interface Guards {
  readonly massChangeShare: number
  readonly massChangeMinimum: number
}

export const defaultGuards: Guards = { massChangeShare: 0.1, massChangeMinimum: 20 }
