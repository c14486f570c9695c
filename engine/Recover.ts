/**
 * Finding what a write did when its answer was lost. A create that may have happened is looked up before it is sent
 * again, so a lost answer never makes a duplicate: by the stamp it carries (a TO record's `external_ref`, a Docebo
 * session's code where the tenant keeps stamps there), else by its natural key among the records iltsync did not
 * know before (a session by its name in its course, an event by its date and start time in its session, a location
 * by its name and address, a classroom by its location and name). Each look-up is the one listing that can show the
 * record: a session in its course's session list (its events' ids are learnt when first written to, as after any
 * session create), an event in its session's events.
 */
import { Effect, Option } from "effect"
import { type ReadError, ReadFailed } from "./Errors.ts"
import { eventKey } from "./Mirror.ts"
import type { DoceboSnapshot } from "./model/Docebo.ts"
import { naturalKey } from "./Normalise.ts"
import type { StepWrite } from "./OpWrites.ts"
import { DoceboPort, ToPort } from "./Ports.ts"
import { stampOfCode } from "./Stamps.ts"
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

const ids = (records: ReadonlyArray<{ readonly id: string }>): ReadonlySet<string> =>
  new Set(records.map((record) => record.id))

/**
 * The result of a create found on the system, if it happened; `none` when it did not (or the write was not a create:
 * updates and deletes are safe to send again). `known` is Docebo as iltsync knew it before the write: a record found
 * by its natural key must be one it did not know.
 */
export const findCreated = Effect.fn("Recover.findCreated")(function* (step: StepWrite, known: DoceboSnapshot) {
  const docebo = yield* DoceboPort
  const to = yield* ToPort
  const write = step.write
  const none: Option.Option<WriteResult> = Option.none()
  switch (write.kind) {
    case "createSession": {
      const stamp = stampOfCode(write.session.code)
      const before = ids(known.sessions.filter((s) => s.courseId === write.courseId))
      const name = naturalKey(write.session.name)
      return yield* lookUp(
        yield* docebo.sessionList(write.courseId),
        "sessions",
        "docebo",
        stamp !== null
          ? (s) => stampOfCode(s.code) === stamp
          : (s) => !before.has(s.id) && stampOfCode(s.code) === null && naturalKey(s.name) === name,
        (session) => found(session.id),
      )
    }
    case "createEvent": {
      // A session that is gone (404) took the event with it, if it was ever made.
      const events = yield* docebo.sessionEvents(write.sessionId).pipe(
        Effect.catchIf(
          (failure) => failure._tag === "ReadFailed" && failure.status === 404,
          () => Effect.succeed({ items: [], complete: true }),
        ),
      )
      const before = ids(known.sessions.find((s) => s.id === write.sessionId)?.events ?? [])
      const key = eventKey(write.event)
      return yield* lookUp(
        events,
        "events",
        "docebo",
        (e) => !before.has(e.id) && eventKey(e) === key,
        (e) => found(e.id),
      )
    }
    case "createLocation": {
      const before = ids(known.locations)
      const key = naturalKey(write.location.name, write.location.address)
      return yield* lookUp(
        yield* docebo.locations(),
        "locations",
        "docebo",
        (l) => !before.has(l.id) && naturalKey(l.name, l.address) === key,
        (l) => found(l.id),
      )
    }
    case "createClassroom": {
      const before = ids(known.classrooms)
      const key = naturalKey(write.classroom.locationId, write.classroom.name)
      return yield* lookUp(
        yield* docebo.classrooms(),
        "classrooms",
        "docebo",
        (c) => !before.has(c.id) && naturalKey(c.locationId, c.name) === key,
        (c) => found(c.id),
      )
    }
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
  known: DoceboSnapshot,
) => Effect.Effect<Option.Option<WriteResult>, ReadError, DoceboPort | ToPort>
