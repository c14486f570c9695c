/**
 * `makeService`: the whole service in-process. It opens the store (migrated, interrupted work cleared), starts the
 * webhook worker and the periodic reconcile (on the runs thread with `runs: "thread"`), and returns the Hono app, the runtime every request and job shares, and
 * `shutdown`, which stops taking work, lets the requests being answered and the run in progress finish (or, past the
 * grace, leaves the run to the journal to recover), and closes the store.
 */
import { Duration, Effect } from "effect"
import type { DoceboBudgetSettings } from "../../adapters/docebo/Budget.ts"
import type { ToBudgetSettings } from "../../adapters/training-orchestra/Budget.ts"
import type { SystemsFetch } from "../App.ts"
import { makeApp } from "./App.ts"
import type { ServiceClock } from "./Clock.ts"
import type { WorkDispatch } from "./Dispatch.ts"
import { runOn } from "./Http.ts"
import { makeInFlight } from "./InFlight.ts"
import { Jobs } from "./Jobs.ts"
import { Runner } from "./Runner.ts"
import { makeRunsThread, type RunsThread } from "./RunsThread.ts"
import { makeServiceRuntime, type ServiceRuntime } from "./Runtime.ts"
import { type ServiceSettings, serviceSettings } from "./Settings.ts"

export interface ServiceOptions {
  readonly databasePath: string
  /** Settings (INTERFACE.md's table); `process.env` when not given. */
  readonly env?: NodeJS.ProcessEnv
  /** In-process simulators instead of the network. */
  readonly fetch?: SystemsFetch
  /** The time of the service's own records (jobs, webhooks, operator events). */
  readonly clock?: ServiceClock
  /** The periodic full reconcile: `ILTSYNC_RECONCILE_MINUTES` (default 15) unless given; null turns it off. */
  readonly reconcileInterval?: Duration.DurationInput | null
  /** Lets the service start without `ILTSYNC_API_TOKEN`, the operator API then open. */
  readonly insecureDev?: boolean
  /** Take the caller's address from `x-forwarded-for`; `ILTSYNC_TRUST_PROXY` unless given. */
  readonly trustProxy?: boolean
  readonly budgets?: { readonly docebo?: Partial<DoceboBudgetSettings>; readonly to?: Partial<ToBudgetSettings> }
  /** Where the service reports its own failures; standard error unless given. */
  readonly log?: (line: string) => void
  /** Where jobs and webhook deliveries are worked: in this process unless given (Dispatch.ts). */
  readonly dispatch?: WorkDispatch
  /** Runs hold the tenant's lock across processes: the PostgreSQL store's URL (with workers). */
  readonly crossProcessLock?: string
  /**
   * Where runs happen when no worker process takes them: on the thread that answers requests (the default), or on
   * a thread of their own (RunsThread.ts), so that no run holds up a webhook's answer. A runs thread reaches the
   * systems over the network with the real clock: not with `fetch` or `clock` given.
   */
  readonly runs?: "in-process" | "thread"
}

export interface Service {
  readonly app: ReturnType<typeof makeApp>
  readonly runtime: ServiceRuntime
  /** The runs thread this service's runs go to (`runs: "thread"`), or null when they happen on this thread. */
  readonly runsThread: Pick<RunsThread, "threadId"> | null
  /** Idempotent; resolves once the store is closed. */
  readonly shutdown: (options?: { readonly grace?: Duration.DurationInput }) => Promise<void>
}

const defaultGrace = "20 seconds"

const runsThreadFor = (options: ServiceOptions, settings: ServiceSettings): RunsThread => {
  if (options.fetch !== undefined || options.clock !== undefined)
    throw new Error("a runs thread reaches the systems over the network, on the real clock: no fetch or clock")
  return makeRunsThread(
    {
      databasePath: options.databasePath,
      env: { ...(options.env ?? process.env) },
      reconcileIntervalMs: settings.reconcileInterval === null ? null : Duration.toMillis(settings.reconcileInterval),
      webhookRetentionMs: Duration.toMillis(settings.webhookRetention),
      ...(options.budgets ? { budgets: options.budgets } : {}),
    },
    options.log ?? ((line: string) => process.stderr.write(`${line}\n`)),
  )
}

/** Throws `ServiceRefused` (bad settings) or the store's error (it cannot be opened); nothing is left running then. */
export const makeService = async (options: ServiceOptions): Promise<Service> => {
  const env = options.env ?? process.env
  const settings = serviceSettings(env, {
    ...(options.insecureDev === undefined ? {} : { insecureDev: options.insecureDev }),
    ...(options.reconcileInterval === undefined ? {} : { reconcileInterval: options.reconcileInterval }),
    ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
  })
  const clock = options.clock ?? { now: () => Date.now() }
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const thread = options.runs === "thread" && options.dispatch === undefined ? runsThreadFor(options, settings) : null
  const runtime = makeServiceRuntime({
    databasePath: options.databasePath,
    env,
    clock,
    reconcileInterval: settings.reconcileInterval,
    webhookRetention: settings.webhookRetention,
    log,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.budgets ? { budgets: options.budgets } : {}),
    ...(options.dispatch ? { dispatch: options.dispatch } : {}),
    ...(options.crossProcessLock ? { crossProcessLock: options.crossProcessLock } : {}),
    ...(thread === null
      ? {}
      : {
          dispatch: thread.dispatch,
          runLock: thread.lock,
          runsThread: thread,
          sqlite: { checkpoints: "elsewhere" },
        }),
  })
  const run = runOn(runtime)
  try {
    await run(Effect.void)
    // Once the store is open and migrated here, the runs thread opens its own.
    await thread?.start()
  } catch (error) {
    await thread?.stop(0)
    await runtime.dispose()
    throw error
  }

  let stopping = false
  let stopped: Promise<void> | null = null
  const inFlight = makeInFlight()
  const shutdown = (shutdownOptions: { readonly grace?: Duration.DurationInput } = {}) => {
    stopped ??= (async () => {
      stopping = true
      const grace = Duration.decode(shutdownOptions.grace ?? defaultGrace)
      const here = run(
        Effect.gen(function* () {
          yield* Effect.flatMap(Jobs, (jobs) => jobs.refuseNew)
          const runner = yield* Runner
          // Requests first: one may be waiting for a run, which the closed lock would never let start.
          yield* Effect.promise(inFlight.drained).pipe(
            Effect.zipRight(runner.lock.close),
            Effect.timeout(grace),
            Effect.ignore,
          )
        }),
      ).catch(() => undefined)
      // The runs thread's run in progress gets the same grace, at the same time.
      await Promise.all([here, thread?.stop(Duration.toMillis(grace))])
      await runtime.dispose()
    })()
    return stopped
  }

  const app = makeApp({ run, settings, clock, env, stopping: () => stopping, inFlight, log })
  return { app, runtime, runsThread: thread, shutdown }
}
