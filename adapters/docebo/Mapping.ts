/**
 * Docebo's JSON ⇄ the domain. The fields the rules map are read and written under the keys the rules give them
 * (adapters/http/VendorRecord.ts); what is left here is what no rule says: ids and counts, Docebo's own types on the
 * wire, users and the domain check. Tags are those of shared/spec/DOCEBO-API.md.
 */
import { Schema } from "effect"
import {
  DoceboClassroom,
  DoceboCourse,
  DoceboEvent,
  DoceboLocation,
  DoceboSession,
  type DoceboSessionSummary,
  DoceboWebinarAccount,
} from "../../engine/model/Docebo.ts"
import {
  DoceboClassroomId,
  DoceboCourseId,
  DoceboEventId,
  DoceboLocationId,
  DoceboSessionId,
  DoceboUserId,
  DoceboWebinarAccountId,
} from "../../engine/model/Ids.ts"
import { Count, CourseType, orUnlisted, TimeOfDay, Unlisted } from "../../engine/model/Values.ts"
import { vendorRules } from "../../engine/Rules.ts"
import { vendorKeysOf } from "../../engine/RuleTypes.ts"
import type {
  DoceboClassroomFields,
  DoceboEventFields,
  DoceboLocationFields,
  DoceboSessionFields,
  DoceboUserFields,
} from "../../engine/Writes.ts"
import { definedOnly } from "../http/Request.ts"
import { renamed } from "../http/Schemas.ts"
import { vendorBody, vendorDecoder, vendorFields } from "../http/VendorRecord.ts"
import { Flag, NumericId } from "./WireValues.ts"

/**
 * Each record's fields: what the rules map (engine/Rules.ts, with the keys of DOCEBO-API.md), the fields no rule maps
 * named here, and the wire's own types where Docebo's differ from the domain's: ids are integers [doc; seen as
 * numeric strings too]. No public answer carries an `external_id` on sessions, events, locations or classrooms
 * (DOCEBO-API.md, "Where a foreign id can be stamped"): none is read or written; a session's stamp is in its code
 * (engine/Stamps.ts), which its rule maps.
 */
const docebo = (record: string) => vendorKeysOf(vendorRules, `docebo:${record}`)

/** Docebo's course types [doc]: `classroom` is ILT, `webinar` VILT (a tenant never migrated), `elearning` neither. */
const wireCourseTypes: ReadonlyMap<string, CourseType | null> = new Map([
  ["classroom", "ilt"],
  ["webinar", "vilt"],
  ["elearning", null],
])

/**
 * E-learning is not the engine's business; a type Docebo's documents do not name is kept as it is, so that the
 * planner reports the course and leaves it alone rather than taking it for gone.
 */
const CourseKind = Schema.transform(Schema.String, Schema.NullOr(orUnlisted(CourseType)), {
  strict: true,
  decode: (type) => {
    const known = wireCourseTypes.get(type)
    return known === undefined ? Unlisted.make(type) : known
  },
  encode: (type) => (type === "ilt" ? "classroom" : type === "vilt" ? "webinar" : (type ?? "elearning")),
})

/** Asks Docebo for one course type at a time [assumed filter]; the adapter checks the type again itself. */
export const courseTypeFilters = ["classroom", "webinar"] as const

const courseOptions = {
  unmapped: {
    id: { key: "id_course", schema: NumericId(DoceboCourseId) },
    updatedAt: { key: "date_last_updated", schema: Schema.String },
  },
  wire: { type: CourseKind },
}

/** A course as listed: its type is `course_type` [seen]. */
export const CourseFields = vendorFields(DoceboCourse.fields, docebo("course"), courseOptions)

/** `GET /learn/v1/courses/{id}` names the type `type` where the list says `course_type` [seen]. */
export const CourseDetailFields = vendorFields(
  DoceboCourse.fields,
  docebo("course").map((field) => (field.path === "type" ? { ...field, key: "type" } : field)),
  courseOptions,
)

/** Docebo writes times as `HH:mm:ss` [doc]; Training Orchestra's come as `HH:mm`. */
const DoceboTime = Schema.transform(TimeOfDay, TimeOfDay, {
  strict: true,
  decode: (time) => time,
  encode: (time) => {
    const [hours = "0", minutes = "00", seconds = "00"] = time.split(":")
    return `${hours.padStart(2, "0")}:${minutes}:${seconds}`
  },
})

/**
 * Instructors are answered as user objects `{id, username, firstname, lastname}` [seen] and written as user ids
 * [assumed: no public trace of the write shape]; a bare id is read too.
 */
const Instructors = Schema.Array(
  Schema.Union(
    NumericId(DoceboUserId),
    Schema.transform(Schema.Struct({ id: NumericId(DoceboUserId) }), Schema.typeSchema(DoceboUserId), {
      strict: true,
      decode: (user) => user.id,
      encode: (id) => ({ id }),
    }),
  ),
)

/** An event's date and times are its `schedule` [seen]; its place and online side nested objects [assumed]. */
export const EventFields = vendorFields(DoceboEvent.fields, docebo("event"), {
  unmapped: {
    id: { key: "id", schema: NumericId(DoceboEventId) },
    name: { key: "name", schema: Schema.String },
    joinUrl: { key: "webinar.join_url", schema: Schema.NullOr(Schema.String) },
  },
  wire: {
    timeBegin: DoceboTime,
    timeEnd: DoceboTime,
    locationId: Schema.NullOr(NumericId(DoceboLocationId)),
    classroomId: Schema.NullOr(NumericId(DoceboClassroomId)),
    webinarAccountId: Schema.NullOr(NumericId(DoceboWebinarAccountId)),
    instructors: Instructors,
  },
})

