import { isPlainObject } from "../shared/Body.ts"
import { type FieldProblem, InvalidFields } from "../shared/Errors.ts"
import { int, maybe, nonEmptyText, nullable, text } from "../shared/Fields.ts"
import { readCollection } from "../shared/Seeding.ts"
import { resolveCountry } from "./Countries.ts"
import {
  classroomDefaults,
  classroomFields,
  courseDefaults,
  courseFields,
  eventRecordDefaults,
  eventRecordFields,
  flag,
  locationDefaults,
  locationFields,
  sessionDefaults,
  sessionFields,
  webinarAccountFields,
} from "./Fields.ts"
import { type DoceboLookups, joinUrlFor, sessionProblems, settleEvent } from "./Rules.ts"
import type {
  DoceboClassroom,
  DoceboCourse,
  DoceboEvent,
  DoceboLocation,
  DoceboSession,
  DoceboState,
  DoceboUser,
  DoceboWebinarAccount,
} from "./Types.ts"

const id = int(1)
const seedUserFields = {
  user_id: id,
  username: nonEmptyText,
  first_name: text,
  last_name: text,
  email: text,
  level: text,
  status: text,
  is_instructor: flag,
}

export interface SeedContext {
  readonly now: string
  readonly sessionDates: (events: DoceboEvent[]) => Pick<DoceboSession, "date_start" | "date_end">
  readonly nextMeetingNumber: () => number
}

/** Checks a whole seed (a `DoceboSeed`, or any JSON) and fills the fields Docebo derives. */
export const seedToState = (seed: unknown, context: SeedContext): DoceboState => {
  if (!isPlainObject(seed)) throw InvalidFields.of("body", "must be an object")
  const known = ["courses", "sessions", "events", "locations", "classrooms", "users", "webinar_accounts"]
  const unknown = Object.keys(seed).find((key) => !known.includes(key))
  if (unknown) throw InvalidFields.of(unknown, "is not a collection of the Docebo state")
  const problems: FieldProblem[] = []
  const users: DoceboUser[] = readCollection(
    seed,
    "users",
    seedUserFields,
    { first_name: "", last_name: "", level: "user", status: "1", is_instructor: 0 },
    "user_id",
    problems,
  )
  const accounts: DoceboWebinarAccount[] = readCollection(
    seed,
    "webinar_accounts",
    { ...webinarAccountFields, email: text, id },
    {},
    "id",
    problems,
  )
  const locationRows = readCollection(
    seed,
    "locations",
    { ...locationFields, id_location: id, name_country: nullable(text) },
    { ...locationDefaults, name_country: null },
    "id_location",
    problems,
  )
  const locations: DoceboLocation[] = locationRows.map((row, index) => {
    const country = resolveCountry(row)
    if (!country) problems.push({ field: `locations[${index}].iso_code_country`, message: "is not a known country" })
    return { ...row, ...(country ?? {}), name_country: row.name_country ?? country?.name_country ?? null }
  })
  const classrooms: DoceboClassroom[] = readCollection(
    seed,
    "classrooms",
    { ...classroomFields, id_classroom: id },
    classroomDefaults,
    "id_classroom",
    problems,
  )
  const courses: DoceboCourse[] = readCollection(
    seed,
    "courses",
    { ...courseFields, id_course: id, date_last_updated: text },
    { ...courseDefaults, date_last_updated: context.now },
    "id_course",
    problems,
  )
  const sessionRows = readCollection(
    seed,
    "sessions",
    {
      ...sessionFields,
      id,
      id_course: id,
      uid_session: maybe(text),
      enrolled: int(0),
      date_start: maybe(nullable(text)),
      date_end: maybe(nullable(text)),
    },
    { ...sessionDefaults, enrolled: 0, uid_session: undefined, date_start: undefined, date_end: undefined },
    "id",
    problems,
  )
  const eventRows = readCollection(
    seed,
    "events",
    { ...eventRecordFields, id, id_session: id, join_url: maybe(nullable(text)) },
    { ...eventRecordDefaults, join_url: undefined },
    "id",
    problems,
  )

  // Cross-record checks name records by index, so they run only over a seed whose records all read well.
  if (problems.length > 0) throw new InvalidFields(problems.slice(0, 20))
  const userIds = new Set(users.map((user) => user.user_id))
  const byId = <R>(rows: R[], key: (row: R) => number) => new Map(rows.map((row) => [key(row), row]))
  const locationById = byId(locations, (row) => row.id_location)
  const classroomById = byId(classrooms, (row) => row.id_classroom)
  const accountById = byId(accounts, (row) => row.id)
  const lookups: DoceboLookups = {
    hasUser: (userId) => userIds.has(userId),
    location: (locationId) => locationById.get(locationId),
    classroom: (classroomId) => classroomById.get(classroomId),
    account: (accountId) => accountById.get(accountId),
  }
  classrooms.forEach((row, index) => {
    if (!locationById.has(row.id_location)) {
      problems.push({ field: `classrooms[${index}].id_location`, message: "does not exist" })
    }
  })
  const courseIds = new Set(courses.map((row) => row.id_course))
  const sessionIds = new Set(sessionRows.map((row) => row.id))
  sessionRows.forEach((row, index) => {
    if (!courseIds.has(row.id_course))
      problems.push({ field: `sessions[${index}].id_course`, message: "does not exist" })
    problems.push(...sessionProblems(row, lookups, `sessions[${index}].`))
  })
  const eventsBySession = new Map<number, DoceboEvent[]>()
  const events: DoceboEvent[] = eventRows.map((row, index) => {
    const prefix = `events[${index}].`
    if (!sessionIds.has(row.id_session)) problems.push({ field: `${prefix}id_session`, message: "does not exist" })
    const settled = settleEvent(row, lookups, (field) => prefix + field)
    problems.push(...settled.problems)
    // The row was just read from the seed, so it is ours to complete in place (cheaper than a copy per record).
    if (row.join_url === undefined) row.join_url = joinUrlFor(settled.event.tool, context.nextMeetingNumber())
    const event = row as DoceboEvent
    const siblings = eventsBySession.get(row.id_session)
    if (siblings) siblings.push(event)
    else eventsBySession.set(row.id_session, [event])
    return event
  })
  if (problems.length > 0) throw new InvalidFields(problems.slice(0, 20))

  // The rows were just read from the seed, so they are ours to complete in place (cheaper than a copy per record).
  const sessions: DoceboSession[] = sessionRows.map((row) => {
    const derived = context.sessionDates(eventsBySession.get(row.id) ?? [])
    row.uid_session ??= `ilt-${row.id}`
    if (row.date_start === undefined) row.date_start = derived.date_start
    if (row.date_end === undefined) row.date_end = derived.date_end
    return row as DoceboSession
  })
  return { courses, sessions, events, locations, classrooms, users, webinar_accounts: accounts }
}
