/**
 * What a webhook asks of iltsync: a sync of one Docebo course (a course created or changed in Docebo, a session
 * changed in Docebo or scheduled in TO), of some entities (TO locations, rooms, providers; a trainer's Docebo user),
 * or nothing. Pure: the worker looks up what these functions need.
 */
import { Either, Schema } from "effect"
import type { WrittenStep } from "../../adapters/store/Journal.ts"
import type { KnownState } from "../../engine/Known.ts"
import type { Links } from "../../engine/model/Store.ts"
import type { Entity } from "../../engine/Plan.ts"
import { type EchoEvidence, echoEvidence, firedAtMillis, mootSessionEvent } from "./Echoes.ts"

export type WebhookWork =
  /**
   * `origin`: what the webhook says changed, so that a run reads only that: Docebo's course (`docebo`), the course's
   * Docebo sessions (`doceboSessions`), or TO's sessions (`to`).
   */
  | {
      readonly kind: "course"
      readonly id: string
      readonly code: string
      readonly origin: "docebo" | "doceboSessions" | "to"
    }
  | { readonly kind: "entities"; readonly entities: ReadonlyArray<Entity> }
  /** A TO session iltsync has not seen yet: its course is found once TO's sessions are read. */
  | { readonly kind: "toSession"; readonly sessionId: string }
  | { readonly kind: "ignore"; readonly reason: string }

const MessageId = Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" }))

/** What every delivery must carry to be stored: the sender's message id (the duplicate check's key) and the event. */
export const DoceboEnvelope = Schema.Struct({ message_id: MessageId, event: Schema.String })
export const ToEnvelope = Schema.Struct({ id: MessageId, type: Schema.String })

const Id = Schema.Union(Schema.String, Schema.Number)
const Text = Schema.optional(Schema.NullOr(Schema.String))

const CourseEvent = Schema.Literal("course.created", "course.updated", "course.deleted")
const CoursePayload = Schema.Struct({ course_id: Id, code: Text, type: Text })
const UserEvent = Schema.Literal("user.created", "user.updated")
const UserPayload = Schema.Struct({ user_id: Id })
const SessionEventName = Schema.Literal("ilt.session.created", "ilt.session.updated", "ilt.session.deleted")
/** An `ilt.session.*` payload [seen]: the session, its course, and when it fired (what the echo check reads). */
const SessionPayload = Schema.Struct({
  course_id: Id,
  course_code: Text,
  session_id: Id,
  session_code: Text,
  session_name: Text,
  fired_at: Text,
})

/**
 * A Docebo delivery: one event's `payload`, or the `payloads` of up to 25 events of its type grouped in one
 * delivery [doc]. Each payload is read on its own: one that is unreadable is ignored, never its group.
 */
const DoceboDelivery = Schema.Struct({
  event: Schema.String,
  payload: Schema.optional(Schema.Unknown),
  payloads: Schema.optional(Schema.Array(Schema.Unknown)),
})
const ToEvent = Schema.Struct({
  type: Schema.String,
  data: Schema.Struct({ id: Schema.String }),
})

const decodeDelivery = Schema.decodeUnknownEither(DoceboDelivery)
const isCourseEvent = Schema.is(CourseEvent)
const isUserEvent = Schema.is(UserEvent)
const isSessionEvent = Schema.is(SessionEventName)
const decodeCoursePayload = Schema.decodeUnknownEither(CoursePayload)
const decodeUserPayload = Schema.decodeUnknownEither(UserPayload)
const decodeSessionPayload = Schema.decodeUnknownEither(SessionPayload)
const decodeToEvent = Schema.decodeUnknownEither(ToEvent)

/** One event of a Docebo delivery, its payload decoded by its type (null: not one iltsync reads). */
type DoceboEvent =
  | { readonly kind: "course"; readonly event: typeof CourseEvent.Type; readonly payload: typeof CoursePayload.Type }
  | { readonly kind: "user"; readonly event: typeof UserEvent.Type; readonly payload: typeof UserPayload.Type }
  | {
      readonly kind: "session"
      readonly event: typeof SessionEventName.Type
      readonly payload: typeof SessionPayload.Type
    }
  | { readonly kind: "other"; readonly event: string; readonly payload: null }

const readEvent = (event: string, payload: unknown): DoceboEvent => {
  const other = { kind: "other", event, payload: null } as const
  if (isCourseEvent(event))
    return Either.match(decodeCoursePayload(payload), {
      onLeft: () => other,
      onRight: (decoded) => ({ kind: "course", event, payload: decoded }),
    })
  if (isUserEvent(event))
    return Either.match(decodeUserPayload(payload), {
      onLeft: () => other,
      onRight: (decoded) => ({ kind: "user", event, payload: decoded }),
    })
  if (isSessionEvent(event))
    return Either.match(decodeSessionPayload(payload), {
      onLeft: () => other,
      onRight: (decoded) => ({ kind: "session", event, payload: decoded }),
    })
  return other
}

