/**
 * Runs on a thread of their own (`serve`'s default on one machine). A run plans, decodes what it reads and saves the
 * known state in long synchronous stretches; on the thread that answers requests, each stretch held up every webhook
 * arriving meanwhile. Here the service's thread only records a job or a delivery and hands it over, as it does to
 * `iltsync worker` processes (Dispatch.ts), and the runs thread (RunsThreadMain.ts) works it on a store connection of
 * its own: the jobs, the inbox, recovery at start, pruning and the periodic reconcile.
 *
 * One runs thread serves every tenant of the process, each on a runtime of its own there: a thread loads the whole
 * program again (about 170 MB), too much to pay per tenant. Each tenant's runs, on either thread, take that
 * tenant's lock (ThreadLock.ts). A runs thread that dies is started again and every tenant opened on it again; their
 * start recovers what the runs cut short left.
 */
import { Worker } from "node:worker_threads"
import type { DoceboBudgetSettings } from "../../adapters/docebo/Budget.ts"
import type { ToBudgetSettings } from "../../adapters/training-orchestra/Budget.ts"
import { type QueuedSyncRequest, type SerializedRequest, serializeRequest, type WorkDispatch } from "./Dispatch.ts"
import type { RunsSnapshot } from "./Metrics.ts"
import type { CrossProcessLock } from "./ProcessLock.ts"
import { freeLockOf, makeLockCell, runsThread, serviceThread, threadRunLock } from "./ThreadLock.ts"

/** What a tenant's runtime on the runs thread is built from: plain data, since nothing else crosses to a thread. */
export interface TenantRunsSettings {
  readonly databasePath: string
  readonly env: Readonly<Record<string, string | undefined>>
  readonly reconcileIntervalMs: number | null
  readonly webhookRetentionMs: number
  readonly budgets?: { readonly docebo?: Partial<DoceboBudgetSettings>; readonly to?: Partial<ToBudgetSettings> }
}

/** `tenant`: the number the service's thread gave the tenant's opening (one per `makeRunsThread`). */
export type ToRunsThread =
  | {
      readonly kind: "open"
      readonly tenant: number
      readonly settings: TenantRunsSettings
      readonly lock: SharedArrayBuffer
    }
  | { readonly kind: "job"; readonly tenant: number; readonly jobId: string; readonly request: SerializedRequest }
  | { readonly kind: "inbox"; readonly tenant: number }
  | { readonly kind: "metrics"; readonly tenant: number; readonly id: number }
  | { readonly kind: "stop"; readonly tenant: number; readonly graceMs: number }

export type FromRunsThread =
  | { readonly kind: "ready"; readonly tenant: number }
  | { readonly kind: "failed"; readonly tenant: number; readonly reason: string }
  | { readonly kind: "log"; readonly tenant: number; readonly line: string }
  | { readonly kind: "metrics"; readonly tenant: number; readonly id: number; readonly snapshot: RunsSnapshot }
  | { readonly kind: "stopped"; readonly tenant: number }

export interface RunsThread {
  /** How the service's thread hands the tenant's work over. */
  readonly dispatch: WorkDispatch
  /** The tenant's run lock, as the service's thread holds it for the runs it makes itself. */
  readonly lock: CrossProcessLock
  /** What the tenant's runtime on the runs thread has counted since it opened (runs, their ops, calls). */
  readonly metrics: () => Promise<RunsSnapshot>
  /** Resolves once the tenant's runtime there has opened its store and recovered what a stopped process left. */
  readonly start: () => Promise<void>
  /** Lets the tenant's run in progress finish within `graceMs` (past it, the journal recovers it), then closes it. */
  readonly stop: (graceMs: number) => Promise<void>
  /** The runs thread's id (`worker_threads`), null while none runs: every tenant of the process shares it. */
  readonly threadId: () => number | null
}

export const emptySnapshot: RunsSnapshot = { runs: [], ops: [], calls: [], runsWaiting: 0 }

const bootScript = new URL("./RunsThreadBoot.mjs", import.meta.url)
const entryScript = new URL("./RunsThreadMain.ts", import.meta.url).href

/** A runs thread that died is started again after this long, so a thread that dies at once does not spin. */
const restartDelayMs = 1_000
/** How long a tenant asked to stop has beyond its grace before the runs thread is ended outright. */
const stopMarginMs = 5_000

/** A tenant opened on the runs thread, as the service's thread follows it. */
interface Opened {
  readonly settings: TenantRunsSettings
  readonly lock: SharedArrayBuffer
  readonly log: (line: string) => void
  /** Settled by the thread's `ready` or `failed` for the latest opening. */
  opening: { readonly resolve: () => void; readonly reject: (error: Error) => void } | null
  stopped: (() => void) | null
}

