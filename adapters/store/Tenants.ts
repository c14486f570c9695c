/**
 * The tenant registry, a table of the main store: each tenant's name, when it was added and disabled, its operator
 * tokens and webhook secret (sealed under the main key, as one JSON value) and its settings (plain JSON). A tenant is
 * never deleted: disabling it stops its work and refuses its callers, and its store stays as it was.
 */
import { randomBytes } from "node:crypto"
import { mkdirSync } from "node:fs"
import { dirname } from "node:path"
import { Schema } from "effect"
import { sql } from "kysely"
import { openValue, sealValue } from "./Cipher.ts"
import { type Db, isPostgres } from "./Database.ts"
import { isPostgresUrl } from "./Postgres.ts"
import type { SecretKey } from "./SecretKey.ts"
import { maxSchemaLength, tenantLocation, tenantSchema } from "./TenantStore.ts"

/** One operator of a tenant: the name the event log gives them, and their bearer token. */
export const TenantOperator = Schema.Struct({ name: Schema.String, token: Schema.String })
export type TenantOperator = typeof TenantOperator.Type

const TenantSecrets = Schema.Struct({
  operators: Schema.Array(TenantOperator),
  webhookSecret: Schema.String,
})
type TenantSecrets = typeof TenantSecrets.Type

const TenantSettings = Schema.Record({ key: Schema.String, value: Schema.String })

export interface Tenant {
  readonly name: string
  readonly createdAt: string
  /** When it was disabled; null while it is active. */
  readonly disabledAt: string | null
  readonly operators: ReadonlyArray<TenantOperator>
  readonly webhookSecret: string
  /** Settings of its own (`ILTSYNC_DOCEBO_MAIN_DOMAIN`, …), in place of the environment's. */
  readonly settings: Readonly<Record<string, string>>
}

/** The tenant is not in the registry, or (adding it) already is. */
export class TenantRefused extends Error {
  constructor(
    readonly reason: string,
    readonly hint: string,
  ) {
    super(reason)
  }
}

const secretsContext = (name: string) => `tenant.${name}.secrets`

/** 32 random bytes, URL-safe: an operator token or a webhook secret no one could guess. */
export const newTenantSecret = () => randomBytes(32).toString("base64url")

const decodeSecrets = Schema.decodeUnknownSync(Schema.parseJson(TenantSecrets))
const decodeSettings = Schema.decodeUnknownSync(Schema.parseJson(TenantSettings))

const rowToTenant = (
  key: SecretKey,
  row: { name: string; created_at: string; disabled_at: string | null; secrets: string; settings: string },
): Tenant => {
  const opened = openValue(key, secretsContext(row.name), row.secrets)
  if (opened === null) {
    throw new TenantRefused(
      `the secrets of tenant "${row.name}" do not open under this key`,
      "set ILTSYNC_SECRET_KEY (or keep the key file) the registry was written with",
    )
  }
  const secrets = decodeSecrets(opened)
  return {
    name: row.name,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    operators: secrets.operators,
    webhookSecret: secrets.webhookSecret,
    settings: decodeSettings(row.settings),
  }
}

export const listTenants = async (db: Db, key: SecretKey): Promise<ReadonlyArray<Tenant>> =>
  (await db.selectFrom("tenants").selectAll().orderBy("name").execute()).map((row) => rowToTenant(key, row))

export const findTenant = async (db: Db, key: SecretKey, name: string): Promise<Tenant | null> => {
  const row = await db.selectFrom("tenants").selectAll().where("name", "=", name).executeTakeFirst()
  return row === undefined ? null : rowToTenant(key, row)
}

/** Makes the place a tenant's store goes: its schema on PostgreSQL, its folder on SQLite. */
const prepareTenantStore = async (db: Db, mainLocation: string, name: string) => {
  if (isPostgres(db)) {
    const schema = tenantSchema(mainLocation, name)
    if (schema.length > maxSchemaLength)
      throw new TenantRefused(
        `tenant "${name}" would need a schema name longer than PostgreSQL's ${maxSchemaLength} characters (${schema})`,
        "choose a shorter tenant name, or a shorter schema for the main store",
      )
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db)
    return
  }
  if (!isPostgresUrl(mainLocation) && mainLocation !== ":memory:") {
    mkdirSync(dirname(tenantLocation(mainLocation, name)), { recursive: true, mode: 0o700 })
  }
}

export interface NewTenant {
  readonly name: string
  readonly operator: string
  readonly settings: Readonly<Record<string, string>>
  readonly at: string
}

/** Adds a tenant with one operator token and a webhook secret of its own, both new; returns it with them. */
export const addTenant = async (db: Db, key: SecretKey, mainLocation: string, tenant: NewTenant): Promise<Tenant> => {
  if ((await findTenant(db, key, tenant.name)) !== null) {
    throw new TenantRefused(`tenant "${tenant.name}" already exists`, "`iltsync tenant list` shows the tenants")
  }
  await prepareTenantStore(db, mainLocation, tenant.name)
  const secrets: TenantSecrets = {
    operators: [{ name: tenant.operator, token: newTenantSecret() }],
    webhookSecret: newTenantSecret(),
  }
  await db
    .insertInto("tenants")
    .values({
      name: tenant.name,
      created_at: tenant.at,
      disabled_at: null,
      secrets: sealValue(key, secretsContext(tenant.name), JSON.stringify(secrets)),
      settings: JSON.stringify(tenant.settings),
    })
    .execute()
  return {
    name: tenant.name,
    createdAt: tenant.at,
    disabledAt: null,
    ...secrets,
    settings: tenant.settings,
  }
}

const mustFind = async (db: Db, key: SecretKey, name: string): Promise<Tenant> => {
  const found = await findTenant(db, key, name)
  if (found === null) throw new TenantRefused(`there is no tenant "${name}"`, "`iltsync tenant list` shows the tenants")
  return found
}

/** Disables (`at`) or enables again (null) a tenant; returns whether anything changed. */
export const setTenantDisabled = async (db: Db, key: SecretKey, name: string, at: string | null): Promise<boolean> => {
  const found = await mustFind(db, key, name)
  if ((found.disabledAt === null) === (at === null)) return false
  await db.updateTable("tenants").set({ disabled_at: at }).where("name", "=", name).execute()
  return true
}

/** Adds an operator token to a tenant (a new one, returned); a name already in use gets a second token. */
export const addTenantOperator = async (db: Db, key: SecretKey, name: string, operator: string): Promise<string> => {
  const found = await mustFind(db, key, name)
  const token = newTenantSecret()
  const secrets: TenantSecrets = {
    operators: [...found.operators, { name: operator, token }],
    webhookSecret: found.webhookSecret,
  }
  await db
    .updateTable("tenants")
    .set({ secrets: sealValue(key, secretsContext(name), JSON.stringify(secrets)) })
    .where("name", "=", name)
    .execute()
  return token
}
