import type { Link, LinkedEntity, Links } from "../../engine/model/Store.ts"
import { emptyLinks } from "../../engine/model/Store.ts"
import { chunk, type Db, inTransaction, type LinkRow } from "./Database.ts"

export const rowToLink = (row: LinkRow): Link => ({
  docebo: row.docebo_id,
  to: row.to_id,
  fingerprint: row.fingerprint,
})

const linkedEntities = Object.keys(emptyLinks) as ReadonlyArray<LinkedEntity>
const isLinkedEntity = (entity: string): entity is LinkedEntity =>
  (linkedEntities as ReadonlyArray<string>).includes(entity)

/** Every link, grouped by entity and sorted by Docebo id, so equal stores give equal snapshots. */
export const loadLinks = async (db: Db): Promise<Links> => {
  const rows = await db.selectFrom("links").selectAll().orderBy("entity").orderBy("docebo_id").execute()
  const links: Record<LinkedEntity, Array<Link>> = {
    course: [],
    session: [],
    location: [],
    classroom: [],
    trainer: [],
    webinarAccount: [],
  }
  for (const row of rows) if (isLinkedEntity(row.entity)) links[row.entity].push(rowToLink(row))
  return links
}

/**
 * Records links as synced at `syncedAt`. A link replaces any existing link of the entity that shares either id: a
 * record is paired with exactly one record on the other side, and re-pairing it drops the old pair.
 */
export const upsertLinks = async (
  db: Db,
  entity: LinkedEntity,
  links: ReadonlyArray<Link>,
  syncedAt: string,
): Promise<void> => {
  if (links.length === 0) return
  await inTransaction(db, async (trx) => {
    for (const link of links) {
      await trx
        .deleteFrom("links")
        .where("entity", "=", entity)
        .where((eb) => eb.or([eb("docebo_id", "=", link.docebo), eb("to_id", "=", link.to)]))
        .execute()
      await trx
        .insertInto("links")
        .values({ entity, docebo_id: link.docebo, to_id: link.to, fingerprint: link.fingerprint, synced_at: syncedAt })
        .execute()
    }
  })
}

/** Drops the links of an entity whose id on `side` is one of `ids`. */
export const deleteLinks = async (
  db: Db,
  entity: LinkedEntity,
  side: "docebo" | "to",
  ids: ReadonlyArray<string>,
): Promise<void> => {
  if (ids.length === 0) return
  const column = side === "docebo" ? "docebo_id" : "to_id"
  await inTransaction(db, async (trx) => {
    for (const part of chunk(ids)) {
      await trx.deleteFrom("links").where("entity", "=", entity).where(column, "in", part).execute()
    }
  })
}
