/**
 * The known state, decoded once and kept while the mirror is unchanged. Decoding every mirrored record with its
 * schema costs about 50 µs a record (17 ms for acme's 313), and the webhook worker loads it for every batch and the
 * engine for every run, while only a run's writes change it. The kept copy is used while the mirror's version
 * (Mirror.ts), read in the same snapshot as the rows were, has not moved: every writer of the mirror raises it in its
 * transaction, this store's and any other connection's (the CLI syncing next to the service, another process on the
 * same PostgreSQL database). Once stale, the rows are read again but only the listings whose rows changed are decoded
 * again.
 */
import type { KnownState } from "../../engine/Known.ts"
import { type Db, inSnapshot } from "./Database.ts"
import { type DecodedListings, decodeKnownRows, type KnownReader, readKnownRows } from "./KnownState.ts"
import { mirrorVersion } from "./Mirror.ts"

export interface KnownCache {
  readonly read: KnownReader
  readonly load: (db: Db) => Promise<KnownState>
}

/**
 * The lists, their records and the sides are frozen: every caller shares the kept copy, and saving compares a record
 * handed back by identity (KnownState.ts), so an edit in place would be a bug.
 */
const frozen = (known: KnownState): KnownState => {
  for (const side of [known.docebo, known.to]) {
    for (const value of Object.values(side)) {
      if (Array.isArray(value)) for (const record of value) Object.freeze(record)
      Object.freeze(value)
    }
    Object.freeze(side)
  }
  return Object.freeze(known)
}

export const makeKnownCache = (): KnownCache => {
  let kept: { readonly version: number; readonly known: KnownState } | null = null
  // Listings are reused by content (their rows unchanged), whatever changed elsewhere in the mirror.
  let decoded: DecodedListings = new Map()

  const read: KnownReader = async (db) => {
    const found = await inSnapshot(db, async (trx) => {
      const version = await mirrorVersion(trx)
      const current = kept !== null && kept.version === version ? kept.known : null
      return { version, current, rows: current === null ? await readKnownRows(trx) : null }
    })
    return async () => {
      if (found.current !== null) return found.current
      const fresh = await decodeKnownRows(
        found.rows ?? { records: [], listings: [], cursors: [], notices: [] },
        decoded,
      )
      decoded = fresh.listings
      const known = frozen(fresh.known)
      // Rows read at an older version than the one kept meanwhile are returned, not kept.
      if (kept === null || kept.version < found.version) kept = { version: found.version, known }
      return known
    }
  }

  return { read, load: async (db) => (await read(db))() }
}
