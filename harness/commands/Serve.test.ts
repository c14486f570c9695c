import type { ChildProcess } from "node:child_process"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { type RunningCli, startCli, waitForEnv } from "./TestSupport.ts"

const operatorToken = "tok-ops-3c9a51e7"

let folder = ""
const children: ChildProcess[] = []
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "iltsync-serve-"))
})
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL")
  await rm(folder, { recursive: true, force: true })
})

const waitFor = async <T>(find: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> => {
  for (let waited = 0; waited < 30_000; waited += 50) {
    const found = await find()
    if (found !== undefined) return found
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`timed out waiting for ${what}`)
}

/** `iltsync serve` in a child process through the CLI's launcher, with its own environment; killed after the test. */
const startServe = (args: ReadonlyArray<string>, env: NodeJS.ProcessEnv): RunningCli => {
  const serve = startCli(["serve", ...args], env)
  children.push(serve.child)
  return serve
}

/** `sim` with the acme tenant and `serve` against it, both as child processes, once the service listens. */
const simulatorsAndService = async (apiToken: string) => {
  const envFile = join(folder, "sim.env")
  const sim = startCli(["sim", "--docebo-port", "0", "--to-port", "0", "--env-file", envFile])
  children.push(sim.child)
  const simEnv = await waitForEnv(envFile, sim.exited)
  const env = {
    ...process.env,
    ...simEnv,
    ILTSYNC_DB: join(folder, "iltsync.db"),
    ILTSYNC_API_TOKEN: apiToken,
    ILTSYNC_WEBHOOK_SECRET: "whsec-serve-test",
    ILTSYNC_RECONCILE_MINUTES: "0",
  }
  const serve = startServe(["--port", "0", "--host", "127.0.0.1"], env)
  const url = await waitFor(
    () => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(serve.output().stdout)?.[1],
    `the service to listen (stderr: ${serve.output().stderr})`,
  )
  return { sim, simEnv, serve, url }
}

describe("iltsync serve", () => {
  it("serves the API against the simulators over HTTP and stops cleanly on SIGTERM", async () => {
    const { sim, simEnv, serve, url } = await simulatorsAndService(`ops:${operatorToken}`)

    const health = await fetch(`${url}/healthz`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ ok: true })
    const refused = await fetch(`${url}/courses`)
    expect(refused.status).toBe(401)
    expect(refused.headers.get("content-type")).toBe("application/problem+json")

    const headers = { authorization: `Bearer ${operatorToken}`, "content-type": "application/json" }
    const started = await fetch(`${url}/sync`, { method: "POST", headers, body: "{}" })
    expect(started.status).toBe(202)
    const { jobId } = (await started.json()) as { jobId: string }
    const job = await waitFor(async () => {
      const answer = (await (await fetch(`${url}/jobs/${jobId}`, { headers })).json()) as { status: string }
      return answer.status === "succeeded" || answer.status === "failed" ? answer : undefined
    }, "the sync job")
    expect(job.status).toBe("succeeded")
    const courses = (await (await fetch(`${url}/courses`, { headers })).json()) as unknown[]
    expect(courses).toHaveLength(42)

    serve.child.kill("SIGTERM")
    const outcome = await serve.exited
    expect(outcome).toMatchObject({ code: 0, signal: null })
    expect(outcome.stdout).toContain("SIGTERM: stopping the service")
    expect(outcome.stdout).toContain("iltsync service stopped")
    for (const secret of [operatorToken, "whsec-serve-test", simEnv.DOCEBO_CLIENT_SECRET, simEnv.DOCEBO_PASSWORD]) {
      expect(`${outcome.stdout}${outcome.stderr}`).not.toContain(secret)
    }
    await expect(fetch(`${url}/healthz`)).rejects.toThrow()

    sim.child.kill("SIGTERM")
    expect((await sim.exited).code).toBe(0)
  })

  it("listens on this machine only unless --host says otherwise, and says where", async () => {
    const env = { ...process.env, ILTSYNC_DB: join(folder, "iltsync.db"), ILTSYNC_API_TOKEN: operatorToken }
    const serve = startServe(["--port", "0"], env)
    const listening = await waitFor(
      () => /listening on (http:\/\/\S+)/.exec(serve.output().stdout)?.[1],
      `the service to listen (stderr: ${serve.output().stderr})`,
    )
    expect(listening).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect((await fetch(`${listening}/healthz`)).status).toBe(200)
    serve.child.kill("SIGTERM")
    expect((await serve.exited).code).toBe(0)
  })

  it("refuses to start without an operator token, naming the setting and the way out", async () => {
    const env = { ...process.env, ILTSYNC_DB: join(folder, "iltsync.db"), ILTSYNC_API_TOKEN: "" }
    const outcome = await startServe(["--port", "0"], env).exited
    expect(outcome.code).toBe(1)
    expect(outcome.stderr).toContain("ILTSYNC_API_TOKEN is not set")
    expect(outcome.stderr).toContain("--insecure-dev")
  })

  it("refuses an ILTSYNC_RUNS_THREAD other than on or off, naming the setting and its values", async () => {
    const env = {
      ...process.env,
      ILTSYNC_DB: join(folder, "iltsync.db"),
      ILTSYNC_API_TOKEN: operatorToken,
      ILTSYNC_RUNS_THREAD: "yes please",
    }
    const outcome = await startServe(["--port", "0"], env).exited
    expect(outcome.code).toBe(1)
    expect(outcome.stderr).toContain('ILTSYNC_RUNS_THREAD must be on or off, not "yes please"')
  })

  it("lets a request in flight at SIGTERM finish with its real answer, then stops", async () => {
    const { sim, simEnv, serve, url } = await simulatorsAndService(operatorToken)
    // Every Docebo call now takes a while, so the download is still reading Docebo when the stop comes.
    const faults = await fetch(`${simEnv.DOCEBO_URL}/__sim/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ latencyMs: 400 }),
    })
    expect(faults.status).toBe(200)
    const download = fetch(`${url}/webinar-accounts.csv`, { headers: { authorization: `Bearer ${operatorToken}` } })
    await new Promise((resolve) => setTimeout(resolve, 300))
    serve.child.kill("SIGTERM")
    const answer = await download
    expect(answer.status).toBe(200)
    expect(await answer.text()).toMatch(/^id,tool,name,email,supported\r\n/)
    const outcome = await serve.exited
    expect(outcome).toMatchObject({ code: 0, signal: null })
    expect(outcome.stderr).toBe("")
    sim.child.kill("SIGTERM")
    await sim.exited
  }, 60_000)
})
