/**
 * Docebo's answer envelopes, decoded by module-level decoders: lists `{"data":{"items":[…],"has_more_data":…}}` and
 * single objects `{"data":{…}}` [doc]; creates answer the new id [seen for courses and users; assumed elsewhere];
 * updates and deletes answer a result, not the record [SDK; seen for users], so nothing is read back from them.
 */
import { Schema } from "effect"
import { DoceboClassroomId, DoceboEventId, DoceboLocationId, DoceboSessionId } from "../../engine/model/Ids.ts"
import type { ItemDecoder } from "../http/Items.ts"
import { renamed } from "../http/Schemas.ts"
import { keyOf } from "../http/VendorRecord.ts"
import {
  ClassroomFields,
  ClassroomRecord,
  CourseDetailRecord,
  CourseFields,
  CourseRecord,
  DomainRecord,
  EventFields,
  EventRecord,
  LocationFields,
  LocationRecord,
  SessionFields,
  SessionRecord,
  UserKeys,
  UserRecord,
  WebinarAccountFields,
  WebinarAccountRecord,
} from "./Mapping.ts"
import { NumericId } from "./WireValues.ts"

/** Only what paging needs is required of the envelope: `count`, `cursor` and the rest may come or not. */
export const listOf = <S extends Schema.Schema.Any>(item: S) =>
  Schema.Struct({ data: Schema.Struct({ items: Schema.Array(item), has_more_data: Schema.Boolean }) })

/**
 * A page as the reads take it: its items are decoded one by one (`Items`, adapters/http/Items.ts), so that a record
 * iltsync cannot read fails alone.
 */
export const decodeListPage = Schema.decodeUnknown(listOf(Schema.Unknown))

export const one = <S extends Schema.Schema.Any>(item: S) => Schema.Struct({ data: item })

/** Each listing's item, with the key its id is sent under (to name a record that cannot be decoded). */
const item = <A, I>(schema: Schema.Schema<A, I>, idKey: string) => ({
  decode: Schema.decodeUnknownEither(schema),
  idKey,
})

export const Items = {
  course: item(CourseRecord, keyOf(CourseFields, "id")),
  session: item(SessionRecord, keyOf(SessionFields, "id")),
  event: item(EventRecord, keyOf(EventFields, "id")),
  location: item(LocationRecord, keyOf(LocationFields, "id")),
  classroom: item(ClassroomRecord, keyOf(ClassroomFields, "id")),
  user: item(UserRecord, UserKeys.id),
  webinarAccount: item(WebinarAccountRecord, keyOf(WebinarAccountFields, "id")),
}
export interface ListingItem<A> {
  readonly decode: ItemDecoder<A>
  readonly idKey: string
}

/** A single record's envelope, its record decoded like a listing's item. */
export const decodeOneRecord = Schema.decodeUnknown(one(Schema.Unknown))

export const decodeDomain = Schema.decodeUnknown(one(DomainRecord))
/** One course (`GET /learn/v1/courses/{id}`), whose type is `type` [seen]. */
export const decodeCourseDetail = Schema.decodeUnknown(one(CourseDetailRecord))

/** A created session: its id [assumed]; its events' ids are looked up by their date and time when first written to. */
export const decodeCreatedSession = Schema.decodeUnknown(
  one(Schema.Struct({ id: renamed(keyOf(SessionFields, "id"), NumericId(DoceboSessionId)) })),
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
