import { Effect } from "effect"
import type { WriteError } from "../../engine/Errors.ts"
import type { WriteOptions } from "../../engine/Ports.ts"
import type { ToWrite, WriteResult } from "../../engine/Writes.ts"
import type { HttpClient, HttpRequest } from "../http/Client.ts"
import type { Decoder } from "../http/Decode.ts"
import { writeFailed } from "../http/Failure.ts"
import { patch, post } from "../http/Request.ts"
import { decodeCourse, decodeProvider, decodeRoom, decodeSession, decodeTrainer } from "./Answers.ts"
import { courseBody, newVirtualRoomBody, providerBody, roomBody, sessionFlagBody, trainerBody } from "./Mapping.ts"
import { Routes } from "./Routes.ts"

type Write<K extends ToWrite["kind"]> = Extract<ToWrite, { kind: K }>

/**
 * Each domain write as one Training Orchestra call. A POST carries `options.idempotencyKey` as `Idempotency-Key`, so
 * it is safe to send again after a lost answer: TO replays the first answer instead of creating twice.
 */
export const makeToWrites = (client: HttpClient) => {
  const perform = <A extends { readonly data: { readonly id: string } }>(
    write: string,
    request: HttpRequest,
    decoder: Decoder<A>,
  ) =>
    client.send(request).pipe(
      Effect.mapError(writeFailed("to", write)),
      Effect.flatMap(client.decode(decoder, request.path)),
      Effect.map((answer): A["data"] => answer.data),
    )

  const created = <A extends { readonly data: { readonly id: string } }>(
    write: string,
    route: ReturnType<typeof Routes.list>,
    body: unknown,
    decoder: Decoder<A>,
    options: WriteOptions,
  ) => perform(write, post(route, body, options.idempotencyKey), decoder).pipe(Effect.map(({ id }) => ({ id })))

  const createCourse = (write: Write<"createCourse">, options: WriteOptions) =>
    created(write.kind, Routes.list("courses"), courseBody(write.course), decodeCourse, options)

  const updateCourse = (write: Write<"updateCourse">) =>
    perform(write.kind, patch(Routes.one("courses", write.courseId), courseBody(write.fields)), decodeCourse)

  const createTrainer = (write: Write<"createTrainer">, options: WriteOptions) =>
    created(write.kind, Routes.list("trainers"), trainerBody(write.trainer), decodeTrainer, options)

  const updateTrainer = (write: Write<"updateTrainer">) =>
    perform(write.kind, patch(Routes.one("trainers", write.trainerId), trainerBody(write.fields)), decodeTrainer)

  const createVirtualRoom = (write: Write<"createVirtualRoom">, options: WriteOptions) =>
    created(write.kind, Routes.list("rooms"), newVirtualRoomBody(write.room), decodeRoom, options)

  const updateRoom = (write: Write<"updateRoom">) =>
    perform(write.kind, patch(Routes.one("rooms", write.roomId), roomBody(write.fields)), decodeRoom)

  /** TO creates the provider's site with it (1:1) and answers its id. */
  const createProvider = (write: Write<"createProvider">, options: WriteOptions) =>
    perform(
      write.kind,
      post(Routes.list("trainingProviders"), providerBody({ name: write.name }), options.idempotencyKey),
      decodeProvider,
    ).pipe(
      Effect.map((provider) =>
        provider.siteId === null ? { id: provider.id } : { id: provider.id, siteId: provider.siteId },
      ),
    )

  const updateProvider = (write: Write<"updateProvider">) =>
    perform(
      write.kind,
      patch(Routes.one("trainingProviders", write.providerId), providerBody(write.fields)),
      decodeProvider,
    )

  const flagSession = (write: Write<"flagSession">) =>
    perform(
      write.kind,
      patch(Routes.one("sessions", write.sessionId), sessionFlagBody(write.needsReconfiguration)),
      decodeSession,
    )

  const dispatch = (write: ToWrite, options: WriteOptions): Effect.Effect<WriteResult, WriteError> => {
    switch (write.kind) {
      case "createCourse":
        return createCourse(write, options)
      case "updateCourse":
        return updateCourse(write).pipe(Effect.as({ id: write.courseId }))
      case "createTrainer":
        return createTrainer(write, options)
      case "updateTrainer":
        return updateTrainer(write).pipe(Effect.as({ id: write.trainerId }))
      case "createVirtualRoom":
        return createVirtualRoom(write, options)
      case "updateRoom":
        return updateRoom(write).pipe(Effect.as({ id: write.roomId }))
      case "createProvider":
        return createProvider(write, options)
      case "updateProvider":
        return updateProvider(write).pipe(Effect.as({ id: write.providerId }))
      case "flagSession":
        return flagSession(write).pipe(Effect.as({ id: write.sessionId }))
    }
  }

  return Effect.fn("ToHttp.write")(function* (write: ToWrite, options: WriteOptions = {}) {
    return yield* dispatch(write, options)
  })
}
