import type { StoreSnapshot } from "../../engine/model/Store.ts"
import { listCourseStatuses } from "./CourseStatus.ts"
import { type Db, inTransaction } from "./Database.ts"
import { loadKnownState } from "./KnownState.ts"
import { loadLinks } from "./Links.ts"
import { loadProviderRequests } from "./ProviderRequests.ts"
import { loadTrainerAssignments } from "./Trainers.ts"

/** What the planner reads from the store, taken in one transaction so the three parts agree with each other. */
export const loadStoreSnapshot = async (db: Db): Promise<StoreSnapshot> =>
  inTransaction(db, async (trx) => ({
    links: await loadLinks(trx),
    trainers: await loadTrainerAssignments(trx),
    providerRequests: await loadProviderRequests(trx),
  }))

/** Everything a run starts from, read in one transaction: the store snapshot, the known state and the statuses. */
export const loadSyncState = (db: Db) =>
  inTransaction(db, async (trx) => ({
    store: await loadStoreSnapshot(trx),
    known: await loadKnownState(trx),
    statuses: await listCourseStatuses(trx),
  }))
