/**
 * What the systems must hold after a clean full reconcile, read against the model and the masters' own records:
 * courses in TO, session copies in Docebo (or held), native sessions untouched, trainers, providers, locations,
 * classrooms and virtual rooms. The mapping checked is the one SYNC-RULES.md spells out, field by field.
 */
import { naturalKey } from "../../engine/Normalise.ts"
import { stampOfCode } from "../../engine/Stamps.ts"
import { LawBroken, type Sides } from "./Laws.ts"
import { liveCourse, type Model } from "./Model.ts"

const seconds = (time: string) => (time.length === 5 ? `${time}:00` : time)
const address = (street: string, city: string) => [street.trim(), city.trim()].filter((part) => part).join(", ")

const courseProblems = (model: Model, { to }: Sides): string[] =>
  [...model.courses].flatMap(([id, course]) => {
    const copies = to.courses.filter((candidate) => candidate.external_ref === id)
    if (course.deleted)
      return copies.every((copy) => !copy.active) ? [] : [`course ${id} was deleted in Docebo: its TO course is active`]
    if (course.code.trim() === "") return []
    const modality = course.type === "classroom" ? "onsite" : "online"
    const [copy, ...more] = copies
    if (copy === undefined || more.length > 0) return [`course ${id} (${course.code}) has ${copies.length} TO courses`]
    return copy.active && copy.code === course.code && copy.modality === modality
      ? []
      : [`course ${id}: TO holds ${JSON.stringify([copy.code, copy.modality, copy.active])}`]
  })

const sessionProblems = (model: Model, { docebo, to }: Sides): string[] => {
  const courseOf = new Map(to.courses.map((course) => [course.id, course.external_ref]))
  return to.sessions.flatMap((session) => {
    const expected = model.sessions.get(session.id)?.status
    if (expected !== session.status) return [`session ${session.id} is ${session.status} in TO, not ${expected}`]
    if (!liveCourse(model, courseOf.get(session.course_id) ?? null)) return []
    const copies = docebo.sessions.filter((copy) => stampOfCode(copy.code) === session.id)
    const held = session.status !== "validated" && (model.enrolled.get(session.id) ?? 0) > 0
    if (session.status !== "validated")
      return copies.length === (held ? 1 : 0)
        ? []
        : [`${session.status} session ${session.id} has ${copies.length} Docebo copies (held: ${held})`]
    const [copy, ...more] = copies
    if (copy === undefined || more.length > 0) return [`validated session ${session.id} has ${copies.length} copies`]
    const events = docebo.events
      .filter((event) => event.id_session === copy.id)
      .map((e) => [e.day, e.time_begin, e.time_end, e.timezone])
      .sort()
    const slots = session.sequences.map((s) => [s.day, seconds(s.start), seconds(s.end), s.timezone]).sort()
    const fields = [copy.name, copy.max_enroll, session.modality === "onsite" ? copy.min_enroll : null, events]
    const wanted = [
      session.name,
      session.max_participants,
      session.modality === "onsite" ? session.min_participants : null,
      slots,
    ]
    return JSON.stringify(fields) === JSON.stringify(wanted)
      ? []
      : [`session ${session.id}: Docebo holds ${JSON.stringify(fields)}, TO ${JSON.stringify(wanted)}`]
  })
}

/** A session made in Docebo with its events, as text: what must never change. */
export const nativeRecord = (docebo: Sides["docebo"], id: string) =>
  JSON.stringify({
    session: docebo.sessions.find((candidate) => String(candidate.id) === id),
    events: docebo.events.filter((event) => String(event.id_session) === id),
  })

const nativeProblems = (model: Model, { docebo }: Sides): string[] =>
  [...model.natives].flatMap(([id, native]) => {
    if (!liveCourse(model, native.course)) return []
    const now = nativeRecord(docebo, id)
    return now === native.made ? [] : [`native session ${id} was changed: ${now}`]
  })

