/**
 * Finding what a write did when its answer was lost. Every record iltsync creates carries the other side's id, so a
 * create that may have happened is looked up by that stamp (one read) before it is sent again: a lost answer never
 * makes a duplicate.
 */
import { Effect, Option } from "effect"
import { type ReadError, ReadFailed } from "./Errors.ts"
import type { StepWrite } from "./OpWrites.ts"
import { DoceboPort, ToPort } from "./Ports.ts"
import type { WriteResult } from "./Writes.ts"

const found = (id: string, extra: Partial<WriteResult> = {}): Option.Option<WriteResult> =>
  Option.some({ id, ...extra })

/**
 * What a listing says of a create: found, or not made; but a partial listing (a page or a session's events could
 * not be read) that does not show it proves nothing, and sending the create again could make a duplicate.
 */
const lookUp = <A>(
  listing: { readonly items: ReadonlyArray<A>; readonly complete: boolean },
  resource: string,
  system: "docebo" | "to",
  match: (item: A) => boolean,
  result: (item: A) => Option.Option<WriteResult>,
): Effect.Effect<Option.Option<WriteResult>, ReadFailed> => {
  const item = listing.items.find(match)
  if (item !== undefined) return Effect.succeed(result(item))
  if (listing.complete) return Effect.succeed(Option.none())
  return Effect.fail(
    new ReadFailed({ system, resource, reason: "the listing was partial: whether the create happened is not known" }),
  )
}

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
      return yield* lookUp(
        listing,
        "sessions",
        "docebo",
        (s) => s.externalId === write.session.externalId,
        (session) =>
          found(session.id, {
            items: Object.fromEntries(session.events.flatMap((e) => (e.externalId ? [[e.externalId, e.id]] : []))),
          }),
      )
    }
    case "createEvent": {
      const courseId = courseOfSession(write.sessionId)
      if (courseId === undefined) return none
      const listing = yield* docebo.sessions(courseId as never)
      const session = listing.items.find((s) => s.id === write.sessionId)
      if (session === undefined)
        return yield* lookUp(
          listing,
          "sessions",
          "docebo",
          () => false,
          () => none,
        )
      const event = session.events.find((e) => e.externalId === write.event.externalId)
      return event ? found(event.id) : none
    }
    case "createLocation":
      return yield* lookUp(
        yield* docebo.locations(),
        "locations",
        "docebo",
        (l) => l.externalId === write.location.externalId,
        (l) => found(l.id),
      )
    case "createClassroom":
      return yield* lookUp(
        yield* docebo.classrooms(),
        "classrooms",
        "docebo",
        (c) => c.externalId === write.classroom.externalId,
        (c) => found(c.id),
      )
    case "createCourse":
      return yield* lookUp(
        yield* to.list("courses"),
        "courses",
        "to",
        (c) => c.externalRef === write.course.externalRef,
        (c) => found(c.id),
      )
    case "createTrainer":
      return yield* lookUp(
        yield* to.list("trainers"),
        "trainers",
        "to",
        (t) => t.externalRef === write.trainer.externalRef,
        (t) => found(t.id),
      )
    case "createVirtualRoom":
      return yield* lookUp(
        yield* to.list("rooms"),
        "rooms",
        "to",
        (r) => r.kind === "virtual" && r.externalRef === write.room.externalRef,
        (r) => found(r.id),
      )
    case "createProvider": {
      const name = write.name.trim().toLowerCase()
      return yield* lookUp(
        yield* to.list("trainingProviders"),
        "trainingProviders",
        "to",
        (p) => p.name.trim().toLowerCase() === name,
        (p) => found(p.id, p.siteId ? { siteId: p.siteId } : {}),
      )
    }
    default:
      return none
  }
}) as (
  step: StepWrite,
  courseOfSession: (sessionId: string) => string | undefined,
) => Effect.Effect<Option.Option<WriteResult>, ReadError, DoceboPort | ToPort>
