import type { MiddlewareHandler } from "hono"
import type { OptionalEndpoints } from "./Config.ts"
import type { DoceboSimState } from "./State.ts"
import { type DoceboEnv, refuse } from "./Wire.ts"

/** An endpoint switched off answers as a route the tenant does not have: 404. */
export const whenOn =
  (sim: DoceboSimState, endpoint: keyof OptionalEndpoints): MiddlewareHandler<DoceboEnv> =>
  async (c, next) => {
    if (!sim.config.endpoints[endpoint]) return refuse(c, 404, `No route for ${c.req.method} ${c.req.path}`)
    await next()
  }