/** The process's runs thread: started with the first tenant, ended with the last. */
const makeHost = () => {
  const opened = new Map<number, Opened>()
  const metricsWaiting = new Map<number, (snapshot: RunsSnapshot) => void>()
  let worker: Worker | null = null
  let nextTenant = 0
  let nextMetricsId = 0

  const send = (message: ToRunsThread) => worker?.postMessage(message)

  /** The last tenant closed: the thread ends; the next tenant to open starts another. */
  const retire = () => {
    const retired = worker
    worker = null
    void retired?.terminate()
  }

  const onMessage = (message: FromRunsThread) => {
    const tenant = opened.get(message.tenant)
    switch (message.kind) {
      case "ready":
        tenant?.opening?.resolve()
        if (tenant) tenant.opening = null
        break
      case "failed":
        if (tenant?.opening) tenant.opening.reject(new Error(message.reason))
        else tenant?.log(`iltsync: the runs thread could not open the store again: ${message.reason}`)
        opened.delete(message.tenant)
        break
      case "log":
        tenant?.log(message.line)
        break
      case "metrics":
        metricsWaiting.get(message.id)?.(message.snapshot)
        metricsWaiting.delete(message.id)
        break
      case "stopped":
        tenant?.stopped?.()
        opened.delete(message.tenant)
        if (opened.size === 0) retire()
        break
    }
  }

  const openOn = (tenant: number, entry: Opened) =>
    send({ kind: "open", tenant, settings: entry.settings, lock: entry.lock })

  const launch = () => {
    const thread = new Worker(bootScript, { workerData: { entry: entryScript } })
    worker = thread
    let failure: Error | null = null
    thread.on("message", onMessage)
    thread.on("error", (error) => {
      failure = error
      for (const entry of opened.values()) entry.log(`iltsync: the runs thread failed: ${error.stack ?? error.message}`)
    })
    thread.once("exit", (code) => {
      if (worker !== thread) return // retired with its last tenant
      worker = null
      for (const [id, answer] of metricsWaiting) {
        answer(emptySnapshot)
        metricsWaiting.delete(id)
      }
      for (const [tenant, entry] of opened) {
        freeLockOf(entry.lock, runsThread)
        if (entry.stopped !== null) {
          entry.stopped()
          opened.delete(tenant)
        } else if (entry.opening !== null) {
          // A service starting is told why rather than left waiting on a thread that may never start.
          entry.opening.reject(failure ?? new Error(`the runs thread stopped as it started (exit code ${code})`))
          opened.delete(tenant)
        }
      }
      if (opened.size === 0) return
      for (const entry of opened.values())
        entry.log(`iltsync: the runs thread stopped (exit code ${code}); starting it again`)
      setTimeout(() => {
        if (opened.size === 0 || worker !== null) return
        launch()
        for (const [tenant, entry] of opened) openOn(tenant, entry)
      }, restartDelayMs)
    })
  }

  const open = (settings: TenantRunsSettings, log: (line: string) => void): RunsThread => {
    const tenant = nextTenant++
    const lock = makeLockCell()

    const start = () =>
      new Promise<void>((resolve, reject) => {
        const entry: Opened = { settings, lock, log, opening: { resolve, reject }, stopped: null }
        opened.set(tenant, entry)
        if (worker === null) launch()
        openOn(tenant, entry)
      })

    const stop = async (graceMs: number) => {
      const entry = opened.get(tenant)
      const thread = worker
      if (entry === undefined) return
      if (thread === null) {
        // The thread died and is not started again yet: the tenant is not opened on the next one.
        opened.delete(tenant)
        return
      }
      const done = new Promise<void>((resolve) => {
        entry.stopped = resolve
      })
      send({ kind: "stop", tenant, graceMs })
      const outright = setTimeout(() => void thread.terminate(), graceMs + stopMarginMs)
      await done
      clearTimeout(outright)
    }

    const metrics = () =>
      new Promise<RunsSnapshot>((resolve) => {
        if (worker === null || !opened.has(tenant)) return resolve(emptySnapshot)
        const id = nextMetricsId++
        metricsWaiting.set(id, resolve)
        send({ kind: "metrics", tenant, id })
      })

    const dispatch: WorkDispatch = {
      mode: "queued",
      job: async (jobId: string, request: QueuedSyncRequest) => {
        if (worker === null) throw new Error("the runs thread is starting again")
        send({ kind: "job", tenant, jobId, request: serializeRequest(request) })
      },
      // A delivery stored while the thread starts again is not lost: the tenant's opening works off what is pending.
      inbox: async () => send({ kind: "inbox", tenant }),
    }

    const threadId = () => worker?.threadId ?? null

    return { dispatch, lock: threadRunLock(lock, serviceThread), metrics, start, stop, threadId }
  }

  /** Ends the thread as a crash or running out of memory would: its tenants are opened again on a new one. */
  const crash = async () => {
    await worker?.terminate()
  }

  return { open, crash }
}

let host: ReturnType<typeof makeHost> | null = null

/** Ends the process's runs thread as a crash would (a test of what follows). */
export const crashRunsThread = async () => {
  await host?.crash()
}

/** Opens a tenant's runs on the process's runs thread (started if it is not). */
export const makeRunsThread = (settings: TenantRunsSettings, log: (line: string) => void): RunsThread => {
  host ??= makeHost()
  return host.open(settings, log)
}
