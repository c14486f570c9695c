import { Redacted } from "effect"
import { describe, expect, it } from "vitest"
import { openValue } from "./Cipher.ts"
import { migrateToLatest } from "./Migrate.ts"
import { generateSecretKey } from "./SecretKey.ts"
import { tenantKey, tenantLocation, tenantNameRefusal, tenantSchema } from "./TenantStore.ts"
import { addTenant, addTenantOperator, findTenant, listTenants, setTenantDisabled, TenantRefused } from "./Tenants.ts"
import { describeEachDialect } from "./testing/Fixtures.ts"

describe("a tenant's store", () => {
  it("is a file beside the main one, or a schema named after the main store's own", () => {
    expect(tenantLocation("/srv/iltsync/main.db", "acme-eu")).toBe("/srv/iltsync/main.db.tenants/acme-eu.db")
    expect(tenantLocation("/srv/iltsync/main.db", "default")).toBe("/srv/iltsync/main.db")
    const plain = new URL(tenantLocation("postgres://u:p@db:5432/iltsync", "acme-eu"))
    expect(plain.searchParams.get("options")).toBe("-c search_path=iltsync_tenant_acme_eu")
    const main = "postgres://u:p@db:5432/iltsync?options=-c%20statement_timeout%3D5000%20-c%20search_path%3Dprod"
    expect(tenantSchema(main, "acme-eu")).toBe("prod_t_acme_eu")
    // The main URL's own options are kept; the search path set last is the one PostgreSQL takes.
    expect(new URL(tenantLocation(main, "acme-eu")).searchParams.get("options")).toBe(
      "-c statement_timeout=5000 -c search_path=prod -c search_path=prod_t_acme_eu",
    )
  })

  it("has a key of its own, derived from the main key: the same each time, another for each tenant", () => {
    const main = generateSecretKey()
    const acme = Redacted.value(tenantKey(main, "acme"))
    expect(acme).toEqual(Redacted.value(tenantKey(main, "acme")))
    expect(acme).not.toEqual(Redacted.value(tenantKey(main, "globex")))
    expect(acme).not.toEqual(Redacted.value(main))
    expect(acme.length).toBe(32)
  })

  it("is named by lowercase letters, digits and inner dashes, up to 30", () => {
    for (const good of ["a", "acme", "acme-eu", "a2", `a${"b".repeat(29)}`]) expect(tenantNameRefusal(good)).toBeNull()
    for (const bad of ["", "Acme", "2acme", "acme-", "-acme", "ac me", "acme_eu", `a${"b".repeat(30)}`, "../x"]) {
      expect(tenantNameRefusal(bad)).not.toBeNull()
    }
  })
})

describeEachDialect("the tenant registry", (dialect) => {
  const at = "2027-01-10T09:00:00.000Z"
  let location = ""
  /** A main store: a file, or a schema, beside which the registry makes each tenant's store. */
  const openMain = async () => {
    location = await dialect.location()
    const db = dialect.connect(location)
    await migrateToLatest(db)
    return db
  }

  it("keeps each tenant's tokens and webhook secret sealed under the main key, and its settings as they were", async () => {
    const db = await openMain()
    const key = generateSecretKey()
    const added = await addTenant(db, key, location, {
      name: "acme",
      operator: "alice",
      settings: { ILTSYNC_DOCEBO_MAIN_DOMAIN: "acme.docebosaas.com" },
      at,
    })
    const row = await db.selectFrom("tenants").selectAll().executeTakeFirstOrThrow()
    const token = added.operators[0]?.token ?? ""
    expect(row.secrets).not.toContain(token)
    expect(row.secrets).not.toContain(added.webhookSecret)
    // Sealed for this tenant: the same envelope does not open as another tenant's.
    expect(openValue(key, "tenant.globex.secrets", row.secrets)).toBeNull()
    expect(await findTenant(db, key, "acme")).toEqual(added)
    await expect(listTenants(db, generateSecretKey())).rejects.toThrow(/do not open under this key/)
  })

  it("disables and enables a tenant, adds operator tokens, and refuses a tenant it does not have or has already", async () => {
    const db = await openMain()
    const key = generateSecretKey()
    await addTenant(db, key, location, { name: "acme", operator: "alice", settings: {}, at })
    await expect(addTenant(db, key, location, { name: "acme", operator: "bob", settings: {}, at })).rejects.toThrow(
      TenantRefused,
    )
    expect(await setTenantDisabled(db, key, "acme", at)).toBe(true)
    expect(await setTenantDisabled(db, key, "acme", at)).toBe(false)
    expect((await findTenant(db, key, "acme"))?.disabledAt).toBe(at)
    expect(await setTenantDisabled(db, key, "acme", null)).toBe(true)
    const bobToken = await addTenantOperator(db, key, "acme", "bob")
    expect((await findTenant(db, key, "acme"))?.operators.map((operator) => operator.name)).toEqual(["alice", "bob"])
    expect((await findTenant(db, key, "acme"))?.operators[1]?.token).toBe(bobToken)
    await expect(setTenantDisabled(db, key, "globex", at)).rejects.toThrow(/there is no tenant "globex"/)
  })
})
