import { type Brand, Schema } from "effect"

/**
 * Branded ids: a Docebo id can never be passed where a Training Orchestra id is expected. Generated ids (property
 * tests) come from a small range, so generated snapshots share ids the way linked data does: Docebo ids are numbers
 * in text, TO ids carry a prefix.
 */
const id = <B extends string>(brand: B, prefix = "") =>
  Schema.String.pipe(Schema.minLength(1), Schema.brand(brand)).annotations({
    arbitrary: () => (fc) => fc.integer({ min: 1, max: 6 }).map((n) => `${prefix}${n}` as string & Brand.Brand<B>),
  })

export const DoceboCourseId = id("DoceboCourseId")
export type DoceboCourseId = typeof DoceboCourseId.Type
export const DoceboSessionId = id("DoceboSessionId")
export type DoceboSessionId = typeof DoceboSessionId.Type
export const DoceboEventId = id("DoceboEventId")
export type DoceboEventId = typeof DoceboEventId.Type
export const DoceboLocationId = id("DoceboLocationId")
export type DoceboLocationId = typeof DoceboLocationId.Type
export const DoceboClassroomId = id("DoceboClassroomId")
export type DoceboClassroomId = typeof DoceboClassroomId.Type
export const DoceboUserId = id("DoceboUserId")
export type DoceboUserId = typeof DoceboUserId.Type
export const DoceboWebinarAccountId = id("DoceboWebinarAccountId")
export type DoceboWebinarAccountId = typeof DoceboWebinarAccountId.Type

export const ToCourseId = id("ToCourseId", "crs_")
export type ToCourseId = typeof ToCourseId.Type
export const ToSessionId = id("ToSessionId", "ses_")
export type ToSessionId = typeof ToSessionId.Type
export const ToSlotId = id("ToSlotId", "slot_")
export type ToSlotId = typeof ToSlotId.Type
export const ToProviderId = id("ToProviderId", "prv_")
export type ToProviderId = typeof ToProviderId.Type
export const ToSiteId = id("ToSiteId", "site_")
export type ToSiteId = typeof ToSiteId.Type
export const ToTrainerId = id("ToTrainerId", "trn_")
export type ToTrainerId = typeof ToTrainerId.Type
export const ToLocationId = id("ToLocationId", "loc_")
export type ToLocationId = typeof ToLocationId.Type
export const ToRoomId = id("ToRoomId", "room_")
export type ToRoomId = typeof ToRoomId.Type

/** An operator's request to create or (de)activate a training provider, kept in iltsync's store until applied. */
export const ProviderRequestId = id("ProviderRequestId", "req_")
export type ProviderRequestId = typeof ProviderRequestId.Type
