/**
 * Training Orchestra's JSON ⇄ the domain, in one place. TO publishes no API reference: these names are our design
 * (shared/spec/TO-API.md), so each record's vendor field names sit in one table keyed by the domain's names; the read
 * schemas rename through it (`Schema.fromKey`) and the write bodies are built from it, and a real contract replaces a
 * name in one line.
 */
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
} from "../../engine/model/Ids.ts"
import { ToSessionStatus } from "../../engine/model/Training.ts"
import { CompletionMode, Count, Day, TimeOfDay, TimeZone } from "../../engine/model/Values.ts"
import type { ToCourseFields, ToTrainerFields, ToVirtualRoomFields } from "../../engine/Writes.ts"
import { definedOnly } from "../http/Request.ts"
import { OptionalRef, renamed } from "../http/Schemas.ts"

/** Every record's last change, ISO-8601: the cursor of incremental reads. */
const updatedAtKey = "updated_at"

export const CourseKeys = {
  id: "id",
  code: "code",
  title: "title",
  modality: "modality",
  language: "language",
  active: "active",
  externalRef: "external_ref",
} as const

export const SlotKeys = {
  id: "id",
  day: "day",
  start: "start",
  end: "end",
  timezone: "timezone",
  durationMinutes: "duration_minutes",
  trainerId: "trainer_id",
  roomId: "room_id",
} as const

export const SessionKeys = {
  id: "id",
  courseId: "course_id",
  name: "name",
  status: "status",
  modality: "modality",
  minParticipants: "min_participants",
  maxParticipants: "max_participants",
  trainerId: "trainer_id",
  locationId: "location_id",
  roomId: "room_id",
  completionMode: "completion_mode",
  slots: "sequences",
  needsReconfiguration: "needs_reconfiguration",
  externalRef: "external_ref",
} as const

export const ProviderKeys = { id: "id", name: "name", siteId: "site_id", active: "active" } as const

export const SiteKeys = {
  id: "id",
  name: "name",
  address: "address",
  city: "city",
  country: "country",
  trainingProviderId: "training_provider_id",
} as const

export const TrainerKeys = {
  id: "id",
  firstName: "first_name",
  lastName: "last_name",
  email: "email",
  trainingProviderId: "training_provider_id",
  active: "active",
  externalRef: "external_ref",
} as const

export const LocationKeys = { id: "id", name: "name", address: "address", city: "city", country: "country" } as const

export const RoomKeys = {
  id: "id",
  locationId: "location_id",
  name: "name",
  seats: "seats",
  kind: "kind",
  webinarTool: "webinar_tool",
  active: "active",
  externalRef: "external_ref",
} as const

const Modality = Schema.Literal("onsite", "online")
const updatedAt = renamed(updatedAtKey, Schema.String)

export const CourseRecord = Schema.Struct({
  id: renamed(CourseKeys.id, ToCourseId),
  code: renamed(CourseKeys.code, Schema.String),
  title: renamed(CourseKeys.title, Schema.String),
  modality: renamed(CourseKeys.modality, Modality),
  language: renamed(CourseKeys.language, Schema.String),
  active: renamed(CourseKeys.active, Schema.Boolean),
  externalRef: renamed(CourseKeys.externalRef, OptionalRef(DoceboCourseId)),
  updatedAt,
})

const SlotRecord = Schema.Struct({
  id: renamed(SlotKeys.id, ToSlotId),
  day: renamed(SlotKeys.day, Day),
  start: renamed(SlotKeys.start, TimeOfDay),
  end: renamed(SlotKeys.end, TimeOfDay),
  timezone: renamed(SlotKeys.timezone, TimeZone),
  durationMinutes: renamed(SlotKeys.durationMinutes, Schema.NullOr(Count)),
  trainerId: renamed(SlotKeys.trainerId, Schema.NullOr(ToTrainerId)),
  roomId: renamed(SlotKeys.roomId, Schema.NullOr(ToRoomId)),
})

export const SessionRecord = Schema.Struct({
  id: renamed(SessionKeys.id, ToSessionId),
  courseId: renamed(SessionKeys.courseId, ToCourseId),
  name: renamed(SessionKeys.name, Schema.String),
  status: renamed(SessionKeys.status, ToSessionStatus),
  modality: renamed(SessionKeys.modality, Modality),
  minParticipants: renamed(SessionKeys.minParticipants, Schema.NullOr(Count)),
  maxParticipants: renamed(SessionKeys.maxParticipants, Schema.NullOr(Count)),
  trainerId: renamed(SessionKeys.trainerId, Schema.NullOr(ToTrainerId)),
  locationId: renamed(SessionKeys.locationId, Schema.NullOr(ToLocationId)),
  roomId: renamed(SessionKeys.roomId, Schema.NullOr(ToRoomId)),
  completionMode: renamed(SessionKeys.completionMode, Schema.NullOr(CompletionMode)),
  slots: renamed(SessionKeys.slots, Schema.Array(SlotRecord)),
  needsReconfiguration: renamed(SessionKeys.needsReconfiguration, Schema.Boolean),
  externalRef: renamed(SessionKeys.externalRef, OptionalRef(DoceboSessionId)),
  updatedAt,
})

