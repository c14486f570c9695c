import type {
  DoceboCompleteness,
  DoceboSnapshot,
  ToCompleteness,
  ToSnapshot,
  TrainerAssignment,
} from "../engine/Model.ts"

/** A tenant as the engine sees it: what each system holds, before iltsync has stored anything. */
export interface DomainTenant {
  readonly docebo: DoceboSnapshot
  readonly to: ToSnapshot
}

/** Hand-written tenants list everything they hold, so every listing is complete. */
export const completeDocebo: DoceboCompleteness = {
  courses: true,
  sessions: true,
  locations: true,
  classrooms: true,
  users: true,
  webinarAccounts: true,
}

export const completeTo: ToCompleteness = {
  courses: true,
  sessions: true,
  trainingProviders: true,
  sites: true,
  trainers: true,
  locations: true,
  rooms: true,
}

/** A tenant with nothing in either system: the first run of a brand-new integration. */
export const makeEmptyTenant = (): DomainTenant => ({
  docebo: {
    courses: [],
    sessions: [],
    locations: [],
    classrooms: [],
    users: [],
    webinarAccounts: [],
    complete: completeDocebo,
  },
  to: {
    courses: [],
    sessions: [],
    trainingProviders: [],
    sites: [],
    trainers: [],
    locations: [],
    rooms: [],
    complete: completeTo,
  },
})

/**
 * The trainers an operator registered in iltsync, as its store holds them: every TO trainer stamped with a Docebo
 * user id, with that trainer's provider. iltsync only syncs registered trainers, so a tenant whose trainers already
 * exist on both sides needs these in the store, or its first sync would deactivate them all.
 */
export const registeredTrainers = (tenant: DomainTenant): ReadonlyArray<TrainerAssignment> =>
  tenant.to.trainers.flatMap((trainer) =>
    trainer.externalRef === null
      ? []
      : [
          {
            userId: trainer.externalRef,
            trainingProviderId: trainer.trainingProviderId,
            trainingProviderRequestId: null,
            removed: false,
            pending: null,
          },
        ],
  )
