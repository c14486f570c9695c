/**
 * `GET /webinar-accounts.csv`, the seed's *Download Webinar Account List*, and `GET /access`, its *Access your
 * Training Orchestra platform*.
 */
import { Effect } from "effect"
import { Hono } from "hono"
import { DoceboPort, RequestPriority } from "../../../engine/Ports.ts"
import { webinarAccountsCsv } from "../../Csv.ts"
import type { ServiceEnv } from "../Auth.ts"
import { logAction, type RouteDeps } from "../Http.ts"
import { Problem } from "../Problem.ts"
import { Systems } from "../Systems.ts"

export const webinarAccountRoutes = (deps: RouteDeps) =>
  new Hono<ServiceEnv>().get("/", async (c) => {
    const accounts = await deps.run(
      Effect.gen(function* () {
        const systems = yield* Systems
        const ports = yield* systems.ports
        // Read now rather than from the last run: the list is what Docebo holds when it is downloaded.
        const listing = yield* Effect.flatMap(DoceboPort, (docebo) => docebo.webinarAccounts()).pipe(
          Effect.provide(ports),
          Effect.locally(RequestPriority, "interactive"),
        )
        if (!listing.complete)
          return yield* Effect.die(new Problem(502, "Docebo's webinar account list could not be read in full"))
        yield* logAction(c, deps.clock, {
          action: "webinar-accounts.download",
          details: { accounts: listing.items.length },
        })
        return listing.items
      }),
    )
    return c.body(webinarAccountsCsv(accounts), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="webinar-accounts.csv"',
    })
  })

export const accessRoutes = (deps: RouteDeps) =>
  new Hono<ServiceEnv>().get("/", async (c) => {
    const links = await deps.run(Effect.flatMap(Systems, (systems) => systems.links))
    if (links.platformUrl === null) {
      throw new Problem(
        503,
        "the Training Orchestra platform URL is not configured: set TO_PLATFORM_URL or save the credentials",
      )
    }
    await deps.run(logAction(c, deps.clock, { action: "access.open" }))
    return c.redirect(links.platformUrl, 302)
  })
