/**
 * Docebo's JSON ⇄ the domain, in one place. Each record's vendor field names sit in one table keyed by the domain's
 * names: the read schemas rename through it (`Schema.fromKey`) and the write bodies are built from it, so a field that
 * Docebo renames is a one-line change here. Tags are those of shared/spec/DOCEBO-API.md.
 */
import { Schema } from "effect"
import {
  DoceboClassroomId,
  DoceboCourseId,
  DoceboEventId,
  DoceboLocationId,
  DoceboSessionId,
  DoceboUserId,
  DoceboWebinarAccountId,
  ToLocationId,
  ToRoomId,
  ToSessionId,
  ToSlotId,
} from "../../engine/model/Ids.ts"
import { CompletionMode, Count, CourseType, Day, TimeOfDay, TimeZone, WebinarTool } from "../../engine/model/Values.ts"
import type {
  DoceboClassroomFields,
  DoceboEventFields,
  DoceboLocationFields,
  DoceboSessionFields,
  DoceboUserFields,
} from "../../engine/Writes.ts"
import { definedOnly } from "../http/Request.ts"
import { OptionalRef, renamed } from "../http/Schemas.ts"
import { Flag, NumericId } from "./WireValues.ts"

export const CourseKeys = {
  id: "id_course",
  code: "code",
  name: "name",
  type: "course_type",
  language: "lang_code",
  updatedAt: "date_last_updated",
} as const

export const SessionKeys = {
  id: "id",
  name: "name",
  maxEnroll: "max_enroll",
  minEnroll: "min_enroll",
  instructors: "instructors",
  completionType: "completion_type",
  externalId: "external_id",
  enrolled: "enrolled",
  events: "events",
} as const

export const EventKeys = {
  id: "id",
  name: "name",
  day: "day",
  timeBegin: "time_begin",
  timeEnd: "time_end",
  timezone: "timezone",
  locationId: "id_location",
  classroomId: "id_classroom",
  tool: "tool",
  webinarAccountId: "webinar_account_id",
  durationMinutes: "duration",
  instructors: "instructors",
  externalId: "external_id",
  joinUrl: "join_url",
} as const

export const LocationKeys = {
  id: "id_location",
  name: "name",
  address: "address",
  countryCode: "iso_code_country",
  externalId: "external_id",
} as const

export const ClassroomKeys = {
  id: "id_classroom",
  locationId: "id_location",
  name: "name",
  seats: "seats",
  externalId: "external_id",
} as const

/** Users are read with `first_name`/`last_name` but written with `firstname`/`lastname` [seen]. */
export const UserKeys = {
  id: "user_id",
  username: "username",
  firstName: "first_name",
  lastName: "last_name",
  email: "email",
  isInstructor: "is_instructor",
} as const

export const UserWriteKeys = {
  firstName: "firstname",
  lastName: "lastname",
  email: "email",
  isInstructor: "is_instructor",
} as const

export const WebinarAccountKeys = { id: "id", tool: "tool", name: "name", email: "email" } as const

export const DomainKeys = { domain: "domain", isMainDomain: "is_main_domain" } as const

/** `classroom` is ILT and `webinar` VILT; any other type (e-learning) is not the engine's business. */
const CourseKind = Schema.transform(Schema.String, Schema.NullOr(CourseType), {
  strict: true,
  decode: (type) => (type === "classroom" ? "ilt" : type === "webinar" ? "vilt" : null),
  encode: (type) => (type === "ilt" ? "classroom" : type === "vilt" ? "webinar" : "elearning"),
})

/** Asks Docebo for one course type at a time [assumed filter]; the adapter checks the type again itself. */
export const courseTypeFilters = ["classroom", "webinar"] as const

export const CourseRecord = Schema.Struct({
  id: renamed(CourseKeys.id, NumericId(DoceboCourseId)),
  code: renamed(CourseKeys.code, Schema.String),
  name: renamed(CourseKeys.name, Schema.String),
  type: renamed(CourseKeys.type, CourseKind),
  language: renamed(CourseKeys.language, Schema.String),
  updatedAt: renamed(CourseKeys.updatedAt, Schema.String),
})

