/** The systems' request ledgers in the store, so that the budget a restart starts from is what is really left. */
import { Effect, Layer } from "effect"
import { RequestLedgers, type SpendLedger } from "../http/Window.ts"
import { Store } from "./Store.ts"

export const RequestLedgersLive = Layer.effect(
  RequestLedgers,
  Effect.map(Store, (store) => {
    const ledgerOf = (system: "docebo" | "to"): SpendLedger => ({
      // A store that cannot be read leaves the window as this process counts it: the sync goes on, logged.
      spentSince: (sinceMs) =>
        store.loadRequestSpend(system, sinceMs).pipe(
          Effect.tapError((error) => Effect.logWarning(`the ${system} request ledger could not be read`, error)),
          Effect.orElseSucceed(() => []),
        ),
      record: (atMs, windowMs) =>
        store.recordRequestSpend(system, atMs, windowMs).pipe(
          Effect.tapError((error) => Effect.logWarning(`a ${system} call could not be recorded`, error)),
          Effect.ignore,
        ),
    })
    return { of: ledgerOf }
  }),
)
