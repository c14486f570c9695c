import { Schema } from "effect"
import { DoceboUserId, ProviderRequestId, ToProviderId } from "./Ids.ts"

/**
 * A stored pair of ids for one entity and the fingerprint of the master's mapped fields when they were last synced
 * (the merge base). Ids are kept as strings so one table serves every entity.
 */
export const Link = Schema.Struct({
  docebo: Schema.String,
  to: Schema.String,
  fingerprint: Schema.String,
})
export type Link = typeof Link.Type

export const LinkedEntity = Schema.Literal("course", "session", "location", "classroom", "trainer", "webinarAccount")
export type LinkedEntity = typeof LinkedEntity.Type

export const Links = Schema.Struct({
  course: Schema.Array(Link),
  session: Schema.Array(Link),
  location: Schema.Array(Link),
  classroom: Schema.Array(Link),
  trainer: Schema.Array(Link),
  webinarAccount: Schema.Array(Link),
})
export type Links = typeof Links.Type

/** Profile edits an operator made in iltsync that are still to be written to the Docebo user (Docebo is master). */
export const TrainerEdit = Schema.Struct({
  firstName: Schema.optional(Schema.String),
  lastName: Schema.optional(Schema.String),
  email: Schema.optional(Schema.String),
  isInstructor: Schema.optional(Schema.Boolean),
})
export type TrainerEdit = typeof TrainerEdit.Type

/**
 * A Docebo user made a trainer in iltsync, with the training provider it belongs to in TO. The provider is either an
 * existing TO provider or one requested in iltsync and not created yet.
 */
export const TrainerAssignment = Schema.Struct({
  userId: DoceboUserId,
  trainingProviderId: Schema.NullOr(ToProviderId),
  trainingProviderRequestId: Schema.NullOr(ProviderRequestId),
  removed: Schema.Boolean,
  pending: Schema.NullOr(TrainerEdit),
})
export type TrainerAssignment = typeof TrainerAssignment.Type

export const CreateProviderRequest = Schema.Struct({
  id: ProviderRequestId,
  kind: Schema.Literal("create"),
  name: Schema.String,
})
export const SetProviderActiveRequest = Schema.Struct({
  id: ProviderRequestId,
  kind: Schema.Literal("setActive"),
  providerId: ToProviderId,
  active: Schema.Boolean,
})
/**
 * Training providers are mastered in TO; iltsync only asks TO to create or (de)activate them. Request ids sort in the
 * order the requests were made (the store issues them so), which decides between two requests for one provider.
 */
export const ProviderRequest = Schema.Union(CreateProviderRequest, SetProviderActiveRequest)
export type ProviderRequest = typeof ProviderRequest.Type

/** What the planner needs from iltsync's own store: the links and the operator's trainer and provider records. */
export const StoreSnapshot = Schema.Struct({
  links: Links,
  trainers: Schema.Array(TrainerAssignment),
  providerRequests: Schema.Array(ProviderRequest),
})
export type StoreSnapshot = typeof StoreSnapshot.Type

export const emptyLinks: Links = {
  course: [],
  session: [],
  location: [],
  classroom: [],
  trainer: [],
  webinarAccount: [],
}

export const emptyStore: StoreSnapshot = { links: emptyLinks, trainers: [], providerRequests: [] }
