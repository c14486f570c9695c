/**
 * A tenant's runs in a thread of their own (`serve`'s default on one machine). A run plans, decodes what it reads and
 * saves the known state in long synchronous stretches; on the thread that answers requests, each stretch held up
 * every webhook arriving meanwhile. Here the service's thread only records a job or a delivery and hands it over, as
 * it does to `iltsync worker` processes (Dispatch.ts), and the runs thread (RunsThreadMain.ts) works it on a store
 * connection of its own: the jobs, the inbox, recovery at start, pruning and the periodic reconcile. Both threads'
 * runs take one lock (ThreadLock.ts). A runs thread that dies is started again; its start recovers what it left.
 */
import { Worker } from "node:worker_threads"
import type { DoceboBudgetSettings } from "../../adapters/docebo/Budget.ts"
import type { ToBudgetSettings } from "../../adapters/training-orchestra/Budget.ts"
import { type QueuedSyncRequest, type SerializedRequest, serializeRequest, type WorkDispatch } from "./Dispatch.ts"
import type { RunsSnapshot } from "./Metrics.ts"
import type { CrossProcessLock } from "./ProcessLock.ts"
import { freeLockOf, makeLockCell, runsThread, serviceThread, threadRunLock } from "./ThreadLock.ts"

/** What the runs thread is started with: plain data, since nothing else crosses to a thread. */
export interface RunsThreadData {
  readonly entry: string
  readonly lock: SharedArrayBuffer
  readonly databasePath: string
  readonly env: Readonly<Record<string, string | undefined>>
  readonly reconcileIntervalMs: number | null
  readonly webhookRetentionMs: number
  readonly budgets?: { readonly docebo?: Partial<DoceboBudgetSettings>; readonly to?: Partial<ToBudgetSettings> }
}

export type ToRunsThread =
  | { readonly kind: "job"; readonly jobId: string; readonly request: SerializedRequest }
  | { readonly kind: "inbox" }
  | { readonly kind: "metrics"; readonly id: number }
  | { readonly kind: "stop"; readonly graceMs: number }

export type FromRunsThread =
  | { readonly kind: "ready" }
  | { readonly kind: "failed"; readonly reason: string }
  | { readonly kind: "log"; readonly line: string }
  | { readonly kind: "metrics"; readonly id: number; readonly snapshot: RunsSnapshot }
  | { readonly kind: "stopped" }

export interface RunsThread {
  /** How the service's thread hands work over. */
  readonly dispatch: WorkDispatch
  /** The run lock the service's thread holds for the runs it makes itself. */
  readonly lock: CrossProcessLock
  /** What the runs thread has counted since it started (its runs, their ops, its calls). */
  readonly metrics: () => Promise<RunsSnapshot>
  /** Resolves once the runs thread has opened the store and recovered what a stopped process left. */
  readonly start: () => Promise<void>
  /** Lets the run in progress finish within `graceMs` (past it, the journal recovers it), then ends the thread. */
  readonly stop: (graceMs: number) => Promise<void>
}

const bootScript = new URL("./RunsThreadBoot.mjs", import.meta.url)
const entryScript = new URL("./RunsThreadMain.ts", import.meta.url).href

export const emptySnapshot: RunsSnapshot = { runs: [], ops: [], calls: [], runsWaiting: 0 }

/** A runs thread that died is started again after this long, so a thread that dies at once does not spin. */
const restartDelayMs = 1_000
/** How long a thread asked to stop has beyond its grace before it is ended outright. */
const stopMarginMs = 5_000

export const makeRunsThread = (
  settings: Omit<RunsThreadData, "entry" | "lock">,
  log: (line: string) => void,
): RunsThread => {
  const lock = makeLockCell()
  const data: RunsThreadData = { ...settings, entry: entryScript, lock }
  let worker: Worker | null = null
  let stopping = false
  let exited: Promise<void> = Promise.resolve()
  let nextMetricsId = 0
  const metricsWaiting = new Map<number, (snapshot: RunsSnapshot) => void>()

  const post = (message: ToRunsThread) => {
    if (worker === null) throw new Error("the runs thread is not running")
    worker.postMessage(message)
  }

  /** Starts a thread; resolves once it is ready, rejects with why it could not start. */
  const launch = () =>
    new Promise<void>((resolve, reject) => {
      const thread = new Worker(bootScript, { workerData: data })
      worker = thread
      let ready = false
      thread.on("message", (message: FromRunsThread) => {
        switch (message.kind) {
          case "ready":
            ready = true
            resolve()
            break
          case "failed":
            reject(new Error(message.reason))
            break
          case "log":
            log(message.line)
            break
          case "metrics":
            metricsWaiting.get(message.id)?.(message.snapshot)
            metricsWaiting.delete(message.id)
            break
          case "stopped":
            break
        }
      })
      thread.on("error", (error) => {
        log(`iltsync: the runs thread failed: ${error.stack ?? error.message}`)
        if (!ready) reject(error)
      })
      exited = new Promise((ended) =>
        thread.once("exit", (code) => {
          if (worker === thread) worker = null
          freeLockOf(lock, runsThread)
          for (const [id, answer] of metricsWaiting) {
            answer(emptySnapshot)
            metricsWaiting.delete(id)
          }
          ended()
          if (!ready) reject(new Error(`the runs thread stopped as it started (exit code ${code})`))
          else if (!stopping) {
            log(`iltsync: the runs thread stopped (exit code ${code}); starting it again`)
            setTimeout(() => {
              if (!stopping) launch().catch((error: unknown) => log(`iltsync: the runs thread: ${String(error)}`))
            }, restartDelayMs)
          }
        }),
      )
    })

  const dispatch: WorkDispatch = {
    mode: "queued",
    job: async (jobId: string, request: QueuedSyncRequest) =>
      post({ kind: "job", jobId, request: serializeRequest(request) }),
    // A delivery stored while the thread is starting again is not lost: its start works off what is pending.
    inbox: async () => worker?.postMessage({ kind: "inbox" } satisfies ToRunsThread),
  }

  const metrics = () =>
    new Promise<RunsSnapshot>((resolve) => {
      if (worker === null) return resolve(emptySnapshot)
      const id = nextMetricsId++
      metricsWaiting.set(id, resolve)
      post({ kind: "metrics", id })
    })

  const stop = async (graceMs: number) => {
    stopping = true
    const thread = worker
    if (thread === null) return
    thread.postMessage({ kind: "stop", graceMs } satisfies ToRunsThread)
    const outright = setTimeout(() => void thread.terminate(), graceMs + stopMarginMs)
    await exited
    clearTimeout(outright)
  }

  return { dispatch, lock: threadRunLock(lock, serviceThread), metrics, start: launch, stop }
}
