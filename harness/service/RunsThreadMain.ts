/**
 * The runs thread itself (RunsThread.ts): for each tenant opened on it, the tenant's service runtime on a store
 * connection of its own, working what the service's thread hands over (jobs, the inbox's wake-ups) and the service's
 * background work (recovery at start, the inbox's worker, pruning, the periodic reconcile), until it is closed.
 */
import { parentPort } from "node:worker_threads"
import { Cause, Duration, Effect, Fiber } from "effect"
import { CallAccounting } from "../../adapters/http/Calls.ts"
import { deserializeRequest } from "./Dispatch.ts"
import { Inbox } from "./Inbox.ts"
import { Jobs } from "./Jobs.ts"
import type { RunsSnapshot } from "./Metrics.ts"
import { describeFailure } from "./Problem.ts"
import { Runner, type SyncRequest } from "./Runner.ts"
import { emptySnapshot, type FromRunsThread, type TenantRunsSettings, type ToRunsThread } from "./RunsThread.ts"
import { makeServiceRuntime } from "./Runtime.ts"
import { runsThread, threadRunLock } from "./ThreadLock.ts"

const port = parentPort
if (port === null) throw new Error("RunsThreadMain.ts runs as a worker thread (RunsThread.ts starts it)")
const post = (message: FromRunsThread) => port.postMessage(message)

interface TenantRuns {
  readonly job: (jobId: string, request: SyncRequest) => void
  readonly wake: () => void
  readonly metrics: () => Promise<RunsSnapshot>
  readonly stop: (graceMs: number) => Promise<void>
}

/** A tenant being opened holds the messages that came meanwhile (after a restart, work stored since), in order. */
const tenants = new Map<number, TenantRuns | Array<ToRunsThread>>()

const openTenant = async (
  tenant: number,
  settings: TenantRunsSettings,
  lock: SharedArrayBuffer,
): Promise<TenantRuns | null> => {
  const log = (line: string) => post({ kind: "log", tenant, line })
  const runtime = makeServiceRuntime({
    databasePath: settings.databasePath,
    env: settings.env,
    clock: { now: () => Date.now() },
    reconcileInterval: settings.reconcileIntervalMs === null ? null : Duration.millis(settings.reconcileIntervalMs),
    webhookRetention: Duration.millis(settings.webhookRetentionMs),
    log,
    ...(settings.budgets ? { budgets: settings.budgets } : {}),
    // Here is the work a single process does (Background.ts starts it); the runs hold the tenant's shared lock.
    dispatch: { mode: "in-process" },
    runLock: threadRunLock(lock, runsThread),
    // The service's connection makes no checkpoints: this one does.
    sqlite: { checkpoints: "here" },
  })
  const built = await runtime
    .runPromise(Effect.all({ jobs: Jobs, inbox: Inbox, runner: Runner, calls: CallAccounting }))
    .catch(async (error: unknown) => {
      post({ kind: "failed", tenant, reason: describeFailure(error) })
      await runtime.dispose().catch(() => undefined)
      return null
    })
  if (built === null) return null
  const { jobs, inbox, runner, calls } = built
  const running = new Set<Fiber.RuntimeFiber<void, unknown>>()

  const job = (jobId: string, request: SyncRequest) => {
    const fiber = runtime.runFork(
      jobs
        .runQueued(jobId, request)
        .pipe(
          Effect.catchAllCause((cause) =>
            Cause.isInterruptedOnly(cause)
              ? Effect.void
              : Effect.sync(() => log(`iltsync: job ${jobId} failed: ${describeFailure(Cause.squash(cause))}`)),
          ),
        ),
    )
    running.add(fiber)
    fiber.addObserver(() => running.delete(fiber))
  }

  const metrics = () =>
    runtime.runPromise(
      Effect.gen(function* () {
        const waiting = yield* runner.lock.waiting
        return {
          runs: [...runner.counters.runs()],
          ops: [...runner.counters.ops()],
          calls: yield* calls.counts,
          runsWaiting: waiting.interactive + waiting.background,
        }
      }),
    )

  const stop = async (graceMs: number) => {
    await runtime.runPromise(
      Effect.zipRight(jobs.refuseNew, runner.lock.close.pipe(Effect.timeout(graceMs), Effect.ignore)),
    )
    // Past the grace a run is cut short: its job is marked failed, and the next start's recovery reads its journal.
    await runtime.runPromise(Fiber.interruptAll(running))
    await runtime.dispose()
  }

  return { job, wake: inbox.wake, metrics, stop }
}

const stopping = new Set<number>()

const close = (tenant: number, runs: TenantRuns, graceMs: number) => {
  stopping.add(tenant)
  void runs
    .stop(graceMs)
    .catch((error: unknown) => post({ kind: "log", tenant, line: `iltsync: closing the runs: ${String(error)}` }))
    .then(() => {
      tenants.delete(tenant)
      stopping.delete(tenant)
      post({ kind: "stopped", tenant })
    })
}

const handle = (message: ToRunsThread) => {
  const { tenant } = message
  const runs = tenants.get(tenant)
  if (message.kind === "open") {
    const held: Array<ToRunsThread> = []
    tenants.set(tenant, held)
    void openTenant(tenant, message.settings, message.lock).then((opened) => {
      if (opened === null) {
        tenants.delete(tenant)
        if (held.some((waiting) => waiting.kind === "stop")) post({ kind: "stopped", tenant })
        return
      }
      tenants.set(tenant, opened)
      post({ kind: "ready", tenant })
      for (const waiting of held) handle(waiting)
    })
    return
  }
  if (Array.isArray(runs)) {
    runs.push(message)
    return
  }
  if (message.kind === "metrics") {
    if (runs === undefined || stopping.has(tenant))
      post({ kind: "metrics", tenant, id: message.id, snapshot: emptySnapshot })
    else
      void runs
        .metrics()
        .catch(() => emptySnapshot)
        .then((snapshot) => post({ kind: "metrics", tenant, id: message.id, snapshot }))
    return
  }
  if (message.kind === "stop" && runs === undefined) {
    post({ kind: "stopped", tenant })
    return
  }
  // A job handed over while its tenant closes stays queued in the store; the next start's recovery ends it.
  if (runs === undefined || stopping.has(tenant)) return
  switch (message.kind) {
    case "job":
      runs.job(message.jobId, deserializeRequest(message.request))
      break
    case "inbox":
      runs.wake()
      break
    case "stop":
      close(tenant, runs, message.graceMs)
      break
  }
}

port.on("message", handle)
