/**
 * Many tenants on PostgreSQL: how many tenant syncs an hour 1, 2 and 4 worker processes get through on this machine
 * (one API process, `serve --no-worker`, queues the syncs; the workers run them against each tenant's simulators over
 * HTTP on loopback), the store's own share of a run on SQLite and on PostgreSQL (the same sync in-process, with
 * simulators that answer at once), and the memory a tenant costs a worker and the API process.
 */
import { randomBytes } from "node:crypto"
import { mkdtemp, readFile, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { performance } from "node:perf_hooks"
import pg from "pg"
import { DOCEBO_TEST_CREDENTIALS, makeDoceboSimulator } from "../../simulators/docebo/index.ts"
import { makeToSimulator, TO_TEST_CREDENTIALS } from "../../simulators/training-orchestra/index.ts"
import { simulatorSeedsFor } from "../../tenants/Registry.ts"
import { type Listening, listen } from "../commands/sim/Listen.ts"
import { type RunningCli, startCli } from "../commands/TestSupport.ts"
import { callService, startInProcessService } from "../service/InProcess.ts"
import { aliceToken, testEnv } from "../service/TestSupport.ts"
import { makeTenantsService } from "../tenants/Front.ts"
import { openRegistry } from "../tenants/Registry.ts"
import { goal } from "./Goals.ts"
import { fmt, type PartResult } from "./Report.ts"

export interface TenantsSettings {
  readonly tenants: number
  readonly seed: string
  readonly workers: ReadonlyArray<number>
}

export interface WorkerRound {
  readonly workers: number
  readonly seconds: number
  readonly syncsPerHour: number
  /** Each worker's resident memory once idle again, MB. */
  readonly idleRssMb: ReadonlyArray<number>
}

export interface StoreRound {
  readonly dialect: "sqlite" | "postgres"
  readonly firstSyncMs: number
  readonly quietSyncMs: number
}

export interface TenantsFigures {
  readonly postgres: boolean
  readonly rounds: ReadonlyArray<WorkerRound>
  readonly stores: ReadonlyArray<StoreRound>
  /** A fresh worker's resident memory, MB. */
  readonly freshWorkerRssMb: number
  /** What each tenant served costs an API process (its idle service), MB of heap and of RSS. */
  readonly apiPerTenant: { readonly tenants: number; readonly heapMb: number; readonly rssMb: number }
}

const postgresUrl = () => process.env.ILTSYNC_BENCH_POSTGRES_URL || process.env.ILTSYNC_TEST_POSTGRES_URL || undefined

const rssMb = async (pid: number) => {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "")
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
}

