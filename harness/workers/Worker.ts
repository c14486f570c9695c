/**
 * A worker process (`iltsync worker`): it takes every tenant's work from the queue (Queue.ts) and runs it, each task
 * on a runtime of that tenant's built for it (its store, its saved credentials, budgets that start from its ledger of
 * calls in PostgreSQL, so a tenant whose runs move between workers keeps one budget), disposed of afterwards.
 *
 * A crashed worker's job is taken over after its lease: each worker writes a heartbeat for its graphile-worker ids;
 * a worker that finds another's heartbeat older than the lease unlocks that worker's jobs and queues, and they run
 * again elsewhere (the run's journal recovers what the crashed run left). The periodic reconcile is graphile-worker's
 * own cron, which queues each active tenant's once per interval, whichever worker sees it first.
 */
import { randomUUID } from "node:crypto"
import { EventEmitter } from "node:events"
import { Duration, Effect } from "effect"
import {
  Logger,
  type ParsedCronItem,
  parseCronItems,
  type Runner,
  run,
  type Task,
  type WorkerEvents,
} from "graphile-worker"
import pg from "pg"
import type { DoceboBudgetSettings } from "../../adapters/docebo/Budget.ts"
import { isPostgresUrl } from "../../adapters/store/Postgres.ts"
import { Store } from "../../adapters/store/Store.ts"
import { defaultTenant } from "../../adapters/store/TenantStore.ts"
import { TenantRefused } from "../../adapters/store/Tenants.ts"
import type { ToBudgetSettings } from "../../adapters/training-orchestra/Budget.ts"
import type { SystemsFetch } from "../App.ts"
import { databasePath } from "../Config.ts"
import type { ServiceClock } from "../service/Clock.ts"
import { deserializeRequest, type SerializedRequest } from "../service/Dispatch.ts"
import { runOn } from "../service/Http.ts"
import { Inbox } from "../service/Inbox.ts"
import { Jobs } from "../service/Jobs.ts"
import { postgresRunLock } from "../service/ProcessLock.ts"
import { makeServiceRuntime, type ServiceServices } from "../service/Runtime.ts"
import { defaultWebhookRetention, ServiceRefused } from "../service/Settings.ts"
import { openRegistry } from "../tenants/Registry.ts"
import { openWorkQueue, priorityOf, tasks, tenantQueue } from "./Queue.ts"

export interface WorkerOptions {
  readonly env: NodeJS.ProcessEnv
  /** Tasks this process runs at once (each a different tenant's: a tenant's queue runs one at a time). */
  readonly concurrency?: number
  /** How long a silent worker keeps its jobs before another takes them over. */
  readonly leaseMs?: number
  readonly fetch?: SystemsFetch
  readonly budgets?: { readonly docebo?: Partial<DoceboBudgetSettings>; readonly to?: Partial<ToBudgetSettings> }
  readonly clock?: ServiceClock
  readonly log?: (line: string) => void
}

export interface StartedWorker {
  /** Stops taking tasks, lets the ones running finish, and closes its connections. */
  readonly stop: () => Promise<void>
  /** Resolves when the worker stops, by `stop` or because graphile-worker gave up. */
  readonly stopped: Promise<void>
}

const defaultLeaseMs = 30_000

/** `ILTSYNC_RECONCILE_MINUTES` (default 15; 0 turns it off) as a cron pattern. */
const reconcileCron = (env: NodeJS.ProcessEnv): ReadonlyArray<ParsedCronItem> => {
  const text = env.ILTSYNC_RECONCILE_MINUTES?.trim() || "15"
  const minutes = Number(text)
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 60)
    throw new ServiceRefused({
      reason: `ILTSYNC_RECONCILE_MINUTES must be a whole number of minutes from 0 to 60, not "${text}"`,
      hint: "0 turns the periodic reconcile off",
    })
  if (minutes === 0) return []
  return parseCronItems([
    { task: tasks.reconcileAll, match: minutes === 60 ? "0 * * * *" : `*/${minutes} * * * *`, options: {} },
  ])
}

