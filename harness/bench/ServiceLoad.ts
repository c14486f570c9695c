/**
 * `bench service`: the service over real HTTP on loopback, the simulators (acme) behind it in a child process of
 * their own (SimulatorHost.ts). Webhooks are sent as fast as they are answered and at the goal's fixed rate;
 * afterwards the inbox is read back to check that every accepted delivery is stored once and processed, and that
 * repeated message ids were recognised. Then the store is given `courses` course statuses and `GET /courses` is
 * loaded. The load generator is a child process too.
 */
import { spawn } from "node:child_process"
import { randomBytes } from "node:crypto"
import { mkdtemp, rm } from "node:fs/promises"
import type { AddressInfo } from "node:net"
import { loadavg, tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { serve } from "@hono/node-server"
import Database from "better-sqlite3"
import { Effect } from "effect"
import { Store } from "../../adapters/store/Store.ts"
import type { CourseStatus } from "../../engine/Status.ts"
import { simulatorEnv } from "../Simulators.ts"
import { makeService } from "../service/Service.ts"
import { type Goal, goal } from "./Goals.ts"
import type { LoadPlan, LoadResult } from "./LoadClient.ts"
import type { SimulatorPorts } from "./SimulatorHost.ts"

export interface ServiceSettings {
  readonly seconds: number
  /** The webhooks' fixed rate, per second (the goal's). */
  readonly rate: number
  readonly connections: number
  readonly courses: number
  /** Where the service's runs happen: on the thread that answers requests, or on their own (`serve`'s default). */
  readonly runs: "in-process" | "thread"
}

export interface ServiceFigures {
  readonly settings: ServiceSettings
  readonly fastest: Omit<LoadResult, "accepted">
  readonly atRate: Omit<LoadResult, "accepted">
  /**
   * The same as `atRate`, before the store is given the Courses tab's statuses: a run's load of the store then holds
   * acme's own 42, where `atRate` has each webhook run decode every one of thousands.
   */
  readonly atRateFewStatuses: Omit<LoadResult, "accepted">
  /** The same as `fastest`, with an event type the worker settles without a run: the cost of acceptance alone. */
  readonly acceptanceOnly: Omit<LoadResult, "accepted">
  /** The same before the first sync: the store (and so the known state the worker loads per batch) empty. */
  readonly acceptanceEmpty: Omit<LoadResult, "accepted">
  readonly inbox: {
    readonly accepted: number
    readonly stored: number
    readonly lost: number
    readonly acceptedTwice: number
    readonly unprocessed: number
    /** Seconds the worker took to work off each load's deliveries, in all. */
    readonly drainSeconds: number
  }
  readonly courses: Omit<LoadResult, "accepted"> & { readonly bodyKb: number }
  /** The machine's 1-minute load average as the part started and as it ended: other work shows in every figure. */
  readonly loadAverage: { readonly before: number; readonly after: number }
}

const clientScript = fileURLToPath(new URL("./LoadClient.ts", import.meta.url))
const hostScript = fileURLToPath(new URL("./SimulatorHost.ts", import.meta.url))

/** Starts the simulators' process; resolves once both listen. Closing its standard input stops it. */
const hostSimulators = (tenant: string) =>
  new Promise<{ readonly ports: SimulatorPorts; readonly stop: () => void }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", hostScript, tenant], {
      stdio: ["pipe", "pipe", "inherit"],
    })
    let out = ""
    const onData = (chunk: Buffer) => {
      out += chunk.toString("utf8")
      const line = out.split("\n")[0]
      if (!out.includes("\n") || line === undefined) return
      child.stdout.off("data", onData)
      resolve({ ports: JSON.parse(line) as SimulatorPorts, stop: () => child.stdin.end() })
    }
    child.stdout.on("data", onData)
    child.on("error", reject)
    child.on("exit", (code) => reject(new Error(`the simulators stopped (${code})`)))
  })

/** Runs the load generator in its own process; resolves with its figures. */
const load = (plan: LoadPlan): Promise<LoadResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", clientScript, JSON.stringify(plan)], {
      stdio: ["ignore", "pipe", "pipe"],
    })
    let out = ""
    let err = ""
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8")
    })
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString("utf8")
    })
    child.on("error", reject)
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`the load generator failed (${code}):\n${err}`))
      else resolve(JSON.parse(out.trim().split("\n").pop() ?? "{}") as LoadResult)
    })
  })

const withoutIds = ({ accepted: _, ...rest }: LoadResult) => rest

/** How long the inbox's worker gets to work off one load's deliveries. */
const drainLimitMs = 180_000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Course statuses as a large tenant's Courses tab shows them: mostly synced, some pending, a few in error. */
const statusesFor = (count: number): ReadonlyArray<CourseStatus> =>
  Array.from({ length: count }, (_, i) => ({
    courseId: String(500_000 + i),
    code: `LOAD-${i}`,
    name: `Workshop ${i}`,
    type: i % 3 === 0 ? "vilt" : "ilt",
    status: i % 50 === 0 ? "error" : i % 10 === 0 ? "pending" : "synced",
    error: i % 50 === 0 ? "course code is missing" : null,
    warnings: [],
    lastSyncedAt: i % 50 === 0 ? null : "2027-01-04T08:00:00.000Z",
  }))

