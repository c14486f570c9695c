/**
 * `iltsync doctor` as an operator runs it first: a child process against both simulators over HTTP (`sim --profile
 * strict`, the conservative reading of Docebo's evidence), then against one whose session endpoints are switched off.
 */
import { existsSync } from "node:fs"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DOCEBO_TEST_CREDENTIALS } from "../../simulators/docebo/index.ts"
import { TO_TEST_CREDENTIALS } from "../../simulators/training-orchestra/index.ts"
import { type RunningCli, runCli, startCli, waitForEnv } from "./TestSupport.ts"

let folder = ""
let sim: RunningCli | undefined
let env: NodeJS.ProcessEnv = {}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "iltsync-doctor-"))
  const envFile = join(folder, "sim.env")
  sim = startCli([
    "sim",
    ...["--docebo-port", "0", "--to-port", "0", "--scenario", "acme", "--profile", "strict"],
    ...["--env-file", envFile],
  ])
  const simulators = await waitForEnv(envFile, sim.exited)
  env = { ...process.env, ...simulators, ILTSYNC_DB: join(folder, "iltsync.db") }
}, 60_000)

afterAll(async () => {
  sim?.child.kill("SIGTERM")
  await sim?.exited
  await rm(folder, { recursive: true, force: true })
})

const secrets = [
  DOCEBO_TEST_CREDENTIALS.clientSecret,
  DOCEBO_TEST_CREDENTIALS.password,
  TO_TEST_CREDENTIALS.clientSecret,
]
const leaked = (text: string) => secrets.filter((secret) => text.includes(secret))

const switchSessions = async (on: boolean) => {
  const response = await fetch(`${env.DOCEBO_URL}/__sim/config`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ endpoints: { sessions: on } }),
  })
  expect(response.status).toBe(200)
}

describe("iltsync doctor against the simulators over HTTP", () => {
  it("exits 0 against sim --profile strict, printing the table, and creates no store", async () => {
    const outcome = await runCli(["doctor"], env)
    expect(outcome.stderr).toBe("")
    expect(outcome.code).toBe(0)
    const lines = outcome.stdout.split("\n")
    expect(lines[0]).toMatch(/^capability +endpoint +status +seen +iltsync will do$/)
    expect(lines).toContainEqual(
      expect.stringMatching(/^sessions of a course +GET \/course\/v1\/courses\/\{id\}\/sessions +ok /),
    )
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^webinar accounts +GET \/webinar\/v1\/accounts +missing +answered 404 +accounts come from the seed's CSV/,
      ),
    )
    expect(outcome.stdout).toMatch(/\n\d+ calls \(Docebo \d+, Training Orchestra \d+; at most 30\), reading only\.\n/)
    expect(outcome.stdout).toContain("Every required capability works")
    expect(leaked(outcome.stdout)).toEqual([])
    expect(existsSync(join(folder, "iltsync.db"))).toBe(false)
  })

  it("--json prints the same report as JSON", async () => {
    const outcome = await runCli(["doctor", "--json"], env)
    expect(outcome.code).toBe(0)
    const report = JSON.parse(outcome.stdout)
    expect(report.ok).toBe(true)
    expect(report.calls.total).toBeLessThanOrEqual(30)
    expect(report.capabilities.find((row: { id: string }) => row.id === "docebo.events")).toMatchObject({
      capability: "events of a session (schedule)",
      endpoint: "GET /course/v1/sessions/{id}/events",
      required: true,
      status: "ok",
      differences: [],
    })
  })

  it("exits 1 naming the session endpoints when the simulator has them switched off", async () => {
    await switchSessions(false)
    try {
      const outcome = await runCli(["doctor"], env)
      expect(outcome.code).toBe(1)
      expect(outcome.stdout).toMatch(
        /^sessions of a course +GET \/course\/v1\/courses\/\{id\}\/sessions +missing +answered 404/m,
      )
      expect(outcome.stdout).toContain(
        "Not working: sessions of a course (GET /course/v1/courses/{id}/sessions: missing).",
      )
      expect(outcome.stdout).toContain("Not tried until then: events of a session (schedule)")
      expect(leaked(outcome.stdout + outcome.stderr)).toEqual([])
    } finally {
      await switchSessions(true)
    }
  })

  it("names the settings it is missing", async () => {
    const { DOCEBO_URL: _, ...withoutUrl } = env
    const outcome = await runCli(["doctor"], withoutUrl)
    expect(outcome.code).toBe(1)
    expect(outcome.stderr).toMatch(/^iltsync: missing settings: DOCEBO_URL\nhint: /)
  })
})