/** graphile-worker speaks through iltsync's log, its warnings and errors only. */
const loggerFor = (log: (line: string) => void) =>
  new Logger(() => (level, message) => {
    if (level === "error" || level === "warning") log(`iltsync worker: ${message}`)
  })

/** Runs `work` holding a transaction-free advisory lock named `name`, on one connection of `pool`. */
const withAdvisoryLock = async <A>(pool: pg.Pool, name: string, work: () => Promise<A>): Promise<A> => {
  const client = await pool.connect()
  try {
    await client.query("select pg_advisory_lock(hashtext($1))", [name])
    try {
      return await work()
    } finally {
      await client.query("select pg_advisory_unlock(hashtext($1))", [name])
    }
  } finally {
    client.release()
  }
}

export const startWorker = async (options: WorkerOptions): Promise<StartedWorker> => {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const clock = options.clock ?? { now: () => Date.now() }
  const leaseMs = options.leaseMs ?? defaultLeaseMs
  const registry = await openRegistry(options.env)
  if (!isPostgresUrl(registry.main)) {
    await registry.close()
    throw new ServiceRefused({
      reason: "a worker needs a PostgreSQL store: the workers share its job queue",
      hint: "set ILTSYNC_DB to a postgres:// URL; with SQLite, `iltsync serve` does everything in one process",
    })
  }
  const queue = await openWorkQueue(registry.main)
  const pool = new pg.Pool({ connectionString: registry.main, max: 2, application_name: "iltsync-worker" })
  pool.on("error", () => {})
  const leases = `${queue.schema}.iltsync_worker_leases`

  /** Runs `work` on a runtime of tenant `tenant`'s, built for it; a tenant gone or disabled has nothing to run. */
  const withTenant = async <A>(tenant: string, work: Effect.Effect<A, unknown, ServiceServices>): Promise<A | null> => {
    let env: NodeJS.ProcessEnv
    try {
      env = await registry.envOf(tenant)
    } catch (error) {
      if (!(error instanceof TenantRefused)) throw error
      log(`iltsync worker: tenant ${tenant}'s task dropped: ${error.reason}`)
      return null
    }
    const location = databasePath(env)
    const runtime = makeServiceRuntime({
      databasePath: location,
      env,
      clock,
      reconcileInterval: null,
      webhookRetention: defaultWebhookRetention,
      log,
      dispatch: { mode: "worker" },
      crossProcessLock: location,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.budgets ? { budgets: options.budgets } : {}),
    })
    try {
      // Under the tenant's lock no run of it is live anywhere: a run still marked running was cut short.
      const closeInterrupted = postgresRunLock(location).hold(
        Effect.flatMap(Store, (store) => store.closeInterruptedRuns(new Date(clock.now()).toISOString())),
      )
      return await runOn(runtime)(Effect.zipRight(closeInterrupted, work))
    } finally {
      await runtime.dispose()
    }
  }

  const taskList: Record<string, Task> = {
    [tasks.job]: async (payload) => {
      const { tenant, jobId, request } = payload as { tenant: string; jobId: string; request: SerializedRequest }
      await withTenant(
        tenant,
        Effect.flatMap(Jobs, (jobs) => jobs.runQueued(jobId, deserializeRequest(request))),
      )
    },
    [tasks.inbox]: async (payload) => {
      const { tenant } = payload as { tenant: string }
      await withTenant(
        tenant,
        Effect.flatMap(Inbox, (inbox) => inbox.processPending),
      )
    },
    [tasks.reconcile]: async (payload) => {
      const { tenant } = payload as { tenant: string }
      await withTenant(
        tenant,
        Effect.zipRight(
          Effect.flatMap(Jobs, (jobs) =>
            jobs.runNow({ scope: { kind: "full" }, trigger: "schedule", actor: "scheduler", priority: "background" }),
          ),
          Effect.zipRight(
            // A delivery whose wake-up the queue did not take (the database briefly away) waits no longer than this.
            Effect.flatMap(Inbox, (inbox) => inbox.processPending),
            // Settled deliveries are kept for the retention only, as the single process prunes them.
            Effect.flatMap(Store, (store) =>
              store.pruneWebhooks(new Date(clock.now() - Duration.toMillis(defaultWebhookRetention)).toISOString()),
            ),
          ),
        ),
      )
    },
    [tasks.reconcileAll]: async (_payload, helpers) => {
      const tenants = (await registry.list()).filter((tenant) => tenant.disabledAt === null).map((t) => t.name)
      // The default tenant has work of its own only where it is served (its operators' tokens are set).
      const all = options.env.ILTSYNC_API_TOKEN ? [defaultTenant, ...tenants] : tenants
      for (const tenant of all) {
        await helpers.addJob(
          tasks.reconcile,
          { tenant },
          {
            queueName: tenantQueue(tenant),
            priority: priorityOf("background"),
            maxAttempts: 3,
            jobKey: `reconcile:${tenant}`,
            jobKeyMode: "preserve_run_at",
          },
        )
      }
    },
  }

  const workerIds = new Set<string>()
  // Listened to before the pool starts: its workers are made as it starts.
  const events: WorkerEvents = new EventEmitter()
  // A job is locked by the pool's id (graphile-worker 0.17 takes jobs for its workers as a pool), and by the
  // worker's in older modes: both are leased.
  events.on("pool:create", ({ workerPool }) => {
    workerIds.add(workerPool.id)
  })
  events.on("worker:create", ({ worker }) => {
    workerIds.add(worker.workerId)
  })
  const processId = `iltsync-${randomUUID()}`
  let runner: Runner
  try {
    // Workers starting together would race on the table's creation: one makes it, under a lock the others wait on.
    await withAdvisoryLock(pool, `${leases}:create`, () =>
      pool.query(
        `create table if not exists ${leases} (worker_id text primary key, process text not null, pid integer not null, beat_at timestamptz not null)`,
      ),
    )
    runner = await run({
      connectionString: registry.main,
      schema: queue.schema,
      concurrency: options.concurrency ?? 2,
      noHandleSignals: true,
      pollInterval: 1_000,
      logger: loggerFor(log),
      events,
      taskList,
      parsedCronItems: [...reconcileCron(options.env)],
    })
  } catch (error) {
    await Promise.all([pool.end(), queue.close(), registry.close()])
    throw error
  }

  const beat = async () => {
    for (const id of workerIds) {
      await pool.query(
        `insert into ${leases} (worker_id, process, pid, beat_at) values ($1, $2, $3, now())
         on conflict (worker_id) do update set beat_at = now()`,
        [id, processId, process.pid],
      )
    }
  }
  /** The workers of processes silent for longer than the lease: their jobs and queues are let go. */
  const sweep = async () => {
    const { rows } = await pool.query<{ worker_id: string }>(
      `delete from ${leases} where beat_at < now() - make_interval(secs => $1) and process <> $2 returning worker_id`,
      [leaseMs / 1000, processId],
    )
    const dead = rows.map((row) => row.worker_id)
    if (dead.length > 0) {
      await queue.utils.forceUnlockWorkers(dead)
      log(`iltsync worker: took over the jobs of ${dead.length} silent worker(s) (no heartbeat for ${leaseMs} ms)`)
    }
  }
  const heartbeat = setInterval(() => void beat().catch(() => undefined), Math.max(250, leaseMs / 4))
  const sweeper = setInterval(() => void sweep().catch(() => undefined), Math.max(500, leaseMs / 2))
  await beat().catch(() => undefined)

  let stopping: Promise<void> | null = null
  const stop = () => {
    stopping ??= (async () => {
      clearInterval(heartbeat)
      clearInterval(sweeper)
      await runner.stop().catch(() => undefined)
      await pool.query(`delete from ${leases} where process = $1`, [processId]).catch(() => undefined)
      await Promise.all([pool.end(), queue.close(), registry.close()])
    })()
    return stopping
  }
  const stopped = runner.promise.then(
    () => stop(),
    async (error: unknown) => {
      log(`iltsync worker: stopped: ${String(error)}`)
      await stop()
    },
  )
  return { stop, stopped }
}
