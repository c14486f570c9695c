/**
 * What iltsync knows of both systems between runs (the engine's KnownState), kept in the mirror tables: every
 * record as last read or written, whether each listing was last read to its end, and the incremental-read cursors.
 * A run reads only what changed since and plans on the rest, because Docebo's API calls are scarce.
 */
import { setImmediate } from "node:timers/promises"
import { Either, Schema } from "effect"
import type { KnownState } from "../../engine/Known.ts"
import { DoceboSnapshot } from "../../engine/model/Docebo.ts"
import { ToSnapshot } from "../../engine/model/Training.ts"
import type { KeptNotice } from "../../engine/Notices.ts"
import {
  chunk,
  type Db,
  inSnapshot,
  inTransaction,
  type MirrorListingRow,
  type MirrorRecordRow,
  type ReadCursorRow,
  type ReadNoticeRow,
} from "./Database.ts"
import { toJsonText } from "./Json.ts"
import {
  bumpMirrorVersion,
  deleteMirrorRecords,
  type MirrorSystem,
  type NewMirrorRecord,
  upsertMirrorRecords,
} from "./Mirror.ts"

const sides = {
  docebo: { fields: DoceboSnapshot.fields, resources: Object.keys(DoceboSnapshot.fields.complete.fields) },
  to: { fields: ToSnapshot.fields, resources: Object.keys(ToSnapshot.fields.complete.fields) },
} as const

const sessionsCursorPrefix = "sessions:"

/**
 * The resources the known state is made of. The mirror keeps others beside them (Docebo's user directory, thousands
 * of users on a large platform), which are neither loaded nor saved with it.
 */
const knownResources = [...new Set([...sides.docebo.resources, ...sides.to.resources])]

type Side = { readonly [resource: string]: unknown }

const recordsOf = (snapshot: Side, resource: string) => (snapshot[resource] ?? []) as ReadonlyArray<{ id: string }>

const courseIdOf = (record: object): string | null =>
  "courseId" in record && typeof record.courseId === "string" ? record.courseId : null

/**
 * The stored text each decoded record came from. A record handed back to `saveKnownState` as it was loaded (the same
 * object: a run leaves most records alone) is compared by that text rather than serialised again, which was most of
 * a save's time, and of the event loop's longest stalls while webhooks arrive.
 */
const sourceText = new WeakMap<object, string>()

/** Writes one system's records, changing only rows whose content differs, and its listings' completeness. */
const saveSide = async (trx: Db, system: MirrorSystem, snapshot: Side, at: string): Promise<void> => {
  const stored = await trx
    .selectFrom("mirror_records")
    .select(["resource", "id", "body"])
    .where("system", "=", system)
    .where("resource", "in", sides[system].resources)
    .execute()
  const storedBody = new Map(stored.map((row) => [`${row.resource}\u0000${row.id}`, row.body]))
  const complete = snapshot.complete as Readonly<Record<string, boolean>>
  for (const resource of sides[system].resources) {
    const records = recordsOf(snapshot, resource)
    const present = new Set(records.map((record) => record.id))
    const changed: NewMirrorRecord[] = records
      .filter((record) => {
        const body = storedBody.get(`${resource}\u0000${record.id}`)
        return body === undefined || (sourceText.get(record) !== body && body !== toJsonText(record))
      })
      .map((record) => ({ id: record.id, courseId: courseIdOf(record), body: record }))
    const gone = stored.filter((row) => row.resource === resource && !present.has(row.id)).map((row) => row.id)
    await upsertMirrorRecords(trx, system, resource, changed, at)
    await deleteMirrorRecords(trx, system, resource, gone)
    await trx
      .insertInto("mirror_listings")
      .values({ system, resource, complete: complete[resource] ? 1 : 0, updated_at: at })
      .onConflict((oc) =>
        oc.columns(["system", "resource"]).doUpdateSet({ complete: complete[resource] ? 1 : 0, updated_at: at }),
      )
      .execute()
  }
}

/** Replaces the known state, all in one transaction. */
export const saveKnownState = (db: Db, known: KnownState, at: string): Promise<void> =>
  inTransaction(db, async (trx) => {
    // First: on PostgreSQL, the other writers of the mirror wait from here until this commits (Mirror.ts).
    await bumpMirrorVersion(trx)
    await saveSide(trx, "docebo", known.docebo as unknown as Side, at)
    await saveSide(trx, "to", known.to as unknown as Side, at)
    await trx.deleteFrom("read_cursors").execute()
    const cursors = [
      ...Object.entries(known.cursors).map(([resource, cursor]) => ({ system: "to" as const, resource, cursor })),
      ...Object.entries(known.sessionsReadAt).map(([courseId, readAt]) => ({
        system: "docebo" as const,
        resource: `${sessionsCursorPrefix}${courseId}`,
        cursor: readAt,
      })),
    ]
    if (cursors.length > 0) {
      await trx
        .insertInto("read_cursors")
        .values(cursors.map((cursor) => ({ ...cursor, updated_at: at })))
        .execute()
    }
    if (known.notices !== undefined) await saveNotices(trx, known.notices)
  })

/** Replaces the kept notices, numbered in their order within each source. */
const saveNotices = async (trx: Db, notices: ReadonlyArray<KeptNotice>): Promise<void> => {
  await trx.deleteFrom("read_notices").execute()
  const seqs = new Map<string, number>()
  const rows = notices.map((notice) => {
    const seq = seqs.get(notice.source) ?? 0
    seqs.set(notice.source, seq + 1)
    const { source, code, key, message } = notice
    return { source, seq, code, key, message, course: notice.course ?? null }
  })
  for (const part of chunk(rows)) await trx.insertInto("read_notices").values(part).execute()
}

