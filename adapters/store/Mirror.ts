/**
 * The last known state of records read from either system, and the cursor of each resource's incremental read: a
 * later run reads only what changed since the cursor and takes the rest from here.
 */
import { chunk, type Db, inTransaction, lastOfEach, type MirrorRecordRow } from "./Database.ts"
import { toJsonText } from "./Json.ts"

export type MirrorSystem = MirrorRecordRow["system"]

export interface MirrorRecord {
  readonly id: string
  /** The course the record belongs to (sessions, events), so one course can be loaded alone. */
  readonly courseId: string | null
  /** The record as read; the reader decodes it with its schema. */
  readonly body: unknown
  readonly readAt: string
}

export const rowToMirrorRecord = (row: MirrorRecordRow): MirrorRecord => ({
  id: row.id,
  courseId: row.course_id,
  body: JSON.parse(row.body),
  readAt: row.read_at,
})

export interface MirrorRead {
  readonly system: MirrorSystem
  readonly resource: string
  readonly records: ReadonlyArray<NewMirrorRecord>
  /** Ids the read found gone. */
  readonly deletedIds?: ReadonlyArray<string>
  /** Where the next incremental read starts; saved with the records, so it never runs ahead of them. */
  readonly cursor?: string
  readonly readAt: string
}

export type NewMirrorRecord = { readonly id: string; readonly courseId: string | null; readonly body: unknown }

/**
 * The mirror's version: a named counter that every writer of the known state's tables (records, listings, cursors,
 * notices) raises in its own transaction, before its first write there. A reader that finds it where it was knows its
 * copy of the known state is current (KnownCache.ts), whichever process or connection wrote. On PostgreSQL, the
 * counter's row, locked until the writer commits, also has the mirror's writers wait for each other, as SQLite's
 * single writer does: a save that reads the rows before it decides what to change sees them as they stay.
 */
const mirrorVersionName = "mirror"

export const bumpMirrorVersion = async (trx: Db): Promise<void> => {
  await trx
    .insertInto("sequences")
    .values({ name: mirrorVersionName, value: 1 })
    .onConflict((oc) => oc.column("name").doUpdateSet((eb) => ({ value: eb("sequences.value", "+", 1) })))
    .execute()
}

export const mirrorVersion = async (db: Db): Promise<number> => {
  const row = await db.selectFrom("sequences").select("value").where("name", "=", mirrorVersionName).executeTakeFirst()
  return row?.value ?? 0
}

