/**
 * The runs thread itself (RunsThread.ts): the tenant's service runtime on a store connection of its own, working in
 * this thread what the service's thread hands over (jobs, the inbox's wake-ups) and the service's background work
 * (recovery at start, the inbox's worker, pruning, the periodic reconcile), until it is asked to stop.
 */
import { parentPort, workerData } from "node:worker_threads"
import { Cause, Duration, Effect, Fiber } from "effect"
import { CallAccounting } from "../../adapters/http/Calls.ts"
import { deserializeRequest } from "./Dispatch.ts"
import { Inbox } from "./Inbox.ts"
import { Jobs } from "./Jobs.ts"
import { describeFailure } from "./Problem.ts"
import { Runner } from "./Runner.ts"
import { emptySnapshot, type FromRunsThread, type RunsThreadData, type ToRunsThread } from "./RunsThread.ts"
import { makeServiceRuntime } from "./Runtime.ts"
import { runsThread, threadRunLock } from "./ThreadLock.ts"

const port = parentPort
if (port === null) throw new Error("RunsThreadMain.ts runs as a worker thread (RunsThread.ts starts it)")
const data = workerData as RunsThreadData
const post = (message: FromRunsThread) => port.postMessage(message)
const log = (line: string) => post({ kind: "log", line })

const runtime = makeServiceRuntime({
  databasePath: data.databasePath,
  env: data.env,
  clock: { now: () => Date.now() },
  reconcileInterval: data.reconcileIntervalMs === null ? null : Duration.millis(data.reconcileIntervalMs),
  webhookRetention: Duration.millis(data.webhookRetentionMs),
  log,
  ...(data.budgets ? { budgets: data.budgets } : {}),
  // This thread does the work a single process does (Background.ts starts it); its runs hold the shared lock.
  dispatch: { mode: "in-process" },
  runLock: threadRunLock(data.lock, runsThread),
})

const started = await runtime
  .runPromise(Effect.all({ jobs: Jobs, inbox: Inbox, runner: Runner, calls: CallAccounting }))
  .catch(async (error: unknown) => {
    post({ kind: "failed", reason: describeFailure(error) })
    await runtime.dispose().catch(() => undefined)
    port.close()
    return null
  })

if (started !== null) {
  const { jobs, inbox, runner, calls } = started
  const running = new Set<Fiber.RuntimeFiber<void, unknown>>()
  let stopping: Promise<void> | null = null

  const runJob = (jobId: string, request: ReturnType<typeof deserializeRequest>) => {
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

  const snapshot = Effect.gen(function* () {
    const waiting = yield* runner.lock.waiting
    return {
      runs: [...runner.counters.runs()],
      ops: [...runner.counters.ops()],
      calls: yield* calls.counts,
      runsWaiting: waiting.interactive + waiting.background,
    }
  })

  const stop = (graceMs: number) =>
    (stopping ??= (async () => {
      await runtime.runPromise(
        Effect.zipRight(jobs.refuseNew, runner.lock.close.pipe(Effect.timeout(graceMs), Effect.ignore)),
      )
      // Past the grace a run is cut short: its job is marked failed, and the next start's recovery reads its journal.
      await runtime.runPromise(Fiber.interruptAll(running))
      await runtime.dispose()
      post({ kind: "stopped" })
      port.close()
    })())

  port.on("message", (message: ToRunsThread) => {
    if (stopping !== null) {
      // A job handed over now stays queued in the store; the next start's recovery ends it.
      if (message.kind === "metrics") post({ kind: "metrics", id: message.id, snapshot: emptySnapshot })
      return
    }
    switch (message.kind) {
      case "job":
        runJob(message.jobId, deserializeRequest(message.request))
        break
      case "inbox":
        inbox.wake()
        break
      case "metrics":
        void runtime
          .runPromise(snapshot)
          .then((counted) => post({ kind: "metrics", id: message.id, snapshot: counted }))
        break
      case "stop":
        void stop(message.graceMs)
        break
    }
  })
  post({ kind: "ready" })
}
