/**
 * Training Orchestra's JSON ⇄ the domain. TO publishes no API reference: the names are our design (TO-API.md). The
 * fields the rules map are read and written under the keys the rules give them (adapters/http/VendorRecord.ts); what
 * is left here is what no rule says: ids, statuses, references read through the links, time stamps, providers.
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
import {
  ToCourse,
  ToLocation,
  ToRoom,
  ToSession,
  ToSessionStatus,
  ToSlot,
  ToTrainer,
} from "../../engine/model/Training.ts"
import { vendorRules } from "../../engine/Rules.ts"
import { vendorKeysOf } from "../../engine/RuleTypes.ts"
import type { ToCourseFields, ToTrainerFields, ToVirtualRoomFields } from "../../engine/Writes.ts"
import { definedOnly } from "../http/Request.ts"
import { OptionalRef, renamed } from "../http/Schemas.ts"
import { keyOf, vendorBody, vendorDecoder, vendorFields } from "../http/VendorRecord.ts"

const Modality = Schema.Literal("onsite", "online")

/** Every record's last change, ISO-8601: the cursor of incremental reads. */
const updatedAtKey = "updated_at"
const updatedAt = { key: updatedAtKey, schema: Schema.String }
const to = (record: string) => vendorKeysOf(vendorRules, `to:${record}`)

export const CourseFields = vendorFields(ToCourse.fields, to("course"), {
  unmapped: { id: { key: "id", schema: ToCourseId }, updatedAt },
  wire: { externalRef: OptionalRef(DoceboCourseId) },
})

export const SlotFields = vendorFields(ToSlot.fields, to("slot"), {
  unmapped: {
    id: { key: "id", schema: ToSlotId },
    trainerId: { key: "trainer_id", schema: Schema.NullOr(ToTrainerId) },
    roomId: { key: "room_id", schema: Schema.NullOr(ToRoomId) },
  },
})

/** The slots are TO's `sequences`. */
export const SessionFields = vendorFields(ToSession.fields, to("session"), {
  unmapped: {
    id: { key: "id", schema: ToSessionId },
    courseId: { key: "course_id", schema: ToCourseId },
    status: { key: "status", schema: ToSessionStatus },
    modality: { key: "modality", schema: Modality },
    trainerId: { key: "trainer_id", schema: Schema.NullOr(ToTrainerId) },
    locationId: { key: "location_id", schema: Schema.NullOr(ToLocationId) },
    roomId: { key: "room_id", schema: Schema.NullOr(ToRoomId) },
    slots: { key: "sequences", schema: Schema.Array(vendorDecoder<ToSlot>(SlotFields)) },
    needsReconfiguration: { key: "needs_reconfiguration", schema: Schema.Boolean },
    externalRef: { key: "external_ref", schema: OptionalRef(DoceboSessionId) },
    updatedAt,
  },
})

export const TrainerFields = vendorFields(ToTrainer.fields, to("trainer"), {
  unmapped: { id: { key: "id", schema: ToTrainerId }, updatedAt },
  wire: { externalRef: OptionalRef(DoceboUserId) },
})

/** A location's address and city are one Docebo address: read here, joined by the rule. */
export const LocationFields = vendorFields(ToLocation.fields, to("location"), {
  unmapped: {
    id: { key: "id", schema: ToLocationId },
    address: { key: "address", schema: Schema.String },
    city: { key: "city", schema: Schema.String },
    updatedAt,
  },
})

export const RoomFields = vendorFields(ToRoom.fields, to("room"), {
  unmapped: {
    id: { key: "id", schema: ToRoomId },
    locationId: { key: "location_id", schema: Schema.NullOr(ToLocationId) },
    updatedAt,
  },
  wire: { externalRef: OptionalRef(DoceboWebinarAccountId) },
})

type Stamped<A> = A & { readonly updatedAt: string }

export const CourseRecord = vendorDecoder<Stamped<ToCourse>>(CourseFields)
export const SessionRecord = vendorDecoder<Stamped<ToSession>>(SessionFields)
export const TrainerRecord = vendorDecoder<Stamped<ToTrainer>>(TrainerFields)
export const LocationRecord = vendorDecoder<Stamped<ToLocation>>(LocationFields)
export const RoomRecord = vendorDecoder<Stamped<ToRoom>>(RoomFields)

/** Providers and their sites are no rule's records: iltsync creates and (de)activates providers, and reads both. */
export const ProviderKeys = { id: "id", name: "name", siteId: "site_id", active: "active" } as const

export const SiteKeys = {
  id: "id",
  name: "name",
  address: "address",
  city: "city",
  country: "country",
  trainingProviderId: "training_provider_id",
} as const

export const ProviderRecord = Schema.Struct({
  id: renamed(ProviderKeys.id, ToProviderId),
  name: renamed(ProviderKeys.name, Schema.String),
  siteId: renamed(ProviderKeys.siteId, Schema.NullOr(ToSiteId)),
  active: renamed(ProviderKeys.active, Schema.Boolean),
  updatedAt: renamed(updatedAtKey, Schema.String),
})

export const SiteRecord = Schema.Struct({
  id: renamed(SiteKeys.id, ToSiteId),
  name: renamed(SiteKeys.name, Schema.String),
  address: renamed(SiteKeys.address, Schema.String),
  city: renamed(SiteKeys.city, Schema.String),
  country: renamed(SiteKeys.country, Schema.String),
  trainingProviderId: renamed(SiteKeys.trainingProviderId, Schema.NullOr(ToProviderId)),
  updatedAt: renamed(updatedAtKey, Schema.String),
})

export const courseBody = (fields: Partial<ToCourseFields>) => vendorBody(CourseFields)(fields)

export const trainerBody = (fields: Partial<ToTrainerFields>) => vendorBody(TrainerFields)(fields)

export const roomBody = (fields: Partial<ToVirtualRoomFields>) => vendorBody(RoomFields)(fields)

/** Through the API only virtual rooms are made: no location. */
export const newVirtualRoomBody = (room: ToVirtualRoomFields): Record<string, unknown> => ({
  ...roomBody(room),
  [keyOf(RoomFields, "kind")]: "virtual",
  [keyOf(RoomFields, "locationId")]: null,
})

export const providerBody = (fields: { readonly name?: string; readonly active?: boolean }) =>
  definedOnly({ [ProviderKeys.name]: fields.name, [ProviderKeys.active]: fields.active })

export const sessionFlagBody = (needsReconfiguration: boolean) => ({
  [keyOf(SessionFields, "needsReconfiguration")]: needsReconfiguration,
})