const writeRecords = async (
  trx: Db,
  system: MirrorSystem,
  resource: string,
  records: ReadonlyArray<NewMirrorRecord>,
  readAt: string,
): Promise<void> => {
  for (const part of chunk(lastOfEach(records, (record) => record.id))) {
    await trx
      .insertInto("mirror_records")
      .values(
        part.map((record) => ({
          system,
          resource,
          id: record.id,
          course_id: record.courseId,
          body: toJsonText(record.body),
          read_at: readAt,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["system", "resource", "id"]).doUpdateSet((eb) => ({
          course_id: eb.ref("excluded.course_id"),
          body: eb.ref("excluded.body"),
          read_at: eb.ref("excluded.read_at"),
        })),
      )
      .execute()
  }
}

const removeRecords = async (trx: Db, system: MirrorSystem, resource: string, ids: ReadonlyArray<string>) => {
  for (const part of chunk(ids)) {
    await trx
      .deleteFrom("mirror_records")
      .where("system", "=", system)
      .where("resource", "=", resource)
      .where("id", "in", part)
      .execute()
  }
}

/** Creates or replaces records of one resource, all or none; of two with one id, the last. */
export const upsertMirrorRecords = async (
  db: Db,
  system: MirrorSystem,
  resource: string,
  records: ReadonlyArray<NewMirrorRecord>,
  readAt: string,
): Promise<void> => {
  if (records.length === 0) return
  await inTransaction(db, async (trx) => {
    await bumpMirrorVersion(trx)
    await writeRecords(trx, system, resource, records, readAt)
  })
}

/** Saves what one read returned (records, deletions, new cursor) in one transaction. */
export const saveMirrorRead = async (db: Db, read: MirrorRead): Promise<void> => {
  await inTransaction(db, async (trx) => {
    await upsertMirrorRecords(trx, read.system, read.resource, read.records, read.readAt)
    await deleteMirrorRecords(trx, read.system, read.resource, read.deletedIds ?? [])
    if (read.cursor !== undefined) await setReadCursor(trx, read.system, read.resource, read.cursor, read.readAt)
  })
}

export const deleteMirrorRecords = async (
  db: Db,
  system: MirrorSystem,
  resource: string,
  ids: ReadonlyArray<string>,
): Promise<void> => {
  if (ids.length === 0) return
  await inTransaction(db, async (trx) => {
    await bumpMirrorVersion(trx)
    await removeRecords(trx, system, resource, ids)
  })
}

/**
 * Replaces every record of a resource with `records` (writing only those that changed) and marks the listing read
 * whole at `readAt`, all or none: a listing kept beside the known state, such as Docebo's user directory.
 */
export const replaceMirrorListing = async (
  db: Db,
  system: MirrorSystem,
  resource: string,
  records: ReadonlyArray<NewMirrorRecord>,
  readAt: string,
): Promise<void> => {
  await inTransaction(db, async (trx) => {
    const stored = await trx
      .selectFrom("mirror_records")
      .select(["id", "body"])
      .where("system", "=", system)
      .where("resource", "=", resource)
      .execute()
    const before = new Map(stored.map((row) => [row.id, row.body]))
    const present = new Set(records.map((record) => record.id))
    const changed = records.filter((record) => before.get(record.id) !== toJsonText(record.body))
    // Beside the known state: the mirror's version stays, and so does the known state kept by the store.
    await writeRecords(trx, system, resource, changed, readAt)
    await removeRecords(
      trx,
      system,
      resource,
      stored.filter((row) => !present.has(row.id)).map((row) => row.id),
    )
    await trx
      .insertInto("mirror_listings")
      .values({ system, resource, complete: 1, updated_at: readAt })
      .onConflict((oc) => oc.columns(["system", "resource"]).doUpdateSet({ complete: 1, updated_at: readAt }))
      .execute()
  })
}

/** When a listing kept by `replaceMirrorListing` was last read whole; null when it never was. */
export const mirrorListingReadAt = async (db: Db, system: MirrorSystem, resource: string): Promise<string | null> => {
  const row = await db
    .selectFrom("mirror_listings")
    .select(["complete", "updated_at"])
    .where("system", "=", system)
    .where("resource", "=", resource)
    .executeTakeFirst()
  return row?.complete === 1 ? row.updated_at : null
}

/** The stored records of a resource, or of one course's records in it, by id. */
export const loadMirrorRecords = async (
  db: Db,
  system: MirrorSystem,
  resource: string,
  options: { readonly courseId?: string } = {},
): Promise<ReadonlyArray<MirrorRecord>> => {
  let select = db.selectFrom("mirror_records").selectAll().where("system", "=", system).where("resource", "=", resource)
  if (options.courseId !== undefined) select = select.where("course_id", "=", options.courseId)
  const rows = await select.orderBy("id").execute()
  return rows.map(rowToMirrorRecord)
}

/** Where the next incremental read of a resource starts; null means read it all. */
export const getReadCursor = async (db: Db, system: MirrorSystem, resource: string): Promise<string | null> => {
  const row = await db
    .selectFrom("read_cursors")
    .select("cursor")
    .where("system", "=", system)
    .where("resource", "=", resource)
    .executeTakeFirst()
  return row?.cursor ?? null
}

export const setReadCursor = (
  db: Db,
  system: MirrorSystem,
  resource: string,
  cursor: string,
  at: string,
): Promise<void> =>
  inTransaction(db, async (trx) => {
    await bumpMirrorVersion(trx)
    await trx
      .insertInto("read_cursors")
      .values({ system, resource, cursor, updated_at: at })
      .onConflict((oc) => oc.columns(["system", "resource"]).doUpdateSet({ cursor, updated_at: at }))
      .execute()
  })

/** Forgets the cursors (of one system, or all), so the next run reads everything again. */
export const clearReadCursors = (db: Db, system?: MirrorSystem): Promise<void> =>
  inTransaction(db, async (trx) => {
    await bumpMirrorVersion(trx)
    let remove = trx.deleteFrom("read_cursors")
    if (system !== undefined) remove = remove.where("system", "=", system)
    await remove.execute()
  })
