import { randomBytes } from "node:crypto"
import { existsSync } from "node:fs"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect } from "effect"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { Store } from "../../adapters/store/Store.ts"
import { TO_TEST_CREDENTIALS } from "../../simulators/training-orchestra/index.ts"
import { makeService } from "./Service.ts"
import { ServiceRefused } from "./Settings.ts"
import { eventually, finishedJob, makeHold, startFixture, testEnv, toUrl, webhookSecret } from "./TestSupport.ts"

let folder = ""
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "iltsync-shutdown-"))
})
afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

describe("the periodic reconcile", () => {
  it("starts a full sync every interval, in the background, as the scheduler", async () => {
    const fixture = await startFixture({ databasePath: join(folder, "iltsync.db"), reconcileInterval: "300 millis" })
    try {
      await eventually(async () => {
        const text = (await fixture.call("GET", "/metrics")).text
        return /^iltsync_runs_total\{trigger="schedule",dry_run="false",outcome="succeeded"\} [1-9]/m.test(text)
          ? true
          : undefined
      })
      const log = (await fixture.call("GET", "/event-logs?action=sync.course.create")).json<{
        items: Array<{ user: string }>
      }>()
      expect(log.items.length).toBeGreaterThan(0)
      expect(log.items.every((item) => item.user === "scheduler")).toBe(true)
    } finally {
      await fixture.close()
    }
  })
})

describe("the webhook inbox", () => {
  it("keeps a settled delivery for the retention, so a retry is recognised, then prunes it", async () => {
    let now = Date.parse("2027-01-04T09:00:00.000Z")
    const fixture = await startFixture({
      databasePath: join(folder, "iltsync.db"),
      env: { ...testEnv(), ILTSYNC_WEBHOOK_RETENTION_HOURS: "0.001" },
      clock: { now: () => now },
    })
    try {
      const body = JSON.stringify({ message_id: "wh-prune-1", event: "course.created", payload: { course_id: 5 } })
      const deliver = async () =>
        (await fixture.call("POST", `/webhooks/docebo?token=${webhookSecret}`, { token: null, body })).json<{
          duplicate: boolean
        }>().duplicate
      expect(await deliver()).toBe(false)
      await eventually(async () =>
        /^iltsync_webhooks\{status="done"\} 1$/m.test((await fixture.call("GET", "/metrics")).text) ? true : undefined,
      )
      expect(await deliver()).toBe(true)
      now += 60_000
      await eventually(async () =>
        /^iltsync_webhooks\{status="done"\} 0$/m.test((await fixture.call("GET", "/metrics")).text) ? true : undefined,
      )
      expect(await deliver()).toBe(false)
    } finally {
      await fixture.close()
    }
  })
})

