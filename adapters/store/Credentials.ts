/**
 * API credentials for both systems. Secrets (client secrets, the Docebo password) are sealed with the store's key
 * before they reach the database; the rest (URLs, client ids, user name) is stored as is.
 */
import { Schema } from "effect"
import { openValue, sealValue } from "./Cipher.ts"
import { type CredentialsRow, type Db, inTransaction } from "./Database.ts"
import { CredentialsUnreadable, SecretKeyMissing } from "./Errors.ts"
import type { SecretKey, SecretKeys } from "./SecretKey.ts"

export const DoceboCredentials = Schema.Struct({
  url: Schema.String,
  clientId: Schema.String,
  clientSecret: Schema.String,
  username: Schema.String,
  password: Schema.String,
})
export type DoceboCredentials = typeof DoceboCredentials.Type

export const ToCredentials = Schema.Struct({
  url: Schema.String,
  clientId: Schema.String,
  clientSecret: Schema.String,
  platformUrl: Schema.String,
})
export type ToCredentials = typeof ToCredentials.Type

/** What a save carries: either system, or both; a system left out keeps what is stored. */
export const CredentialRecord = Schema.Struct({
  docebo: Schema.optional(DoceboCredentials),
  to: Schema.optional(ToCredentials),
})
export type CredentialRecord = typeof CredentialRecord.Type

/** What is stored; null for a system never configured. */
export interface StoredCredentials {
  readonly docebo: DoceboCredentials | null
  readonly to: ToCredentials | null
}

type System = CredentialsRow["system"]

const open = (key: SecretKey, system: System, field: string, envelope: string): string => {
  const plaintext = openValue(key, `${system}.${field}`, envelope)
  if (plaintext === null) throw new CredentialsUnreadable({ system, field })
  return plaintext
}

export const rowToDoceboCredentials = (key: SecretKey, row: CredentialsRow): DoceboCredentials => ({
  url: row.url,
  clientId: row.client_id,
  clientSecret: open(key, "docebo", "clientSecret", row.client_secret),
  username: row.username ?? "",
  password: open(key, "docebo", "password", row.password ?? ""),
})

export const rowToToCredentials = (key: SecretKey, row: CredentialsRow): ToCredentials => ({
  url: row.url,
  clientId: row.client_id,
  clientSecret: open(key, "to", "clientSecret", row.client_secret),
  platformUrl: row.platform_url ?? "",
})

const doceboRow = (key: SecretKey, c: DoceboCredentials, at: string): CredentialsRow => ({
  system: "docebo",
  url: c.url,
  client_id: c.clientId,
  client_secret: sealValue(key, "docebo.clientSecret", c.clientSecret),
  username: c.username,
  password: sealValue(key, "docebo.password", c.password),
  platform_url: null,
  updated_at: at,
})

const toRow = (key: SecretKey, c: ToCredentials, at: string): CredentialsRow => ({
  system: "to",
  url: c.url,
  client_id: c.clientId,
  client_secret: sealValue(key, "to.clientSecret", c.clientSecret),
  username: null,
  password: null,
  platform_url: c.platformUrl,
  updated_at: at,
})

/** Saves the systems present in `record`, both in one transaction. */
export const saveCredentials = async (db: Db, key: SecretKey, record: CredentialRecord, at: string): Promise<void> => {
  const rows = [
    ...(record.docebo === undefined ? [] : [doceboRow(key, record.docebo, at)]),
    ...(record.to === undefined ? [] : [toRow(key, record.to, at)]),
  ]
  if (rows.length === 0) return
  await inTransaction(db, async (trx) => {
    for (const row of rows) {
      await trx
        .insertInto("credentials")
        .values(row)
        .onConflict((oc) => oc.column("system").doUpdateSet(row))
        .execute()
    }
  })
}

/** Decrypts the stored credentials; throws `CredentialsUnreadable` when they were saved under another key. */
export const loadCredentials = async (db: Db, key: SecretKey): Promise<StoredCredentials> => {
  const rows = await db.selectFrom("credentials").selectAll().execute()
  const docebo = rows.find((row) => row.system === "docebo")
  const to = rows.find((row) => row.system === "to")
  return {
    docebo: docebo === undefined ? null : rowToDoceboCredentials(key, docebo),
    to: to === undefined ? null : rowToToCredentials(key, to),
  }
}

const storedSystems = async (db: Db): Promise<ReadonlyArray<System>> =>
  (await db.selectFrom("credentials").select("system").execute()).map((row) => row.system)

const missingKey = (keys: SecretKeys) => new SecretKeyMissing({ keyFile: keys.keyFile ?? "ILTSYNC_SECRET_KEY" })

/** The key to open the stored credentials with; null when none are stored (and no key is needed yet). */
export const keyToOpen = async (db: Db, keys: SecretKeys): Promise<SecretKey | null> => {
  const key = keys.current()
  if (key !== null) return key
  if ((await storedSystems(db)).length === 0) return null
  throw missingKey(keys)
}

/**
 * The key to save `record` under. The first save generates the key file, unless credentials saved under a key that
 * is no longer there would be kept beside the new ones: a new key would leave them unreadable for good.
 */
export const keyToSave = async (db: Db, keys: SecretKeys, record: CredentialRecord): Promise<SecretKey> => {
  const key = keys.current()
  if (key !== null) return key
  const kept = (await storedSystems(db)).filter((system) => record[system] === undefined)
  if (kept.length > 0) throw missingKey(keys)
  return keys.orCreate()
}

/**
 * `••••` and at most the last 4 characters, never more than a quarter of the secret, so a short secret is not shown
 * almost whole. An empty secret stays empty: the operator sees that it is not set.
 */
export const maskSecret = (secret: string): string => {
  if (secret.length === 0) return ""
  const shown = Math.min(4, Math.floor(secret.length / 4))
  return `••••${shown === 0 ? "" : secret.slice(-shown)}`
}

/** The credentials as they may be shown: every secret masked. */
export const maskedCredentials = (stored: StoredCredentials): StoredCredentials => ({
  docebo:
    stored.docebo === null
      ? null
      : {
          ...stored.docebo,
          clientSecret: maskSecret(stored.docebo.clientSecret),
          password: maskSecret(stored.docebo.password),
        },
  to: stored.to === null ? null : { ...stored.to, clientSecret: maskSecret(stored.to.clientSecret) },
})
