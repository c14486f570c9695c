/**
 * The tenant registry as the CLI and the service use it: the main store's database (opened and migrated), its key,
 * and the registry's operations. It is opened for one command, or kept by the service, and closed after.
 */
import { makeDatabase } from "../../adapters/store/Database.ts"
import { SecretKeyMissing } from "../../adapters/store/Errors.ts"
import { migrateToLatest } from "../../adapters/store/Migrate.ts"
import { findSecretKeys, type SecretKey } from "../../adapters/store/SecretKey.ts"
import { defaultTenant, tenantLocation, tenantNameRefusal } from "../../adapters/store/TenantStore.ts"
import {
  addTenant,
  addTenantOperator,
  findTenant,
  listTenants,
  setTenantDisabled,
  type Tenant,
  TenantRefused,
} from "../../adapters/store/Tenants.ts"
import { databasePath } from "../Config.ts"
import { operatorNameRefusal } from "../service/Settings.ts"
import { tenantEnv, tenantSettingNames } from "./TenantEnv.ts"

export interface Registry {
  /** The main store's location (the default tenant's store). */
  readonly main: string
  readonly list: () => Promise<ReadonlyArray<Tenant>>
  readonly find: (name: string) => Promise<Tenant | null>
  readonly add: (name: string, options: AddOptions) => Promise<Tenant>
  readonly setDisabled: (name: string, disabled: boolean) => Promise<boolean>
  readonly addOperator: (name: string, operator: string) => Promise<string>
  /** The environment tenant `name`'s work runs in; refused when it is not there or is disabled. */
  readonly envOf: (name: string) => Promise<NodeJS.ProcessEnv>
  readonly close: () => Promise<void>
}

export interface AddOptions {
  readonly operator?: string
  readonly settings?: Readonly<Record<string, string>>
}

const noKey = () =>
  new TenantRefused(
    "the tenants' secrets need a key: ILTSYNC_SECRET_KEY is not set",
    "set ILTSYNC_SECRET_KEY (32 bytes in hex or base64) for a PostgreSQL store; a SQLite store keeps a key file beside it",
  )

/** The tenant's store, made and migrated now, so that every command finds it from the start. */
const createTenantStore = async (location: string) => {
  const db = makeDatabase(location)
  try {
    await migrateToLatest(db)
  } finally {
    await db.destroy()
  }
}

const checkSettings = (settings: Readonly<Record<string, string>>) => {
  for (const name of Object.keys(settings)) {
    if (!(tenantSettingNames as ReadonlyArray<string>).includes(name)) {
      throw new TenantRefused(
        `${name} is not a setting a tenant has of its own`,
        `a tenant may set ${tenantSettingNames.join(", ")}`,
      )
    }
  }
}

export const openRegistry = async (env: NodeJS.ProcessEnv = process.env): Promise<Registry> => {
  const main = databasePath(env)
  const db = makeDatabase(main)
  try {
    await migrateToLatest(db)
    const keys = await findSecretKeys(main, env.ILTSYNC_SECRET_KEY)
    /** The key to read with; null while no tenant exists (none is made for reading, and none is needed then). */
    const readKey = async (): Promise<SecretKey | null> => {
      const key = keys.current()
      if (key !== null) return key
      const count = await db
        .selectFrom("tenants")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirst()
      if (Number(count?.n ?? 0) === 0) return null
      throw keys.keyFile === null ? noKey() : new SecretKeyMissing({ keyFile: keys.keyFile })
    }
    const mustReadKey = async (): Promise<SecretKey> => {
      const key = await readKey()
      if (key === null) throw new TenantRefused("there are no tenants yet", "`iltsync tenant add NAME` adds one")
      return key
    }
    const writeKey = async (): Promise<SecretKey> => {
      try {
        return await keys.orCreate()
      } catch (error) {
        if (error instanceof SecretKeyMissing) throw noKey()
        throw error
      }
    }
    const named = (name: string) => {
      if (name === defaultTenant)
        throw new TenantRefused(
          `"${defaultTenant}" is the main store's tenant: it is always there`,
          "choose another name",
        )
      const refusal = tenantNameRefusal(name)
      if (refusal !== null) throw new TenantRefused(refusal, "e.g. acme or acme-eu")
      return name
    }
    const find = async (name: string) => {
      const key = await readKey()
      return key === null ? null : findTenant(db, key, name)
    }
    return {
      main,
      list: async () => {
        const key = await readKey()
        return key === null ? [] : listTenants(db, key)
      },
      find,
      add: async (name, options) => {
        const operator = options.operator ?? "operator"
        const refusal = operatorNameRefusal(operator)
        if (refusal !== null) throw new TenantRefused(refusal, "e.g. --operator alice")
        checkSettings(options.settings ?? {})
        const tenant = await addTenant(db, await writeKey(), main, {
          name: named(name),
          operator,
          settings: options.settings ?? {},
          at: new Date().toISOString(),
        })
        await createTenantStore(tenantLocation(main, tenant.name))
        return tenant
      },
      setDisabled: async (name, disabled) =>
        setTenantDisabled(db, await mustReadKey(), named(name), disabled ? new Date().toISOString() : null),
      addOperator: async (name, operator) => {
        const refusal = operatorNameRefusal(operator)
        if (refusal !== null) throw new TenantRefused(refusal, "e.g. --operator alice")
        return addTenantOperator(db, await mustReadKey(), named(name), operator)
      },
      envOf: async (name) => {
        if (name === defaultTenant) return env
        const tenant = await find(named(name))
        if (tenant === null)
          throw new TenantRefused(`there is no tenant "${name}"`, "`iltsync tenant list` shows the tenants")
        if (tenant.disabledAt !== null)
          throw new TenantRefused(
            `tenant "${name}" is disabled`,
            `\`iltsync tenant enable ${name}\` makes it work again`,
          )
        return tenantEnv(env, main, await mustReadKey(), tenant)
      },
      close: () => db.destroy(),
    }
  } catch (error) {
    await db.destroy()
    throw error
  }
}
