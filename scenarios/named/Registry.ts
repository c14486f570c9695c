/** Every named scenario, in the order of the seed page, then the guards. */
import ambiguousAdoptionBlocked from "./cases/AmbiguousAdoptionBlocked.ts"
import cancellationHeldUntilApproved from "./cases/CancellationHeldUntilApproved.ts"
import courseWithoutCode from "./cases/CourseWithoutCode.ts"
import credentialsEdited from "./cases/CredentialsEdited.ts"
import deactivatedProviderSessions from "./cases/DeactivatedProviderSessions.ts"
import doceboNativeSession from "./cases/DoceboNativeSession.ts"
import eventLog from "./cases/EventLog.ts"
import firstSyncBackgroundJob from "./cases/FirstSyncBackgroundJob.ts"
import groupedWebhookDelivery from "./cases/GroupedWebhookDelivery.ts"
import iltCourseCreated from "./cases/IltCourseCreated.ts"
import iltSessionFields from "./cases/IltSessionFields.ts"
import locationAndClassroom from "./cases/LocationAndClassroom.ts"
import massChangeGuard from "./cases/MassChangeGuard.ts"
import newCourseWithoutSessions from "./cases/NewCourseWithoutSessions.ts"
import onlineSessionInClassroomCourse from "./cases/OnlineSessionInClassroomCourse.ts"
import ownWriteEchoesIgnored from "./cases/OwnWriteEchoesIgnored.ts"
import partialListingNoDeletion from "./cases/PartialListingNoDeletion.ts"
import providerLifecycle from "./cases/ProviderLifecycle.ts"
import sessionsWithoutStamps from "./cases/SessionsWithoutStamps.ts"
import staleSavedPlan from "./cases/StaleSavedPlan.ts"
import strictDoceboFirstSync from "./cases/StrictDoceboFirstSync.ts"
import subDomainRefused from "./cases/SubDomainRefused.ts"
import syncedSessionDeletedInDocebo from "./cases/SyncedSessionDeletedInDocebo.ts"
import syncedSessionEditedInDocebo from "./cases/SyncedSessionEditedInDocebo.ts"
import trainerEdited from "./cases/TrainerEdited.ts"
import trainersAdded from "./cases/TrainersAdded.ts"
import trainersMassAssigned from "./cases/TrainersMassAssigned.ts"
import trainersRemoved from "./cases/TrainersRemoved.ts"
import unknownToolReported from "./cases/UnknownToolReported.ts"
import viltCourseCreated from "./cases/ViltCourseCreated.ts"
import webinarAccounts from "./cases/WebinarAccounts.ts"
import webinarAccountsImported from "./cases/WebinarAccountsImported.ts"
import type { Scenario } from "./Scenario.ts"

export const scenarios: ReadonlyArray<Scenario> = [
  firstSyncBackgroundJob,
  iltCourseCreated,
  viltCourseCreated,
  newCourseWithoutSessions,
  courseWithoutCode,
  iltSessionFields,
  onlineSessionInClassroomCourse,
  locationAndClassroom,
  webinarAccounts,
  webinarAccountsImported,
  unknownToolReported,
  doceboNativeSession,
  syncedSessionEditedInDocebo,
  syncedSessionDeletedInDocebo,
  groupedWebhookDelivery,
  ownWriteEchoesIgnored,
  providerLifecycle,
  deactivatedProviderSessions,
  trainersAdded,
  trainerEdited,
  trainersRemoved,
  trainersMassAssigned,
  credentialsEdited,
  eventLog,
  subDomainRefused,
  cancellationHeldUntilApproved,
  partialListingNoDeletion,
  massChangeGuard,
  ambiguousAdoptionBlocked,
  sessionsWithoutStamps,
  staleSavedPlan,
  strictDoceboFirstSync,
]

export const findScenario = (name: string): Scenario | undefined => scenarios.find((scenario) => scenario.name === name)
