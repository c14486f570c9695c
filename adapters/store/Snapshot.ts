import type { StoreSnapshot } from "../../engine/model/Store.ts"
import { type Db, inTransaction } from "./Database.ts"
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
