/**
 * What iltsync knows of both systems between runs: the mirror of their records (as last read or written), when each
 * course's Docebo sessions were last read, and the cursors of incremental reads. A run reads only what may have
 * changed and plans on the rest from here, because Docebo's API calls are scarce (about 1,000 an hour).
 */
import type { Touched } from "./Mirror.ts"
import type { DoceboSnapshot } from "./model/Docebo.ts"
import type { ToSnapshot } from "./model/Training.ts"
import type { KeptNotice } from "./Notices.ts"

export interface KnownState {
  readonly docebo: DoceboSnapshot
  readonly to: ToSnapshot
  /** `updated_at` of the newest record seen per TO resource: the next incremental read starts there. */
  readonly cursors: Readonly<Record<string, string>>
  /** Docebo course id → when its sessions were last read (ISO time). */
  readonly sessionsReadAt: Readonly<Record<string, string>>
  /** What the reads of the listings as known reported without failing; none when absent. */
  readonly notices?: ReadonlyArray<KeptNotice>
}

const incomplete = <K extends string>(keys: ReadonlyArray<K>) =>
  Object.fromEntries(keys.map((key) => [key, false])) as Record<K, boolean>

/** Nothing known yet: every listing must be read in full before anything is deleted. */
export const nothingKnown: KnownState = {
  docebo: {
    courses: [],
    sessions: [],
    locations: [],
    classrooms: [],
    users: [],
    webinarAccounts: [],
    complete: incomplete(["courses", "sessions", "locations", "classrooms", "users", "webinarAccounts"]),
  },
  to: {
    courses: [],
    sessions: [],
    trainingProviders: [],
    sites: [],
    trainers: [],
    locations: [],
    rooms: [],
    complete: incomplete(["courses", "sessions", "trainingProviders", "sites", "trainers", "locations", "rooms"]),
  },
  cursors: {},
  sessionsReadAt: {},
}

/** `known` with `changed` records replacing those of the same id (an incremental read). */
export const mergeById = <A extends { readonly id: string }>(
  known: ReadonlyArray<A>,
  changed: ReadonlyArray<A>,
): ReadonlyArray<A> => {
  if (changed.length === 0) return known
  const fresh = new Map(changed.map((record) => [record.id, record]))
  const out = known.map((record) => fresh.get(record.id) ?? record)
  const seen = new Set(known.map((record) => record.id))
  for (const record of changed) if (!seen.has(record.id)) out.push(record)
  return out
}

/** `list` with the record of that id replaced by `record`, or dropped when it is null. */
const withRecord = <A extends { readonly id: string }>(list: ReadonlyArray<A>, id: string, record: A | null) => {
  const others = list.filter((r) => r.id !== id)
  return record === null ? others : [...others, record]
}

/** The mirror with the records as the op's writes left them (committed with the op, like the links). */
export const withTouched = (known: KnownState, touched: ReadonlyArray<Touched>): KnownState => {
  let next = known
  for (const { system, resource, id, record } of touched) {
    // Mirror.apply took `record` from the `resource` list itself, which its type cannot say.
    const list = next[system][resource as keyof KnownState[typeof system]] as ReadonlyArray<{ readonly id: string }>
    next = { ...next, [system]: { ...next[system], [resource]: withRecord(list, id, record) } }
  }
  return next
}
