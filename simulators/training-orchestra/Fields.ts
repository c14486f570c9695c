import {
  bool,
  day,
  email,
  int,
  maybe,
  nonEmptyText,
  nullable,
  oneOf,
  text,
  timeOfDay,
  timeZone,
} from "../shared/Fields.ts"
import { completionModes, modalities, roomKinds, sessionStatuses, webinarTools } from "./Types.ts"

/** The writable fields of each Training Orchestra resource. */

const reference = nullable(nonEmptyText)
const externalRef = nullable(text)
export const recordLocked = ["id", "created_at", "updated_at"]

export const courseFields = {
  code: nonEmptyText,
  title: nonEmptyText,
  modality: oneOf(...modalities),
  language: nonEmptyText,
  active: bool,
  external_ref: externalRef,
}
export const courseDefaults = { language: "en", active: true, external_ref: null }

export const providerCreateFields = { name: nonEmptyText, active: bool, external_ref: externalRef }
export const providerCreateDefaults = { active: true, external_ref: null }
export const providerPatchFields = { name: nonEmptyText, active: bool }
export const providerLocked = [...recordLocked, "site_id", "external_ref"]

export const siteFields = { name: nonEmptyText, address: text, city: text, country: text }
export const siteDefaults = { address: "", city: "", country: "" }
export const siteLocked = [...recordLocked, "training_provider_id", "external_ref"]

export const trainerFields = {
  first_name: text,
  last_name: text,
  email,
  training_provider_id: reference,
  active: bool,
  external_ref: externalRef,
}
export const trainerDefaults = { training_provider_id: null, active: true, external_ref: null }

export const locationFields = { name: nonEmptyText, address: text, city: text, country: text }
export const locationDefaults = { address: "", city: "", country: "" }

export const roomFields = {
  location_id: reference,
  name: nonEmptyText,
  seats: nullable(int(0)),
  kind: oneOf(...roomKinds),
  webinar_tool: nullable(oneOf(...webinarTools)),
  active: bool,
  external_ref: externalRef,
}
export const roomDefaults = { location_id: null, seats: null, webinar_tool: null, active: true, external_ref: null }
/** Through the API only virtual rooms are written, and only these fields. */
export const virtualRoomPatchFields = {
  name: nonEmptyText,
  seats: nullable(int(0)),
  webinar_tool: nullable(oneOf(...webinarTools)),
  active: bool,
  external_ref: externalRef,
}
export const roomLocked = [...recordLocked, "kind", "location_id"]

export const sequenceFields = {
  id: maybe(nonEmptyText),
  day,
  start: timeOfDay,
  end: timeOfDay,
  timezone: timeZone,
  duration_minutes: maybe(int(1, 24 * 60)),
  trainer_id: maybe(reference),
  room_id: maybe(reference),
}
export const sequenceDefaults = {
  id: undefined,
  duration_minutes: undefined,
  trainer_id: undefined,
  room_id: undefined,
}

export const sessionFields = {
  course_id: nonEmptyText,
  name: nonEmptyText,
  code: nullable(text),
  status: oneOf(...sessionStatuses),
  modality: maybe(oneOf(...modalities)),
  min_participants: nullable(int(0)),
  max_participants: nullable(int(0)),
  trainer_id: reference,
  location_id: reference,
  room_id: reference,
  completion_mode: nullable(oneOf(...completionModes)),
  needs_reconfiguration: bool,
  external_ref: externalRef,
}
export const sessionDefaults = {
  code: null,
  status: "in_qualification" as const,
  modality: undefined,
  min_participants: null,
  max_participants: null,
  trainer_id: null,
  location_id: null,
  room_id: null,
  completion_mode: null,
  needs_reconfiguration: false,
  external_ref: null,
}
/** Sessions belong to the planner: the API may only stamp the Docebo id and flag a session for rework. */
export const sessionPatchFields = { external_ref: externalRef, needs_reconfiguration: bool }
export const sessionLocked = [...recordLocked, ...Object.keys(sessionFields), "sequences"]
