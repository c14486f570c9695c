import { Effect, Exit, Layer, Random, Scope } from "effect"
import type { DoceboPort } from "../../../engine/Ports.ts"
import {
  DOCEBO_TEST_CREDENTIALS,
  type DoceboSeed,
  type DoceboSimulatorOptions,
} from "../../../simulators/docebo/index.ts"
import { doceboTestbed } from "../../../simulators/docebo/TestSupport.ts"
import { CallAccounting, CallAccountingLive } from "../../http/Calls.ts"
import { type Fetch, fetchFromApp } from "../../http/Fetch.ts"
import { inVirtualTime, trackInFlight, VirtualClock } from "../../http/testing/VirtualClock.ts"
import { makeMemoryLedger, RequestLedgers, type SpendLedger } from "../../http/Window.ts"
import { type DoceboBudget, DoceboBudgetLive, type DoceboBudgetSettings } from "../Budget.ts"
import type { DoceboHttpConfig } from "../Config.ts"
import { DoceboHttpLive } from "../DoceboHttp.ts"

export const testStart = Date.UTC(2025, 0, 6, 9, 0, 0)

export interface SimulatedDoceboOptions {
  readonly seed?: DoceboSeed
  readonly rateLimit?: { perHour: number; burst?: number }
  /** How the simulated tenant answers besides its records: Retry-After, optional endpoints. */
  readonly tenant?: Pick<DoceboSimulatorOptions, "profile" | "retryAfter" | "endpoints">
  readonly budget?: Partial<DoceboBudgetSettings>
  readonly config?: Partial<DoceboHttpConfig>
  /** Stands between the adapter and the simulator (to break answers on purpose). */
  readonly wrapFetch?: (fetch: Fetch) => Fetch
  /** Where the calls sent are counted: a fresh one in memory unless given (a restart's next process shares it). */
  readonly ledger?: SpendLedger
  /** Seeds the retries' jitter, so that a run's timing is the same every time. */
  readonly randomSeed?: string
}

/**
 * A Docebo simulator on a virtual clock and the HTTP adapter in front of it (in-process, through `app.request`).
 * `run` provides the adapter and moves virtual time along while the effect waits on it.
 */
export const simulatedDocebo = (options: SimulatedDoceboOptions = {}) =>
  Effect.gen(function* () {
    const clock = new VirtualClock(testStart)
    const sim = doceboTestbed({
      clock: { now: () => clock.unsafeCurrentTimeMillis() },
      seed: options.seed,
      rateLimit: options.rateLimit,
      ...options.tenant,
    })
    const wrap = options.wrapFetch ?? ((fetch: Fetch) => fetch)
    const tracked = trackInFlight(wrap(fetchFromApp(sim.app)))
    const ledger = options.ledger ?? makeMemoryLedger()
    const random = Random.make(options.randomSeed ?? "iltsync")
    const layer = DoceboHttpLive({
      baseUrl: "https://acme.docebosaas.com",
      credentials: { grant: "password", ...DOCEBO_TEST_CREDENTIALS },
      fetch: tracked.fetch,
      ...options.config,
    }).pipe(
      Layer.provideMerge(Layer.merge(DoceboBudgetLive(options.budget), CallAccountingLive)),
      Layer.provide(Layer.succeed(RequestLedgers, { of: () => ledger })),
    )
    // One "process": its budget, token and call counts, gone when it stops; the simulator and the ledger stay.
    const start = Effect.gen(function* () {
      const scope = yield* Scope.make()
      const context = yield* Layer.buildWithScope(layer, scope).pipe(Effect.withClock(clock))
      return { scope, context }
    })
    let process = yield* start
    yield* Effect.addFinalizer(() => Scope.close(process.scope, Exit.void))
    const run = <A, E>(effect: Effect.Effect<A, E, DoceboPort | DoceboBudget | CallAccounting>) =>
      Effect.suspend(() => inVirtualTime(Effect.provide(effect, process.context), clock, tracked.idle)).pipe(
        Effect.withRandom(random),
      )
    const callCount = run(Effect.flatMap(CallAccounting, (calls) => calls.total({ system: "docebo" })))
    /** A second process beside the first (a worker, the API process), with its own budget over the same ledger. */
    const another = Effect.gen(function* () {
      const other = yield* start
      yield* Effect.addFinalizer(() => Scope.close(other.scope, Exit.void))
      return <A, E>(effect: Effect.Effect<A, E, DoceboPort | DoceboBudget | CallAccounting>) =>
        Effect.suspend(() => inVirtualTime(Effect.provide(effect, other.context), clock, tracked.idle)).pipe(
          Effect.withRandom(random),
        )
    })
    /** The process stops and another starts in its place (with the same ledger), as a restart does. */
    const restart = Effect.gen(function* () {
      yield* Scope.close(process.scope, Exit.void)
      process = yield* start
    })
    return { sim, clock, run, callCount, restart, another }
  })