export const EventRecord = Schema.Struct({
  id: renamed(EventKeys.id, NumericId(DoceboEventId)),
  name: renamed(EventKeys.name, Schema.String),
  day: renamed(EventKeys.day, Day),
  timeBegin: renamed(EventKeys.timeBegin, TimeOfDay),
  timeEnd: renamed(EventKeys.timeEnd, TimeOfDay),
  timezone: renamed(EventKeys.timezone, TimeZone),
  locationId: renamed(EventKeys.locationId, Schema.NullOr(NumericId(DoceboLocationId))),
  classroomId: renamed(EventKeys.classroomId, Schema.NullOr(NumericId(DoceboClassroomId))),
  tool: renamed(EventKeys.tool, Schema.NullOr(WebinarTool)),
  webinarAccountId: renamed(EventKeys.webinarAccountId, Schema.NullOr(NumericId(DoceboWebinarAccountId))),
  durationMinutes: renamed(EventKeys.durationMinutes, Schema.NullOr(Count)),
  instructors: renamed(EventKeys.instructors, Schema.Array(NumericId(DoceboUserId))),
  externalId: renamed(EventKeys.externalId, OptionalRef(ToSlotId)),
  joinUrl: renamed(EventKeys.joinUrl, Schema.NullOr(Schema.String)),
})

/** A session as listed; its course comes from the listing's path, its events from their own listing. */
export const SessionRecord = Schema.Struct({
  id: renamed(SessionKeys.id, NumericId(DoceboSessionId)),
  name: renamed(SessionKeys.name, Schema.String),
  maxEnroll: renamed(SessionKeys.maxEnroll, Schema.NullOr(Count)),
  minEnroll: renamed(SessionKeys.minEnroll, Schema.NullOr(Count)),
  instructors: renamed(SessionKeys.instructors, Schema.Array(NumericId(DoceboUserId))),
  completionType: renamed(SessionKeys.completionType, Schema.NullOr(CompletionMode)),
  externalId: renamed(SessionKeys.externalId, OptionalRef(ToSessionId)),
  enrolled: renamed(SessionKeys.enrolled, Count),
})

export const LocationRecord = Schema.Struct({
  id: renamed(LocationKeys.id, NumericId(DoceboLocationId)),
  name: renamed(LocationKeys.name, Schema.String),
  address: renamed(LocationKeys.address, Schema.String),
  countryCode: renamed(LocationKeys.countryCode, Schema.NullOr(Schema.String)),
  externalId: renamed(LocationKeys.externalId, OptionalRef(ToLocationId)),
})

export const ClassroomRecord = Schema.Struct({
  id: renamed(ClassroomKeys.id, NumericId(DoceboClassroomId)),
  locationId: renamed(ClassroomKeys.locationId, NumericId(DoceboLocationId)),
  name: renamed(ClassroomKeys.name, Schema.String),
  seats: renamed(ClassroomKeys.seats, Schema.NullOr(Count)),
  externalId: renamed(ClassroomKeys.externalId, OptionalRef(ToRoomId)),
})

export const UserRecord = Schema.Struct({
  id: renamed(UserKeys.id, NumericId(DoceboUserId)),
  username: renamed(UserKeys.username, Schema.String),
  firstName: renamed(UserKeys.firstName, Schema.String),
  lastName: renamed(UserKeys.lastName, Schema.String),
  email: renamed(UserKeys.email, Schema.String),
  isInstructor: renamed(UserKeys.isInstructor, Flag),
})

export const WebinarAccountRecord = Schema.Struct({
  id: renamed(WebinarAccountKeys.id, NumericId(DoceboWebinarAccountId)),
  tool: renamed(WebinarAccountKeys.tool, WebinarTool),
  name: renamed(WebinarAccountKeys.name, Schema.String),
  email: renamed(WebinarAccountKeys.email, Schema.String),
})

