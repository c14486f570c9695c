/**
 * The webinar accounts an operator imported from the seed's CSV (`iltsync webinar-accounts --import FILE`,
 * `PUT /webinar-accounts`): what iltsync reads instead of Docebo's list on a tenant that has no webinar-accounts
 * endpoint. An import replaces the previous one whole, so an account left out of the file is gone.
 */
import { Schema } from "effect"
import { DoceboWebinarAccount } from "../../engine/model/Docebo.ts"
import type { Db } from "./Database.ts"

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
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("imported_webinar_accounts").execute()
    if (accounts.length === 0) return
    const rows = accounts.map((a) => ({ id: a.id, tool: a.tool, name: a.name, email: a.email, imported_at: at }))
    // SQLite takes at most 32,766 parameters a statement: 5 a row.
    for (let i = 0; i < rows.length; i += 1000) {
      await trx
        .insertInto("imported_webinar_accounts")
        .values(rows.slice(i, i + 1000))
        .execute()
    }
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
