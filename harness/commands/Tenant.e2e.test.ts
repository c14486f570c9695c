/**
 * `iltsync tenant …` and `--tenant NAME`, as operators run them: a tenant is added with its secrets shown once, each
 * command then works on the tenant named (its own store, event log and imported lists), a disabled tenant is refused,
 * and with no flag everything stays on the default tenant.
 */
import { randomBytes } from "node:crypto"
import { existsSync } from "node:fs"
import { writeFile } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeTempFolder } from "../../adapters/store/testing/Fixtures.ts"
import { runCli } from "./TestSupport.ts"

const temp = makeTempFolder()
const env: NodeJS.ProcessEnv = {
  ...process.env,
  ILTSYNC_DB: temp.file,
  ILTSYNC_SECRET_KEY: randomBytes(32).toString("hex"),
}
for (const name of Object.keys(env)) if (name.startsWith("DOCEBO_") || name.startsWith("TO_")) delete env[name]
const cli = (...args: string[]) => runCli(args, env)

let added: { token: string; secret: string }
beforeAll(async () => {
  const outcome = await cli("tenant", "add", "acme-eu", "--operator", "alice")
  expect(outcome.stderr).toBe("")
  expect(outcome.code).toBe(0)
  added = {
    token: /operator token \(alice\)\s+(\S+)/.exec(outcome.stdout)?.[1] ?? "",
    secret: /webhook secret\s+(\S+)/.exec(outcome.stdout)?.[1] ?? "",
  }
}, 60_000)
afterAll(() => temp.remove())

describe("iltsync tenant", () => {
  it("adds a tenant with a store of its own and shows its token and webhook secret once, never in the list", async () => {
    expect(added.token).toMatch(/^[\w-]{43}$/)
    expect(added.secret).toMatch(/^[\w-]{43}$/)
    expect(existsSync(join(`${temp.file}.tenants`, "acme-eu.db"))).toBe(true)
    const listed = await cli("tenant", "list")
    expect(listed.code).toBe(0)
    expect(listed.stdout).toMatch(/^default\s+active/m)
    expect(listed.stdout).toMatch(/^acme-eu\s+active\s+\S+\s+alice/m)
    const json = await cli("tenant", "list", "--json")
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ name: "acme-eu", operators: ["alice"] })])
    for (const shown of [listed.stdout, json.stdout]) {
      expect(shown).not.toContain(added.token)
      expect(shown).not.toContain(added.secret)
    }
  }, 60_000)

  it("refuses a name taken, a bad name, the default tenant's name and a setting no tenant has", async () => {
    const again = await cli("tenant", "add", "acme-eu")
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('tenant "acme-eu" already exists')
    expect((await cli("tenant", "add", "Acme EU")).stderr).toContain("is not a tenant name")
    expect((await cli("tenant", "add", "default")).stderr).toContain("the main store's tenant")
    const setting = await cli("tenant", "add", "globex", "--setting", "DOCEBO_URL=https://x.example")
    expect(setting.code).toBe(1)
    expect(setting.stderr).toContain("DOCEBO_URL is not a setting a tenant has of its own")
  }, 60_000)
})

describe("--tenant", () => {
  it("runs a command on that tenant's store only; without it the default tenant is untouched", async () => {
    const csv = join(temp.folder, "accounts.csv")
    await writeFile(csv, "id,tool,name,email\n501,zoom,EU Room,eu-room@example.org\n")
    const imported = await cli("webinar-accounts", "--import", csv, "--tenant", "acme-eu")
    expect(imported.stderr).toBe("")
    expect(imported.code).toBe(0)
    const tenantLogs = await cli("logs", "--json", "--tenant=acme-eu")
    expect(JSON.parse(tenantLogs.stdout).items.map((event: { action: string }) => event.action)).toEqual([
      "webinar-accounts.import",
    ])
    const defaultLogs = await cli("logs", "--json")
    expect(defaultLogs.code).toBe(0)
    expect(defaultLogs.stdout).not.toContain("webinar-accounts.import")
  }, 60_000)

  it("refuses a tenant that is not there, a disabled one (until enabled), and a command that takes none", async () => {
    const missing = await cli("status", "--tenant", "nope")
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('there is no tenant "nope"')
    expect((await cli("tenant", "disable", "acme-eu")).stdout).toBe("tenant acme-eu is now disabled\n")
    const refused = await cli("logs", "--tenant", "acme-eu")
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('tenant "acme-eu" is disabled')
    expect((await cli("tenant", "enable", "acme-eu")).stdout).toBe("tenant acme-eu is now active\n")
    expect((await cli("logs", "--tenant", "acme-eu")).code).toBe(0)
    const demo = await cli("demo", "--tenant", "acme-eu")
    expect(demo.code).toBe(1)
    expect(demo.stderr).toContain("--tenant does not apply to `iltsync demo`")
  }, 60_000)
})
