import { Effect, Option } from "effect"
import { type WriteError, WriteRejected } from "../../engine/Errors.ts"
import { eventKey, keyOfStandIn } from "../../engine/Mirror.ts"
import type { WriteOptions } from "../../engine/Ports.ts"
import type { DoceboWrite, WriteResult } from "../../engine/Writes.ts"
import type { HttpAnswer, HttpClient, HttpRequest } from "../http/Client.ts"
import type { Decoder } from "../http/Decode.ts"
import { type SendFailure, writeFailed } from "../http/Failure.ts"
import { del, post, put } from "../http/Request.ts"
import {
  decodeCreatedClassroom,
  decodeCreatedEvent,
  decodeCreatedLocation,
  decodeCreatedSession,
  decodeOutcome,
  messagesOf,
} from "./Answers.ts"
import { classroomBody, eventBody, locationBody, newSessionBody, sessionBody, userBody } from "./Mapping.ts"
import type { makeDoceboReads } from "./Reads.ts"
import { Routes } from "./Routes.ts"

type Write<K extends DoceboWrite["kind"]> = Extract<DoceboWrite, { kind: K }>

/**
 * Each domain write as one Docebo call. Docebo has no idempotency keys, so a create whose answer is lost is never
 * sent again here: it ends `WriteAmbiguous` and Apply looks the record up by the id stamped on it.
 */
