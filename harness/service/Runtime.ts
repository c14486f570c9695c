/**
 * The service's one long-lived runtime: the store, both request budgets, the call accounting, the systems' adapters
 * (with their tokens), the runner, the jobs, the inbox and the background work. Every request and every job runs on
 * it, so they all share one budget per system and one token per client.
 */
import { ConfigProvider, type Duration, Layer, ManagedRuntime } from "effect"
import { DoceboBudgetLive, type DoceboBudgetSettings } from "../../adapters/docebo/Budget.ts"
import { CallAccountingLive } from "../../adapters/http/Calls.ts"
import type { SqliteOptions } from "../../adapters/store/Sqlite.ts"
import { ToBudgetLive, type ToBudgetSettings } from "../../adapters/training-orchestra/Budget.ts"
import { type SystemsFetch, storeLayer } from "../App.ts"
import { BackgroundLive } from "./Background.ts"
import type { ServiceClock } from "./Clock.ts"
import { DispatchLive, type WorkDispatch } from "./Dispatch.ts"
import { InboxLive } from "./Inbox.ts"
import { JobsLive } from "./Jobs.ts"
import { type RunsSnapshot, RunsThreadCounts } from "./Metrics.ts"
import { type CrossProcessLock, ProcessLock, ProcessLockLive } from "./ProcessLock.ts"
import { RunnerLive } from "./Runner.ts"
import { CredentialsReadableLive } from "./StoredCredentials.ts"
import { SystemsLive } from "./Systems.ts"

export interface RuntimeOptions {
  readonly databasePath: string
  readonly env: NodeJS.ProcessEnv
  readonly fetch?: SystemsFetch
  readonly clock: ServiceClock
  readonly reconcileInterval: Duration.Duration | null
  /** How long settled webhook deliveries are kept (to recognise a late retry) before they are pruned. */
  readonly webhookRetention: Duration.Duration
  /** The systems' published limits unless given (tests against unlimited simulators raise them). */
  readonly budgets?: { readonly docebo?: Partial<DoceboBudgetSettings>; readonly to?: Partial<ToBudgetSettings> }
  /** Where background work reports failures on iltsync's side. */
  readonly log: (line: string) => void
  /** Where jobs and webhook deliveries are worked: in this process unless given (Dispatch.ts). */
  readonly dispatch?: WorkDispatch
  /** Runs hold the tenant's lock across processes (PostgreSQL, with workers): the store's URL. */
  readonly crossProcessLock?: string
  /** Runs hold this lock too: the one this thread shares with the tenant's runs thread (RunsThread.ts). */
  readonly runLock?: CrossProcessLock
  /** How an SQLite store's connection shares the file with the runs thread's (Sqlite.ts). */
  readonly sqlite?: SqliteOptions
  /** The tenant's runs thread, whose counts `/metrics` adds to this thread's. */
  readonly runsThread?: { readonly metrics: () => Promise<RunsSnapshot> }
}

/** Settings read through Effect's `Config` (the store's `ILTSYNC_SECRET_KEY`) come from the given environment. */
const configFrom = (env: NodeJS.ProcessEnv) =>
  Layer.setConfigProvider(
    ConfigProvider.fromMap(
      new Map(Object.entries(env).flatMap(([key, value]) => (value === undefined ? [] : [[key, value] as const]))),
    ),
  )

export const serviceLayer = (options: RuntimeOptions) => {
  const base = Layer.mergeAll(
    DoceboBudgetLive(options.budgets?.docebo),
    ToBudgetLive(options.budgets?.to),
    CallAccountingLive,
  ).pipe(
    Layer.provideMerge(storeLayer(options.databasePath, options.sqlite ?? {})),
    Layer.provide(configFrom(options.env)),
  )
  const checked = CredentialsReadableLive.pipe(Layer.provideMerge(base))
  return BackgroundLive({
    reconcileInterval: options.reconcileInterval,
    webhookRetention: options.webhookRetention,
    clock: options.clock,
    log: options.log,
  }).pipe(
    Layer.provideMerge(InboxLive(options.clock, options.log)),
    Layer.provideMerge(JobsLive(options.clock, options.log)),
    Layer.provideMerge(RunnerLive),
    Layer.provideMerge(SystemsLive(options.env, options.fetch)),
    Layer.provideMerge(checked),
    Layer.provideMerge(DispatchLive(options.dispatch)),
    Layer.provideMerge(
      options.runsThread === undefined ? Layer.empty : Layer.succeed(RunsThreadCounts, options.runsThread.metrics),
    ),
    Layer.provideMerge(
      options.runLock !== undefined
        ? Layer.succeed(ProcessLock, options.runLock)
        : options.crossProcessLock === undefined
          ? Layer.empty
          : ProcessLockLive(options.crossProcessLock),
    ),
  )
}

export const makeServiceRuntime = (options: RuntimeOptions) => ManagedRuntime.make(serviceLayer(options))

export type ServiceRuntime = ReturnType<typeof makeServiceRuntime>
export type ServiceServices = ManagedRuntime.ManagedRuntime.Context<ServiceRuntime>
