/**
 * Docebo's answer envelopes, decoded by module-level decoders: lists `{"data":{"items":[…],"has_more_data":…}}` and
 * single objects `{"data":{…}}` [doc]; creates answer the new id [seen for courses and users; assumed elsewhere];
 * updates and deletes answer a result, not the record [SDK; seen for users], so nothing is read back from them.
 */
import { Schema } from "effect"
import {
  DoceboClassroomId,
  DoceboEventId,
  DoceboLocationId,
  DoceboSessionId,
  ToSlotId,
} from "../../engine/model/Ids.ts"
import { renamed } from "../http/Schemas.ts"
import { keyOf } from "../http/VendorRecord.ts"
import {
  ClassroomFields,
  ClassroomRecord,
  CourseDetailRecord,
  CourseRecord,
  DomainRecord,
  EventFields,
  EventRecord,
  LocationFields,
  LocationRecord,
  SessionFields,
  SessionRecord,
  UserRecord,
  WebinarAccountRecord,
} from "./Mapping.ts"
import { NumericId } from "./WireValues.ts"

/** Only what paging needs is required of the envelope: `count`, `cursor` and the rest may come or not. */
export const listOf = <S extends Schema.Schema.Any>(item: S) =>
  Schema.Struct({ data: Schema.Struct({ items: Schema.Array(item), has_more_data: Schema.Boolean }) })

export const one = <S extends Schema.Schema.Any>(item: S) => Schema.Struct({ data: item })

export const decodeCoursePage = Schema.decodeUnknown(listOf(CourseRecord))
export const decodeSessionPage = Schema.decodeUnknown(listOf(SessionRecord))
export const decodeEventPage = Schema.decodeUnknown(listOf(EventRecord))
export const decodeLocationPage = Schema.decodeUnknown(listOf(LocationRecord))
export const decodeClassroomPage = Schema.decodeUnknown(listOf(ClassroomRecord))
export const decodeUserPage = Schema.decodeUnknown(listOf(UserRecord))
export const decodeWebinarAccountPage = Schema.decodeUnknown(listOf(WebinarAccountRecord))
export const decodeUser = Schema.decodeUnknown(one(UserRecord))
export const decodeDomain = Schema.decodeUnknown(one(DomainRecord))
/** One course (`GET /learn/v1/courses/{id}`), whose type is `type` [seen]. */
export const decodeCourseDetail = Schema.decodeUnknown(one(CourseDetailRecord))

/** A created session, and its events if the answer lists them (else they are read back). */
export const decodeCreatedSession = Schema.decodeUnknown(
  one(
    Schema.Struct({
      id: renamed(keyOf(SessionFields, "id"), NumericId(DoceboSessionId)),
      events: Schema.optional(
        Schema.Array(
          Schema.Struct({
            id: renamed(keyOf(EventFields, "id"), NumericId(DoceboEventId)),
            externalId: renamed(keyOf(EventFields, "externalId"), Schema.NullOr(ToSlotId)),
          }),
        ),
      ).pipe(Schema.fromKey("events")),
    }),
  ),
)
export const decodeCreatedEvent = Schema.decodeUnknown(
  one(Schema.Struct({ id: renamed(keyOf(EventFields, "id"), NumericId(DoceboEventId)) })),
)
export const decodeCreatedLocation = Schema.decodeUnknown(
  one(Schema.Struct({ id: renamed(keyOf(LocationFields, "id"), NumericId(DoceboLocationId)) })),
)
export const decodeCreatedClassroom = Schema.decodeUnknown(
  one(Schema.Struct({ id: renamed(keyOf(ClassroomFields, "id"), NumericId(DoceboClassroomId)) })),
)
const Message = Schema.Union(
  Schema.String,
  Schema.Struct({ id: Schema.optional(Schema.Union(Schema.String, Schema.Number)), message: Schema.String }),
)

/**
 * A write's result `{"data":{"success":…}}` [SDK; seen for users]. User writes report invalid input as HTTP 200 with
 * `success: false` and messages [seen].
 */
const Outcome = Schema.Struct({
  data: Schema.Struct({
    success: Schema.Boolean,
    message: Schema.optional(Schema.Union(Schema.String, Schema.Array(Message))),
  }),
})
export const decodeOutcome = Schema.decodeUnknownOption(Schema.parseJson(Outcome))

export const messagesOf = (message: (typeof Outcome.Type)["data"]["message"]): string => {
  if (message === undefined) return "refused without a message"
  if (typeof message === "string") return message
  return message
    .map((item) =>
      typeof item === "string" ? item : item.id === undefined ? item.message : `${item.id}: ${item.message}`,
    )
    .join("; ")
}

/** The reason in Docebo's error body `{"name","message","code","status"}` [assumed]; the status when unreadable. */
const ErrorBody = Schema.Struct({ message: Schema.Union(Schema.String, Schema.Array(Message)) })
const decodeErrorBody = Schema.decodeUnknownOption(Schema.parseJson(ErrorBody))

export const doceboReason = (status: number, text: string): string => {
  const body = decodeErrorBody(text)
  return body._tag === "Some" ? messagesOf(body.value.message) : `HTTP ${status}`
}
