import type { StoreSnapshot } from "../../engine/model/Store.ts"
import { listCourseStatuses } from "./CourseStatus.ts"
import { type Db, inSnapshot } from "./Database.ts"
import { type KnownReader, readKnownState } from "./KnownState.ts"
import { loadLinks } from "./Links.ts"
import { loadProviderRequests } from "./ProviderRequests.ts"
import { loadTrainerAssignments } from "./Trainers.ts"

/** What the planner reads from the store, taken in one snapshot so the three parts agree with each other. */
export const loadStoreSnapshot = async (db: Db): Promise<StoreSnapshot> =>
  inSnapshot(db, async (trx) => ({
    links: await loadLinks(trx),
    trainers: await loadTrainerAssignments(trx),
    providerRequests: await loadProviderRequests(trx),
  }))

/**
 * Everything a run starts from, read in one snapshot: the store snapshot, the known state and the statuses. The
 * known state is decoded after the transaction, so that other queries are not held up meanwhile.
 */
export const loadSyncState = async (db: Db, readKnown: KnownReader = readKnownState) => {
  const read = await inSnapshot(db, async (trx) => ({
    store: await loadStoreSnapshot(trx),
    known: await readKnown(trx),
    statuses: await listCourseStatuses(trx),
  }))
  return { store: read.store, known: await read.known(), statuses: read.statuses }
}