export const makeDoceboWrites = (client: HttpClient, reads: ReturnType<typeof makeDoceboReads>) => {
  /** Docebo may answer HTTP 200 with `{"data":{"success":false,"message":[…]}}` [seen]: that is a refusal. */
  const refuseUnsuccessful = (write: string, answer: HttpAnswer) =>
    Option.match(decodeOutcome(answer.text), {
      onNone: () => Effect.void,
      onSome: ({ data }) =>
        data.success
          ? Effect.void
          : Effect.fail(
              new WriteRejected({
                system: "docebo",
                write,
                status: answer.status,
                reason: client.scrub(messagesOf(data.message)),
              }),
            ),
    })

  /** A create, whose answer carries the new record's id. */
  const created = <A>(write: string, request: HttpRequest, decoder: Decoder<A>) =>
    client.send(request).pipe(
      Effect.mapError(writeFailed("docebo", write)),
      Effect.tap((answer) => refuseUnsuccessful(write, answer)),
      Effect.flatMap(client.decode(decoder, request.path)),
    )

  /**
   * An update: Docebo answers a result, not the record [SDK `LearnCourseUpdateResponse`; seen for users], and the
   * write is known by its id already, so any answer but a refusal is success; nothing is read back.
   */
  const updated = (write: string, request: HttpRequest) =>
    client.send(request).pipe(
      Effect.mapError(writeFailed("docebo", write)),
      Effect.flatMap((answer) => refuseUnsuccessful(write, answer)),
    )

  /** A repeated DELETE that finds nothing after an earlier attempt lost its answer: that attempt deleted it. */
  const goneAfterLostAnswer = (failure: SendFailure) =>
    failure._tag === "AnswerLost" && failure.last._tag === "Refused" && failure.last.status === 404

  const deleted = (write: string, request: HttpRequest) =>
    client.send(request).pipe(
      Effect.map(Option.some),
      Effect.catchIf(goneAfterLostAnswer, () => Effect.succeed(Option.none<HttpAnswer>())),
      Effect.mapError(writeFailed("docebo", write)),
      Effect.flatMap(
        Option.match({ onNone: () => Effect.void, onSome: (answer) => refuseUnsuccessful(write, answer) }),
      ),
    )

  /** A session's event ids by their natural key; a key two events share names neither (it cannot tell which). */
  const eventIdsOf = (sessionId: string) =>
    reads.events(sessionId).pipe(
      Effect.map((listing) => {
        const ids = new Map<string, string | null>()
        for (const event of listing.items) {
          const key = eventKey(event)
          ids.set(key, ids.has(key) ? null : event.id)
        }
        return ids
      }),
    )

  const createSession = Effect.fn("DoceboHttp.createSession")(function* (write: Write<"createSession">) {
    const request = post(Routes.courseSessions(write.courseId), newSessionBody(write.session, write.events))
    const answer = yield* created(write.kind, request, decodeCreatedSession)
    // The create answers only the session's id: its events' ids are looked up when first written to (see
    // standInEventId), not read back now, a call per session that most sessions never need.
    return { id: answer.data.id }
  })

  /** An event known by its stand-in id (its session was created by iltsync, never read since): its real id. */
  const realEventId = (sessionId: string, eventId: string) => {
    const key = keyOfStandIn(eventId)
    if (key === null) return Effect.succeed(eventId)
    // A failed lookup wrote nothing: the write is refused, and the next run tries it again.
    return eventIdsOf(sessionId).pipe(
      Effect.mapError((failure) =>
        failure._tag === "ReadFailed"
          ? new WriteRejected({
              system: "docebo",
              write: "lookupEvent",
              status: failure.status ?? 0,
              reason: failure.reason,
            })
          : failure,
      ),
      Effect.flatMap((ids) => {
        const id = ids.get(key)
        return id === undefined || id === null
          ? Effect.fail(
              new WriteRejected({
                system: "docebo",
                write: "lookupEvent",
                status: 404,
                reason: `session ${sessionId} has ${id === null ? "more than one event" : "no event"} at ${key}`,
              }),
            )
          : Effect.succeed(id)
      }),
    )
  }

  const updateSession = (write: Write<"updateSession">) =>
    updated(write.kind, put(Routes.session(write.sessionId), sessionBody(write.fields))).pipe(
      Effect.as({ id: write.sessionId }),
    )

  /** `force` deletes a session that still has enrolled learners (`?force=1`). */
  const deleteSession = (write: Write<"deleteSession">) =>
    deleted(write.kind, del(Routes.session(write.sessionId), write.force ? { force: 1 } : {})).pipe(
      Effect.as({ id: write.sessionId }),
    )

  const createEvent = (write: Write<"createEvent">) =>
    created(write.kind, post(Routes.sessionEvents(write.sessionId), eventBody(write.event)), decodeCreatedEvent).pipe(
      Effect.map(({ data }) => ({ id: data.id })),
    )

  const updateEvent = (write: Write<"updateEvent">) =>
    Effect.flatMap(realEventId(write.sessionId, write.eventId), (eventId) =>
      updated(write.kind, put(Routes.event(write.sessionId, eventId), eventBody(write.fields))).pipe(
        Effect.as({ id: eventId }),
      ),
    )

  const deleteEvent = (write: Write<"deleteEvent">) =>
    Effect.flatMap(realEventId(write.sessionId, write.eventId), (eventId) =>
      deleted(write.kind, del(Routes.event(write.sessionId, eventId))).pipe(Effect.as({ id: eventId })),
    )

  const createLocation = (write: Write<"createLocation">) =>
    created(write.kind, post(Routes.locations, locationBody(write.location)), decodeCreatedLocation).pipe(
      Effect.map(({ data }) => ({ id: data.id })),
    )

  const updateLocation = (write: Write<"updateLocation">) =>
    updated(write.kind, put(Routes.location(write.locationId), locationBody(write.fields))).pipe(
      Effect.as({ id: write.locationId }),
    )

  const createClassroom = (write: Write<"createClassroom">) =>
    created(write.kind, post(Routes.classrooms, classroomBody(write.classroom)), decodeCreatedClassroom).pipe(
      Effect.map(({ data }) => ({ id: data.id })),
    )

  const updateClassroom = (write: Write<"updateClassroom">) =>
    updated(write.kind, put(Routes.classroom(write.classroomId), classroomBody(write.fields))).pipe(
      Effect.as({ id: write.classroomId }),
    )

  const updateUser = (write: Write<"updateUser">) =>
    updated(write.kind, put(Routes.user(write.userId), userBody(write.fields))).pipe(Effect.as({ id: write.userId }))

  const dispatch = (write: DoceboWrite): Effect.Effect<WriteResult, WriteError> => {
    switch (write.kind) {
      case "createSession":
        return createSession(write)
      case "updateSession":
        return updateSession(write)
      case "deleteSession":
        return deleteSession(write)
      case "createEvent":
        return createEvent(write)
      case "updateEvent":
        return updateEvent(write)
      case "deleteEvent":
        return deleteEvent(write)
      case "createLocation":
        return createLocation(write)
      case "updateLocation":
        return updateLocation(write)
      case "createClassroom":
        return createClassroom(write)
      case "updateClassroom":
        return updateClassroom(write)
      case "updateUser":
        return updateUser(write)
    }
  }

  /** Docebo has no idempotency keys, so `options.idempotencyKey` is not sent. */
  return Effect.fn("DoceboHttp.write")(function* (write: DoceboWrite, _options?: WriteOptions) {
    return yield* dispatch(write)
  })
}
