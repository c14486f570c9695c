import { Schema } from "effect"
import {
  DoceboCourseId,
  DoceboSessionId,
  DoceboUserId,
  DoceboWebinarAccountId,
  ToCourseId,
  ToLocationId,
  ToProviderId,
  ToRoomId,
  ToSessionId,
  ToSiteId,
  ToSlotId,
  ToTrainerId,
} from "./Ids.ts"
import { CompletionMode, Count, Day, TimeOfDay, TimeZone } from "./Values.ts"

/** A Training Orchestra course; `externalRef` is the Docebo course it was created from. */
export const ToCourse = Schema.Struct({
  id: ToCourseId,
  code: Schema.String,
  title: Schema.String,
  modality: Schema.Literal("onsite", "online"),
  language: Schema.String,
  active: Schema.Boolean,
  externalRef: Schema.NullOr(DoceboCourseId),
})
export type ToCourse = typeof ToCourse.Type

/** One dated slot of a session (a *sequence* in TO's words); becomes one Docebo event. */
export const ToSlot = Schema.Struct({
  id: ToSlotId,
  day: Day,
  start: TimeOfDay,
  end: TimeOfDay,
  timezone: TimeZone,
  durationMinutes: Schema.NullOr(Count),
  trainerId: Schema.NullOr(ToTrainerId),
  roomId: Schema.NullOr(ToRoomId),
})
export type ToSlot = typeof ToSlot.Type

/** `in_qualification` is TO's draft state; only `validated` sessions reach Docebo. */
export const ToSessionStatus = Schema.Literal("in_qualification", "validated", "cancelled")
export type ToSessionStatus = typeof ToSessionStatus.Type

export const ToSession = Schema.Struct({
  id: ToSessionId,
  courseId: ToCourseId,
  name: Schema.String,
  code: Schema.optional(Schema.NullOr(Schema.String)),
  status: ToSessionStatus,
  modality: Schema.Literal("onsite", "online"),
  minParticipants: Schema.NullOr(Count),
  maxParticipants: Schema.NullOr(Count),
  trainerId: Schema.NullOr(ToTrainerId),
  locationId: Schema.NullOr(ToLocationId),
  roomId: Schema.NullOr(ToRoomId),
  completionMode: Schema.NullOr(CompletionMode),
  slots: Schema.Array(ToSlot),
  needsReconfiguration: Schema.Boolean,
  externalRef: Schema.NullOr(DoceboSessionId),
})
export type ToSession = typeof ToSession.Type

export const ToTrainingProvider = Schema.Struct({
  id: ToProviderId,
  name: Schema.String,
  siteId: Schema.NullOr(ToSiteId),
  active: Schema.Boolean,
})
export type ToTrainingProvider = typeof ToTrainingProvider.Type

/** TO's site: the provider's address; one per provider for Docebo. */
export const ToSite = Schema.Struct({
  id: ToSiteId,
  name: Schema.String,
  address: Schema.String,
  city: Schema.String,
  country: Schema.String,
  trainingProviderId: Schema.NullOr(ToProviderId),
})
export type ToSite = typeof ToSite.Type

export const ToTrainer = Schema.Struct({
  id: ToTrainerId,
  firstName: Schema.String,
  lastName: Schema.String,
  email: Schema.String,
  trainingProviderId: Schema.NullOr(ToProviderId),
  active: Schema.Boolean,
  externalRef: Schema.NullOr(DoceboUserId),
})
export type ToTrainer = typeof ToTrainer.Type

export const ToLocation = Schema.Struct({
  id: ToLocationId,
  name: Schema.String,
  address: Schema.String,
  city: Schema.String,
  country: Schema.String,
})
export type ToLocation = typeof ToLocation.Type

/** A physical room (mirrored as a Docebo classroom) or a virtual room (mirroring a Docebo webinar account). */
export const ToRoom = Schema.Struct({
  id: ToRoomId,
  locationId: Schema.NullOr(ToLocationId),
  name: Schema.String,
  seats: Schema.NullOr(Count),
  kind: Schema.Literal("physical", "virtual"),
  webinarTool: Schema.NullOr(Schema.String),
  active: Schema.Boolean,
  externalRef: Schema.NullOr(DoceboWebinarAccountId),
})
export type ToRoom = typeof ToRoom.Type

export const ToCompleteness = Schema.Struct({
  courses: Schema.Boolean,
  sessions: Schema.Boolean,
  trainingProviders: Schema.Boolean,
  sites: Schema.Boolean,
  trainers: Schema.Boolean,
  locations: Schema.Boolean,
  rooms: Schema.Boolean,
})
export type ToCompleteness = typeof ToCompleteness.Type

export const ToSnapshot = Schema.Struct({
  courses: Schema.Array(ToCourse),
  sessions: Schema.Array(ToSession),
  trainingProviders: Schema.Array(ToTrainingProvider),
  sites: Schema.Array(ToSite),
  trainers: Schema.Array(ToTrainer),
  locations: Schema.Array(ToLocation),
  rooms: Schema.Array(ToRoom),
  complete: ToCompleteness,
})
export type ToSnapshot = typeof ToSnapshot.Type
