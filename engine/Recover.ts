/**
 * Finding what a write did when its answer was lost. Every record iltsync creates carries the other side's id, so a
 * create that may have happened is looked up by that stamp before it is sent again: a lost answer never makes a
 * duplicate. Each look-up is the one listing that can show the record: a session in its course's session list
 * (its events' ids are learnt when first written to, as after any session create), an event in its session's
 * events.
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
export const findCreated = Effect.fn("Recover.findCreated")(function* (step: StepWrite) {
  const docebo = yield* DoceboPort
  const to = yield* ToPort
  const write = step.write
  const none: Option.Option<WriteResult> = Option.none()
  switch (write.kind) {
    case "createSession":
      return yield* lookUp(
        yield* docebo.sessionList(write.courseId),
        "sessions",
        "docebo",
        (s) => s.externalId === write.session.externalId,
        (session) => found(session.id),
      )
    case "createEvent": {
      // A session that is gone (404) took the event with it, if it was ever made.
      const events = yield* docebo.sessionEvents(write.sessionId).pipe(
        Effect.catchIf(
          (failure) => failure._tag === "ReadFailed" && failure.status === 404,
          () => Effect.succeed({ items: [], complete: true }),
        ),
      )
      return yield* lookUp(
        events,
        "events",
        "docebo",
        (e) => e.externalId === write.event.externalId,
        (e) => found(e.id),
      )
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
}) as (step: StepWrite) => Effect.Effect<Option.Option<WriteResult>, ReadError, DoceboPort | ToPort>
