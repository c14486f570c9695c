/**
 * The service with its runs on a thread of their own (`serve`'s default): the simulators answer over loopback HTTP,
 * as the real systems do over the network, since a thread cannot reach another's in-process app. Jobs and webhook
 * deliveries are accepted on the service's thread and worked on the runs thread; the service's thread makes none of
 * those runs, and `/metrics` counts them all the same.
 */
import { mkdtemp, rm } from "node:fs/promises"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { serve } from "@hono/node-server"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Store } from "../../adapters/store/Store.ts"
import { stampOfCode } from "../../engine/Stamps.ts"
import { makeDoceboSimulator } from "../../simulators/docebo/index.ts"
import { makeToSimulator } from "../../simulators/training-orchestra/index.ts"
import { simulatorSeedsFor } from "../../tenants/Registry.ts"
import { simulatorEnv } from "../Simulators.ts"
import { callService } from "./InProcess.ts"
import { Runner } from "./Runner.ts"
import { crashRunsThread } from "./RunsThread.ts"
import { makeService, type Service } from "./Service.ts"
import { aliceToken, eventually, secretsOf, subscribe, testEnv, webhookSecret } from "./TestSupport.ts"

type Listening = ReturnType<typeof serve>

const seeds = simulatorSeedsFor("acme")
if (seeds === undefined) throw new Error("the acme tenant is missing")

let service: Service | null = null
const webhookFetch = async (url: string, init: RequestInit) => {
  if (service === null) throw new Error("the service is not started")
  return service.app.request(url, init)
}
const docebo = makeDoceboSimulator({ seed: seeds.docebo, webhookFetch, profile: "strict" })
const to = makeToSimulator({ seed: seeds.to, webhookFetch })
const servers: Listening[] = []
const logs: string[] = []
let folder = ""
let env: NodeJS.ProcessEnv = {}

const listen = async (app: { readonly fetch: (request: Request) => Response | Promise<Response> }) => {
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" })
  servers.push(server)
  await new Promise<void>((resolve) => server.once("listening", () => resolve()))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const startService = (store = "iltsync.db") =>
  makeService({
    databasePath: join(folder, store),
    env,
    runs: "thread",
    reconcileInterval: null,
    budgets: { docebo: { limitPerHour: 1_000_000 }, to: { perSecond: 100_000, burst: 100_000 } },
    log: (line) => logs.push(line),
  })

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "iltsync-runs-thread-"))
  const urls = { docebo: await listen(docebo.app), to: await listen(to.app) }
  const { DOCEBO_URL: _, TO_URL: __, TO_PLATFORM_URL: ___, ILTSYNC_DOCEBO_MAIN_DOMAIN: ____, ...rest } = testEnv()
  env = { ...simulatorEnv(urls), ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) }
  service = await startService()
})

afterAll(async () => {
  await service?.shutdown({ grace: "5 seconds" })
  for (const server of servers) server.close()
  await rm(folder, { recursive: true, force: true })
})

const callOn = (on: Service | null, method: string, path: string, body?: unknown) => {
  if (on === null) throw new Error("the service is not started")
  return callService(on, method, path, { token: aliceToken, ...(body === undefined ? {} : { body }) })
}
const call = (method: string, path: string, body?: unknown) => callOn(service, method, path, body)

/** A full sync through `on`'s API, to its end. */
const fullSyncOn = async (on: Service) => {
  const started = await callOn(on, "POST", "/sync", {})
  expect(started.status).toBe(202)
  const jobId = started.json<{ jobId: string }>().jobId
  return eventually(async () => {
    const found = (await callOn(on, "GET", `/jobs/${jobId}`)).json<{ status: string; error: string | null }>()
    return found.status === "succeeded" || found.status === "failed" ? found : undefined
  }, 60_000)
}

const metric = async (pattern: RegExp) =>
  [...(await call("GET", "/metrics")).text.matchAll(pattern)].reduce((sum, match) => sum + Number(match[1]), 0)

const copyOf = (toSessionId: string) =>
  docebo.state.snapshot().sessions.find((session) => stampOfCode(session.code) === toSessionId)

