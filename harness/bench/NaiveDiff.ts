/**
 * The diff a user might write instead of iltsync's planner: both systems mapped to one shape (what Docebo holds, and
 * what TO says it should hold), then json-diff-ts over the two documents as a whole, lists matched by key. It knows
 * nothing of links, guards, adoption or ownership; it only finds the differences, which is the planner's cheapest
 * part, so it is a generous baseline. Records are matched as iltsync matches them: a session by its stamp, the rest
 * by their natural keys.
 */
import { diff } from "json-diff-ts"
import type { DoceboSnapshot, ToSnapshot } from "../../engine/Model.ts"
import { stampOfCode } from "../../engine/Stamps.ts"

const hhmm = (time: string) => time.slice(0, 5)

/** Docebo as it is. */
export const doceboDocument = (docebo: DoceboSnapshot) => ({
  courses: docebo.courses.map((course) => ({
    key: course.id,
    code: course.code,
    name: course.name,
    type: course.type,
  })),
  sessions: docebo.sessions.map((session) => ({
    key: stampOfCode(session.code) ?? `docebo:${session.id}`,
    course: session.courseId,
    name: session.name,
    maxEnroll: session.maxEnroll,
    minEnroll: session.minEnroll,
    events: session.events.map((event) => ({
      key: `${event.day} ${hhmm(event.timeBegin)}`,
      day: event.day,
      start: hhmm(event.timeBegin),
      end: hhmm(event.timeEnd),
      timezone: event.timezone,
    })),
  })),
  locations: docebo.locations.map((location) => ({ key: location.name, name: location.name })),
  classrooms: docebo.classrooms.map((classroom) => ({
    key: classroom.name,
    name: classroom.name,
    seats: classroom.seats,
  })),
})

/** Docebo as TO says it should be: validated sessions of courses TO knows the Docebo id of. */
export const toDocument = (to: ToSnapshot) => {
  const doceboCourseOf = new Map(to.courses.map((course) => [course.id, course.externalRef]))
  return {
    courses: to.courses.map((course) => ({
      key: course.externalRef ?? `to:${course.id}`,
      code: course.code,
      name: course.title,
      type: course.modality === "onsite" ? "ilt" : "vilt",
    })),
    sessions: to.sessions
      .filter((session) => session.status === "validated")
      .map((session) => ({
        key: session.id,
        course: doceboCourseOf.get(session.courseId) ?? null,
        name: session.name,
        maxEnroll: session.maxParticipants,
        minEnroll: session.minParticipants,
        events: session.slots.map((slot) => ({
          key: `${slot.day} ${hhmm(slot.start)}`,
          day: slot.day,
          start: hhmm(slot.start),
          end: hhmm(slot.end),
          timezone: slot.timezone,
        })),
      })),
    locations: to.locations.map((location) => ({ key: location.name, name: location.name })),
    classrooms: to.rooms
      .filter((room) => room.kind === "physical")
      .map((room) => ({ key: room.name, name: room.name, seats: room.seats })),
  }
}

const embeddedObjKeys = {
  courses: "key",
  sessions: "key",
  "sessions.events": "key",
  locations: "key",
  classrooms: "key",
}

/** Every difference between what Docebo holds and what it should hold. */
export const naiveDiff = (before: ReturnType<typeof doceboDocument>, after: ReturnType<typeof toDocument>) =>
  diff(before, after, { embeddedObjKeys })
