/**
 * `GET /doctor`: `iltsync doctor` through the service, with the connections in effect (saved credentials win over the
 * environment). The report is the answer whether or not every capability works: `ok` says which.
 */
import { Effect } from "effect"
import { Hono } from "hono"
import { runDoctor } from "../../doctor/Doctor.ts"
import type { ServiceEnv } from "../Auth.ts"
import { logAction, type RouteDeps } from "../Http.ts"
import { Systems } from "../Systems.ts"

export const doctorRoutes = (deps: RouteDeps, env: NodeJS.ProcessEnv) =>
  new Hono<ServiceEnv>().get("/", async (c) => {
    const report = await deps.run(
      Effect.gen(function* () {
        const systems = yield* Systems
        const report = yield* runDoctor({
          connections: yield* systems.connections,
          fetch: systems.fetch,
          publicUrl: env.ILTSYNC_PUBLIC_URL ?? null,
        })
        // It spends calls on both tenants: the log says who asked, and what it found.
        yield* logAction(c, deps.clock, { action: "doctor.run", details: { ok: report.ok, calls: report.calls.total } })
        return report
      }),
    )
    return c.json(report)
  })
