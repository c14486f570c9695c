/**
 * A long full read (Docebo's 1,000 calls an hour make a large tenant's first sync last a day) runs without holding
 * the run lock, so that a webhook's course sync is not kept waiting behind it. Runs that finished meanwhile saved
 * what they read and wrote into the known state; before planning, the long run's read is brought up to date with
 * that: every record another run changed, added or removed since the long run started is taken as that run left it.
 * The other records are as the long read saw them. Pure.
 */
import type { KnownState } from "./Known.ts"

type Listing = ReadonlyArray<{ readonly id: string }>
type Listings = Readonly<Record<string, Listing | unknown>>

const byId = (records: Listing) => new Map(records.map((record) => [record.id, record]))

/** One listing: `read` with every record that `fresh` changed since `base` taken from `fresh` (or dropped). */
const rebaseListing = (base: Listing, read: Listing, fresh: Listing): Listing => {
  const before = byId(base)
  const after = byId(fresh)
  const changed = new Set<string>()
  for (const [id, record] of after) {
    const old = before.get(id)
    if (old === undefined || JSON.stringify(old) !== JSON.stringify(record)) changed.add(id)
  }
  for (const id of before.keys()) if (!after.has(id)) changed.add(id)
  if (changed.size === 0) return read
  const out = read.filter((record) => !changed.has(record.id))
  for (const id of changed) {
    const record = after.get(id)
    if (record !== undefined) out.push(record)
  }
  return out
}

const rebaseSnapshot = <S extends Listings>(base: S, read: S, fresh: S): S => {
  const out: Record<string, unknown> = { ...read }
  for (const [key, value] of Object.entries(read)) {
    if (!Array.isArray(value)) continue // the `complete` flags are the long read's own
    out[key] = rebaseListing((base[key] ?? []) as Listing, value as Listing, (fresh[key] ?? []) as Listing)
  }
  return out as S
}

/**
 * A cursor another run moved meanwhile: the older of the two, so that an incremental read from it misses nothing
 * either run had not seen. Otherwise the long read's.
 */
const rebaseCursors = (
  base: Readonly<Record<string, string>>,
  read: Readonly<Record<string, string>>,
  fresh: Readonly<Record<string, string>>,
) => {
  const out: Record<string, string> = { ...read }
  for (const [key, cursor] of Object.entries(fresh)) {
    if (base[key] === cursor) continue
    const mine = read[key]
    if (mine === undefined || cursor < mine) out[key] = cursor
  }
  return out
}

/** When a course's sessions were read: as another run left it when that run read or wrote them since. */
const rebaseReadTimes = (
  base: Readonly<Record<string, string>>,
  read: Readonly<Record<string, string>>,
  fresh: Readonly<Record<string, string>>,
) => {
  const out: Record<string, string> = { ...read }
  for (const [course, at] of Object.entries(fresh)) if (base[course] !== at) out[course] = at
  return out
}

/**
 * `read`: the long run's reads, started from `base`; `fresh`: the known state as the runs since then left it. When no
 * run came between, `fresh` equals `base` and the result is `read`.
 */
export const rebaseRead = (base: KnownState, read: KnownState, fresh: KnownState): KnownState => ({
  docebo: rebaseSnapshot(base.docebo, read.docebo, fresh.docebo),
  to: rebaseSnapshot(base.to, read.to, fresh.to),
  cursors: rebaseCursors(base.cursors, read.cursors, fresh.cursors),
  sessionsReadAt: rebaseReadTimes(base.sessionsReadAt, read.sessionsReadAt, fresh.sessionsReadAt),
  // What the long read found wrong is about what it read; the runs between read only what webhooks named.
  ...(read.notices !== undefined ? { notices: read.notices } : {}),
})
