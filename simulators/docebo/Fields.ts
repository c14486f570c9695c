import { isPlainObject } from "../shared/Body.ts"
import {
  arrayOf,
  type Check,
  day,
  email,
  int,
  nested,
  nonEmptyText,
  nullable,
  oneOf,
  refuse,
  text,
  timeWithSeconds,
  timeZone,
} from "../shared/Fields.ts"
import { completionTypes, courseTypes, webinarTools } from "./Types.ts"

/** The writable fields of each Docebo resource, and the read-only ones a client may send back unchanged. */

export const courseFields = {
  name: nonEmptyText,
  code: text,
  course_type: oneOf(...courseTypes),
  lang_code: nonEmptyText,
}
export const courseDefaults = { code: "", lang_code: "english" }
/** The single course answers `type` where the list says `course_type` [seen]: sent back, it is not a change. */
export const courseReadOnly = ["id_course", "date_last_updated", "type"]

const userId = int(1)
/**
 * Instructors are written as user ids [assumed: no public trace of the write shape]; the user objects a read answers
 * are taken too, by their id, so that a record read and sent back whole round-trips [seen for sessions].
 */
const instructorId: Check<number> = (value) => (isPlainObject(value) ? userId(value.id) : userId(value))
const userIds = arrayOf(userId)
const instructorIds = arrayOf(instructorId)

export const sessionFields = {
  name: nonEmptyText,
  code: text,
  max_enroll: nullable(int(0)),
  min_enroll: nullable(int(0)),
  instructors: instructorIds,
  completion_type: nullable(oneOf(...completionTypes)),
}
export const sessionDefaults = {
  code: "",
  max_enroll: null,
  min_enroll: null,
  instructors: [],
  completion_type: null,
}
export const sessionReadOnly = ["id", "uid_session", "enrolled", "date_start", "date_end", "course"]

/** An event's `schedule` [seen]; its `offset` follows from the time zone, answered but never taken. */
const scheduleFields = {
  date: day,
  time_begin: timeWithSeconds,
  time_end: timeWithSeconds,
  timezone: timeZone,
}
/** An event's location or classroom, given by id [assumed]; its `name` is answered, never taken. */
const placeFields = { id: nullable(int(1)) }
/**
 * A webinar tool as Docebo names its integrations: one DOCEBO-API.md lists, or another a tenant has ("Known tools
 * include…": the list is not closed). An event's tool that is not listed must be its account's (Rules.ts).
 */
const toolName: Check<string> = (value) =>
  typeof value === "string" && /^[a-z][a-z0-9_]*$/.test(value)
    ? value
    : refuse(`must be a webinar tool: ${webinarTools.join(", ")}, or another integration's name (a-z, 0-9, _)`)

/** An event's online side [assumed]; `join_url` comes from the tool's meeting, answered but never taken. */
const webinarFields = { tool: nullable(toolName), account_id: nullable(int(1)) }

/** An event as the API takes it: the shape of its read (DOCEBO-API.md), nested objects given in part on an update. */
export const eventFields = {
  name: text,
  schedule: nested(scheduleFields, { ignored: ["offset"] }),
  location: nullable(nested(placeFields, { ignored: ["name"] })),
  classroom: nullable(nested(placeFields, { ignored: ["name"] })),
  webinar: nullable(nested(webinarFields, { ignored: ["join_url"] })),
  duration: nullable(int(0, 24 * 60)),
  instructors: instructorIds,
}
export const eventDefaults = {
  name: "",
  location: null,
  classroom: null,
  webinar: null,
  duration: null,
  instructors: [],
}
export const eventReadOnly = ["id"]

/** An event as the simulator keeps it (its state and seeds): flat, other records by id. */
export const eventRecordFields = {
  name: text,
  day,
  time_begin: timeWithSeconds,
  time_end: timeWithSeconds,
  timezone: timeZone,
  id_location: nullable(int(1)),
  id_classroom: nullable(int(1)),
  tool: nullable(toolName),
  webinar_account_id: nullable(int(1)),
  duration: nullable(int(0, 24 * 60)),
  instructors: userIds,
}
export const eventRecordDefaults = {
  name: "",
  id_location: null,
  id_classroom: null,
  tool: null,
  webinar_account_id: null,
  duration: null,
  instructors: [],
}

export const locationFields = {
  name: nonEmptyText,
  address: text,
  id_country: nullable(int(1)),
  iso_code_country: nullable(text),
}
export const locationDefaults = { address: "", id_country: null, iso_code_country: null }
export const locationReadOnly = ["id_location", "name_country"]

export const classroomFields = {
  id_location: int(1),
  name: nonEmptyText,
  seats: nullable(int(0)),
}
export const classroomDefaults = { seats: null }
export const classroomReadOnly = ["id_classroom"]

/** Docebo takes 0/1 for flags; booleans are accepted too and stored as 0/1. */
export const flag: Check<0 | 1> = (value) => {
  if (value === 1 || value === true || value === "1") return 1
  if (value === 0 || value === false || value === "0") return 0
  return refuse("must be 0 or 1")
}

export const userCreateFields = {
  userid: nonEmptyText,
  password: text,
  email,
  firstname: text,
  lastname: text,
  is_instructor: flag,
}
export const userCreateDefaults = { password: "", firstname: "", lastname: "", is_instructor: 0 as const }

export const userUpdateFields = { firstname: text, lastname: text, email, is_instructor: flag }

export const webinarAccountFields = { tool: toolName, name: nonEmptyText, email }