describe("shutdown", () => {
  it("lets the ops in progress finish, fails the jobs left, closes the store, and refuses work meanwhile", async () => {
    const databasePath = join(folder, "iltsync.db")
    // The full sync's first write is held, so the stop comes while it applies its ops.
    const hold = makeHold(
      (system, method, path) => system === "docebo" && method === "POST" && !path.startsWith("/oauth2"),
    )
    const fixture = await startFixture({ databasePath }, hold.gate)
    hold.arm()
    const full = (await fixture.call("POST", "/sync", { body: {} })).json<{ jobId: string }>().jobId
    await hold.held
    // A course sync asked for while the full sync applies (its read held no lock; its apply does) waits.
    const waiting = (await fixture.call("POST", "/sync", { body: { courses: ["LDR-101"] } })).json<{ jobId: string }>()
      .jobId
    await eventually(async () =>
      /^iltsync_runs_waiting 1$/m.test((await fixture.call("GET", "/metrics")).text) ? true : undefined,
    )
    const stopping = fixture.service.shutdown({ grace: "30 seconds" })
    expect((await fixture.call("GET", "/courses")).status).toBe(503)
    expect((await fixture.call("GET", "/healthz", { token: null })).status).toBe(200)
    hold.release()
    await stopping
    await fixture.close()

    // The store is closed and whole: a new service opens it and finds how each job ended. The full sync stopped
    // between two ops (its held write went out and was recorded: no write is left to look up); the next sync goes
    // on from there.
    const reopened = await makeService({ databasePath, env: fixture.env, reconcileInterval: null })
    try {
      const [jobs, unsettled] = await reopened.runtime.runPromise(
        Effect.flatMap(Store, (store) =>
          Effect.all([Effect.all([store.getJob(full), store.getJob(waiting)]), store.listUnsettledSteps()]),
        ),
      )
      expect(jobs.map((job) => [job?.status, job?.error])).toEqual([
        ["failed", "interrupted: the service stopped"],
        ["failed", "interrupted: the service stopped"],
      ])
      expect(unsettled).toEqual([])
    } finally {
      await reopened.shutdown()
    }
  })

  it("lets a request in flight finish with its real answer before it closes the store", async () => {
    // The download reads Docebo without the run lock, then logs the download in the store.
    const hold = makeHold((system, _method, path) => system === "docebo" && path.includes("webinar"))
    // The accounts download is the request held in flight: a tenant with Docebo's accounts endpoint.
    const fixture = await startFixture({ databasePath: join(folder, "iltsync.db") }, hold.gate, "default")
    hold.arm()
    const download = fixture.call("GET", "/webinar-accounts.csv")
    await hold.held
    const stopping = fixture.service.shutdown({ grace: "30 seconds" })
    expect((await fixture.call("GET", "/courses")).status).toBe(503)
    // Time enough for a shutdown that does not wait to close the store under the request.
    await new Promise((resolve) => setTimeout(resolve, 300))
    hold.release()
    const answer = await download
    expect({ status: answer.status, text: answer.text.slice(0, 200) }).toMatchObject({ status: 200 })
    expect(answer.text).toMatch(/^id,tool,name,email,supported\r\n/)
    await stopping
    expect(fixture.logs.filter((line) => !line.includes("answered 503"))).toEqual([])
    await fixture.close()
  })

  it("is idempotent", async () => {
    const fixture = await startFixture({ databasePath: join(folder, "iltsync.db") })
    const job = (await fixture.call("POST", "/sync", { body: { dryRun: true } })).json<{ jobId: string }>().jobId
    expect((await finishedJob(fixture, job)).status).toBe("succeeded")
    await Promise.all([fixture.service.shutdown(), fixture.service.shutdown()])
    await fixture.close()
  })
})

describe("the store's key", () => {
  const toOnly = {
    to: { url: toUrl, clientId: TO_TEST_CREDENTIALS.clientId, clientSecret: TO_TEST_CREDENTIALS.clientSecret },
  }

  it("comes from the service's environment: under another key than the stored credentials', it refuses to start", async () => {
    const databasePath = join(folder, "iltsync.db")
    const fixture = await startFixture({ databasePath })
    expect((await fixture.call("PUT", "/credentials", { body: toOnly })).status).toBe(200)
    await fixture.service.shutdown()
    const env = { ...fixture.env, ILTSYNC_SECRET_KEY: randomBytes(32).toString("hex") }
    const logs: string[] = []
    const refused = await makeService({ databasePath, env, reconcileInterval: null, log: (line) => logs.push(line) })
      .then(async (service) => {
        await service.shutdown()
        return null
      })
      .catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(ServiceRefused)
    expect(refused).toMatchObject({ reason: expect.stringContaining("cannot be decrypted") })
    expect(refused).toMatchObject({ reason: expect.stringContaining("ILTSYNC_SECRET_KEY") })
    expect(`${JSON.stringify(refused)}${logs.join("\n")}`).not.toContain(TO_TEST_CREDENTIALS.clientSecret)
    await fixture.close()
  })

  it("is never made anew while stored credentials need the one that went missing: the service refuses to start", async () => {
    const databasePath = join(folder, "iltsync.db")
    const env = { ...testEnv(), ILTSYNC_SECRET_KEY: undefined }
    const fixture = await startFixture({ databasePath, env })
    expect((await fixture.call("PUT", "/credentials", { body: toOnly })).status).toBe(200)
    await fixture.service.shutdown()
    const keyFile = join(folder, "iltsync.key")
    await rm(keyFile)
    const refused = await makeService({ databasePath, env, reconcileInterval: null, log: () => undefined })
      .then(async (service) => {
        await service.shutdown()
        return null
      })
      .catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(ServiceRefused)
    expect(refused).toMatchObject({ reason: expect.stringContaining(keyFile) })
    expect(existsSync(keyFile)).toBe(false)
    await fixture.close()
  })
})