/**
 * When a listed session ends: `date_end`, UTC `YYYY-MM-DD HH:mm:ss` [assumed: only `date_start` is seen in public
 * clients; `iltsync doctor` checks a session list carries it]. Missing or unreadable, it is null and the session's
 * events are read as before: only a session known to be over is left unread as history.
 */
export const ListedSessionEnd = Schema.transform(Schema.Unknown, Schema.NullOr(Schema.String), {
  strict: true,
  decode: (value) => {
    if (typeof value !== "string") return null
    const ms = parseDoceboDateTime(value)
    return Number.isNaN(ms) ? null : new Date(ms).toISOString()
  },
  encode: (value) => value,
})

/** A session as listed; its course comes from the listing's path, its events from their own listing. */
export const SessionFields = vendorFields(
  DoceboSession.fields,
  docebo("session").filter((f) => f.path !== "courseId"),
  {
    unmapped: {
      id: { key: "id", schema: NumericId(DoceboSessionId) },
      enrolled: { key: "enrolled", schema: Count },
      endsAt: { key: "date_end", schema: ListedSessionEnd, optional: true },
    },
    wire: { instructors: Instructors },
  },
)

export const LocationFields = vendorFields(DoceboLocation.fields, docebo("location"), {
  unmapped: { id: { key: "id_location", schema: NumericId(DoceboLocationId) } },
})

export const ClassroomFields = vendorFields(DoceboClassroom.fields, docebo("classroom"), {
  unmapped: { id: { key: "id_classroom", schema: NumericId(DoceboClassroomId) } },
  wire: { locationId: NumericId(DoceboLocationId) },
})

export const WebinarAccountFields = vendorFields(DoceboWebinarAccount.fields, docebo("webinarAccount"), {
  unmapped: {
    id: { key: "id", schema: NumericId(DoceboWebinarAccountId) },
    email: { key: "email", schema: Schema.String },
  },
})

type CourseAnswer = Omit<DoceboCourse, "type"> & { type: DoceboCourse["type"] | null; updatedAt: string }
export const CourseRecord = vendorDecoder<CourseAnswer>(CourseFields)
export const CourseDetailRecord = vendorDecoder<CourseAnswer>(CourseDetailFields)
export const EventRecord = vendorDecoder<DoceboEvent>(EventFields)
export const SessionRecord = vendorDecoder<Omit<DoceboSessionSummary, "courseId">>(SessionFields)
export const LocationRecord = vendorDecoder<DoceboLocation>(LocationFields)
export const ClassroomRecord = vendorDecoder<DoceboClassroom>(ClassroomFields)
export const WebinarAccountRecord = vendorDecoder<DoceboWebinarAccount>(WebinarAccountFields)

/** Users are no rule's vendor record: iltsync reads them, and writes the operator's trainer edits to them. */
export const UserKeys = {
  id: "user_id",
  username: "username",
  firstName: "first_name",
  lastName: "last_name",
  email: "email",
  isInstructor: "is_instructor",
} as const

/** Users are read with `first_name`/`last_name` but written with `firstname`/`lastname` [seen]. */
export const UserWriteKeys = {
  firstName: "firstname",
  lastName: "lastname",
  email: "email",
  isInstructor: "is_instructor",
} as const

export const DomainKeys = { domain: "domain", isMainDomain: "is_main_domain" } as const

export const UserRecord = Schema.Struct({
  id: renamed(UserKeys.id, NumericId(DoceboUserId)),
  username: renamed(UserKeys.username, Schema.String),
  firstName: renamed(UserKeys.firstName, Schema.String),
  lastName: renamed(UserKeys.lastName, Schema.String),
  email: renamed(UserKeys.email, Schema.String),
  // No public answer has an instructor flag [seen: SDK `ManageUserIndexItems`, `firehose-tap-docebo`]: absent is null.
  isInstructor: Schema.optionalWith(Schema.NullOr(Flag), { default: () => null }).pipe(
    Schema.fromKey(UserKeys.isInstructor),
  ),
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

export const sessionBody = (fields: Partial<DoceboSessionFields>) => vendorBody(SessionFields)(fields)

export const eventBody = (fields: Partial<DoceboEventFields>) => vendorBody(EventFields)(fields)

/** A new session with its events inline: both are created in one call, or neither. */
export const newSessionBody = (session: DoceboSessionFields, events: ReadonlyArray<DoceboEventFields>) => ({
  ...sessionBody(session),
  events: events.map(eventBody),
})

export const locationBody = (fields: Partial<DoceboLocationFields>) => vendorBody(LocationFields)(fields)

export const classroomBody = (fields: Partial<DoceboClassroomFields>) => vendorBody(ClassroomFields)(fields)

/** Docebo's flags are 0/1 [seen]. */
export const userBody = (fields: Partial<DoceboUserFields>): Record<string, unknown> =>
  definedOnly({
    [UserWriteKeys.firstName]: fields.firstName,
    [UserWriteKeys.lastName]: fields.lastName,
    [UserWriteKeys.email]: fields.email,
    [UserWriteKeys.isInstructor]: fields.isInstructor === undefined ? undefined : fields.isInstructor ? 1 : 0,
  })
