import { Effect, Layer } from "effect"
import type { DoceboPort } from "../../../engine/Ports.ts"
import { DOCEBO_TEST_CREDENTIALS, type DoceboSeed } from "../../../simulators/docebo/index.ts"
import { doceboTestbed } from "../../../simulators/docebo/TestSupport.ts"
import { CallAccounting, CallAccountingLive } from "../../http/Calls.ts"
import { type Fetch, fetchFromApp } from "../../http/Fetch.ts"
import { inVirtualTime, trackInFlight, VirtualClock } from "../../http/testing/VirtualClock.ts"
import { type DoceboBudget, DoceboBudgetLive, type DoceboBudgetSettings } from "../Budget.ts"
import type { DoceboHttpConfig } from "../Config.ts"
import { DoceboHttpLive } from "../DoceboHttp.ts"

export const testStart = Date.UTC(2025, 0, 6, 9, 0, 0)

export interface SimulatedDoceboOptions {
  readonly seed?: DoceboSeed
  readonly rateLimit?: { perHour: number; burst?: number }
  readonly budget?: Partial<DoceboBudgetSettings>
  readonly config?: Partial<DoceboHttpConfig>
  /** Stands between the adapter and the simulator (to break answers on purpose). */
  readonly wrapFetch?: (fetch: Fetch) => Fetch
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
    })
    const wrap = options.wrapFetch ?? ((fetch: Fetch) => fetch)
    const tracked = trackInFlight(wrap(fetchFromApp(sim.app)))
    const layer = DoceboHttpLive({
      baseUrl: "https://acme.docebosaas.com",
      credentials: { grant: "password", ...DOCEBO_TEST_CREDENTIALS },
      fetch: tracked.fetch,
      ...options.config,
    }).pipe(Layer.provideMerge(Layer.merge(DoceboBudgetLive(options.budget), CallAccountingLive)))
    const context = yield* Layer.build(layer).pipe(Effect.withClock(clock))
    const run = <A, E>(effect: Effect.Effect<A, E, DoceboPort | DoceboBudget | CallAccounting>) =>
      inVirtualTime(Effect.provide(effect, context), clock, tracked.idle)
    const callCount = run(Effect.flatMap(CallAccounting, (calls) => calls.total({ system: "docebo" })))
    return { sim, clock, run, callCount }
  })
