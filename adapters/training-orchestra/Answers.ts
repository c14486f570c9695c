/**
 * Training Orchestra's answer envelopes, decoded by module-level decoders: lists `{"data":[…],"next_cursor":…}` and
 * single records `{"data":{…}}`; errors are RFC 9457 problem details.
 */
import { Schema } from "effect"
import {
  CourseRecord,
  LocationRecord,
  ProviderRecord,
  RoomRecord,
  SessionRecord,
  SiteRecord,
  TrainerRecord,
} from "./Mapping.ts"

const pageOf = <S extends Schema.Schema.Any>(item: S) =>
  Schema.Struct({ data: Schema.Array(item), next_cursor: Schema.NullOr(Schema.String) })

const one = <S extends Schema.Schema.Any>(item: S) => Schema.Struct({ data: item })

export const decodeCoursePage = Schema.decodeUnknown(pageOf(CourseRecord))
export const decodeSessionPage = Schema.decodeUnknown(pageOf(SessionRecord))
export const decodeProviderPage = Schema.decodeUnknown(pageOf(ProviderRecord))
export const decodeSitePage = Schema.decodeUnknown(pageOf(SiteRecord))
export const decodeTrainerPage = Schema.decodeUnknown(pageOf(TrainerRecord))
export const decodeLocationPage = Schema.decodeUnknown(pageOf(LocationRecord))
export const decodeRoomPage = Schema.decodeUnknown(pageOf(RoomRecord))

export const decodeCourse = Schema.decodeUnknown(one(CourseRecord))
export const decodeSession = Schema.decodeUnknown(one(SessionRecord))
export const decodeProvider = Schema.decodeUnknown(one(ProviderRecord))
export const decodeTrainer = Schema.decodeUnknown(one(TrainerRecord))
export const decodeRoom = Schema.decodeUnknown(one(RoomRecord))

const Problem = Schema.Struct({
  title: Schema.optional(Schema.String),
  detail: Schema.optional(Schema.String),
  errors: Schema.optional(Schema.Array(Schema.Struct({ field: Schema.String, message: Schema.String }))),
})
const decodeProblem = Schema.decodeUnknownOption(Schema.parseJson(Problem))

/** The reason of a problem+json answer: its `detail` and each field's message; the status when unreadable. */
export const toReason = (status: number, text: string): string => {
  const problem = decodeProblem(text)
  if (problem._tag === "None") return `HTTP ${status}`
  const { title, detail, errors = [] } = problem.value
  const fields = errors.map((error) => `${error.field}: ${error.message}`)
  return [detail ?? title ?? `HTTP ${status}`, ...fields].join("; ")
}
