/**
 * Many tenants, many workers, on a real PostgreSQL: one API process (`serve --no-worker`) and three worker processes
 * against 12 tenants, each on simulators of its own with their real rate limits, with webhooks and a periodic
 * reconcile for all. A worker is killed with SIGKILL in the middle of an apply, twice. Afterwards every tenant has
 * converged, no record is on either side twice, no two runs of one tenant overlapped, no system answered 429, and
 * each tenant's systems hold their own tenant's records only.
 */
import { randomBytes } from "node:crypto"
import pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { queueSchema, tenantLocation } from "../../adapters/store/TenantStore.ts"
import { suiteStoreDialects } from "../../adapters/store/testing/Fixtures.ts"
import { DOCEBO_TEST_CREDENTIALS, makeDoceboSimulator } from "../../simulators/docebo/index.ts"
import { makeToSimulator, TO_TEST_CREDENTIALS } from "../../simulators/training-orchestra/index.ts"
import { simulatorSeedsFor } from "../../tenants/Registry.ts"
import { type Listening, listen } from "../commands/sim/Listen.ts"
import { type RunningCli, startCli } from "../commands/TestSupport.ts"
import { simulatorControl } from "../Simulators.ts"
import { openRegistry } from "../tenants/Registry.ts"

const tenantCount = 12
const workerCount = 3
const postgres = suiteStoreDialects().find((dialect) => dialect.name === "postgres")

interface SimTenant {
  readonly name: string
  readonly docebo: ReturnType<typeof makeDoceboSimulator>
  readonly to: ReturnType<typeof makeToSimulator>
  readonly servers: Listening[]
  /** Answers of 429 either system gave. */
  throttled: number
  token: string
  courses: number
}

const startSimTenant = async (index: number): Promise<SimTenant> => {
  // Each tenant's own synthetic data, of its own size: a record in another tenant's systems would show.
  const seeds = simulatorSeedsFor(`synthetic-${3 + index}`)
  if (seeds === undefined) throw new Error("no synthetic seed")
  // Each call takes a while, as over a network: an apply lasts long enough to be killed in the middle of.
  const faults = { latencyMs: 60 }
  const docebo = makeDoceboSimulator({
    seed: seeds.docebo,
    profile: "strict",
    rateLimit: { perHour: 1_000 },
    faults,
  })
  const to = makeToSimulator({ seed: seeds.to, rateLimit: { perSecond: 10, burst: 20 }, faults })
  const tenant: SimTenant = {
    name: `t${index}`,
    docebo,
    to,
    servers: [],
    throttled: 0,
    token: "",
    courses: seeds.docebo.courses?.length ?? 0,
  }
  const counted = (app: { fetch: (request: Request) => Response | Promise<Response> }) => async (request: Request) => {
    const response = await app.fetch(request)
    if (response.status === 429) tenant.throttled++
    return response
  }
  tenant.servers.push(await listen(counted(docebo.app), 0), await listen(counted(to.app), 0))
  return tenant
}

const children: RunningCli[] = []
let tenants: SimTenant[] = []
let apiUrl = ""
let store: { location: string; remove: () => Promise<void> } | undefined
let admin: pg.Pool | undefined
const env: NodeJS.ProcessEnv = {}

