/**
 * An event written in the API's shape (`schedule`, `location`, `classroom`, `webinar` objects) as the flat record
 * the simulator keeps, and the API's names for the record's fields, so that a problem names what the client sent.
 */
import type { FieldProblem } from "../shared/Errors.ts"
import type { Parsed } from "../shared/Fields.ts"
import type { eventFields } from "./Fields.ts"
import type { EventFieldName, EventInput } from "./Rules.ts"

type EventWrite = Partial<Parsed<typeof eventFields>>

const wireNames: Record<keyof EventInput, string> = {
  name: "name",
  day: "schedule.date",
  time_begin: "schedule.time_begin",
  time_end: "schedule.time_end",
  timezone: "schedule.timezone",
  id_location: "location.id",
  id_classroom: "classroom.id",
  tool: "webinar.tool",
  webinar_account_id: "webinar.account_id",
  duration: "duration",
  instructors: "instructors",
}

/** Names a record field as the API spells it, under `prefix` (`events[2].`). */
export const wireName =
  (prefix = ""): EventFieldName =>
  (field) =>
    prefix + wireNames[field]

/**
 * The record fields a write changes. A nested object given in part changes only its parts (a new date keeps the
 * times); a null `location`, `classroom` or `webinar` clears it.
 */
export const eventChanges = (write: EventWrite): Partial<EventInput> => {
  const changes: Partial<EventInput> = {}
  const { schedule, location, classroom, webinar } = write
  if (write.name !== undefined) changes.name = write.name
  if (schedule?.date !== undefined) changes.day = schedule.date
  if (schedule?.time_begin !== undefined) changes.time_begin = schedule.time_begin
  if (schedule?.time_end !== undefined) changes.time_end = schedule.time_end
  if (schedule?.timezone !== undefined) changes.timezone = schedule.timezone
  if (location !== undefined) changes.id_location = location?.id ?? null
  if (classroom !== undefined) changes.id_classroom = classroom?.id ?? null
  if (webinar === null) {
    changes.tool = null
    changes.webinar_account_id = null
  } else if (webinar !== undefined) {
    if (webinar.tool !== undefined) changes.tool = webinar.tool
    if (webinar.account_id !== undefined) changes.webinar_account_id = webinar.account_id
  }
  if (write.duration !== undefined) changes.duration = write.duration
  if (write.instructors !== undefined) changes.instructors = write.instructors
  return changes
}

const scheduled = ["day", "time_begin", "time_end", "timezone"] as const

/** A new event's record; its schedule must be whole, the rest has Docebo's defaults. */
export const newEventInput = (write: EventWrite, problems: FieldProblem[], prefix = ""): EventInput | undefined => {
  const changes = eventChanges(write)
  const missing = scheduled.filter((field) => changes[field] === undefined)
  for (const field of missing) problems.push({ field: wireName(prefix)(field), message: "is required" })
  if (missing.length > 0) return undefined
  return {
    name: "",
    id_location: null,
    id_classroom: null,
    tool: null,
    webinar_account_id: null,
    duration: null,
    instructors: [],
    ...changes,
  } as EventInput
}