export const measureService = async (settings: ServiceSettings): Promise<ServiceFigures> => {
  const loadBefore = loadavg()[0] ?? Number.NaN
  const simulators = await hostSimulators("acme")
  const folder = await mkdtemp(join(tmpdir(), "iltsync-bench-service-"))
  const databasePath = join(folder, "iltsync.db")
  const apiToken = randomBytes(16).toString("hex")
  const secret = randomBytes(16).toString("hex")
  const logs: string[] = []
  const service = await makeService({
    databasePath,
    // The adapters reach the simulators' process over loopback, as they reach the systems over the network.
    env: simulatorEnv(
      { docebo: `http://127.0.0.1:${simulators.ports.docebo}`, to: `http://127.0.0.1:${simulators.ports.to}` },
      {
        ILTSYNC_API_TOKEN: `bench:${apiToken}`,
        ILTSYNC_WEBHOOK_SECRET: secret,
        ILTSYNC_SECRET_KEY: randomBytes(32).toString("hex"),
      },
    ),
    runs: settings.runs,
    reconcileInterval: null,
    // The simulators run unlimited: this part measures the service, not the vendors' limits.
    budgets: { docebo: { limitPerHour: 1e12 }, to: { perSecond: 1e9, burst: 1e9 } },
    log: (line) => logs.push(line),
  }).catch((error: unknown) => {
    simulators.stop()
    throw error
  })
  const server = serve({ fetch: service.app.fetch, port: 0, hostname: "127.0.0.1" })
  await new Promise<void>((resolve) => server.once("listening", () => resolve()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const auth = { authorization: `Bearer ${apiToken}` }
  const run = <A, E>(effect: Effect.Effect<A, E, Store>) => service.runtime.runPromise(effect)
  try {
    const { sessionIds } = simulators.ports
    const webhookPlan: LoadPlan = {
      url: `${base}/webhooks/training-orchestra`,
      kind: "webhooks",
      connections: settings.connections,
      seconds: settings.seconds,
      secret,
      sessionIds,
      duplicateEvery: 20,
    }
    // Each load starts on an empty inbox, so that one's backlog does not slow the next.
    const drains: number[] = []
    const drain = async () => {
      const started = Date.now()
      const pending = () => run(Effect.flatMap(Store, (store) => store.countPendingWebhooks()))
      // Requests the client gave up on may still be in the server's hands: empty twice, half a second apart.
      while ((await pending()) > 0 || (await sleep(500).then(pending)) > 0) {
        if (Date.now() - started > drainLimitMs) break
        await sleep(100)
      }
      drains.push((Date.now() - started) / 1000)
    }
    // TO sends no `trainer.*` events: iltsync stores and settles them without a run. First on an empty store, then
    // (below) once the first sync has filled it.
    const acceptanceEmpty = await load({ ...webhookPlan, eventType: "trainer.updated" })
    await drain()

    // The first sync, so that the webhooks name sessions iltsync knows.
    const started = await fetch(`${base}/sync`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: "{}",
    })
    const { jobId } = (await started.json()) as { jobId: string }
    for (;;) {
      const job = (await (await fetch(`${base}/jobs/${jobId}`, { headers: auth })).json()) as { status: string }
      if (job.status === "succeeded") break
      if (job.status === "failed") throw new Error(`the first sync failed: ${JSON.stringify(job)}`)
      await sleep(50)
    }

    const atRateFewStatuses = await load({ ...webhookPlan, rate: settings.rate })
    await drain()

    // The Courses tab of a large tenant, read while nothing else runs.
    await run(Effect.flatMap(Store, (store) => store.upsertCourseStatuses(statusesFor(settings.courses))))
    const courses = await load({
      url: `${base}/courses`,
      kind: "get",
      connections: 4,
      seconds: settings.seconds,
      headers: auth,
    })

    const acceptanceOnly = await load({ ...webhookPlan, eventType: "trainer.updated" })
    await drain()
    const fastest = await load(webhookPlan)
    await drain()
    const atRate = await load({ ...webhookPlan, rate: settings.rate })
    await drain()
    const drainSeconds = drains.reduce((a, b) => a + b, 0)
    const accepted = [
      ...acceptanceEmpty.accepted,
      ...atRateFewStatuses.accepted,
      ...acceptanceOnly.accepted,
      ...fastest.accepted,
      ...atRate.accepted,
    ]
    const rows = new Database(databasePath, { readonly: true })
      .prepare("select message_id as id, status from webhook_inbox where source = 'to'")
      .all() as ReadonlyArray<{ id: string; status: string }>
    const stored = new Set(rows.map((row) => row.id))
    const inbox = {
      accepted: accepted.length,
      stored: rows.length,
      lost: accepted.filter((id) => !stored.has(id)).length,
      acceptedTwice: accepted.length - new Set(accepted).size,
      unprocessed: rows.filter((row) => row.status === "pending").length,
      drainSeconds,
    }

    return {
      settings,
      fastest: withoutIds(fastest),
      atRate: withoutIds(atRate),
      atRateFewStatuses: withoutIds(atRateFewStatuses),
      acceptanceEmpty: withoutIds(acceptanceEmpty),
      acceptanceOnly: withoutIds(acceptanceOnly),
      inbox,
      courses: { ...withoutIds(courses), bodyKb: courses.bytes / Math.max(1, courses.requests) / 1024 },
      loadAverage: { before: loadBefore, after: loadavg()[0] ?? Number.NaN },
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await service.shutdown({ grace: "5 seconds" })
    simulators.stop()
    await rm(folder, { recursive: true, force: true })
  }
}

export const serviceGoals = (figures: ServiceFigures): ReadonlyArray<Goal> => [
  goal("webhooks accepted per second (as fast as answered)", figures.fastest.perSecond, 2000, ">="),
  goal(`webhook p99 latency at ${figures.settings.rate}/s, ms`, figures.atRate.p99Ms, 20, "<"),
  goal("webhooks lost (accepted, not in the inbox)", figures.inbox.lost, 0, "<="),
  goal("webhooks accepted twice (same message id)", figures.inbox.acceptedTwice, 0, "<="),
  goal("webhooks left unprocessed after the drain", figures.inbox.unprocessed, 0, "<="),
]