const call = async (tenant: SimTenant, method: string, path: string, body?: unknown) => {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${tenant.token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  return { status: response.status, json: <T>() => JSON.parse(text) as T, text }
}

const waitFor = async <T>(what: string, check: () => Promise<T | undefined>, ms = 60_000): Promise<T> => {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`${what}: not in ${ms} ms`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

const startWorker = () => {
  const worker = startCli(["worker", "--concurrency", "2"], env)
  children.push(worker)
  return worker
}

/** The process of a worker running a job of some tenant's that is applying now; killed with SIGKILL. */
const killAWorkerMidApply = async () => {
  const schema = queueSchema(env.ILTSYNC_DB ?? "")
  const pid = await waitFor("a worker running an apply", async () => {
    const applying = await Promise.all(
      tenants.map(async (tenant) =>
        (await call(tenant, "GET", "/jobs"))
          .json<{ progress: { phase: string } }[]>()
          .some((job) => job.progress.phase === "applying"),
      ),
    )
    for (const tenant of tenants.filter((_, index) => applying[index])) {
      const { rows } = await (admin as pg.Pool).query<{ pid: number }>(
        `select l.pid from ${schema}.iltsync_worker_leases l join ${schema}._private_jobs j on j.locked_by = l.worker_id
         join ${schema}._private_tasks t on t.id = j.task_id
         join ${schema}._private_job_queues q on q.id = j.job_queue_id
         where t.identifier = 'iltsync_job' and q.queue_name = $1`,
        [`tenant:${tenant.name}`],
      )
      if (rows[0] !== undefined) return rows[0].pid
    }
    return undefined
  })
  process.kill(pid, "SIGKILL")
  return pid
}

describe.skipIf(postgres === undefined)("12 tenants, one API process, three workers", () => {
  beforeAll(async () => {
    store = await (postgres as NonNullable<typeof postgres>).open()
    admin = new pg.Pool({ connectionString: store.location, max: 2 })
    tenants = await Promise.all(Array.from({ length: tenantCount }, (_, index) => startSimTenant(index)))
    Object.assign(env, {
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(DOCEBO_|TO_|ILTSYNC_)/.test(name))),
      ILTSYNC_DB: store.location,
      ILTSYNC_SECRET_KEY: randomBytes(32).toString("hex"),
      ILTSYNC_WORKER_LEASE_SECONDS: "3",
      ILTSYNC_RECONCILE_MINUTES: "1",
    })
    const registry = await openRegistry(env)
    try {
      for (const tenant of tenants) {
        const added = await registry.add(tenant.name, {
          operator: "ops",
          settings: { ILTSYNC_DOCEBO_MAIN_DOMAIN: "127.0.0.1" },
        })
        tenant.token = added.operators[0]?.token ?? ""
        const secret = added.webhookSecret
        // Each system's webhooks go to the tenant's own address, signed with its own secret, once the API listens.
        Object.assign(tenant, { secret })
      }
    } finally {
      await registry.close()
    }
    const api = startCli(["serve", "--no-worker", "--port", "0"], env)
    children.push(api)
    apiUrl = await waitFor(
      "the API listening",
      async () => /listening on (http:\/\/\S+)/.exec(api.output().stdout)?.[1],
      30_000,
    )
    for (let index = 0; index < workerCount; index++) startWorker()
    for (const tenant of tenants) {
      const [docebo, to] = tenant.servers.map((server) => server.url)
      const saved = await call(tenant, "PUT", "/credentials", {
        docebo: { url: docebo, ...DOCEBO_TEST_CREDENTIALS },
        to: { url: to, clientId: TO_TEST_CREDENTIALS.clientId, clientSecret: TO_TEST_CREDENTIALS.clientSecret },
      })
      expect(saved.status, saved.text).toBe(200)
      const secret = (tenant as unknown as { secret: string }).secret
      await simulatorControl(tenant.docebo.app, "/__sim/webhooks", {
        url: `${apiUrl}/webhooks/${tenant.name}/docebo`,
        secret,
      })
      await simulatorControl(tenant.to.app, "/__sim/webhooks", {
        url: `${apiUrl}/webhooks/${tenant.name}/training-orchestra`,
        secret,
      })
    }
  }, 180_000)

  afterAll(async () => {
    if (process.env.SHOW_WORKERS) {
      for (const child of children) console.log(child.output().stderr.slice(-3000), child.output().stdout.slice(-500))
      const first = tenants[0]
      if (first) console.log((await call(first, "GET", "/jobs")).text.slice(0, 3000))
    }
    for (const child of children) child.child.kill("SIGKILL")
    await Promise.all(children.map((child) => child.exited))
    await Promise.all(tenants.flatMap((tenant) => tenant.servers.map((server) => server.close())))
    await admin?.end()
    await store?.remove()
  })

  it("converge every tenant through crashes, once each, in their own systems, within their limits", async () => {
    for (const tenant of tenants) expect((await call(tenant, "POST", "/sync", {})).status).toBe(202)
    const killed = [await killAWorkerMidApply()]
    startWorker()
    // A TO planner renames a session of each tenant: its webhook brings the name to Docebo.
    const renamed = new Map<string, string>()
    for (const tenant of tenants) {
      const session = tenant.to.state.snapshot().sessions[0]
      if (session === undefined) continue
      const name = `Renamed for ${tenant.name}`
      await simulatorControl(tenant.to.app, "/__sim/act", {
        action: "update_session",
        id: session.id,
        changes: { name },
      })
      renamed.set(tenant.name, name)
    }
    killed.push(await killAWorkerMidApply().catch(() => -1))
    startWorker()

    // Every tenant's jobs end, then a last sync of each leaves nothing to do.
    for (const tenant of tenants) {
      await waitFor(`${tenant.name}'s jobs ending`, async () => {
        const jobs = (await call(tenant, "GET", "/jobs")).json<{ status: string }[]>()
        return jobs.length > 0 && jobs.every((job) => job.status === "succeeded" || job.status === "failed")
          ? true
          : undefined
      })
    }
    for (const tenant of tenants) {
      const plan = await call(tenant, "GET", "/plan")
      expect(plan.status).toBe(200)
      const ready = plan.json<{ ops: { status: string }[] }>().ops.filter((op) => op.status === "ready")
      expect(ready, `${tenant.name}'s plan`).toEqual([])
    }
    expect(killed.filter((pid) => pid > 0).length).toBeGreaterThanOrEqual(1)

    for (const tenant of tenants) {
      const docebo = tenant.docebo.state.snapshot()
      const to = tenant.to.state.snapshot()
      // No duplicate: one Docebo session per TO session and name in a course; one TO course per Docebo course.
      const sessionKeys = docebo.sessions.map((session) => `${session.id_course}/${session.name}`)
      expect(new Set(sessionKeys).size, `${tenant.name}'s Docebo sessions`).toBe(sessionKeys.length)
      const refs = to.courses.map((course) => course.external_ref).filter((ref) => ref !== null)
      expect(new Set(refs).size, `${tenant.name}'s TO courses`).toBe(refs.length)
      // Its own records only: as many TO courses made from Docebo as its own Docebo has courses, at most.
      expect(refs.length).toBeLessThanOrEqual(tenant.courses)
      expect(tenant.throttled, `${tenant.name}'s 429s`).toBe(0)
      const name = renamed.get(tenant.name)
      if (name !== undefined) expect(docebo.sessions.map((session) => session.name)).toContain(name)
    }

    // No two runs of one tenant overlapped, from each tenant's own runs table.
    for (const tenant of tenants) {
      const location = tenantLocation(env.ILTSYNC_DB ?? "", tenant.name)
      const db = new pg.Pool({ connectionString: location, max: 1 })
      try {
        const { rows } = await db.query<{ started_at: string; finished_at: string | null }>(
          "select started_at, finished_at from runs order by started_at",
        )
        expect(rows.length, `${tenant.name}'s runs`).toBeGreaterThan(0)
        for (let index = 1; index < rows.length; index++) {
          const previous = rows[index - 1]
          const current = rows[index]
          if (previous === undefined || current === undefined) continue
          expect(
            previous.finished_at !== null && previous.finished_at <= current.started_at,
            `${tenant.name}'s runs ${index - 1} and ${index}`,
          ).toBe(true)
        }
      } finally {
        await db.end()
      }
    }
  }, 600_000)
})
