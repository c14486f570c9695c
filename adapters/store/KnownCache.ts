/**
 * The known state, decoded once and kept while the mirror is unchanged. Decoding every mirrored record with its
 * schema costs about 50 µs a record (17 ms for acme's 313), and the webhook worker loads it for every batch and the
 * engine for every run, while only a run's writes change it. The kept copy is used while this store has written
 * nothing to the mirror tables since it was read (every writer calls `changed`, before and after its write) and no
 * other connection has committed anything (SQLite's `data_version`: the CLI syncing next to the service). On
 * PostgreSQL that second check would be a version row bumped by the writers instead. Once stale, the rows are read
 * again but only the listings whose rows changed are decoded again.
 */
import { sql } from "kysely"
import type { KnownState } from "../../engine/Known.ts"
import { type Db, inTransaction } from "./Database.ts"
import { type DecodedListings, decodeKnownRows, type KnownReader, readKnownRows } from "./KnownState.ts"

export interface KnownCache {
  /** The mirror tables are being (or were just) written through this store. */
  readonly changed: () => void
  readonly read: KnownReader
  readonly load: (db: Db) => Promise<KnownState>
}

/** Changes when another connection commits; the same connection's own commits leave it as it is. */
const dataVersion = async (db: Db): Promise<number> => {
  const { rows } = await sql<{ data_version: number }>`pragma data_version`.execute(db)
  return Number(rows[0]?.data_version)
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
  let generation = 0
  let kept: { readonly generation: number; readonly version: number; readonly known: KnownState } | null = null
  // Listings are reused by content (their rows unchanged), whatever changed elsewhere in the mirror.
  let decoded: DecodedListings = new Map()

  const read: KnownReader = async (db) => {
    const started = generation
    const found = await inTransaction(db, async (trx) => {
      const version = await dataVersion(trx)
      const current = kept !== null && kept.generation === started && kept.version === version ? kept.known : null
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
      // A write that began after the rows were read makes them stale: they are returned, not kept.
      if (generation === started) kept = { generation: started, version: found.version, known }
      return known
    }
  }

  return {
    changed: () => {
      generation += 1
    },
    read,
    load: async (db) => (await read(db))(),
  }
}
