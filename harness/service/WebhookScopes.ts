/**
 * What a webhook asks of iltsync: a sync of one Docebo course (a course created or changed in Docebo, a session
 * scheduled in TO), of some entities (TO locations, rooms, providers; a trainer's Docebo user), or nothing. Pure:
 * the worker looks up what these functions need.
 */
import { Either, Schema } from "effect"
import type { KnownState } from "../../engine/Known.ts"
import type { Links } from "../../engine/model/Store.ts"
import type { Entity } from "../../engine/Plan.ts"

export type WebhookWork =
  /** `origin`: the system whose webhook named the course; a run reads only what that system changed. */
  | { readonly kind: "course"; readonly id: string; readonly code: string; readonly origin: "docebo" | "to" }
  | { readonly kind: "entities"; readonly entities: ReadonlyArray<Entity> }
  /** A TO session iltsync has not seen yet: its course is found once TO's sessions are read. */
  | { readonly kind: "toSession"; readonly sessionId: string }
  | { readonly kind: "ignore"; readonly reason: string }

const MessageId = Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" }))

/** What every delivery must carry to be stored: the sender's message id (the duplicate check's key) and the event. */
export const DoceboEnvelope = Schema.Struct({ message_id: MessageId, event: Schema.String })
export const ToEnvelope = Schema.Struct({ id: MessageId, type: Schema.String })

const Id = Schema.Union(Schema.String, Schema.Number)

const DoceboCourseEvent = Schema.Struct({
  event: Schema.Literal("course.created", "course.updated", "course.deleted"),
  payload: Schema.Struct({
    course_id: Id,
    code: Schema.optional(Schema.NullOr(Schema.String)),
    type: Schema.optional(Schema.NullOr(Schema.String)),
  }),
})
const DoceboUserEvent = Schema.Struct({
  event: Schema.Literal("user.created", "user.updated"),
  payload: Schema.Struct({ user_id: Id }),
})
const ToEvent = Schema.Struct({
  type: Schema.String,
  data: Schema.Struct({ id: Schema.String }),
})

const decodeCourseEvent = Schema.decodeUnknownEither(DoceboCourseEvent)
const decodeUserEvent = Schema.decodeUnknownEither(DoceboUserEvent)
const decodeToEvent = Schema.decodeUnknownEither(ToEvent)

/**
 * What the inbox keeps of a delivery: the parts `doceboWork` and `toWork` read (decoding drops every other field).
 * A sender's names, descriptions and whatever else it adds are not stored: fifty 1 MiB deliveries kept whole for
 * the retention grew the store by 70 MB.
 */
export const webhookEssentials = (source: "docebo" | "to", body: unknown): unknown => {
  if (source === "to") return Either.getOrElse(decodeToEvent(body), () => ({}))
  const course = decodeCourseEvent(body)
  if (Either.isRight(course)) return course.right
  const user = decodeUserEvent(body)
  if (Either.isRight(user)) return user.right
  // Acted on by nobody: its event name alone says what it was.
  const event = (body as { readonly event?: unknown } | null)?.event
  return typeof event === "string" ? { event: event.slice(0, 200) } : {}
}

/** Docebo's ILT and VILT course types; e-learning is never synced. */
const syncedTypes = new Set(["classroom", "webinar"])

const ignore = (reason: string): WebhookWork => ({ kind: "ignore", reason })

/** The users behind trainers: those iltsync assigned, and those TO trainers are stamped with. */
export const trainerUserIds = (known: KnownState, assigned: ReadonlyArray<string>): ReadonlySet<string> =>
  new Set([
    ...assigned,
    ...known.to.trainers.flatMap((trainer) => (trainer.externalRef === null ? [] : [trainer.externalRef as string])),
  ])

export const doceboWork = (body: unknown, trainers: ReadonlySet<string>): WebhookWork => {
  const course = decodeCourseEvent(body)
  if (Either.isRight(course)) {
    const { event, payload } = course.right
    // A deleted course's TO copy is archived: only a course plan over the full listing can see it is gone.
    if (event === "course.deleted") return { kind: "entities", entities: ["course"] }
    if (!syncedTypes.has(payload.type ?? "")) return ignore(`course type ${payload.type ?? "unknown"} is not synced`)
    // A course without a code is synced too: its status then says the code is missing.
    return { kind: "course", id: String(payload.course_id), code: payload.code?.trim() ?? "", origin: "docebo" }
  }
  const user = decodeUserEvent(body)
  if (Either.isRight(user)) {
    const id = String(user.right.payload.user_id)
    return trainers.has(id) ? { kind: "entities", entities: ["trainer"] } : ignore(`user ${id} is not a trainer`)
  }
  return ignore("an event iltsync does not act on")
}

/** The Docebo course (id and code) a TO course was synced from, by its link or its stamp. */
export const doceboCourseOf = (
  toCourseId: string,
  known: KnownState,
  links: Links,
): { readonly id: string; readonly code: string } | null => {
  const toCourse = known.to.courses.find((course) => course.id === toCourseId)
  const id = links.course.find((link) => link.to === toCourseId)?.docebo ?? toCourse?.externalRef ?? null
  if (id === null) return null
  const code = known.docebo.courses.find((course) => course.id === id)?.code ?? toCourse?.code ?? ""
  return { id, code }
}

export const toWork = (body: unknown, known: KnownState, links: Links): WebhookWork => {
  const event = decodeToEvent(body)
  if (Either.isLeft(event)) return ignore("an event without a record id")
  const { type, data } = event.right
  if (type.startsWith("session.")) {
    const session = known.to.sessions.find((candidate) => candidate.id === data.id)
    if (session === undefined) return { kind: "toSession", sessionId: data.id }
    return courseOfSession(session.courseId, known, links)
  }
  if (type.startsWith("location.")) return { kind: "entities", entities: ["location", "classroom"] }
  // A physical room is a Docebo classroom; a virtual room mirrors a Docebo webinar account.
  if (type.startsWith("room.")) return { kind: "entities", entities: ["classroom", "webinarAccount"] }
  if (type.startsWith("training_provider.")) return { kind: "entities", entities: ["trainingProvider"] }
  return ignore(`event type ${type} is not acted on`)
}

export const courseOfSession = (toCourseId: string, known: KnownState, links: Links): WebhookWork => {
  const course = doceboCourseOf(toCourseId, known, links)
  if (course === null) return ignore(`course ${toCourseId} is not synced: only sessions of synced courses reach Docebo`)
  return { kind: "course", ...course, origin: "to" }
}