export const DomainRecord = Schema.Struct({
  domain: renamed(DomainKeys.domain, Schema.String),
  isMainDomain: renamed(DomainKeys.isMainDomain, Schema.Boolean),
})

/** Docebo's time stamps and filters: UTC `YYYY-MM-DD HH:mm:ss` [seen in `date_last_updated`]. */
export const doceboDateTime = (iso: string): string => {
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString().replace("T", " ").slice(0, 19)
}

export const parseDoceboDateTime = (text: string): number =>
  Date.parse(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text) ? `${text.replace(" ", "T")}Z` : text)

/** Docebo wants `HH:mm:ss`; Training Orchestra's times come as `HH:mm`. */
const withSeconds = (time: string | undefined): string | undefined => {
  if (time === undefined) return undefined
  const [hours = "0", minutes = "00", seconds = "00"] = time.split(":")
  return `${hours.padStart(2, "0")}:${minutes}:${seconds}`
}

const numeric = (id: string | null | undefined) => (id === null || id === undefined ? id : Number(id))
const numerics = (ids: ReadonlyArray<string> | undefined) => ids?.map(Number)

export const sessionBody = (fields: Partial<DoceboSessionFields>): Record<string, unknown> =>
  definedOnly({
    [SessionKeys.name]: fields.name,
    [SessionKeys.maxEnroll]: fields.maxEnroll,
    [SessionKeys.minEnroll]: fields.minEnroll,
    [SessionKeys.instructors]: numerics(fields.instructors),
    [SessionKeys.completionType]: fields.completionType,
    [SessionKeys.externalId]: fields.externalId,
  })

export const eventBody = (fields: Partial<DoceboEventFields>): Record<string, unknown> =>
  definedOnly({
    [EventKeys.day]: fields.day,
    [EventKeys.timeBegin]: withSeconds(fields.timeBegin),
    [EventKeys.timeEnd]: withSeconds(fields.timeEnd),
    [EventKeys.timezone]: fields.timezone,
    [EventKeys.locationId]: numeric(fields.locationId),
    [EventKeys.classroomId]: numeric(fields.classroomId),
    [EventKeys.tool]: fields.tool,
    [EventKeys.webinarAccountId]: numeric(fields.webinarAccountId),
    [EventKeys.durationMinutes]: fields.durationMinutes,
    [EventKeys.instructors]: numerics(fields.instructors),
    [EventKeys.externalId]: fields.externalId,
  })

/** A new session with its events inline: both are created in one call, or neither. */
export const newSessionBody = (session: DoceboSessionFields, events: ReadonlyArray<DoceboEventFields>) => ({
  ...sessionBody(session),
  [SessionKeys.events]: events.map(eventBody),
})

export const locationBody = (fields: Partial<DoceboLocationFields>): Record<string, unknown> =>
  definedOnly({
    [LocationKeys.name]: fields.name,
    [LocationKeys.address]: fields.address,
    [LocationKeys.countryCode]: fields.countryCode,
    [LocationKeys.externalId]: fields.externalId,
  })

export const classroomBody = (fields: Partial<DoceboClassroomFields>): Record<string, unknown> =>
  definedOnly({
    [ClassroomKeys.locationId]: numeric(fields.locationId),
    [ClassroomKeys.name]: fields.name,
    [ClassroomKeys.seats]: fields.seats,
    [ClassroomKeys.externalId]: fields.externalId,
  })

/** Docebo's flags are 0/1 [seen]. */
export const userBody = (fields: Partial<DoceboUserFields>): Record<string, unknown> =>
  definedOnly({
    [UserWriteKeys.firstName]: fields.firstName,
    [UserWriteKeys.lastName]: fields.lastName,
    [UserWriteKeys.email]: fields.email,
    [UserWriteKeys.isInstructor]: fields.isInstructor === undefined ? undefined : fields.isInstructor ? 1 : 0,
  })