const noticeOf = (row: ReadNoticeRow): KeptNotice => ({
  source: row.source,
  code: row.code,
  key: row.key,
  message: row.message,
  ...(row.course !== null ? { course: row.course } : {}),
})

/** The rows the known state is made of, read in one transaction; decoding them is left until it has ended. */
export interface KnownRows {
  readonly records: ReadonlyArray<MirrorRecordRow>
  readonly listings: ReadonlyArray<MirrorListingRow>
  readonly cursors: ReadonlyArray<ReadCursorRow>
  readonly notices: ReadonlyArray<ReadNoticeRow>
}

export const readKnownRows = (db: Db): Promise<KnownRows> =>
  inSnapshot(db, async (trx) => ({
    records: await trx
      .selectFrom("mirror_records")
      .selectAll()
      .where("resource", "in", knownResources)
      .orderBy("id")
      .execute(),
    listings: await trx.selectFrom("mirror_listings").selectAll().execute(),
    cursors: await trx.selectFrom("read_cursors").selectAll().execute(),
    notices: await trx.selectFrom("read_notices").selectAll().orderBy("source").orderBy("seq").execute(),
  }))

/**
 * The records of one listing, decoded with today's schema. Records that no longer decode (the model changed since
 * they were stored) make the listing unknown, so it is read again in full instead of planned on.
 */
const decodeListing = (system: MirrorSystem, resource: string, rows: ReadonlyArray<MirrorRecordRow>) => {
  const schema = (sides[system].fields as unknown as Record<string, Schema.Schema.AnyNoContext>)[resource]
  if (schema === undefined) return null
  const decoded = Either.getOrNull(Schema.decodeUnknownEither(schema)(rows.map((row) => JSON.parse(row.body))))
  for (const [index, record] of (decoded ?? []).entries()) {
    const row = rows[index]
    if (typeof record === "object" && record !== null && row !== undefined) sourceText.set(record, row.body)
  }
  return decoded as ReadonlyArray<unknown> | null
}

/** Decoded listings by `system:resource`, with the rows they were decoded from. */
export type DecodedListings = ReadonlyMap<
  string,
  { readonly rows: ReadonlyArray<MirrorRecordRow>; readonly records: ReadonlyArray<unknown> | null }
>

const sameRows = (a: ReadonlyArray<MirrorRecordRow>, b: ReadonlyArray<MirrorRecordRow>) =>
  a.length === b.length && a.every((row, index) => row.id === b[index]?.id && row.body === b[index]?.body)

/**
 * The known state from its rows; a listing never saved (or no longer readable) is empty and incomplete. Decoding
 * costs about 50 µs a record: a listing whose rows are those `previous` was decoded from is taken from it as it is
 * (a run changes one or two listings), and the event loop gets a turn after each listing decoded, so requests (a
 * webhook's acceptance) are answered meanwhile instead of waiting for the whole mirror.
 */
export const decodeKnownRows = async (
  rows: KnownRows,
  previous: DecodedListings = new Map(),
): Promise<{ readonly known: KnownState; readonly listings: DecodedListings }> => {
  const listings = new Map<string, { rows: ReadonlyArray<MirrorRecordRow>; records: ReadonlyArray<unknown> | null }>()
  const unreadable = new Set<string>()
  const byListing = new Map<string, MirrorRecordRow[]>()
  for (const row of rows.records) {
    const key = `${row.system}:${row.resource}`
    const listing = byListing.get(key)
    if (listing === undefined) byListing.set(key, [row])
    else listing.push(row)
  }
  const load = async (system: MirrorSystem) => {
    const side: Record<string, unknown> = {}
    const complete: Record<string, boolean> = {}
    for (const resource of sides[system].resources) {
      const key = `${system}:${resource}`
      const listingRows = byListing.get(key) ?? []
      const before = previous.get(key)
      const reused = before !== undefined && sameRows(before.rows, listingRows)
      const records = reused ? before.records : decodeListing(system, resource, listingRows)
      listings.set(key, { rows: listingRows, records })
      if (!reused && listingRows.length > 0) await setImmediate()
      if (records === null) unreadable.add(`${system}:${resource}`)
      side[resource] = records ?? []
      const listing = rows.listings.find((row) => row.system === system && row.resource === resource)
      complete[resource] = records !== null && listing?.complete === 1
    }
    return { ...side, complete }
  }
  const docebo = (await load("docebo")) as unknown as DoceboSnapshot
  const to = (await load("to")) as unknown as ToSnapshot
  const cursors: Record<string, string> = {}
  const sessionsReadAt: Record<string, string> = {}
  for (const row of rows.cursors) {
    if (row.system === "to" && !unreadable.has(`to:${row.resource}`)) cursors[row.resource] = row.cursor
    if (
      row.system === "docebo" &&
      row.resource.startsWith(sessionsCursorPrefix) &&
      !unreadable.has("docebo:sessions")
    ) {
      sessionsReadAt[row.resource.slice(sessionsCursorPrefix.length)] = row.cursor
    }
  }
  const notices = rows.notices.map(noticeOf)
  return { known: { docebo, to, cursors, sessionsReadAt, ...(notices.length > 0 ? { notices } : {}) }, listings }
}

/** Reads in `db` (the caller's transaction, if any) what the known state needs; the function returned decodes it. */
export type KnownReader = (db: Db) => Promise<() => Promise<KnownState>>

export const readKnownState: KnownReader = async (db) => {
  const rows = await readKnownRows(db)
  return async () => (await decodeKnownRows(rows)).known
}

/** The known state as saved, read in one transaction. */
export const loadKnownState = async (db: Db): Promise<KnownState> =>
  (await decodeKnownRows(await readKnownRows(db))).known
