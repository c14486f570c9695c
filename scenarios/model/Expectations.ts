/**
 * What the systems must hold after a clean full reconcile, read against the model and the masters' own records:
 * courses in TO, session copies in Docebo (or held), native sessions untouched, trainers, providers, locations,
 * classrooms and virtual rooms. The mapping checked is the one SYNC-RULES.md spells out, field by field.
 */
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
    const copies = docebo.sessions.filter((copy) => copy.external_id === session.id)
    const held = session.status !== "validated" && (model.enrolled.get(session.id) ?? 0) > 0
    if (session.status !== "validated")
      return copies.length === (held ? 1 : 0)
        ? []
        : [`${session.status} session ${session.id} has ${copies.length} Docebo copies (held: ${held})`]
    const [copy, ...more] = copies
    if (copy === undefined || more.length > 0) return [`validated session ${session.id} has ${copies.length} copies`]
    const events = docebo.events
      .filter((event) => event.id_session === copy.id)
      .map((e) => [e.external_id, e.day, e.time_begin, e.time_end, e.timezone])
      .sort()
    const slots = session.sequences.map((s) => [s.id, s.day, seconds(s.start), seconds(s.end), s.timezone]).sort()
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
    const found = [user.is_instructor === 1, user.email, copy.active, copy.email]
    const wanted = [trainer.active, trainer.email, trainer.active, trainer.email]
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

/** Locations, classrooms and webinar accounts need no model: their masters' records say what the replica holds. */
const placeProblems = ({ docebo, to }: Sides): string[] => {
  const problems: string[] = []
  for (const location of to.locations) {
    const copies = docebo.locations.filter((candidate) => candidate.external_id === location.id)
    const wanted = [location.name, address(location.address, location.city)]
    if (copies.length !== 1 || JSON.stringify([copies[0]?.name, copies[0]?.address]) !== JSON.stringify(wanted))
      problems.push(`location ${location.id}: Docebo holds ${JSON.stringify(copies.map((c) => [c.name, c.address]))}`)
  }
  for (const room of to.rooms.filter((candidate) => candidate.kind === "physical")) {
    const copies = docebo.classrooms.filter((candidate) => candidate.external_id === room.id)
    const place = docebo.locations.find((location) => location.id_location === copies[0]?.id_location)
    const found = [copies.length, copies[0]?.name, copies[0]?.seats, place?.external_id]
    if (JSON.stringify(found) !== JSON.stringify([1, room.name, room.seats, room.location_id]))
      problems.push(`room ${room.id}: Docebo holds ${JSON.stringify(found)}`)
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
