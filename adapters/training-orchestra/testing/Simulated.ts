import { Effect, Layer } from "effect"
import type { ToPort } from "../../../engine/Ports.ts"
import { TO_TEST_CREDENTIALS, type ToSeed } from "../../../simulators/training-orchestra/index.ts"
import { toTestbed } from "../../../simulators/training-orchestra/TestSupport.ts"
import { CallAccounting, CallAccountingLive } from "../../http/Calls.ts"
import { type Fetch, fetchFromApp } from "../../http/Fetch.ts"
import { inVirtualTime, trackInFlight, VirtualClock } from "../../http/testing/VirtualClock.ts"
import { type ToBudget, ToBudgetLive, type ToBudgetSettings } from "../Budget.ts"
import type { ToHttpConfig } from "../Config.ts"
import { ToHttpLive } from "../ToHttp.ts"

export const testStart = Date.UTC(2025, 0, 6, 9, 0, 0)

export interface SimulatedToOptions {
  readonly seed?: ToSeed
  readonly rateLimit?: { perSecond: number; burst: number }
  readonly budget?: Partial<ToBudgetSettings>
  readonly config?: Partial<ToHttpConfig>
  /** Stands between the adapter and the simulator (to break answers on purpose). */
  readonly wrapFetch?: (fetch: Fetch) => Fetch
}

/**
 * A Training Orchestra simulator on a virtual clock and the HTTP adapter in front of it (in-process, through
 * `app.request`). `run` provides the adapter and moves virtual time along while the effect waits on it.
 */
export const simulatedTo = (options: SimulatedToOptions = {}) =>
  Effect.gen(function* () {
    const clock = new VirtualClock(testStart)
    const sim = toTestbed({
      clock: { now: () => clock.unsafeCurrentTimeMillis() },
      seed: options.seed,
      rateLimit: options.rateLimit,
    })
    const wrap = options.wrapFetch ?? ((fetch: Fetch) => fetch)
    const tracked = trackInFlight(wrap(fetchFromApp(sim.app)))
    const layer = ToHttpLive({
      baseUrl: "https://acme.trainingorchestra.example",
      clientId: TO_TEST_CREDENTIALS.clientId,
      clientSecret: TO_TEST_CREDENTIALS.clientSecret,
      fetch: tracked.fetch,
      ...options.config,
    }).pipe(Layer.provideMerge(Layer.merge(ToBudgetLive(options.budget), CallAccountingLive)))
    const context = yield* Layer.build(layer).pipe(Effect.withClock(clock))
    const run = <A, E>(effect: Effect.Effect<A, E, ToPort | ToBudget | CallAccounting>) =>
      inVirtualTime(Effect.provide(effect, context), clock, tracked.idle)
    const callCount = run(Effect.flatMap(CallAccounting, (calls) => calls.total({ system: "to" })))
    return { sim, clock, run, callCount }
  })