export const ProviderRecord = Schema.Struct({
  id: renamed(ProviderKeys.id, ToProviderId),
  name: renamed(ProviderKeys.name, Schema.String),
  siteId: renamed(ProviderKeys.siteId, Schema.NullOr(ToSiteId)),
  active: renamed(ProviderKeys.active, Schema.Boolean),
  updatedAt,
})

export const SiteRecord = Schema.Struct({
  id: renamed(SiteKeys.id, ToSiteId),
  name: renamed(SiteKeys.name, Schema.String),
  address: renamed(SiteKeys.address, Schema.String),
  city: renamed(SiteKeys.city, Schema.String),
  country: renamed(SiteKeys.country, Schema.String),
  trainingProviderId: renamed(SiteKeys.trainingProviderId, Schema.NullOr(ToProviderId)),
  updatedAt,
})

export const TrainerRecord = Schema.Struct({
  id: renamed(TrainerKeys.id, ToTrainerId),
  firstName: renamed(TrainerKeys.firstName, Schema.String),
  lastName: renamed(TrainerKeys.lastName, Schema.String),
  email: renamed(TrainerKeys.email, Schema.String),
  trainingProviderId: renamed(TrainerKeys.trainingProviderId, Schema.NullOr(ToProviderId)),
  active: renamed(TrainerKeys.active, Schema.Boolean),
  externalRef: renamed(TrainerKeys.externalRef, OptionalRef(DoceboUserId)),
  updatedAt,
})

export const LocationRecord = Schema.Struct({
  id: renamed(LocationKeys.id, ToLocationId),
  name: renamed(LocationKeys.name, Schema.String),
  address: renamed(LocationKeys.address, Schema.String),
  city: renamed(LocationKeys.city, Schema.String),
  country: renamed(LocationKeys.country, Schema.String),
  updatedAt,
})

export const RoomRecord = Schema.Struct({
  id: renamed(RoomKeys.id, ToRoomId),
  locationId: renamed(RoomKeys.locationId, Schema.NullOr(ToLocationId)),
  name: renamed(RoomKeys.name, Schema.String),
  seats: renamed(RoomKeys.seats, Schema.NullOr(Count)),
  kind: renamed(RoomKeys.kind, Schema.Literal("physical", "virtual")),
  webinarTool: renamed(RoomKeys.webinarTool, Schema.NullOr(Schema.String)),
  active: renamed(RoomKeys.active, Schema.Boolean),
  externalRef: renamed(RoomKeys.externalRef, OptionalRef(DoceboWebinarAccountId)),
  updatedAt,
})

export const courseBody = (fields: Partial<ToCourseFields>): Record<string, unknown> =>
  definedOnly({
    [CourseKeys.code]: fields.code,
    [CourseKeys.title]: fields.title,
    [CourseKeys.modality]: fields.modality,
    [CourseKeys.language]: fields.language,
    [CourseKeys.active]: fields.active,
    [CourseKeys.externalRef]: fields.externalRef,
  })

export const trainerBody = (fields: Partial<ToTrainerFields>): Record<string, unknown> =>
  definedOnly({
    [TrainerKeys.firstName]: fields.firstName,
    [TrainerKeys.lastName]: fields.lastName,
    [TrainerKeys.email]: fields.email,
    [TrainerKeys.trainingProviderId]: fields.trainingProviderId,
    [TrainerKeys.active]: fields.active,
    [TrainerKeys.externalRef]: fields.externalRef,
  })

export const roomBody = (fields: Partial<ToVirtualRoomFields>): Record<string, unknown> =>
  definedOnly({
    [RoomKeys.name]: fields.name,
    [RoomKeys.webinarTool]: fields.webinarTool,
    [RoomKeys.active]: fields.active,
    [RoomKeys.externalRef]: fields.externalRef,
  })

/** Through the API only virtual rooms are made: no location. */
export const newVirtualRoomBody = (room: ToVirtualRoomFields): Record<string, unknown> => ({
  ...roomBody(room),
  [RoomKeys.kind]: "virtual",
  [RoomKeys.locationId]: null,
})

export const providerBody = (fields: { readonly name?: string; readonly active?: boolean }) =>
  definedOnly({ [ProviderKeys.name]: fields.name, [ProviderKeys.active]: fields.active })

export const sessionFlagBody = (needsReconfiguration: boolean) => ({
  [SessionKeys.needsReconfiguration]: needsReconfiguration,
})
