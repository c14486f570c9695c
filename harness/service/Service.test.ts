import { randomBytes } from "node:crypto"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect } from "effect"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { Store } from "../../adapters/store/Store.ts"
import { TO_TEST_CREDENTIALS } from "../../simulators/training-orchestra/index.ts"
import { makeService } from "./Service.ts"
import {
  aliceToken,
  eventually,
  finishedJob,
  makeHold,
  startFixture,
  testEnv,
  toUrl,
  webhookSecret,
} from "./TestSupport.ts"

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

  it("is idempotent", async () => {
    const fixture = await startFixture({ databasePath: join(folder, "iltsync.db") })
    const job = (await fixture.call("POST", "/sync", { body: { dryRun: true } })).json<{ jobId: string }>().jobId
    expect((await finishedJob(fixture, job)).status).toBe("succeeded")
    await Promise.all([fixture.service.shutdown(), fixture.service.shutdown()])
    await fixture.close()
  })
})

describe("the store's key", () => {
  it("comes from the service's environment: credentials saved under one key are refused under another", async () => {
    const databasePath = join(folder, "iltsync.db")
    const fixture = await startFixture({ databasePath })
    const body = {
      to: { url: toUrl, clientId: TO_TEST_CREDENTIALS.clientId, clientSecret: TO_TEST_CREDENTIALS.clientSecret },
    }
    expect((await fixture.call("PUT", "/credentials", { body })).status).toBe(200)
    await fixture.service.shutdown()
    const env = { ...fixture.env, ILTSYNC_SECRET_KEY: randomBytes(32).toString("hex") }
    const logs: string[] = []
    const other = await makeService({ databasePath, env, reconcileInterval: null, log: (line) => logs.push(line) })
    try {
      const answer = await other.app.request("/credentials", { headers: { authorization: `Bearer ${aliceToken}` } })
      expect(answer.status).toBe(500)
      expect(((await answer.json()) as { detail: string }).detail).toContain("ILTSYNC_SECRET_KEY")
      expect(logs.join("\n")).not.toContain(TO_TEST_CREDENTIALS.clientSecret)
    } finally {
      await other.shutdown()
      await fixture.close()
    }
  })
})
