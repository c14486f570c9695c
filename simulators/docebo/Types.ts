/**
 * Docebo records as the simulator keeps them (snake_case, flat, other records by id), and the whole state it holds:
 * what `/__sim/state` answers and seeds give. The API answers them in Docebo's own shapes (Answers.ts).
 */

export type CourseType = "elearning" | "classroom" | "webinar"
/**
 * The webinar tools Docebo's documents name (DOCEBO-API.md, "Tool names"). The list is not closed: a tenant may have
 * another integration, whose accounts and events carry its own tool name (`ToolName`).
 */
export type WebinarTool = "zoom" | "zoom_v3" | "teams" | "webex" | "gotomeeting" | "adobe_connect" | "custom"
/** A webinar tool as a tenant names it: one of `WebinarTool`, or another integration's name. */
export type ToolName = string
export type CompletionType = "manual" | "attendance" | "evaluation"

export const courseTypes: CourseType[] = ["elearning", "classroom", "webinar"]
export const webinarTools: WebinarTool[] = [
  "zoom",
  "zoom_v3",
  "teams",
  "webex",
  "gotomeeting",
  "adobe_connect",
  "custom",
]
export const completionTypes: CompletionType[] = ["manual", "attendance", "evaluation"]

export interface DoceboCourse {
  id_course: number
  name: string
  /** May be empty: Docebo does not require a course code. */
  code: string
  course_type: CourseType
  lang_code: string
  /** UTC, `YYYY-MM-DD HH:mm:ss`. */
  date_last_updated: string
}

export interface DoceboSession {
  id: number
  /** Answered as `course` `{id, name}` by `GET /course/v1/sessions/{id}`. */
  id_course: number
  uid_session: string
  name: string
  code: string
  max_enroll: number | null
  min_enroll: number | null
  instructors: number[]
  completion_type: CompletionType | null
  enrolled: number
  /** UTC `YYYY-MM-DD HH:mm:ss` of the first event's start and the last event's end; null without events. */
  date_start: string | null
  date_end: string | null
}

export interface DoceboEvent {
  id: number
  id_session: number
  name: string
  day: string
  time_begin: string
  time_end: string
  timezone: string
  id_location: number | null
  id_classroom: number | null
  tool: ToolName | null
  webinar_account_id: number | null
  duration: number | null
  instructors: number[]
  join_url: string | null
}

export interface DoceboLocation {
  id_location: number
  name: string
  address: string
  id_country: number | null
  name_country: string | null
  iso_code_country: string | null
}

export interface DoceboClassroom {
  id_classroom: number
  id_location: number
  name: string
  seats: number | null
}

export interface DoceboUser {
  user_id: number
  username: string
  first_name: string
  last_name: string
  email: string
  level: string
  status: string
  is_instructor: 0 | 1
}

export interface DoceboWebinarAccount {
  id: number
  tool: ToolName
  name: string
  email: string
}

/** The whole state: what `GET /__sim/state` answers and what `POST /__sim/seed` takes. */
export interface DoceboState {
  courses: DoceboCourse[]
  sessions: DoceboSession[]
  events: DoceboEvent[]
  locations: DoceboLocation[]
  classrooms: DoceboClassroom[]
  users: DoceboUser[]
  webinar_accounts: DoceboWebinarAccount[]
}

type Optional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>

/** Seed input: a `DoceboState` in which derived or defaulted fields may be left out (they are filled in). */
export interface DoceboSeed {
  courses?: Optional<DoceboCourse, "code" | "lang_code" | "date_last_updated">[]
  sessions?: Optional<
    DoceboSession,
    | "uid_session"
    | "code"
    | "max_enroll"
    | "min_enroll"
    | "instructors"
    | "completion_type"
    | "enrolled"
    | "date_start"
    | "date_end"
  >[]
  events?: Optional<
    DoceboEvent,
    "name" | "id_location" | "id_classroom" | "tool" | "webinar_account_id" | "duration" | "instructors" | "join_url"
  >[]
  locations?: Optional<DoceboLocation, "address" | "id_country" | "name_country" | "iso_code_country">[]
  classrooms?: Optional<DoceboClassroom, "seats">[]
  users?: Optional<DoceboUser, "first_name" | "last_name" | "level" | "status" | "is_instructor">[]
  webinar_accounts?: DoceboWebinarAccount[]
}

/** The order of each stored record's fields (for courses, locations, classrooms, users and accounts, as listed). */
export const courseKeys: (keyof DoceboCourse)[] = [
  "id_course",
  "name",
  "code",
  "course_type",
  "lang_code",
  "date_last_updated",
]
export const sessionKeys: (keyof DoceboSession)[] = [
  "id",
  "id_course",
  "uid_session",
  "name",
  "code",
  "max_enroll",
  "min_enroll",
  "instructors",
  "completion_type",
  "enrolled",
  "date_start",
  "date_end",
]
export const eventKeys: (keyof DoceboEvent)[] = [
  "id",
  "id_session",
  "name",
  "day",
  "time_begin",
  "time_end",
  "timezone",
  "id_location",
  "id_classroom",
  "tool",
  "webinar_account_id",
  "duration",
  "instructors",
  "join_url",
]
export const locationKeys: (keyof DoceboLocation)[] = [
  "id_location",
  "name",
  "address",
  "id_country",
  "name_country",
  "iso_code_country",
]
export const classroomKeys: (keyof DoceboClassroom)[] = ["id_classroom", "id_location", "name", "seats"]
export const userKeys: (keyof DoceboUser)[] = [
  "user_id",
  "username",
  "first_name",
  "last_name",
  "email",
  "level",
  "status",
  "is_instructor",
]
export const webinarAccountKeys: (keyof DoceboWebinarAccount)[] = ["id", "tool", "name", "email"]
