/** `GET /metrics`: Prometheus' text format. */
import { Effect } from "effect"
import { Hono } from "hono"
import { CallAccounting } from "../../../adapters/http/Calls.ts"
import { Store } from "../../../adapters/store/Store.ts"
import type { ServiceEnv } from "../Auth.ts"
import type { RouteDeps } from "../Http.ts"
import { renderMetrics, runsThreadCounts, withRunsThread } from "../Metrics.ts"
import { Runner } from "../Runner.ts"

export const metricsRoutes = (deps: RouteDeps) =>
  new Hono<ServiceEnv>().get("/", async (c) => {
    const text = await deps.run(
      Effect.gen(function* () {
        const runner = yield* Runner
        const calls = yield* CallAccounting
        const store = yield* Store
        const waiting = yield* runner.lock.waiting
        const webhooks = yield* store.countWebhooksByStatus()
        const own = {
          runs: runner.counters.runs(),
          ops: runner.counters.ops(),
          calls: yield* calls.counts,
          runsWaiting: waiting.interactive + waiting.background,
        }
        const thread = yield* runsThreadCounts
        return renderMetrics({
          ...(thread === null ? own : withRunsThread(own, thread)),
          queueDepth: webhooks.pending,
          webhooks,
        })
      }),
    )
    return c.body(text, 200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" })
  })