const waitFor = async <T>(check: () => Promise<T | undefined>, ms: number): Promise<T> => {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error("the bench waited too long")
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** A schema of its own for a round, dropped with its tenants' and queue's afterwards. */
const freshSchema = async (admin: pg.Pool, url: string) => {
  const name = `iltsync_bench_${randomBytes(5).toString("hex")}`
  await admin.query(`create schema ${name}`)
  const located = new URL(url)
  located.searchParams.set("options", `-c search_path=${name}`)
  return {
    url: located.toString(),
    drop: async () => {
      const { rows } = await admin.query<{ nspname: string }>(
        "select nspname from pg_namespace where nspname like $1",
        [`${name}%`],
      )
      for (const row of rows) await admin.query(`drop schema if exists ${row.nspname} cascade`)
    },
  }
}

const workerRound = async (admin: pg.Pool, url: string, settings: TenantsSettings, workers: number) => {
  const schema = await freshSchema(admin, url)
  const children: RunningCli[] = []
  const servers: Listening[] = []
  try {
    const env: NodeJS.ProcessEnv = {
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(DOCEBO_|TO_|ILTSYNC_)/.test(name))),
      ILTSYNC_DB: schema.url,
      ILTSYNC_SECRET_KEY: randomBytes(32).toString("hex"),
      ILTSYNC_RECONCILE_MINUTES: "0",
    }
    const seeds = simulatorSeedsFor(settings.seed)
    if (seeds === undefined) throw new Error(`no seed ${settings.seed}`)
    const registry = await openRegistry(env)
    const tokens: string[] = []
    try {
      for (let index = 0; index < settings.tenants; index++) {
        const added = await registry.add(`b${index}`, { settings: { ILTSYNC_DOCEBO_MAIN_DOMAIN: "127.0.0.1" } })
        tokens.push(added.operators[0]?.token ?? "")
      }
    } finally {
      await registry.close()
    }
    const api = startCli(["serve", "--no-worker", "--port", "0"], env)
    children.push(api)
    const apiUrl = await waitFor(async () => /listening on (http:\/\/\S+)/.exec(api.output().stdout)?.[1], 30_000)
    const call = async (token: string, method: string, path: string, body?: unknown) => {
      const response = await fetch(`${apiUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      return { status: response.status, text: await response.text() }
    }
    for (const token of tokens) {
      const docebo = await listen(makeDoceboSimulator({ seed: seeds.docebo, profile: "strict" }).app.fetch, 0)
      const to = await listen(makeToSimulator({ seed: seeds.to }).app.fetch, 0)
      servers.push(docebo, to)
      const saved = await call(token, "PUT", "/credentials", {
        docebo: { url: docebo.url, ...DOCEBO_TEST_CREDENTIALS },
        to: { url: to.url, clientId: TO_TEST_CREDENTIALS.clientId, clientSecret: TO_TEST_CREDENTIALS.clientSecret },
      })
      if (saved.status !== 200) throw new Error(`credentials: ${saved.text}`)
    }
    const started = Array.from({ length: workers }, () => startCli(["worker", "--concurrency", "1"], env))
    children.push(...started)
    await waitFor(
      async () => (started.every((worker) => worker.output().stdout.includes("worker started")) ? true : undefined),
      30_000,
    )
    const freshRss = await Promise.all(started.map((worker) => rssMb(worker.child.pid ?? 0)))
    const begin = performance.now()
    for (const token of tokens) await call(token, "POST", "/sync", {})
    await waitFor(async () => {
      const states = await Promise.all(
        tokens.map(async (token) => JSON.parse((await call(token, "GET", "/jobs")).text)),
      )
      return states.every((jobs: { status: string }[]) => jobs.every((job) => job.status === "succeeded"))
        ? true
        : undefined
    }, 600_000)
    const seconds = (performance.now() - begin) / 1000
    const idleRssMb = await Promise.all(started.map((worker) => rssMb(worker.child.pid ?? 0)))
    return {
      round: { workers, seconds, syncsPerHour: (settings.tenants / seconds) * 3600, idleRssMb },
      freshRss: Math.min(...freshRss),
    }
  } finally {
    for (const child of children) child.child.kill("SIGTERM")
    await Promise.all(children.map((child) => child.exited))
    await Promise.all(servers.map((server) => server.close()))
    await schema.drop()
  }
}

/** The same sync, in-process on each dialect's store, with simulators that answer at once. */
const storeRound = async (dialect: StoreRound["dialect"], location: string, seed: string): Promise<StoreRound> => {
  const seeds = simulatorSeedsFor(seed)
  if (seeds === undefined) throw new Error(`no seed ${seed}`)
  const started = await startInProcessService({
    seeds,
    env: testEnv(),
    service: { databasePath: location },
  })
  const sync = async () => {
    const begin = performance.now()
    const answer = await callService(started.service, "POST", "/sync", { token: aliceToken, body: {} })
    const jobId = (JSON.parse(answer.text) as { jobId: string }).jobId
    await waitFor(async () => {
      const job = JSON.parse(
        (await callService(started.service, "GET", `/jobs/${jobId}`, { token: aliceToken })).text,
      ) as { status: string }
      return job.status === "succeeded" ? true : undefined
    }, 600_000)
    return performance.now() - begin
  }
  try {
    return { dialect, firstSyncMs: await sync(), quietSyncMs: await sync() }
  } finally {
    await started.close()
  }
}

/**
 * The memory an API process holds per tenant it serves: the front with no tenant, then with `count` more (each an
 * idle service: its store, budgets, runner), on SQLite files, measured after a collection when `--expose-gc` allows.
 */
const apiMemoryPerTenant = async (folder: string, count: number) => {
  const env: NodeJS.ProcessEnv = {
    ...testEnv(),
    ILTSYNC_DB: join(folder, "api.db"),
    ILTSYNC_SECRET_KEY: randomBytes(32).toString("hex"),
  }
  const settle = async () => {
    ;(globalThis as { gc?: () => void }).gc?.()
    await new Promise((resolve) => setTimeout(resolve, 200))
    return process.memoryUsage()
  }
  const options = { databasePath: env.ILTSYNC_DB as string, env, reconcileInterval: null, log: () => {}, refreshMs: 0 }
  const empty = await makeTenantsService(options)
  const before = await settle()
  const registry = await openRegistry(env)
  try {
    for (let index = 0; index < count; index++) await registry.add(`m${index}`, {})
  } finally {
    await registry.close()
  }
  await empty.tenants.refresh()
  const after = await settle()
  await empty.shutdown({ grace: "5 seconds" })
  const mb = (bytes: number) => bytes / count / 1024 / 1024
  return { tenants: count, heapMb: mb(after.heapUsed - before.heapUsed), rssMb: mb(after.rss - before.rss) }
}

export const measureTenants = async (settings: TenantsSettings): Promise<TenantsFigures> => {
  const url = postgresUrl()
  const folder = await mkdtemp(join(tmpdir(), "iltsync-bench-tenants-"))
  try {
    const stores: StoreRound[] = [await storeRound("sqlite", join(folder, "store.db"), settings.seed)]
    const apiPerTenant = await apiMemoryPerTenant(folder, settings.tenants * 4)
    if (url === undefined) return { postgres: false, rounds: [], stores, freshWorkerRssMb: 0, apiPerTenant }
    const admin = new pg.Pool({ connectionString: url, max: 2 })
    try {
      const schema = await freshSchema(admin, url)
      try {
        stores.push(await storeRound("postgres", schema.url, settings.seed))
      } finally {
        await schema.drop()
      }
      const rounds: WorkerRound[] = []
      let freshWorkerRssMb = Number.POSITIVE_INFINITY
      for (const workers of settings.workers) {
        const measured = await workerRound(admin, url, settings, workers)
        rounds.push(measured.round)
        freshWorkerRssMb = Math.min(freshWorkerRssMb, measured.freshRss)
      }
      return { postgres: true, rounds, stores, freshWorkerRssMb, apiPerTenant }
    } finally {
      await admin.end()
    }
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

/**
 * What 100 and 1,000 tenants would need, from the figures: each tenant reconciled every 15 minutes (4 syncs an hour),
 * each sync costed as a first sync here (an upper bound: a periodic sync with nothing to do is the quiet sync's time).
 */
const capacityNotes = (settings: TenantsSettings, figures: TenantsFigures): ReadonlyArray<string> => {
  const best = [...figures.rounds].sort((a, b) => b.syncsPerHour / b.workers - a.syncsPerHour / a.workers)[0]
  const sqlite = figures.stores.find((store) => store.dialect === "sqlite")
  const postgres = figures.stores.find((store) => store.dialect === "postgres")
  if (best === undefined || postgres === undefined) return []
  const perWorker = best.syncsPerHour / best.workers
  const quietRatio = postgres.quietSyncMs / postgres.firstSyncMs
  const need = (tenants: number) => {
    const syncs = tenants * 4
    return `${fmt(tenants)} tenants: ${fmt(syncs)} syncs an hour; at ${fmt(perWorker)} first syncs an hour per worker (${settings.seed}) that is ${fmt(Math.ceil(syncs / perWorker))} worker(s), or about ${fmt(Math.max(1, Math.ceil((syncs * quietRatio) / perWorker)))} when the periodic syncs find nothing to do (a quiet sync takes ${fmt(quietRatio * 100)}% of a first one); an API process serving them all holds about ${fmt((tenants * Math.max(figures.apiPerTenant.heapMb, figures.apiPerTenant.rssMb)) / 1024, 1)} GB for their idle services; PostgreSQL connections: up to 10 per tenant being worked, and an API process's for a tenant closed after 10 s idle.`
  }
  return [
    need(100),
    need(1_000),
    ...(sqlite === undefined
      ? []
      : [
          `Docebo's limit bounds each tenant, not the fleet: a tenant's sync spends its own 950 calls an hour whichever worker runs it, so a large tenant's first sync takes hours of its own budget however many workers there are. PostgreSQL's first sync took ${fmt(postgres.firstSyncMs)} ms against SQLite's ${fmt(sqlite.firstSyncMs)} ms in-process (a loopback round trip per statement); a sync with nothing to do costs about the same on both (${fmt(postgres.quietSyncMs)} against ${fmt(sqlite.quietSyncMs)} ms), and it is what most periodic syncs are.`,
          "On this 2-core machine the API process, PostgreSQL and every simulator share the cores with the workers: past 2 workers they contend for CPU and the rate falls. The rate per worker for sizing is taken from the best round per worker; that workers on machines of their own add up, until PostgreSQL is the limit, is expected and not measured here.",
        ]),
  ]
}

export const tenantsPart = (settings: TenantsSettings, figures: TenantsFigures): PartResult => {
  const sqlite = figures.stores.find((store) => store.dialect === "sqlite")
  const postgres = figures.stores.find((store) => store.dialect === "postgres")
  const oneWorker = figures.rounds.find((round) => round.workers === 1)
  const perTenantMb =
    figures.rounds.length === 0
      ? 0
      : Math.max(
          0,
          ...figures.rounds.map(
            (round) =>
              (Math.max(...round.idleRssMb) - figures.freshWorkerRssMb) / Math.max(1, settings.tenants / round.workers),
          ),
        )
  return {
    title: "Many tenants: workers on PostgreSQL",
    inputs: [
      `${settings.tenants} tenants, each on simulators of its own (${settings.seed}, strict Docebo profile, no rate limit, answering at once) over HTTP on loopback; one \`serve --no-worker\` process queues one full sync per tenant; N \`worker --concurrency 1\` processes run them; the time is from the first POST /sync to the last job's success (harness/bench/Tenants.ts).`,
      "The store's share: the same first sync and a second one with nothing to do, in-process on SQLite (a file) and on PostgreSQL (a schema on loopback); the difference between the dialects is the store's, the rest is the same.",
      figures.postgres
        ? "PostgreSQL: ILTSYNC_BENCH_POSTGRES_URL or ILTSYNC_TEST_POSTGRES_URL."
        : "No PostgreSQL was given (ILTSYNC_BENCH_POSTGRES_URL or ILTSYNC_TEST_POSTGRES_URL): the workers were not measured.",
    ],
    tables: [
      {
        caption: "Tenant syncs an hour by worker processes",
        header: ["workers", "tenants", "seconds", "syncs an hour", "idle RSS per worker (MB)"],
        rows: figures.rounds.map((round) => [
          String(round.workers),
          String(settings.tenants),
          fmt(round.seconds, 1),
          fmt(round.syncsPerHour),
          round.idleRssMb.map((mb) => fmt(mb)).join(", "),
        ]),
      },
      {
        caption: "A sync's time by store (ms)",
        header: ["store", "first sync", "sync with nothing to do"],
        rows: figures.stores.map((store) => [store.dialect, fmt(store.firstSyncMs), fmt(store.quietSyncMs)]),
      },
    ],
    goals: [
      ...(oneWorker === undefined ? [] : [goal("syncs an hour with 1 worker", oneWorker.syncsPerHour, 60, ">=")]),
      ...(sqlite && postgres
        ? [goal("PostgreSQL first sync ÷ SQLite first sync", postgres.firstSyncMs / sqlite.firstSyncMs, 3, "<=")]
        : []),
    ],
    notes: [
      `A worker holds no tenant between tasks: each task builds its tenant's runtime (store pool, budgets, adapters) and disposes of it. A fresh worker is ${fmt(figures.freshWorkerRssMb)} MB; idle again after its tenants' syncs it is at most ${fmt(perTenantMb, 1)} MB more per tenant it ran, an upper bound (V8 keeps the heap it once grew to), not a cost that stays with each tenant.`,
      `An API process holds an idle service per tenant it serves: ${fmt(figures.apiPerTenant.heapMb, 2)} MB of heap (${fmt(figures.apiPerTenant.rssMb, 2)} MB of RSS) each, measured over ${figures.apiPerTenant.tenants} tenants on SQLite (a PostgreSQL tenant's pool holds no connection once idle for 10 s).`,
      ...capacityNotes(settings, figures),
    ],
    figures,
  }
}
