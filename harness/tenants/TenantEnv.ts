/**
 * The environment a tenant's work runs in: the process's own, with what belongs to one tenant replaced by the
 * tenant's (its store, its key, its operator tokens, its webhook secret, its settings). Every command and the service
 * read their settings from an environment, so a tenant is served by the same code as the single-tenant install.
 */
import { Redacted } from "effect"
import type { SecretKey } from "../../adapters/store/SecretKey.ts"
import { tenantKey, tenantLocation } from "../../adapters/store/TenantStore.ts"
import type { Tenant } from "../../adapters/store/Tenants.ts"

/** Settings a tenant may have of its own (`tenant add --setting NAME=VALUE`); none of them is a secret. */
export const tenantSettingNames = [
  "ILTSYNC_DOCEBO_MAIN_DOMAIN",
  "ILTSYNC_DOCEBO_SESSION_STAMP",
  "ILTSYNC_DOCEBO_INSTRUCTOR_MARK",
  "ILTSYNC_RECONCILE_MINUTES",
  "ILTSYNC_SYNC_HORIZON_DAYS",
] as const

/**
 * What the process's environment says for the default tenant only: the systems' credentials and addresses, its
 * operator tokens and webhook secrets, and its settings. A named tenant never inherits them, so it can never reach
 * the default tenant's platforms: its credentials are saved in its own store (`iltsync credentials set --tenant`).
 */
const defaultTenantOnly = (name: string) =>
  name.startsWith("DOCEBO_") ||
  name.startsWith("TO_") ||
  name === "ILTSYNC_API_TOKEN" ||
  name === "ILTSYNC_WEBHOOK_SECRET" ||
  name === "ILTSYNC_DOCEBO_WEBHOOK_AUTHORIZATION" ||
  (tenantSettingNames as ReadonlyArray<string>).includes(name)

export const tenantEnv = (env: NodeJS.ProcessEnv, main: string, mainKey: SecretKey, tenant: Tenant) => {
  const kept = Object.fromEntries(Object.entries(env).filter(([name]) => !defaultTenantOnly(name)))
  return {
    ...kept,
    ...tenant.settings,
    ILTSYNC_DB: tenantLocation(main, tenant.name),
    ILTSYNC_SECRET_KEY: Redacted.value(tenantKey(mainKey, tenant.name)).toString("hex"),
    ILTSYNC_API_TOKEN: tenant.operators.map((operator) => `${operator.name}:${operator.token}`).join(","),
    ILTSYNC_WEBHOOK_SECRET: tenant.webhookSecret,
  } satisfies NodeJS.ProcessEnv
}
