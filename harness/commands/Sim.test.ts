import { mkdtemp, rm } from "node:fs/promises"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { runCli, startCli, waitForEnv } from "./TestSupport.ts"

let folder = ""
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "iltsync-sim-"))
})
afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

/** A file that does not exist yet: the command creates it once both servers listen. */
const newEnvFile = async () => join(folder, "sim.env")

const postForm = async <T>(url: string, form: Record<string, string>): Promise<T> => {
  const response = await fetch(url, { method: "POST", body: new URLSearchParams(form) })
  expect(response.status).toBe(200)
  return (await response.json()) as T
}

const getJson = async <T>(url: string, token: string): Promise<T> => {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } })
  expect(response.status).toBe(200)
  return (await response.json()) as T
}

describe("iltsync sim", () => {
  it("serves both simulators over HTTP, writes their env file, and stops cleanly on SIGTERM", async () => {
    const envFile = await newEnvFile()
    const cli = startCli(["sim", "--docebo-port", "0", "--to-port", "0", "--env-file", envFile])
    const env = await waitForEnv(envFile, cli.exited)
    expect(Object.keys(env)).toEqual([
      "DOCEBO_URL",
      "DOCEBO_CLIENT_ID",
      "DOCEBO_CLIENT_SECRET",
      "DOCEBO_USERNAME",
      "DOCEBO_PASSWORD",
      "TO_URL",
      "TO_CLIENT_ID",
      "TO_CLIENT_SECRET",
      "TO_PLATFORM_URL",
      "ILTSYNC_DOCEBO_MAIN_DOMAIN",
      "ILTSYNC_SYNC_HORIZON_DAYS",
    ])
    expect(env.ILTSYNC_DOCEBO_MAIN_DOMAIN).toBe("127.0.0.1")
    // The simulated tenants' horizon stays at 2026-11-27, whatever the day.
    const horizon = Date.now() - Number(env.ILTSYNC_SYNC_HORIZON_DAYS) * 86_400_000
    expect(new Date(horizon).toISOString().slice(0, 10)).toBe("2026-11-27")
    expect(env.DOCEBO_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(cli.output().stdout).toContain(env.DOCEBO_URL)
    expect(cli.output().stdout).toContain(env.TO_URL)

    const docebo = await postForm<{ access_token: string }>(`${env.DOCEBO_URL}/oauth2/token`, {
      grant_type: "password",
      client_id: env.DOCEBO_CLIENT_ID ?? "",
      client_secret: env.DOCEBO_CLIENT_SECRET ?? "",
      username: env.DOCEBO_USERNAME ?? "",
      password: env.DOCEBO_PASSWORD ?? "",
    })
    const courseIds: number[] = []
    for (let page = 1, more = true; more; page++) {
      const list = await getJson<{ data: { items: { id_course: number }[]; has_more_data: boolean } }>(
        `${env.DOCEBO_URL}/learn/v1/courses?page=${page}&page_size=20`,
        docebo.access_token,
      )
      courseIds.push(...list.data.items.map((course) => course.id_course))
      more = list.data.has_more_data
    }
    // acme: 42 ILT and VILT courses and 4 e-learning courses, each listed once.
    expect(new Set(courseIds).size).toBe(46)
    expect(courseIds).toHaveLength(46)

    const to = await postForm<{ access_token: string }>(`${env.TO_URL}/oauth/token`, {
      grant_type: "client_credentials",
      client_id: env.TO_CLIENT_ID ?? "",
      client_secret: env.TO_CLIENT_SECRET ?? "",
    })
    const sessionIds: string[] = []
    let cursor: string | null = null
    do {
      const query: string = cursor === null ? "" : `&cursor=${cursor}`
      const page: { data: { id: string }[]; next_cursor: string | null } = await getJson(
        `${env.TO_URL}/api/v1/sessions?limit=20${query}`,
        to.access_token,
      )
      sessionIds.push(...page.data.map((session) => session.id))
      cursor = page.next_cursor
    } while (cursor !== null)
    expect(sessionIds).toHaveLength(53)
    expect(sessionIds).toContain("ses_hse110_lyo_0318")

    cli.child.kill("SIGTERM")
    const outcome = await cli.exited
    expect(outcome).toMatchObject({ code: 0, signal: null })
    await expect(fetch(env.DOCEBO_URL ?? "")).rejects.toThrow()
  })

  it("with --profile strict, Docebo answers only what it is known to: no optional endpoint", async () => {
    const envFile = await newEnvFile()
    const cli = startCli([
      "sim",
      "--docebo-port",
      "0",
      "--to-port",
      "0",
      "--scenario",
      "empty",
      "--profile",
      "strict",
      "--env-file",
      envFile,
    ])
    const env = await waitForEnv(envFile, cli.exited)
    expect(cli.output().stdout).toContain("Docebo profile strict")
    const docebo = await postForm<{ access_token: string }>(`${env.DOCEBO_URL}/oauth2/token`, {
      grant_type: "client_credentials",
      client_id: env.DOCEBO_CLIENT_ID ?? "",
      client_secret: env.DOCEBO_CLIENT_SECRET ?? "",
    })
    const accounts = await fetch(`${env.DOCEBO_URL}/webinar/v1/accounts`, {
      headers: { authorization: `Bearer ${docebo.access_token}` },
    })
    expect(accounts.status).toBe(404)
    cli.child.kill("SIGTERM")
    expect(await cli.exited).toMatchObject({ code: 0 })
  })

  it("refuses a port that is already taken, naming the flag to change", async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve))
    const address = blocker.address()
    const port = typeof address === "object" && address !== null ? address.port : 0
    try {
      const outcome = await runCli(["sim", "--docebo-port", "0", "--to-port", String(port), "--scenario", "empty"])
      expect(outcome.code).toBe(1)
      expect(outcome.stderr).toBe(
        `iltsync: port ${port} is already in use\nhint: choose another with --to-port, or 0 for a free port\n`,
      )
    } finally {
      blocker.close()
    }
  })

  it("refuses an unknown flag or a wrong value, with the usage as the hint", async () => {
    const wrongValue = await runCli(["sim", "--rate-limit", "sometimes"])
    expect(wrongValue.code).toBe(1)
    expect(wrongValue.stderr).toContain('--rate-limit must be off or real, not "sometimes"')
    expect(wrongValue.stderr).toContain("hint: usage: iltsync sim [--docebo-port 4001]")
    const wrongProfile = await runCli(["sim", "--profile", "lax"])
    expect(wrongProfile.stderr).toContain('--profile must be default or strict, not "lax"')
    const unknownFlag = await runCli(["sim", "--colour", "blue"])
    expect(unknownFlag.code).toBe(1)
    expect(unknownFlag.stderr).toMatch(/^iltsync: Unknown option '--colour'\nhint: usage: iltsync sim /)
  })
})
