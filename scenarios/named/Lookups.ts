/** Readings a scenario makes of the engine world, named as the seed page names things. */
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
  const session = docebo.sessions.find((candidate) => candidate.external_id === toSessionId)
  if (session === undefined) return undefined
  return { ...session, events: docebo.events.filter((event) => event.id_session === session.id) }
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