/** A TO planner renames the Paris session; resolves once its webhook's run has put the name in Docebo. */
const renamedInTo = async (name: string) => {
  await to.app.request("http://to.test/__sim/act", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ action: "update_session", id: "ses_ldr201_par_0302", changes: { name } }),
  })
  await to.state.webhooks.drain()
  await eventually(() => (copyOf("ses_ldr201_par_0302")?.name === name ? true : undefined), 30_000)
}

/** The runs the service's own thread made: with a runs thread, only an operator's approval or new provider. */
const runsOnServiceThread = async () => {
  const runner = await (service as Service).runtime.runPromise(Runner)
  return [...runner.counters.runs().values()].reduce((a, b) => a + b, 0)
}

describe("a service whose runs have a thread of their own", () => {
  it("runs a full sync there: the job ends, Docebo has the schedule, /metrics counts the run", async () => {
    expect(await fullSyncOn(service as Service)).toMatchObject({ status: "succeeded", error: null })
    expect(copyOf("ses_ldr201_par_0302")).toBeDefined()
    expect(await metric(/^iltsync_runs_total\{trigger="operator"[^}]*outcome="succeeded"\} (\d+)$/gm)).toBe(1)
    expect(await metric(/^iltsync_api_calls_total\{system="docebo"[^}]*\} (\d+)$/gm)).toBeGreaterThan(0)
    expect(await runsOnServiceThread()).toBe(0)
  })

  it("works a TO webhook there: the move reaches Docebo, the delivery is settled", async () => {
    await subscribe(to, "/webhooks/training-orchestra")
    await renamedInTo("Management de proximité – Paris (runs thread)")
    await eventually(async () => ((await metric(/^iltsync_webhook_queue_depth (\d+)$/gm)) === 0 ? true : undefined))
    expect(await metric(/^iltsync_runs_total\{trigger="webhook"[^}]*\} (\d+)$/gm)).toBeGreaterThanOrEqual(1)
    expect(await runsOnServiceThread()).toBe(0)
  })

  it("serves a second tenant's service on the same runs thread, each on its own store", async () => {
    const second = await startService("second.db")
    try {
      const shared = service?.runsThread?.threadId()
      expect(shared).toEqual(expect.any(Number))
      expect(second.runsThread?.threadId()).toBe(shared)
      expect(await fullSyncOn(second)).toMatchObject({ status: "succeeded", error: null })
      const [first, other] = await Promise.all(
        [service as Service, second].map((on) =>
          on.runtime.runPromise(Effect.flatMap(Store, (store) => store.listRecentJobs(10))),
        ),
      )
      expect(first?.length).toBe(1)
      expect(other?.length).toBe(1)
    } finally {
      await second.shutdown({ grace: "5 seconds" })
    }
    // The first tenant's runs go on after the second's closed.
    expect(service?.runsThread?.threadId()).toEqual(expect.any(Number))
  })

  it("starts a runs thread that died again, and its tenant's work goes on", async () => {
    const before = service?.runsThread?.threadId()
    await crashRunsThread()
    const after = await eventually(() => {
      const id = service?.runsThread?.threadId()
      return id !== null && id !== undefined && id !== before ? id : undefined
    })
    expect(after).not.toBe(before)
    expect(logs.join("\n")).toContain("the runs thread stopped")
    // A webhook's move reaches Docebo through the new thread.
    await renamedInTo("Management de proximité – Paris (after a restart)")
  })

  it("stops with the service, and a service started again on the same store works on", async () => {
    await service?.shutdown({ grace: "5 seconds" })
    expect(service?.runsThread?.threadId()).toBeNull()
    service = await startService()
    // What the stopped service left pending is worked off by the new one's runs thread.
    const pending = () =>
      (service as Service).runtime.runPromise(Effect.flatMap(Store, (store) => store.countPendingWebhooks()))
    await eventually(async () => ((await pending()) === 0 ? true : undefined))
    expect(await fullSyncOn(service)).toMatchObject({ status: "succeeded" })
    const seen = logs.join("\n")
    for (const secret of [...secretsOf(env), webhookSecret]) if (secret !== "") expect(seen).not.toContain(secret)
  })
})
