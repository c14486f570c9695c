import { isPlainObject } from "../shared/Body.ts"
import { type FieldProblem, InvalidFields } from "../shared/Errors.ts"
import { collectProblems as collect, parseCreate } from "../shared/Fields.ts"
import { sessionDatesOf } from "./Dates.ts"
import { newEventInput, wireName } from "./EventInput.ts"
import { eventDefaults, eventFields, eventReadOnly, sessionDefaults, sessionFields, sessionReadOnly } from "./Fields.ts"
import { type EventInput, joinUrlFor, sessionProblems, settleEvent } from "./Rules.ts"
import type { DoceboSimState } from "./State.ts"
import type { DoceboEvent, DoceboSession } from "./Types.ts"
import { DoceboNotFound } from "./Wire.ts"

/** Reads and checks one event as given to a create (inline or on its own), in the API's nested shape. */
export const readNewEvent = (sim: DoceboSimState, raw: unknown, problems: FieldProblem[], prefix = "") =>
  collect(problems, () => {
    const parsed = parseCreate(raw, eventFields, eventDefaults, { prefix, ignored: eventReadOnly })
    const input = newEventInput(parsed, problems, prefix)
    if (!input) return undefined
    const settled = settleEvent(input, sim.lookups, wireName(prefix))
    problems.push(...settled.problems)
    return settled.event
  })

export const insertEvent = (sim: DoceboSimState, sessionId: number, input: EventInput): DoceboEvent => {
  const event: DoceboEvent = {
    ...input,
    id: sim.store.nextId(sim.store.events),
    id_session: sessionId,
    join_url: joinUrlFor(input.tool, sim.nextMeetingNumber()),
  }
  sim.store.putEvent(event)
  return event
}

/**
 * Creates a session and, in the same call, its inline `events` (our extension of Docebo's create); nothing is written
 * unless all of it is valid.
 */
export const createSession = (sim: DoceboSimState, courseId: number, body: unknown): DoceboSession => {
  const course = sim.store.courses.get(courseId)
  if (!course) throw new DoceboNotFound("Course", courseId)
  if (course.course_type === "elearning") {
    throw InvalidFields.of("id_course", "is an e-learning course: only classroom and webinar courses have sessions")
  }
  const problems: FieldProblem[] = []
  const input = collect(problems, () =>
    parseCreate(body, sessionFields, sessionDefaults, { ignored: [...sessionReadOnly, "events"] }),
  )
  if (input) problems.push(...sessionProblems(input, sim.lookups))
  const rawEvents = isPlainObject(body) ? (body.events ?? []) : []
  if (!Array.isArray(rawEvents)) problems.push({ field: "events", message: "must be an array" })
  const events = (Array.isArray(rawEvents) ? rawEvents : []).map((raw, index) =>
    readNewEvent(sim, raw, problems, `events[${index}].`),
  )
  if (!input || problems.length > 0) throw new InvalidFields(problems)
  const id = sim.store.nextId(sim.store.sessions)
  sim.store.putSession({
    ...input,
    id,
    id_course: courseId,
    uid_session: `ilt-${id}`,
    enrolled: 0,
    ...sessionDatesOf([]),
  })
  for (const event of events) if (event) insertEvent(sim, id, event)
  return sim.store.sessions.get(id) as DoceboSession
}

/** Applies a PUT to an event; a `zoom` meeting is recreated on every update, so its `join_url` changes [doc]. */
export const updateEvent = (sim: DoceboSimState, existing: DoceboEvent, changes: Partial<EventInput>): DoceboEvent => {
  const { id, id_session, join_url, ...current } = existing
  // A new time span without a new duration means the duration follows the span again.
  const timesChanged = changes.time_begin !== undefined || changes.time_end !== undefined
  const duration = changes.duration !== undefined ? changes.duration : timesChanged ? null : current.duration
  const settled = settleEvent({ ...current, ...changes, duration }, sim.lookups, wireName())
  if (settled.problems.length > 0) throw new InvalidFields(settled.problems)
  const recreated = settled.event.tool === "zoom" || settled.event.tool !== existing.tool
  const updated: DoceboEvent = {
    ...settled.event,
    id,
    id_session,
    join_url: recreated ? joinUrlFor(settled.event.tool, sim.nextMeetingNumber()) : join_url,
  }
  sim.store.putEvent(updated)
  return updated
}

/** Applies a change to a session's own fields (not its events), checked as a whole before anything is written. */
export const updateSession = (
  sim: DoceboSimState,
  existing: DoceboSession,
  changes: Partial<Omit<DoceboSession, "id">>,
): DoceboSession => {
  const session: DoceboSession = { ...existing, ...changes }
  const problems = sessionProblems(session, sim.lookups)
  if (problems.length > 0) throw new InvalidFields(problems)
  sim.store.putSession(session)
  return session
}
