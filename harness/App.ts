/**
 * Wiring: the layers a sync needs (the store and its engine ports, both HTTP adapters with their request budgets and
 * call accounting), and one function that runs a reconcile with them. The CLI, the service and the demo all go
 * through here, so they behave alike.
 */
import { Effect, Layer } from "effect"
import { DoceboBudgetLive } from "../adapters/docebo/Budget.ts"
import { DoceboHttpLive } from "../adapters/docebo/DoceboHttp.ts"
import { CallAccountingLive } from "../adapters/http/Calls.ts"
import type { Fetch } from "../adapters/http/Fetch.ts"
import { RequestLedgersLive } from "../adapters/store/RequestLedgersLive.ts"
import { Store } from "../adapters/store/Store.ts"
import { StoreLive } from "../adapters/store/StoreLive.ts"
import { EngineStoreLive } from "../adapters/store/SyncStoreLive.ts"
import { ToBudgetLive } from "../adapters/training-orchestra/Budget.ts"
import { ToHttpLive } from "../adapters/training-orchestra/ToHttp.ts"
import type { Connections } from "./Config.ts"

export interface SystemsOptions {
  readonly connections: Connections
  /** In-process simulators instead of the network (the same adapters either way). */
  readonly fetch?: { readonly docebo?: Fetch; readonly to?: Fetch }
  /** Docebo's hourly limit, when the tenant's is not the usual 1,000. */
  readonly doceboLimitPerHour?: number
}

/** Both systems behind the engine's ports, with one request budget per system and the call accounting. */
export const systemsLayer = (options: SystemsOptions) => {
  const { docebo, to } = options.connections
  const doceboCredentials = docebo.username
    ? ({
        grant: "password",
        clientId: docebo.clientId,
        clientSecret: docebo.clientSecret,
        username: docebo.username,
        password: docebo.password,
      } as const)
    : ({ grant: "client_credentials", clientId: docebo.clientId, clientSecret: docebo.clientSecret } as const)
  const adapters = Layer.merge(
    DoceboHttpLive({
      baseUrl: docebo.url,
      credentials: doceboCredentials,
      ...(options.fetch?.docebo ? { fetch: options.fetch.docebo } : {}),
    }),
    ToHttpLive({
      baseUrl: to.url,
      clientId: to.clientId,
      clientSecret: to.clientSecret,
      ...(options.fetch?.to ? { fetch: options.fetch.to } : {}),
    }),
  )
  const shared = Layer.mergeAll(
    DoceboBudgetLive(options.doceboLimitPerHour === undefined ? {} : { limitPerHour: options.doceboLimitPerHour }),
    ToBudgetLive(),
    CallAccountingLive,
  )
  return adapters.pipe(Layer.provideMerge(shared))
}

/**
 * The store (opened and migrated) with the engine's journal and sync-state ports over it, and the ledgers of the
 * calls sent to each system (the request budgets start from them).
 */
export const storeLayer = (path: string, options: { readonly mustExist?: boolean } = {}) =>
  Layer.merge(EngineStoreLive, RequestLedgersLive).pipe(Layer.provideMerge(StoreLive(path, options)))

/** Clears what a process that died left running: its runs are closed, its jobs failed. */
export const recoverStartup = Effect.gen(function* () {
  const store = yield* Store
  const at = new Date().toISOString()
  yield* store.closeInterruptedRuns(at)
  yield* store.failInterruptedJobs("interrupted: the process stopped", at)
})
