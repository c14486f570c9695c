/**
 * What two worlds are compared on: both systems as people see them, with every id iltsync's own writes were given
 * replaced by the stamp that names its master record, or by its natural key where Docebo keeps no stamp (those ids
 * depend on the order of writes, nothing else does).
 */
import { naturalKey } from "../../engine/Normalise.ts"
import { stampOfCode } from "../../engine/Stamps.ts"
import type { Sides } from "./Laws.ts"

const byKey = <T>(items: ReadonlyArray<T>, key: (item: T) => string) =>
  Object.fromEntries(items.map((item) => [key(item), item]).sort(([a], [b]) => String(a).localeCompare(String(b))))

export const projection = ({ docebo, to }: Sides) => {
  const locationStamp = new Map(docebo.locations.map((l) => [l.id_location, naturalKey(l.name, l.address)]))
  const classroomStamp = new Map(
    docebo.classrooms.map((c) => [c.id_classroom, naturalKey(locationStamp.get(c.id_location), c.name)]),
  )
  const sessionKey = (session: (typeof docebo.sessions)[number]) => stampOfCode(session.code) ?? `docebo:${session.id}`
  return {
    docebo: {
      courses: byKey(docebo.courses, (c) => String(c.id_course)),
      sessions: byKey(
        docebo.sessions.map((session) => ({
          key: sessionKey(session),
          course: session.id_course,
          name: session.name,
          max: session.max_enroll,
          min: session.min_enroll,
          instructors: session.instructors,
          completion: session.completion_type,
          enrolled: session.enrolled,
          events: docebo.events
            .filter((event) => event.id_session === session.id)
            .map(({ id, id_session, join_url, id_location, id_classroom, ...event }) => ({
              ...event,
              location: id_location === null ? null : locationStamp.get(id_location),
              classroom: id_classroom === null ? null : classroomStamp.get(id_classroom),
            }))
            .sort((a, b) => `${a.day} ${a.time_begin}`.localeCompare(`${b.day} ${b.time_begin}`)),
        })),
        (session) => session.key,
      ),
      locations: byKey(
        docebo.locations.map(({ id_location, ...location }) => ({ ...location, key: locationStamp.get(id_location) })),
        (location) => String(location.key),
      ),
      classrooms: byKey(
        docebo.classrooms.map(({ id_classroom, id_location, ...classroom }) => ({
          ...classroom,
          key: classroomStamp.get(id_classroom),
          location: locationStamp.get(id_location),
        })),
        (classroom) => String(classroom.key),
      ),
      users: byKey(docebo.users, (user) => String(user.user_id)),
    },
    to: {
      courses: byKey(
        to.courses.map(({ id, created_at, updated_at, ...course }) => ({ ...course, key: course.external_ref ?? id })),
        (course) => course.key,
      ),
      sessions: byKey(
        to.sessions.map(({ created_at, updated_at, external_ref, ...session }) => session),
        (session) => session.id,
      ),
      trainers: byKey(
        to.trainers.map(({ id, created_at, updated_at, ...trainer }) => ({
          ...trainer,
          key: trainer.external_ref ?? id,
        })),
        (trainer) => trainer.key,
      ),
      providers: byKey(
        to.training_providers.map(({ created_at, updated_at, ...provider }) => provider),
        (provider) => provider.id,
      ),
      rooms: byKey(
        to.rooms.map(({ id, created_at, updated_at, ...room }) => ({ ...room, key: room.external_ref ?? id })),
        (room) => room.key,
      ),
    },
  }
}

/** Where two projections differ, as `path: left ≠ right`, the first `limit` of them. */
export const differences = (left: unknown, right: unknown, limit = 20): ReadonlyArray<string> => {
  const found: string[] = []
  const walk = (a: unknown, b: unknown, path: string) => {
    if (found.length >= limit || JSON.stringify(a) === JSON.stringify(b)) return
    if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)])
      for (const key of keys)
        walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`)
      return
    }
    found.push(`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`)
  }
  walk(left, right, "")
  return found
}
