/**
 * The webinar accounts an operator imported from the seed's CSV (`iltsync webinar-accounts --import FILE`,
 * `PUT /webinar-accounts`): what iltsync reads instead of Docebo's list on a tenant that has no webinar-accounts
 * endpoint. An import replaces the previous one whole, so an account left out of the file is gone.
 */
import { Schema } from "effect"
import { DoceboWebinarAccount } from "../../engine/model/Docebo.ts"
import { chunk, type Db, inTransaction, lockForWriting } from "./Database.ts"

export interface ImportedWebinarAccounts {
  readonly accounts: ReadonlyArray<DoceboWebinarAccount>
  /** When the operator imported them (ISO). */
  readonly importedAt: string
}

const decodeAccount = Schema.decodeUnknownSync(DoceboWebinarAccount)

export const replaceImportedWebinarAccounts = async (
  db: Db,
  accounts: ReadonlyArray<DoceboWebinarAccount>,
  at: string,
): Promise<void> => {
  await inTransaction(db, async (trx) => {
    // Two imports at once on PostgreSQL would each delete what was there and both insert: one waits for the other.
    await lockForWriting(trx, "imported_webinar_accounts")
    await trx.deleteFrom("imported_webinar_accounts").execute()
    const rows = accounts.map((a) => ({ id: a.id, tool: a.tool, name: a.name, email: a.email, imported_at: at }))
    for (const part of chunk(rows)) await trx.insertInto("imported_webinar_accounts").values(part).execute()
  })
}

/** The last import, or null when the operator never imported one. */
export const loadImportedWebinarAccounts = async (db: Db): Promise<ImportedWebinarAccounts | null> => {
  const rows = await db.selectFrom("imported_webinar_accounts").selectAll().orderBy("id").execute()
  const first = rows[0]
  if (first === undefined) return null
  return {
    accounts: rows.map((row) => decodeAccount({ id: row.id, tool: row.tool, name: row.name, email: row.email })),
    importedAt: first.imported_at,
  }
}
