/**
 * Wiring: the layers a sync needs (the store and its engine ports, both HTTP adapters with their request budgets and
 * call accounting), and one function that runs a reconcile with them. The CLI, the service and the demo all go
 * through here, so they behave alike.
 */
import { Effect, Layer } from "effect"
import { DoceboBudgetLive } from "../adapters/docebo/Budget.ts"
import type { DoceboCredentials } from "../adapters/docebo/Config.ts"
import { DoceboHttpLive } from "../adapters/docebo/DoceboHttp.ts"
import { CallAccountingLive } from "../adapters/http/Calls.ts"
import type { Fetch } from "../adapters/http/Fetch.ts"
import type { RetrySettings } from "../adapters/http/Policy.ts"
import { RequestLedgersLive } from "../adapters/store/RequestLedgersLive.ts"
import { Store } from "../adapters/store/Store.ts"
import { StoreLive, type StoreOptions } from "../adapters/store/StoreLive.ts"
import { EngineStoreLive } from "../adapters/store/SyncStoreLive.ts"
import { ToBudgetLive } from "../adapters/training-orchestra/Budget.ts"
import { ToHttpLive } from "../adapters/training-orchestra/ToHttp.ts"
import { defaultHorizonDays, HorizonDays } from "../engine/Horizon.ts"
import { type Connections, type DoceboConnection, defaultStrategies } from "./Config.ts"

/** How both systems are reached: real HTTP unless given (in-process simulators in tests and the demo). */
export interface SystemsFetch {
  readonly docebo?: Fetch
  readonly to?: Fetch
}

export interface SystemsOptions {
  readonly connections: Connections
  /** In-process simulators instead of the network (the same adapters either way). */
  readonly fetch?: SystemsFetch
  /** Docebo's hourly limit, when the tenant's is not the usual 1,000. */
  readonly doceboLimitPerHour?: number
  /** How hard each call is retried, when not as hard as a sync's (a check an operator waits for). */
  readonly retry?: Partial<RetrySettings>
}

/** Docebo's grant for a connection: an API user's password grant when it names one, else the client's own. */
export const doceboCredentials = (docebo: DoceboConnection): DoceboCredentials =>
  docebo.username
    ? {
        grant: "password",
        clientId: docebo.clientId,
        clientSecret: docebo.clientSecret,
        username: docebo.username,
        password: docebo.password,
      }
    : { grant: "client_credentials", clientId: docebo.clientId, clientSecret: docebo.clientSecret }

/** The adapters of both systems over `connections`, sharing whatever budgets and accounting are provided. */
export const adaptersLayer = (
  { docebo, to, strategies = defaultStrategies }: Connections,
  fetch: SystemsFetch = {},
  retry?: Partial<RetrySettings>,
) =>
  Layer.mergeAll(
    DoceboHttpLive({
      baseUrl: docebo.url,
      credentials: doceboCredentials(docebo),
      stamps: strategies.stamps,
      instructorMark: strategies.instructorMark,
      mainDomain: strategies.mainDomain,
      ...(fetch.docebo ? { fetch: fetch.docebo } : {}),
      ...(retry ? { retry } : {}),
    }),
    ToHttpLive({
      baseUrl: to.url,
      clientId: to.clientId,
      clientSecret: to.clientSecret,
      ...(fetch.to ? { fetch: fetch.to } : {}),
      ...(retry ? { retry } : {}),
    }),
    // Which sessions a run reads is a setting of the connection, as where its stamps are kept is.
    Layer.succeed(HorizonDays, strategies.horizonDays === undefined ? defaultHorizonDays : strategies.horizonDays),
  )

/** Both systems behind the engine's ports, with one request budget per system and the call accounting. */
export const systemsLayer = (options: SystemsOptions) => {
  const shared = Layer.mergeAll(
    DoceboBudgetLive(options.doceboLimitPerHour === undefined ? {} : { limitPerHour: options.doceboLimitPerHour }),
    ToBudgetLive(),
    CallAccountingLive,
  )
  return adaptersLayer(options.connections, options.fetch, options.retry).pipe(Layer.provideMerge(shared))
}

/**
 * The store (opened and migrated) with the engine's journal and sync-state ports over it, and the ledgers of the
 * calls sent to each system (the request budgets start from them).
 */
export const storeLayer = (path: string, options: StoreOptions = {}) =>
  Layer.merge(EngineStoreLive, RequestLedgersLive).pipe(Layer.provideMerge(StoreLive(path, options)))

/** Clears what a process that died left running: its runs are closed, its jobs failed. */
export const recoverStartup = Effect.gen(function* () {
  const store = yield* Store
  const at = new Date().toISOString()
  yield* store.closeInterruptedRuns(at)
  yield* store.failInterruptedJobs("interrupted: the process stopped", at)
})
