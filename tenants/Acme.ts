/**
 * `acme`: a hand-written, realistic tenant in the middle of its life. An earlier integration mirrored most of the
 * catalogue into TO and most validated sessions into Docebo, stamping each record with the other side's id; iltsync's
 * own store is still empty, so its first sync adopts by those stamps and natural keys. Each data module says which of
 * its records are the special cases the sync rules name (missing code, adoption by code, held deletion, Zoom v3, …).
 */
import type { DoceboSnapshot, ToSnapshot } from "../engine/Model.ts"
import { acmeDoceboCourses, acmeToCourses } from "./acme/Courses.ts"
import { acmeProviders, acmeSites, acmeTrainers, acmeUsers } from "./acme/People.ts"
import { acmeClassrooms, acmeDoceboLocations, acmeLocations, acmePhysicalRooms } from "./acme/Places.ts"
import { acmeDoceboSessions, acmeToSessions } from "./acme/Sessions.ts"
import { acmeVirtualRooms, acmeWebinarAccounts } from "./acme/Webinar.ts"
import { completeDocebo, completeTo, type DomainTenant } from "./Tenant.ts"

export { acmeElearningCourses } from "./acme/Elearning.ts"

/** A fresh copy each call, so a caller that changes its tenant (a scenario step) never changes another's. */
export const makeAcmeTenant = (): DomainTenant => {
  const docebo: DoceboSnapshot = {
    courses: acmeDoceboCourses,
    sessions: acmeDoceboSessions,
    locations: acmeDoceboLocations,
    classrooms: acmeClassrooms,
    users: acmeUsers,
    webinarAccounts: acmeWebinarAccounts,
    complete: completeDocebo,
  }
  const to: ToSnapshot = {
    courses: acmeToCourses,
    sessions: acmeToSessions,
    trainingProviders: acmeProviders,
    sites: acmeSites,
    trainers: acmeTrainers,
    locations: acmeLocations,
    rooms: [...acmePhysicalRooms, ...acmeVirtualRooms],
    complete: completeTo,
  }
  return structuredClone({ docebo, to })
}
