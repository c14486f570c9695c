/** Training Orchestra records exactly as the API sends them (snake_case), and the whole state a simulator holds. */

export type Modality = "onsite" | "online"
export type SessionStatus = "in_qualification" | "validated" | "cancelled"
export type CompletionMode = "manual" | "attendance" | "evaluation"
export type RoomKind = "physical" | "virtual"
export type WebinarTool = "zoom" | "zoom_v3" | "teams" | "webex" | "gotomeeting" | "adobe_connect" | "custom"

export const modalities: Modality[] = ["onsite", "online"]
export const sessionStatuses: SessionStatus[] = ["in_qualification", "validated", "cancelled"]
export const completionModes: CompletionMode[] = ["manual", "attendance", "evaluation"]
export const roomKinds: RoomKind[] = ["physical", "virtual"]
export const webinarTools: WebinarTool[] = [
  "zoom",
  "zoom_v3",
  "teams",
  "webex",
  "gotomeeting",
  "adobe_connect",
  "custom",
]

/** Every record has these; timestamps are ISO-8601 UTC with milliseconds. */
export interface ToRecord {
  id: string
  /** The Docebo id the integration stamped on the record, if any. */
  external_ref: string | null
  created_at: string
  updated_at: string
}

export interface ToCourse extends ToRecord {
  code: string
  title: string
  modality: Modality
  language: string
  active: boolean
}

export interface ToTrainingProvider extends ToRecord {
  name: string
  site_id: string
  active: boolean
}

export interface ToSite extends ToRecord {
  name: string
  address: string
  city: string
  country: string
  training_provider_id: string
}

export interface ToTrainer extends ToRecord {
  first_name: string
  last_name: string
  email: string
  training_provider_id: string | null
  active: boolean
}

export interface ToLocation extends ToRecord {
  name: string
  address: string
  city: string
  country: string
}

export interface ToRoom extends ToRecord {
  /** Null for virtual rooms. */
  location_id: string | null
  name: string
  seats: number | null
  kind: RoomKind
  webinar_tool: WebinarTool | null
  active: boolean
}

/** One dated slot of a session. */
export interface ToSequence {
  id: string
  day: string
  /** HH:mm, wall-clock time in `timezone`. */
  start: string
  end: string
  timezone: string
  duration_minutes: number
  trainer_id: string | null
  room_id: string | null
}

export interface ToSession extends ToRecord {
  course_id: string
  name: string
  code: string | null
  status: SessionStatus
  modality: Modality
  min_participants: number | null
  max_participants: number | null
  trainer_id: string | null
  location_id: string | null
  room_id: string | null
  completion_mode: CompletionMode | null
  sequences: ToSequence[]
  needs_reconfiguration: boolean
}

/** The whole state: what `GET /__sim/state` answers and what `POST /__sim/seed` takes. */
export interface ToState {
  courses: ToCourse[]
  training_providers: ToTrainingProvider[]
  sites: ToSite[]
  trainers: ToTrainer[]
  locations: ToLocation[]
  rooms: ToRoom[]
  sessions: ToSession[]
}

type Optional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>
type Stamps = "external_ref" | "created_at" | "updated_at"

/** Seed input: a `ToState` in which timestamps, defaults and derived fields may be left out (they are filled in). */
export interface ToSeed {
  courses?: Optional<ToCourse, Stamps | "language" | "active">[]
  training_providers?: Optional<ToTrainingProvider, Stamps | "active">[]
  sites?: Optional<ToSite, Stamps | "address" | "city" | "country">[]
  trainers?: Optional<ToTrainer, Stamps | "training_provider_id" | "active">[]
  locations?: Optional<ToLocation, Stamps | "address" | "city" | "country">[]
  rooms?: Optional<ToRoom, Stamps | "location_id" | "seats" | "webinar_tool" | "active">[]
  sessions?: (Optional<
    Omit<ToSession, "sequences">,
    | Stamps
    | "code"
    | "status"
    | "modality"
    | "min_participants"
    | "max_participants"
    | "trainer_id"
    | "location_id"
    | "room_id"
    | "completion_mode"
    | "needs_reconfiguration"
  > & { sequences?: Optional<ToSequence, "id" | "duration_minutes" | "trainer_id" | "room_id">[] })[]
}

const stamps = ["external_ref", "created_at", "updated_at"] as const

/** The order in which each record's fields are listed. */
export const courseKeys: (keyof ToCourse)[] = ["id", "code", "title", "modality", "language", "active", ...stamps]
export const providerKeys: (keyof ToTrainingProvider)[] = ["id", "name", "site_id", "active", ...stamps]
export const siteKeys: (keyof ToSite)[] = [
  "id",
  "name",
  "address",
  "city",
  "country",
  "training_provider_id",
  ...stamps,
]
export const trainerKeys: (keyof ToTrainer)[] = [
  "id",
  "first_name",
  "last_name",
  "email",
  "training_provider_id",
  "active",
  ...stamps,
]
export const locationKeys: (keyof ToLocation)[] = ["id", "name", "address", "city", "country", ...stamps]
export const roomKeys: (keyof ToRoom)[] = [
  "id",
  "location_id",
  "name",
  "seats",
  "kind",
  "webinar_tool",
  "active",
  ...stamps,
]
export const sessionKeys: (keyof ToSession)[] = [
  "id",
  "course_id",
  "name",
  "code",
  "status",
  "modality",
  "min_participants",
  "max_participants",
  "trainer_id",
  "location_id",
  "room_id",
  "completion_mode",
  "sequences",
  "needs_reconfiguration",
  ...stamps,
]
export const sequenceKeys: (keyof ToSequence)[] = [
  "id",
  "day",
  "start",
  "end",
  "timezone",
  "duration_minutes",
  "trainer_id",
  "room_id",
]
