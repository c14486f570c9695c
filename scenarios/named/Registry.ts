/** Every named scenario, in the order of the seed page, then the guards. */
import ambiguousAdoptionBlocked from "./cases/AmbiguousAdoptionBlocked.ts"
import cancellationHeldUntilApproved from "./cases/CancellationHeldUntilApproved.ts"
import courseWithoutCode from "./cases/CourseWithoutCode.ts"
import deactivatedProviderSessions from "./cases/DeactivatedProviderSessions.ts"
import doceboNativeSession from "./cases/DoceboNativeSession.ts"
import iltSessionFields from "./cases/IltSessionFields.ts"
import locationAndClassroom from "./cases/LocationAndClassroom.ts"
import massChangeGuard from "./cases/MassChangeGuard.ts"
import partialListingNoDeletion from "./cases/PartialListingNoDeletion.ts"
import staleSavedPlan from "./cases/StaleSavedPlan.ts"
import viltSessionFields from "./cases/ViltSessionFields.ts"
import type { Scenario } from "./Scenario.ts"

export const scenarios: ReadonlyArray<Scenario> = [
  courseWithoutCode,
  iltSessionFields,
  viltSessionFields,
  locationAndClassroom,
  doceboNativeSession,
  deactivatedProviderSessions,
  cancellationHeldUntilApproved,
  partialListingNoDeletion,
  massChangeGuard,
  ambiguousAdoptionBlocked,
  staleSavedPlan,
]

export const findScenario = (name: string): Scenario | undefined => scenarios.find((scenario) => scenario.name === name)
