import { isPlainObject } from "../shared/Body.ts"
import { type FieldProblem, InvalidFields } from "../shared/Errors.ts"
import { type FieldSpec, isoTimestamp, nonEmptyText, nullable, type Parsed, text } from "../shared/Fields.ts"
import { readCollection } from "../shared/Seeding.ts"
import {
  courseDefaults,
  courseFields,
  locationDefaults,
  locationFields,
  providerCreateDefaults,
  providerCreateFields,
  roomDefaults,
  roomFields,
  sessionDefaults,
  sessionFields,
  siteDefaults,
  siteFields,
  trainerDefaults,
  trainerFields,
} from "./Fields.ts"
import { completeSequence, readSequences, sessionProblems, type ToLookups } from "./Rules.ts"
import type { ToLocation, ToRoom, ToSession, ToSite, ToState, ToTrainer, ToTrainingProvider } from "./Types.ts"

const recordFields = { id: nonEmptyText, created_at: isoTimestamp, updated_at: isoTimestamp }
const collections = ["courses", "training_providers", "sites", "trainers", "locations", "rooms", "sessions"]

const canonicalStamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** Timestamps are stored as the API writes them: ISO-8601 UTC with milliseconds. */
const normaliseStamps = <R extends { created_at: string; updated_at: string }>(row: R): R => {
  // The row was just read from the seed, so it is ours to change in place (cheaper than a copy per record).
  if (!canonicalStamp.test(row.created_at)) row.created_at = new Date(row.created_at).toISOString()
  if (!canonicalStamp.test(row.updated_at)) row.updated_at = new Date(row.updated_at).toISOString()
  return row
}

/** Checks a whole seed (a `ToSeed`, or any JSON) and fills defaults, timestamps and sequence ids. */
export const seedToState = (seed: unknown, now: string, newSequenceId: () => string): ToState => {
  if (!isPlainObject(seed)) throw InvalidFields.of("body", "must be an object")
  const unknown = Object.keys(seed).find((key) => !collections.includes(key))
  if (unknown) throw InvalidFields.of(unknown, "is not a collection of the Training Orchestra state")
  const problems: FieldProblem[] = []
  const stamps = { created_at: now, updated_at: now }
  const read = <S extends FieldSpec>(name: string, spec: S, defaults: Partial<Parsed<S>>, ignored: string[] = []) => {
    const withStamps = { ...defaults, ...stamps } as Partial<Parsed<S & typeof recordFields>>
    return readCollection(seed, name, { ...spec, ...recordFields }, withStamps, "id", problems, ignored).map(
      normaliseStamps,
    )
  }
  const courses = read("courses", courseFields, courseDefaults)
  const providers: ToTrainingProvider[] = read(
    "training_providers",
    { ...providerCreateFields, site_id: nonEmptyText },
    providerCreateDefaults,
  )
  const sites: ToSite[] = read(
    "sites",
    { ...siteFields, training_provider_id: nonEmptyText, external_ref: nullable(text) },
    { ...siteDefaults, external_ref: null },
  )
  const trainers: ToTrainer[] = read("trainers", trainerFields, trainerDefaults)
  const locations: ToLocation[] = read(
    "locations",
    { ...locationFields, external_ref: nullable(text) },
    { ...locationDefaults, external_ref: null },
  )
  const rooms: ToRoom[] = read("rooms", roomFields, roomDefaults)
  const sessionRows = read("sessions", sessionFields, sessionDefaults, ["sequences"])
  // Cross-record checks name records by index, so they run only over a seed whose records all read well.
  if (problems.length > 0) throw new InvalidFields(problems.slice(0, 20))

  const byId = <R extends { id: string }>(rows: R[]) => new Map(rows.map((row) => [row.id, row]))
  const maps = {
    courses: byId(courses),
    providers: byId(providers),
    sites: byId(sites),
    trainers: byId(trainers),
    locations: byId(locations),
    rooms: byId(rooms),
  }
  const lookups: ToLookups = {
    course: (id) => maps.courses.get(id),
    trainer: (id) => maps.trainers.get(id),
    provider: (id) => maps.providers.get(id),
    location: (id) => maps.locations.get(id),
    room: (id) => maps.rooms.get(id),
  }
  providers.forEach((provider, index) => {
    if (maps.sites.get(provider.site_id)?.training_provider_id !== provider.id) {
      problems.push({ field: `training_providers[${index}].site_id`, message: "must name a site of this provider" })
    }
  })
  sites.forEach((site, index) => {
    if (maps.providers.get(site.training_provider_id)?.site_id !== site.id) {
      problems.push({ field: `sites[${index}].training_provider_id`, message: "must name the provider of this site" })
    }
  })
  trainers.forEach((trainer, index) => {
    if (trainer.training_provider_id !== null && !maps.providers.has(trainer.training_provider_id)) {
      problems.push({ field: `trainers[${index}].training_provider_id`, message: "training provider does not exist" })
    }
  })
  rooms.forEach((room, index) => {
    if (room.location_id !== null && !maps.locations.has(room.location_id)) {
      problems.push({ field: `rooms[${index}].location_id`, message: "location does not exist" })
    }
  })
  const rawSessions = Array.isArray(seed.sessions) ? seed.sessions : []
  const sessions: ToSession[] = sessionRows.map((row, index) => {
    const prefix = `sessions[${index}].`
    const raw: unknown = rawSessions[index]
    const rawSequences = isPlainObject(raw) ? (raw.sequences ?? []) : []
    const sequences = readSequences(rawSequences, problems, `${prefix}sequences`).map((input) =>
      completeSequence(input, row, newSequenceId),
    )
    const session = row as ToSession
    session.modality = row.modality ?? lookups.course(row.course_id)?.modality ?? "onsite"
    session.sequences = sequences
    if (problems.length < 20) problems.push(...sessionProblems(session, lookups, { isNew: false, prefix }))
    return session
  })
  if (problems.length > 0) throw new InvalidFields(problems.slice(0, 20))
  return { courses, training_providers: providers, sites, trainers, locations, rooms, sessions }
}
