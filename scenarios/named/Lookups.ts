/** Readings a scenario makes of the engine world, named as the seed page names things. */
import { stampOfCode } from "../../engine/Stamps.ts"
import type { EngineWorld } from "./EngineWorld.ts"

/** A course's row of the Courses tab after the latest sync. */
export const courseStatus = (world: EngineWorld, code: string) => {
  const status = world.report().statuses.find((candidate) => candidate.code === code)
  return status === undefined ? undefined : { status: status.status, error: status.error ?? null }
}

export const courseStatusById = (world: EngineWorld, courseId: string) => {
  const status = world.report().statuses.find((candidate) => candidate.courseId === courseId)
  return status === undefined ? undefined : { status: status.status, error: status.error ?? null }
}

/** The Docebo session that mirrors a TO session, with its events. */
export const doceboCopy = (world: EngineWorld, toSessionId: string) => {
  const docebo = world.docebo()
  const session = docebo.sessions.find((candidate) => stampOfCode(candidate.code) === toSessionId)
  if (session === undefined) return undefined
  return { ...session, events: docebo.events.filter((event) => event.id_session === session.id) }
}

/**
 * The Docebo location or classroom that mirrors a TO location or room: Docebo keeps no stamp on either, so iltsync's
 * links (as the latest sync left them) say which.
 */
export const doceboLocationOf = (world: EngineWorld, toLocationId: unknown) => {
  const link = world.report().store.links.location.find((candidate) => candidate.to === toLocationId)
  return world.docebo().locations.find((location) => String(location.id_location) === link?.docebo)
}

export const doceboClassroomOf = (world: EngineWorld, toRoomId: unknown) => {
  const link = world.report().store.links.classroom.find((candidate) => candidate.to === toRoomId)
  return world.docebo().classrooms.find((classroom) => String(classroom.id_classroom) === link?.docebo)
}

export const toSession = (world: EngineWorld, id: string) => world.to().sessions.find((session) => session.id === id)

/** The TO course iltsync made from a Docebo course (stamped with its id). */
export const toCourseOf = (world: EngineWorld, doceboCourseId: string) =>
  world.to().courses.find((course) => course.external_ref === doceboCourseId)

/** Ops of the latest plan that are not ready, as `entity action key: status`. */
export const waitingOps = (world: EngineWorld) =>
  world
    .report()
    .planned.ops.filter((op) => op.status !== "ready")
    .map((op) => `${op.entity} ${op.action} ${op.key}: ${op.status}`)

export const warningsOf = (world: EngineWorld, code: string) =>
  world
    .report()
    .planned.warnings.filter((warning) => warning.code === code)
    .map((warning) => warning.key)
