/**
 * Finding what a write did when its answer was lost. Every record iltsync creates carries the other side's id, so a
 * create that may have happened is looked up by that stamp (one read) before it is sent again: a lost answer never
 * makes a duplicate.
 */
import { Effect, Option } from "effect"
import type { ReadError } from "./Errors.ts"
import type { StepWrite } from "./OpWrites.ts"
import { DoceboPort, ToPort } from "./Ports.ts"
import type { WriteResult } from "./Writes.ts"

const found = (id: string, extra: Partial<WriteResult> = {}): Option.Option<WriteResult> =>
  Option.some({ id, ...extra })

/**
 * The result of a create found on the system, if it happened; `none` when it did not (or the write was not a create:
 * updates and deletes are safe to send again).
 */
export const findCreated = Effect.fn("Recover.findCreated")(function* (
  step: StepWrite,
  courseOfSession: (sessionId: string) => string | undefined,
) {
  const docebo = yield* DoceboPort
  const to = yield* ToPort
  const write = step.write
  const none: Option.Option<WriteResult> = Option.none()
  switch (write.kind) {
    case "createSession": {
      const listing = yield* docebo.sessions(write.courseId)
      const session = listing.items.find((s) => s.externalId === write.session.externalId)
      if (!session) return none
      return found(session.id, {
        items: Object.fromEntries(session.events.flatMap((e) => (e.externalId ? [[e.externalId, e.id]] : []))),
      })
    }
    case "createEvent": {
      const courseId = courseOfSession(write.sessionId)
      if (courseId === undefined) return none
      const listing = yield* docebo.sessions(courseId as never)
      const event = listing.items
        .find((s) => s.id === write.sessionId)
        ?.events.find((e) => e.externalId === write.event.externalId)
      return event ? found(event.id) : none
    }
    case "createLocation": {
      const location = (yield* docebo.locations()).items.find((l) => l.externalId === write.location.externalId)
      return location ? found(location.id) : none
    }
    case "createClassroom": {
      const classroom = (yield* docebo.classrooms()).items.find((c) => c.externalId === write.classroom.externalId)
      return classroom ? found(classroom.id) : none
    }
    case "createCourse": {
      const course = (yield* to.list("courses")).items.find((c) => c.externalRef === write.course.externalRef)
      return course ? found(course.id) : none
    }
    case "createTrainer": {
      const trainer = (yield* to.list("trainers")).items.find((t) => t.externalRef === write.trainer.externalRef)
      return trainer ? found(trainer.id) : none
    }
    case "createVirtualRoom": {
      const room = (yield* to.list("rooms")).items.find(
        (r) => r.kind === "virtual" && r.externalRef === write.room.externalRef,
      )
      return room ? found(room.id) : none
    }
    case "createProvider": {
      const name = write.name.trim().toLowerCase()
      const provider = (yield* to.list("trainingProviders")).items.find((p) => p.name.trim().toLowerCase() === name)
      return provider ? found(provider.id, provider.siteId ? { siteId: provider.siteId } : {}) : none
    }
    default:
      return none
  }
}) as (
  step: StepWrite,
  courseOfSession: (sessionId: string) => string | undefined,
) => Effect.Effect<Option.Option<WriteResult>, ReadError, DoceboPort | ToPort>
