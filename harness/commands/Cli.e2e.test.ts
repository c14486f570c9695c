/**
 * Every sync command run as an operator runs it: as a child process, against both simulators serving real HTTP (the
 * `sim` command), with a store in a temporary folder.
 */
import { existsSync } from "node:fs"
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type RunningCli, runCli, startCli, waitForEnv } from "./TestSupport.ts"

let folder = ""
let sim: RunningCli | undefined
let env: NodeJS.ProcessEnv = {}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "iltsync-cli-"))
  const envFile = join(folder, "sim.env")
  sim = startCli(["sim", "--docebo-port", "0", "--to-port", "0", "--scenario", "acme", "--env-file", envFile])
  const simulators = await waitForEnv(envFile, sim.exited)
  env = { ...process.env, ...simulators, ILTSYNC_DB: join(folder, "iltsync.db") }
}, 60_000)

afterAll(async () => {
  sim?.child.kill("SIGTERM")
  await sim?.exited
  await rm(folder, { recursive: true, force: true })
})

const toAct = async (body: object) => {
  const response = await fetch(`${env.TO_URL}/__sim/act`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  })
  expect(response.status).toBe(200)
}

describe("the CLI against simulators over HTTP", () => {
  it("plan: a dry run with a summary, --json prints the plan document, --detailed-exitcode says 2", async () => {
    const text = await runCli(["plan"], env)
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/^Plan: \d+ to create/)
    expect(text.stdout).toContain("course_code_missing")
    expect(text.stdout).toMatch(/\nSync horizon \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC: \d+ sessions? that ended before it/)
    const json = await runCli(["plan", "--json"], env)
    const document = JSON.parse(json.stdout)
    expect(Object.keys(document)).toEqual(["id", "createdAt", "inputs", "summary", "ops", "warnings", "history"])
    expect(document.ops.length).toBeGreaterThan(0)
    expect((await runCli(["plan", "--detailed-exitcode"], env)).code).toBe(2)
  })

  it("plan --course with a code Docebo does not have is an error naming it, with the codes it has", async () => {
    const outcome = await runCli(["plan", "--course", "LDR-101", "--course", "NOPE"], env)
    expect(outcome.code).toBe(1)
    expect(outcome.stdout).toBe("")
    expect(outcome.stderr).toMatch(
      /^iltsync: Docebo has no course with the code NOPE\nhint: its codes: COM-501, .* and \d+ more; `iltsync status` lists/,
    )
    expect((await runCli(["plan", "--course", "ldr-101"], env)).code).toBe(0)
  })

  it("apply refuses a saved plan once a system changed, saying which", async () => {
    const planFile = join(folder, "plan.json")
    expect((await runCli(["plan", "--out", planFile], env)).code).toBe(0)
    await toAct({ action: "update_session", id: "ses_ldr101_lon_0309", changes: { max_participants: 19 } })
    const stale = await runCli(["apply", planFile], env)
    expect(stale.code).toBe(1)
    expect(stale.stderr).toContain("the saved plan is stale: Training Orchestra changed")
    expect(stale.stderr).toContain("hint: make a new plan")
  })

  it("apply converges, leaving the held cancellation (exit 3) until it is approved (exit 0)", async () => {
    const first = await runCli(["apply"], env)
    expect(first.stdout).toContain("0 failed, 1 not applied")
    expect(first.code).toBe(3)
    const approved = await runCli(["apply", "--approve-held"], env)
    expect(approved.code).toBe(0)
    expect((await runCli(["plan", "--detailed-exitcode"], env)).code).toBe(0)
  })

  it("a saved plan still matching both systems is applied exactly", async () => {
    await toAct({ action: "update_session", id: "ses_ldr101_lon_0309", changes: { max_participants: 17 } })
    const planFile = join(folder, "fresh.json")
    await runCli(["plan", "--out", planFile], env)
    const saved = JSON.parse(await readFile(planFile, "utf8"))
    expect(saved.ops.map((op: { id: string }) => op.id)).toEqual(["docebo:session:update:ses_ldr101_lon_0309"])
    const applied = await runCli(["apply", planFile, "--json"], env)
    expect(applied.code).toBe(0)
    expect(JSON.parse(applied.stdout).outcomes).toEqual([
      expect.objectContaining({ opId: "docebo:session:update:ses_ldr101_lon_0309", status: "done" }),
    ])
  })

  it("status, logs, webinar-accounts and credentials", async () => {
    const status = JSON.parse((await runCli(["status", "--json"], env)).stdout)
    expect(status.find((s: { code: string }) => s.code === "LDR-101")).toMatchObject({ status: "synced" })
    expect(status.find((s: { courseId: string }) => s.courseId === "127")).toMatchObject({
      status: "error",
      error: expect.stringContaining("course code is missing"),
    })
    const logs = JSON.parse((await runCli(["logs", "--json", "--action", "sync.session.delete"], env)).stdout)
    expect(logs.items.length).toBeGreaterThan(0)
    const csvFile = join(folder, "accounts.csv")
    expect((await runCli(["webinar-accounts", "--csv", csvFile], env)).code).toBe(0)
    const csv = await readFile(csvFile, "utf8")
    expect(csv.split("\r\n")[0]).toBe("id,tool,name,email,supported")
    expect(csv).toMatch(/zoom_v3,.*,false/)
    const saved = await runCli(["credentials", "set"], env)
    expect(saved.code).toBe(0)
    const shown = await runCli(["credentials", "show"], env)
    expect(shown.stdout).not.toContain(env.DOCEBO_CLIENT_SECRET)
    expect(shown.stdout).not.toContain(env.TO_CLIENT_SECRET)
    expect(JSON.parse(shown.stdout).docebo.url).toBe(env.DOCEBO_URL)
  })

  it("logs names a date it cannot read and shows one it can", async () => {
    const outcome = await runCli(["logs", "--from", "yesterday"], env)
    expect(outcome.code).toBe(1)
    expect(outcome.stderr).toBe(
      'iltsync: --from "yesterday" is not an ISO-8601 date or date and time\nhint: e.g. --from 2025-03-01 or --from 2025-03-01T09:00:00Z (UTC; a bare --to date covers its whole day)\n',
    )
  })

  it("credentials set with some flags changes those fields and keeps the rest", async () => {
    // Only the store holds the credentials now: nothing in the environment to fall back on.
    const bare = { PATH: process.env.PATH, HOME: process.env.HOME, ILTSYNC_DB: env.ILTSYNC_DB }
    const platformUrl = `${env.TO_URL}/platform-moved`
    const saved = await runCli(["credentials", "set", "--to-platform-url", platformUrl], bare)
    expect(saved.code).toBe(0)
    const shown = JSON.parse((await runCli(["credentials", "show"], bare)).stdout)
    expect(shown.to).toMatchObject({ url: env.TO_URL, clientId: env.TO_CLIENT_ID, platformUrl })
    expect(shown.docebo).toMatchObject({ url: env.DOCEBO_URL, username: env.DOCEBO_USERNAME })
  })

  it("credentials saved under another key can be replaced, every setting given, and not otherwise", async () => {
    const otherKey: NodeJS.ProcessEnv = { ...env, ILTSYNC_SECRET_KEY: "ab".repeat(32) }
    const shown = await runCli(["credentials", "show"], otherKey)
    expect(shown.code).toBe(1)
    expect(shown.stderr).toContain("iltsync: the stored credentials cannot be decrypted with this ILTSYNC_SECRET_KEY")
    const { TO_CLIENT_SECRET: _, ...withoutSecret } = otherKey
    const partial = await runCli(["credentials", "set"], withoutSecret)
    expect(partial.code).toBe(1)
    expect(partial.stderr).toContain("the saved credentials cannot be decrypted")
    expect((await runCli(["credentials", "set"], otherKey)).code).toBe(0)
    expect(JSON.parse((await runCli(["credentials", "show"], otherKey)).stdout).docebo.url).toBe(env.DOCEBO_URL)
  })

  it("read-only commands create no store, folder or key file: they say there is none yet", async () => {
    const { ILTSYNC_SECRET_KEY: _, ...withoutKey } = env
    const store = join(folder, "new", "iltsync.db")
    const fresh = { ...withoutKey, ILTSYNC_DB: store }
    for (const args of [["status"], ["logs"], ["credentials", "show"]]) {
      const outcome = await runCli(args, fresh)
      expect({ args, code: outcome.code }).toEqual({ args, code: 1 })
      expect(outcome.stderr).toContain(`iltsync: there is no store at ${store} yet`)
      expect(outcome.stderr).toContain("hint: `iltsync plan`")
    }
    // The webinar accounts are read from Docebo with the environment's settings.
    const accounts = await runCli(["webinar-accounts"], fresh)
    expect(accounts.code).toBe(0)
    expect(accounts.stdout).toContain("zoom_v3")
    expect(existsSync(join(folder, "new"))).toBe(false)
  })

  it("webinar-accounts --import: a file with a bad line changes nothing, a good one is kept and logged", async () => {
    const store = { ...env, ILTSYNC_DB: join(folder, "import.db") }
    const file = join(folder, "accounts.csv")
    await writeFile(
      file,
      "id,tool,name,email\n61,teams,Teams A,a@acme.example\nsixty-two,webex,Webex B,b@acme.example\n",
    )
    const refused = await runCli(["webinar-accounts", "--import", file], store)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(`${file} was not imported:`)
    expect(refused.stderr).toContain('line 3: id "sixty-two" is not a Docebo webinar account id (digits)')
    await writeFile(file, "id,tool,name,email\n61,teams,Teams A,a@acme.example\n62,webex,Webex B,b@acme.example\n")
    const imported = await runCli(["webinar-accounts", "--import", file], store)
    expect(imported.code).toBe(0)
    expect(imported.stdout).toContain(`Imported 2 webinar accounts from ${file}`)
    const logged = await runCli(["logs", "--action", "webinar-accounts.import", "--json"], store)
    const events: { items: Array<{ details: unknown }> } = JSON.parse(logged.stdout)
    expect(events.items.map((event) => event.details)).toEqual([{ accounts: 2 }])
  })

  it("a missing setting is one line naming it, with a hint, and no stack trace", async () => {
    const { DOCEBO_URL: _, ...without } = env
    const outcome = await runCli(["plan"], { ...without, ILTSYNC_DB: join(folder, "other.db") })
    expect(outcome.code).toBe(1)
    expect(outcome.stderr).toBe(
      "iltsync: missing settings: DOCEBO_URL\nhint: set them in the environment (see the README) or save them with `iltsync credentials set`\n",
    )
  })
})

describe("iltsync demo", () => {
  it("tells the whole story and ends converged", async () => {
    const demo = await runCli(["demo"], { ...process.env, ILTSYNC_DB: undefined })
    expect(demo.code).toBe(0)
    expect(demo.stdout).toMatch(/Imported \d+ webinar accounts from /)
    expect(demo.stdout).toContain("=== 1. Plan (dry run) ===")
    expect(demo.stdout).toContain("held: 5 enrollments in Docebo would be dropped")
    expect(demo.stdout).toContain("uses Zoom version 3")
    expect(demo.stdout).toContain("was created in Docebo directly")
    expect(demo.stdout).toContain("done docebo:session:delete:ses_hse110_lyo_0318")
    expect(demo.stdout).toMatch(/=== 4. Plan again ===\n\nNo changes\./)
    expect(demo.stdout).toContain("Converged: Docebo and Training Orchestra are in step.")
  }, 120_000)
})