const trainerProblems = (model: Model, { docebo, to }: Sides): string[] => {
  const providerName = new Map(to.training_providers.map((p) => [p.id, p.name]))
  return [...model.trainers].flatMap(([userId, trainer]) => {
    const user = docebo.users.find((candidate) => String(candidate.user_id) === userId)
    const copies = to.trainers.filter((candidate) => candidate.external_ref === userId)
    const [copy, ...more] = copies
    if (user === undefined || copy === undefined || more.length > 0)
      return [`trainer ${userId}: user ${user ? "found" : "missing"}, ${copies.length} TO trainers`]
    // The strict tenant keeps no instructor mark (ILTSYNC_DOCEBO_INSTRUCTOR_MARK=none): iltsync's list is the truth.
    const found = [user.email, copy.active, copy.email]
    const wanted = [trainer.email, trainer.active, trainer.email]
    const problems =
      JSON.stringify(found) === JSON.stringify(wanted) ? [] : [`trainer ${userId}: ${JSON.stringify(found)}`]
    if (trainer.active && providerName.get(copy.training_provider_id ?? "") !== trainer.provider)
      problems.push(`trainer ${userId} trains for ${copy.training_provider_id}, not ${trainer.provider}`)
    const unflagged = to.sessions.filter(
      (s) => !trainer.active && s.trainer_id === copy.id && s.status !== "cancelled" && !s.needs_reconfiguration,
    )
    if (unflagged.length > 0) problems.push(`removed trainer ${userId}: ${unflagged.map((s) => s.id)} not flagged`)
    return problems
  })
}

const providerProblems = (model: Model, { to }: Sides): string[] =>
  [...model.providers].flatMap(([name, active]) => {
    const found = to.training_providers.filter((provider) => provider.name === name)
    const site = to.sites.find((candidate) => candidate.id === found[0]?.site_id)
    return found.length === 1 && found[0]?.active === active && site?.training_provider_id === found[0]?.id
      ? []
      : [`provider ${name}: TO holds ${JSON.stringify(found.map((p) => [p.id, p.active]))}`]
  })

/**
 * Locations, classrooms and webinar accounts need no model: their masters' records say what the replica holds. Docebo
 * keeps no stamp on a location or classroom: each TO one has exactly one copy with its natural key (a location's name
 * and address, a room's location and name).
 */
const placeProblems = ({ docebo, to }: Sides): string[] => {
  const problems: string[] = []
  const copyOfLocation = new Map<string, number>()
  for (const location of to.locations) {
    const key = naturalKey(location.name, address(location.address, location.city))
    const copies = docebo.locations.filter((candidate) => naturalKey(candidate.name, candidate.address) === key)
    if (copies.length !== 1)
      problems.push(`location ${location.id}: Docebo holds ${JSON.stringify(copies.map((c) => [c.name, c.address]))}`)
    else copyOfLocation.set(location.id, copies[0]?.id_location as number)
  }
  // Two rooms of a location may share a name: their classrooms are told apart by nothing a person sees, so each name
  // of each location must have as many classrooms as TO has rooms, with the same seats.
  const rooms = new Map<string, Array<number | null>>()
  for (const room of to.rooms.filter((candidate) => candidate.kind === "physical")) {
    const place = room.location_id === null ? undefined : copyOfLocation.get(room.location_id)
    const key = `${place}|${naturalKey(room.name)}`
    rooms.set(key, [...(rooms.get(key) ?? []), room.seats])
  }
  for (const [key, seats] of rooms) {
    const copies = docebo.classrooms.filter((c) => `${c.id_location}|${naturalKey(c.name)}` === key)
    const found = copies.map((copy) => copy.seats).sort()
    if (JSON.stringify(found) !== JSON.stringify([...seats].sort()))
      problems.push(`rooms ${key}: Docebo holds seats ${JSON.stringify(found)}, TO ${JSON.stringify(seats)}`)
  }
  for (const account of docebo.webinar_accounts) {
    const rooms = to.rooms.filter((room) => room.external_ref === String(account.id) && room.active)
    if (rooms.length !== (account.tool === "zoom_v3" ? 0 : 1))
      problems.push(`webinar account ${account.id} (${account.tool}) has ${rooms.length} active TO rooms`)
  }
  return problems
}

export const checkExpectations = (model: Model, sides: Sides) => {
  const problems = [
    ...courseProblems(model, sides),
    ...sessionProblems(model, sides),
    ...nativeProblems(model, sides),
    ...trainerProblems(model, sides),
    ...providerProblems(model, sides),
    ...placeProblems(sides),
  ]
  if (problems.length > 0) throw new LawBroken("the systems after a clean full reconcile", problems.join("; "))
}