/** The events of a delivery, single or grouped, in their order; none when it is no Docebo delivery at all. */
const eventsOf = (body: unknown): { readonly grouped: boolean; readonly events: ReadonlyArray<DoceboEvent> } => {
  const delivery = decodeDelivery(body)
  if (Either.isLeft(delivery)) return { grouped: false, events: [] }
  const { event, payload, payloads } = delivery.right
  if (payloads !== undefined) return { grouped: true, events: payloads.map((each) => readEvent(event, each)) }
  return { grouped: false, events: [readEvent(event, payload)] }
}

/**
 * What the inbox keeps of a delivery: the parts `doceboWork` and `toWork` read (decoding drops every other field).
 * A sender's names, descriptions and whatever else it adds are not stored: fifty 1 MiB deliveries kept whole for
 * the retention grew the store by 70 MB. A group keeps each of its events, an unreadable one as `null`.
 */
export const webhookEssentials = (source: "docebo" | "to", body: unknown): unknown => {
  if (source === "to") return Either.getOrElse(decodeToEvent(body), () => ({}))
  const { grouped, events } = eventsOf(body)
  const [first] = events
  // Acted on by nobody: its event name alone says what it was.
  if (first === undefined) {
    const event = (body as { readonly event?: unknown } | null)?.event
    return typeof event === "string" ? { event: event.slice(0, 200) } : {}
  }
  const event = first.event.slice(0, 200)
  if (grouped) return { event, payloads: events.map((each) => each.payload) }
  return first.payload === null ? { event } : { event, payload: first.payload }
}

/** When each session event of a Docebo delivery fired (those whose `fired_at` reads), in milliseconds. */
export const sessionFiredAt = (body: unknown): ReadonlyArray<number> =>
  eventsOf(body).events.flatMap((each) => {
    const fired = each.kind === "session" ? firedAtMillis(each.payload.fired_at) : null
    return fired === null ? [] : [fired]
  })

/** Docebo's ILT and VILT course types; e-learning is never synced. */
const syncedTypes = new Set(["classroom", "webinar"])

const ignore = (reason: string): WebhookWork => ({ kind: "ignore", reason })

/** The users behind trainers: those iltsync assigned, and those TO trainers are stamped with. */
export const trainerUserIds = (known: KnownState, assigned: ReadonlyArray<string>): ReadonlySet<string> =>
  new Set([
    ...assigned,
    ...known.to.trainers.flatMap((trainer) => (trainer.externalRef === null ? [] : [trainer.externalRef as string])),
  ])

/** What a Docebo delivery's events are read against. */
export interface DoceboContext {
  /** The users behind trainers (`trainerUserIds`). */
  readonly trainers: ReadonlySet<string>
  /** The Docebo courses iltsync knows: id → code. */
  readonly courses: ReadonlyMap<string, string>
  /** What tells iltsync's own session writes (Echoes.ts). */
  readonly echoes: EchoEvidence
}

export const doceboContext = (
  known: KnownState,
  links: Links,
  assigned: ReadonlyArray<string>,
  steps: ReadonlyArray<WrittenStep>,
): DoceboContext => ({
  trainers: trainerUserIds(known, assigned),
  courses: new Map(known.docebo.courses.map((course) => [course.id as string, course.code])),
  echoes: echoEvidence(known, links, steps),
})

const courseWork = ({ event, payload }: Extract<DoceboEvent, { kind: "course" }>): WebhookWork => {
  // A deleted course's TO copy is archived: only a course plan over the full listing can see it is gone.
  if (event === "course.deleted") return { kind: "entities", entities: ["course"] }
  if (!syncedTypes.has(payload.type ?? "")) return ignore(`course type ${payload.type ?? "unknown"} is not synced`)
  // A course without a code is synced too: its status then says the code is missing.
  return { kind: "course", id: String(payload.course_id), code: payload.code?.trim() ?? "", origin: "docebo" }
}

/**
 * A session changed in Docebo: a synced copy edited or deleted there is put back from TO, a session made there is
 * reported, by a run of its course that reads the course's sessions. Its course is read too when iltsync does not
 * know it yet. An echo of iltsync's own write, or the deletion of a session iltsync no longer holds, asks for nothing.
 */
const sessionWork = (
  { event, payload }: Extract<DoceboEvent, { kind: "session" }>,
  context: DoceboContext,
): WebhookWork => {
  const moot = mootSessionEvent(event, payload, context.echoes)
  if (moot !== null) return ignore(moot)
  const id = String(payload.course_id)
  const code = context.courses.get(id)
  if (code === undefined) return { kind: "course", id, code: payload.course_code?.trim() ?? "", origin: "docebo" }
  return { kind: "course", id, code: code.trim(), origin: "doceboSessions" }
}

/** What a Docebo delivery asks for: one work per event, a grouped delivery's events each on its own. */
export const doceboWork = (body: unknown, context: DoceboContext): ReadonlyArray<WebhookWork> => {
  const { events } = eventsOf(body)
  if (events.length === 0) return [ignore("an event iltsync does not act on")]
  return events.map((each): WebhookWork => {
    if (each.kind === "course") return courseWork(each)
    if (each.kind === "session") return sessionWork(each, context)
    if (each.kind === "other") return ignore("an event iltsync does not act on")
    const id = String(each.payload.user_id)
    return context.trainers.has(id)
      ? { kind: "entities", entities: ["trainer"] }
      : ignore(`user ${id} is not a trainer`)
  })
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
